"""The resumable chunk store of a sweep written to ``FILE``, and its lock.

While a sweep runs, ``FILE.partial/`` holds

* ``sweep.json``: the specification and its SHA-256 digest (:attr:`SweepPlan.digest
  <isingsc.sweeps.spec.SweepPlan.digest>`), so that a different sweep is refused;
* ``chunk-NNNNNN.npz``: one file per finished chunk, each written atomically (a
  temporary file moved into place), so that a killed sweep leaves only complete chunks;
* ``lock``: the process that runs the sweep (pid, host, start time), created with
  ``O_EXCL`` so that a second run on the same output refuses instead of duplicating
  the work. A lock left by a process that no longer runs on this host is taken over
  (with a warning); one from another host must be removed by hand.

Running the same sweep again computes only the missing chunks; when all are there the
Dataset is written to ``FILE`` and the directory removed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import shutil
import socket
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from ..io.files import atomic_write
from ..io.provenance import package_version
from .spec import SweepPlan

__all__ = [
    "HEADER",
    "LOCK",
    "ChunkStore",
    "SweepLockedError",
    "partial_path",
    "stored_digest",
]

log = logging.getLogger(__name__)

#: Name of the header file in the partial directory.
HEADER = "sweep.json"
#: Name of the lock file in the partial directory.
LOCK = "lock"


class SweepLockedError(FileExistsError):
    """Another process is running a sweep to the same output file."""


def partial_path(dest: str | os.PathLike[str]) -> Path:
    """The partial directory of the output file ``dest``: ``dest`` + ``".partial"``."""
    dest = Path(dest)
    return dest.with_name(dest.name + ".partial")


def stored_digest(path: str | os.PathLike[str]) -> str | None:
    """The ``spec_sha256`` attribute of a finished sweep file (None: not a sweep file)."""
    try:
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            return ds.attrs.get("spec_sha256")
    except Exception:  # not a readable netCDF file: treat as foreign
        return None


def _save_npz(path: Path, arrays: Mapping[str, NDArray[Any]]) -> None:
    """``np.savez`` to exactly ``path`` (a path argument would get ".npz" appended)."""
    with path.open("wb") as f:
        np.savez(f, **arrays)


def _holder_alive(holder: Mapping[str, Any]) -> bool | None:
    """Whether the lock holder still runs: True, False, or None (cannot tell)."""
    if holder.get("host") != socket.gethostname() or os.name != "posix":
        return None
    try:
        os.kill(int(holder["pid"]), 0)  # signal 0: only checks that the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True


class ChunkStore:
    """The partial directory of a sweep: a header, one ``.npz`` file per chunk, a lock.

    Parameters
    ----------
    path
        The directory (:func:`partial_path` of the output file).
    plan
        The sweep whose chunks it stores.
    """

    def __init__(self, path: Path, plan: SweepPlan) -> None:
        self.path, self.plan = Path(path), plan

    def _chunk(self, k: int) -> Path:
        return self.path / f"chunk-{k:06d}.npz"

    @property
    def lock_path(self) -> Path:
        """The lock file."""
        return self.path / LOCK

    # -------------------------------------------------------------------------- lock
    def _read_lock(self, path: Path | None = None) -> dict[str, Any] | None:
        try:
            holder = json.loads((path or self.lock_path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return holder if isinstance(holder, dict) and "pid" in holder else None

    def _locked_error(self, holder: Mapping[str, Any] | None) -> SweepLockedError:
        who = (
            f"process {holder.get('pid')} on {holder.get('host')} (since {holder.get('started')})"
            if holder
            else "another process (unreadable lock)"
        )
        return SweepLockedError(
            f"{self.path} is in use: {who} is running a sweep to this output. Wait for it "
            f"to finish, or stop it; if that process is gone, delete {self.lock_path}"
        )

    def _take_over(self, stale: Mapping[str, Any]) -> None:
        """Remove the stale lock ``stale``, unless another process replaced it meanwhile."""
        moved = self.path / f".{LOCK}.{os.getpid()}.stale"
        try:
            os.rename(self.lock_path, moved)
        except FileNotFoundError:  # another process took it over first
            return
        if self._read_lock(moved) == stale:
            moved.unlink()
            log.warning(
                "%s: taking over the lock of process %s, which no longer runs",
                self.path,
                stale.get("pid"),
            )
            return
        try:  # that was another process's fresh lock: put it back
            os.link(moved, self.lock_path)
        except FileExistsError:  # a third process has locked meanwhile
            pass
        finally:
            moved.unlink()
        raise self._locked_error(self._read_lock())

    def acquire(self) -> None:
        """Create the directory and the lock file (``O_EXCL``).

        Raises
        ------
        SweepLockedError
            If a running process holds the lock, or a process on another host (or an
            unreadable lock) that this process cannot check.
        """
        record = json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
        )
        for _ in range(3):
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileNotFoundError:  # the directory was just removed by a finishing run
                continue
            except FileExistsError:
                holder = self._read_lock()
                if holder is None or _holder_alive(holder) is not False:
                    raise self._locked_error(holder) from None
                self._take_over(holder)
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(record)
            return
        raise self._locked_error(self._read_lock())

    def release(self) -> None:
        """Delete the lock file, and the directory if nothing else is left in it."""
        self.lock_path.unlink(missing_ok=True)
        try:
            self.path.rmdir()
        except OSError:  # chunks left to resume, or another run just started
            pass

    @contextmanager
    def locked(self) -> Iterator[ChunkStore]:
        """:meth:`acquire` … :meth:`release` (also on errors and Ctrl-C)."""
        self.acquire()
        try:
            yield self
        finally:
            self.release()

    # ------------------------------------------------------------------------ chunks
    def digest(self) -> str | None:
        """Digest recorded in the header (None: no readable header)."""
        try:
            return json.loads((self.path / HEADER).read_text(encoding="utf-8"))["spec_sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _leftovers(self) -> list[Path]:
        """Everything in the directory but the lock and temporary files."""
        if not self.path.is_dir():
            return []
        return [p for p in self.path.iterdir() if p.name != LOCK and not p.name.startswith(".")]

    def open(self, *, discard_other: bool) -> list[int]:
        """Start or resume this sweep (call with the lock held); returns the chunks done.

        Raises
        ------
        FileExistsError
            If the directory holds a sweep of another specification and not
            ``discard_other``.
        """
        if self.digest() == self.plan.digest:
            for tmp in self.path.glob(".*.tmp"):  # left by a kill during a write
                tmp.unlink()
            return self.done()
        if self._leftovers() and not discard_other:
            raise FileExistsError(
                f"{self.path} holds an unfinished sweep of a different specification "
                f"(see its {HEADER}); re-run that sweep to finish it, or pass "
                "--overwrite (overwrite=True) to discard it"
            )
        self.clear()
        self.path.mkdir(parents=True, exist_ok=True)
        header = {
            "spec_sha256": self.plan.digest,
            "spec": self.plan.spec,
            "n_chunks": self.plan.n_chunks,
            "chunk_size": self.plan.chunk_size,
            "isingsc_version": package_version(),
        }
        text = json.dumps(header, indent=2)
        atomic_write(self.path / HEADER, lambda p: p.write_bytes(text.encode()))
        return []

    def done(self) -> list[int]:
        """The chunks saved so far."""
        return [k for k in range(self.plan.n_chunks) if self._chunk(k).is_file()]

    def save(self, k: int, arrays: Mapping[str, NDArray[Any]]) -> None:
        """Write chunk ``k`` atomically."""
        atomic_write(self._chunk(k), functools.partial(_save_npz, arrays=arrays))

    def load(self) -> dict[int, dict[str, NDArray[Any]]]:
        """Every chunk (all must exist)."""
        out = {}
        for k in range(self.plan.n_chunks):
            with np.load(self._chunk(k)) as data:
                out[k] = {name: data[name] for name in data.files}
        return out

    def clear(self) -> None:
        """Delete the header and every chunk (the lock stays with its holder)."""
        if not self.path.is_dir():
            return
        for p in self.path.iterdir():
            if p.name == LOCK:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
