"""File output shared by the CLI, the figure datasets and the sweeps.

Two helpers: :func:`atomic_write` (a file appears under its final name only when
complete) and :func:`package_version` (the provenance stamp of every output).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "package_version"]


def atomic_write(dest: Path, write: Callable[[Path], object]) -> None:
    """Write ``dest`` through a hidden temporary file beside it, then ``os.replace``.

    Parameters
    ----------
    dest
        Final path. Replaced atomically if it exists (same file system).
    write
        Called with the temporary path; must create that file. If it raises, the
        temporary file is removed and ``dest`` is untouched.
    """
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        write(tmp)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def package_version() -> str:
    """The installed isingsc version (imported at call time: no import cycle)."""
    from .. import __version__

    return str(__version__)
