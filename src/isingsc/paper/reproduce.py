"""Recompute the paper's figures into a folder: data, images and a manifest.

:func:`reproduce` is the Python API behind ``isingsc reproduce``. For each figure of
:data:`isingsc.paper.registry.FIGURES` it writes ``<id>.nc`` (the Dataset with every
parameter, :func:`isingsc.io.write_netcdf`), ``<id>.png`` and ``<id>.pdf`` (drawn by
:mod:`isingsc.plotting`, imported only here, when drawing), and one ``manifest.json``
listing every file with its size and SHA-256, the captions and the parameters.

Progress messages go to the ``logging`` logger ``isingsc.paper.reproduce`` (level INFO;
the command line shows them unless ``--quiet``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import logging
import os
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..core.errors import ParameterError
from ..io.files import atomic_write
from ..io.netcdf import write_netcdf
from ..io.provenance import jsonable, package_version
from ..numerics.parallel import progress_bar
from .common import shared_results
from .registry import FIGURES

__all__ = ["IMAGE_FORMATS", "MANIFEST", "reproduce"]

#: Name of the manifest written beside the figures.
MANIFEST = "manifest.json"
#: Image formats written for every figure (besides the ``.nc`` data file).
IMAGE_FORMATS = ("png", "pdf")

logger = logging.getLogger(__name__)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _json_text(value: Any) -> str:
    """Strict JSON of ``value``: numpy types converted, NaN and infinities as null."""
    loose = json.dumps(jsonable(value), allow_nan=True)
    strict = json.loads(loose, parse_constant=lambda _name: None)
    return json.dumps(strict, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _planned_files(fid: str) -> list[str]:
    return [f"{fid}.nc", *(f"{fid}.{ext}" for ext in IMAGE_FORMATS)]


def _old_manifest(path: Path, overwrite: bool) -> dict[str, Any]:
    """The existing manifest (to keep the entries of figures not remade), or {}."""
    if not path.exists():
        return {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(old, dict):
            raise ValueError("not a JSON object")
        return old
    except (OSError, ValueError) as exc:
        if overwrite:
            return {}
        raise FileExistsError(
            f"{path} exists but is not a readable isingsc manifest ({exc}); "
            "pass overwrite=True (--overwrite) to replace it"
        ) from None


def _write_figure(
    fid: str, out: Path, *, quick: bool, progress: bool | None, overwrite: bool, dpi: int
) -> dict[str, Any]:
    """Compute, write and draw one figure; its manifest entry."""
    spec = FIGURES[fid]
    version = package_version()
    t0 = time.perf_counter()
    logger.info("[%s] computing data ...", fid)
    ds = spec.compute(quick=quick, progress=progress)
    nc = write_netcdf(ds, out / f"{fid}.nc", overwrite=overwrite)
    logger.info("[%s] wrote %s; drawing ...", fid, nc)
    fig = spec.draw(ds)
    written = [nc]
    for ext in IMAGE_FORMATS:
        dest = out / f"{fid}.{ext}"
        meta = (
            {"Software": f"isingsc {version}", "Title": fid, "Description": spec.caption}
            if ext == "png"
            else {"Creator": f"isingsc {version}", "Title": fid, "CreationDate": None}
        )
        save = functools.partial(fig.savefig, format=ext, dpi=dpi, metadata=meta)
        atomic_write(dest, save, overwrite=overwrite)
        written.append(dest)
    elapsed = time.perf_counter() - t0
    logger.info("[%s] wrote %s (%.1f s)", fid, ", ".join(p.name for p in written), elapsed)
    return {
        "caption": spec.caption,
        "parameters": dict(ds.attrs),
        "isingsc_version": str(ds.attrs.get("isingsc_version", version)),
        "quick": bool(quick),
        "seconds": round(elapsed, 3),
        "files": [
            {
                "path": p.name,
                "figure": fid,
                "format": "netcdf4" if p.suffix == ".nc" else p.suffix[1:],
                "bytes": p.stat().st_size,
                "sha256": _sha256(p),
            }
            for p in written
        ],
    }


def reproduce(
    out: str | os.PathLike[str],
    *,
    quick: bool = False,
    only: Sequence[str] | None = None,
    overwrite: bool = False,
    progress: bool | None = None,
    dpi: int = 200,
    command: str | None = None,
) -> dict[str, Any]:
    """Recompute the paper's figures and write them, with their data, into ``out``.

    Parameters
    ----------
    out
        Output directory (created if missing).
    quick
        Coarse grids: a fast, low-resolution preview (for tests and the docs gallery).
    only
        Figure ids to make (keys of :data:`isingsc.paper.registry.FIGURES`); default all.
        The manifest keeps the entries of other figures whose files are still there.
    overwrite
        Replace existing output files. If False (default) nothing is computed when
        any planned file exists (:class:`FileExistsError`).
    progress
        Progress bars (over figures, and over the fields of the maps): True, False, or
        None (default) only on a terminal.
    dpi
        Resolution of the PNG files.
    command
        The command recorded in the manifest (default: this Python call).

    Returns
    -------
    dict
        The manifest written to ``out/manifest.json``: per figure its caption, every
        parameter (the Dataset's attributes), the seconds it took and its files (name,
        format, bytes, SHA-256).

    Raises
    ------
    isingsc.ParameterError
        Unknown figure id, ``out`` not a directory, ``dpi`` < 1.
    FileExistsError
        Output files exist and ``overwrite`` is False.

    Notes
    -----
    All figures are computed inside one :func:`isingsc.paper.common.shared_results`
    block, so the response maps of Figs. 5b and 5d are computed once.
    """
    ids = list(dict.fromkeys(only)) if only else list(FIGURES)
    unknown = [fid for fid in ids if fid not in FIGURES]
    if unknown:
        raise ParameterError("only", ", ".join(unknown), f"figure ids: {', '.join(FIGURES)}")
    if isinstance(dpi, bool) or int(dpi) != dpi or dpi < 1:
        raise ParameterError("dpi", dpi, "an integer >= 1")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ParameterError("out", str(folder), "a directory (or a path to create one at)")
    existing = [name for fid in ids for name in _planned_files(fid) if (folder / name).exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"refusing to overwrite existing output in {folder}: {', '.join(existing)} "
            "(pass overwrite=True, --overwrite on the command line, or choose another folder)"
        )
    manifest_path = folder / MANIFEST
    old = _old_manifest(manifest_path, overwrite)
    folder.mkdir(parents=True, exist_ok=True)
    version = package_version()
    logger.info(
        "isingsc %s: reproducing %s into %s%s",
        version,
        ", ".join(ids),
        folder,
        " (quick, low resolution)" if quick else "",
    )
    start = time.perf_counter()
    figures: dict[str, Any] = {}
    with shared_results():
        bar = progress_bar(ids, progress=progress, desc="figures", unit="fig", leave=False)
        for fid in bar:
            figures[fid] = _write_figure(
                fid, folder, quick=quick, progress=progress, overwrite=overwrite, dpi=dpi
            )
    kept = {
        fid: entry
        for fid, entry in (old.get("figures") or {}).items()
        if fid not in figures
        and isinstance(entry, dict)
        and all((folder / f.get("path", "")).is_file() for f in entry.get("files", []))
    }
    all_figures = {**kept, **figures}
    if command is None:
        command = (
            f"isingsc.paper.reproduce(out={str(folder)!r}, quick={quick!r}, "
            f"only={ids if only else None!r}, overwrite={overwrite!r}, dpi={dpi!r})"
        )
    manifest = {
        "generator": f"isingsc {version}",
        "isingsc_version": version,
        "created_utc": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "command": command,
        "python": platform.python_version(),
        "units": "energies in Delta0 (BCS gap at T = 0, h = 0); T also in Delta0 with "
        "T/Tc0 alongside; TC0 = exp(euler_gamma)/pi",
        "figures": all_figures,
        "files": [f for entry in all_figures.values() for f in entry.get("files", [])],
    }
    text = _json_text(manifest)
    atomic_write(manifest_path, lambda p: p.write_text(text, encoding="utf-8"))
    logger.info(
        "done: %d files and %s in %s (%.1f s)",
        len(figures) * (1 + len(IMAGE_FORMATS)),
        MANIFEST,
        folder,
        time.perf_counter() - start,
    )
    return json.loads(text)
