"""Atomic file output: a file appears under its final name only when it is complete."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(dest: Path, write: Callable[[Path], object], *, overwrite: bool = True) -> None:
    """Write ``dest`` through a hidden temporary file beside it, then move it into place.

    Parameters
    ----------
    dest
        Final path (same file system as the temporary file, so the move is atomic).
    write
        Called with the temporary path; must create that file. If it raises, the
        temporary file is removed and ``dest`` is untouched.
    overwrite
        Replace an existing ``dest`` (``os.replace``). If False, an existing ``dest``
        (also one that appears while ``write`` runs) raises :class:`FileExistsError`
        and nothing is written: the file is moved by a hard link, which fails rather
        than clobbers.
    """
    dest = Path(dest)
    if not overwrite and dest.exists():
        raise FileExistsError(f"{dest} exists; pass overwrite=True to replace it")
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        write(tmp)
        if overwrite:
            os.replace(tmp, dest)
            return
        try:
            os.link(tmp, dest)
        except FileExistsError:
            raise FileExistsError(f"{dest} exists; pass overwrite=True to replace it") from None
        except OSError:  # a file system without hard links
            if dest.exists():
                raise FileExistsError(f"{dest} exists; pass overwrite=True to replace it") from None
            os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
