"""Run a sweep: validate, compute the chunks, store them, assemble the labelled Dataset.

:func:`sweep` and :func:`sweep_from_spec` are the entry points (also
``isingsc sweep SPEC.toml --out FILE.nc``); :func:`open_sweep` reads a result back.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from ..core.errors import ParameterError
from ..io.netcdf import open_dataset, write_netcdf
from ..io.provenance import provenance
from ..numerics.parallel import default_workers, progress_bar
from .backends import Results, chunk_results
from .spec import SweepPlan, plan_sweep, read_spec
from .store import ChunkStore, partial_path, stored_digest

__all__ = ["assemble", "open_sweep", "sweep", "sweep_from_spec"]

log = logging.getLogger(__name__)

_CONVENTION = (
    "time dependence exp(-i Omega t): sigma = sigma_1 + i sigma_2 with sigma_2 > 0 inductive, "
    "Im chi > 0 for Omega > 0 (unless option_convention says otherwise)"
)
_COORDINATES_NOTE = (
    "each swept or fixed parameter is given in the unit of the specification; if that is "
    "not Delta0, NAME_Delta0 holds the values in Delta0"
)


def assemble(plan: SweepPlan, chunks: Mapping[int, Mapping[str, NDArray[Any]]]) -> xr.Dataset:
    """The labelled Dataset of a finished sweep.

    Parameters
    ----------
    plan
        The sweep.
    chunks
        Every chunk's outputs (:func:`~isingsc.sweeps.backends.compute_chunk`), by index.

    Returns
    -------
    xarray.Dataset
        One variable per output, dimensions the grid axes (spectral last); coordinates
        in the units of the specification (and in Δ0 beside, if different); the
        attributes of :func:`isingsc.io.provenance` with the specification, its
        digest and the options.
    """
    shape = plan.outer_shape + ((plan.spectral.model.size,) if plan.spectral else ())
    data_vars = {}
    for o in plan.quantity.outputs:
        flat = np.concatenate([chunks[k][o.name] for k in range(plan.n_chunks)])
        data_vars[o.name] = (
            plan.dims,
            flat.reshape(shape),
            {"units": o.units, "long_name": o.long_name},
        )
    coords: dict[str, Any] = {}
    for axis in plan.all_axes:
        coords.update(axis.coords((axis.name,)))
    for value in plan.fixed:
        coords.update(value.coords(()))
    name = plan.quantity.name
    options = ", ".join(f"{k}={v!r}" for k, v in plan.options.items())
    attrs = provenance(
        method=f"isingsc.{name}({options})",
        title=f"isingsc sweep of {name}",
        quantity=name,
        function=f"isingsc.{name}",
        spec=json.dumps(plan.spec),
        spec_sha256=plan.digest,
        material=plan.material or "none",
        convention=_CONVENTION,
        coordinates_note=_COORDINATES_NOTE,
        **{f"option_{k}": v for k, v in plan.options.items()},
    )
    return xr.Dataset(data_vars, coords=coords, attrs=attrs)


def open_sweep(path: str | os.PathLike[str]) -> xr.Dataset:
    """Load a sweep result written by :func:`sweep` (complex variables rejoined).

    The same as :func:`isingsc.io.open_dataset`, which reads any file of the package.

    Parameters
    ----------
    path
        A netCDF file written with ``out=``; any netCDF-4 file works.

    Returns
    -------
    xarray.Dataset
        Loaded into memory (the file is closed).
    """
    return open_dataset(path)


def _counted(
    plan: SweepPlan, chunks: Results, done: Sequence[int], progress: bool | None
) -> Results:
    """Pass ``chunks`` through, counting grid points on a progress bar (stderr)."""
    with progress_bar(
        total=plan.n_points,
        initial=sum(plan.chunk_length(k) for k in done),
        desc=plan.quantity.name,
        unit="pt",
        smoothing=0.1,
        progress=progress,
    ) as bar:
        for k, arrays in chunks:
            bar.update(plan.chunk_length(k))
            yield k, arrays


def _to_file(
    plan: SweepPlan,
    dest: Path,
    *,
    workers: int | None,
    scheduler: Any,
    progress: bool | None,
    overwrite: bool,
) -> xr.Dataset:
    """Run ``plan`` into ``dest`` through its chunk store (the caller checked the rest)."""
    store = ChunkStore(partial_path(dest), plan)
    with store.locked():
        if dest.exists() and not overwrite:
            if stored_digest(dest) != plan.digest:
                raise FileExistsError(
                    f"{dest} exists (another sweep or file); pass --overwrite (overwrite=True) "
                    "to replace it, or choose another output file"
                )
            log.info("%s: already complete (same specification); nothing to do", dest)
            if store.digest() == plan.digest:
                store.clear()  # killed between the final write and the clean-up
            return open_sweep(dest)
        done = store.open(discard_other=overwrite)
        pending = [k for k in range(plan.n_chunks) if k not in set(done)]
        if done:
            log.info(
                "resuming %s: %d of %d chunks already computed, %d to go",
                dest,
                len(done),
                plan.n_chunks,
                len(pending),
            )
        results = chunk_results(plan, pending, workers=workers, scheduler=scheduler)
        try:
            for k, arrays in _counted(plan, results, done, progress):
                store.save(k, arrays)
        except KeyboardInterrupt:
            log.warning(
                "interrupted: %d of %d chunks saved in %s; run the same sweep again to resume",
                len(store.done()),
                plan.n_chunks,
                store.path,
            )
            raise
        ds = assemble(plan, store.load())
        write_netcdf(ds, dest, overwrite=overwrite)
        store.clear()
    log.info("wrote %s", dest)
    return ds


def sweep(
    quantity: str,
    grid: Mapping[str, Any] | None = None,
    fixed: Mapping[str, Any] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    material: str | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = True,
    overwrite: bool = False,
    chunk_size: int | None = None,
) -> xr.Dataset:
    """Evaluate a public observable over a parameter grid.

    Parameters
    ----------
    quantity
        Name of a public function (a key of :data:`~isingsc.sweeps.QUANTITIES`,
        e.g. ``"order_parameter"``, ``"conductivity"``).
    grid
        Parameter → values: a sequence, ``{"start", "stop", "num"}`` (optionally
        ``"scale": "log"``) or ``{"values": [...]}``, each optionally with
        ``"unit"``. Dimensions follow this order; the spectral parameter of the
        quantity (ε, Ω, ξ, …) is passed whole to each call and comes last.
    fixed
        Parameter → value: a plain number is in units of Δ0; ``"1.5 K"``,
        ``"0.01 Tc0"`` or ``{"value", "unit"}`` carry a unit; keyword-only options
        (``method``, …) are passed verbatim.
    out
        netCDF file to write (resumable and locked, see :mod:`isingsc.sweeps.store`);
        None: keep the result in memory only.
    material
        Material preset (:data:`isingsc.materials.MATERIALS`) for physical units.
    workers
        Local worker processes; 1: in this process; None:
        :func:`~isingsc.numerics.parallel.default_workers` (``$ISINGSC_WORKERS`` or
        one per core), unless the first chunk shows that the whole sweep takes less
        than :data:`~isingsc.sweeps.backends.POOL_THRESHOLD` seconds in this process.
    scheduler
        dask.distributed scheduler address (or a ``distributed.Client``): run the
        chunks on that cluster instead (``workers`` must then be None).
    progress
        Progress bar on stderr: True, False, or None (only on a terminal).
    overwrite
        Replace an existing ``out`` (and discard a partial sweep of another
        specification). Without it an existing ``out`` of the same specification
        is returned as is ("already complete"), any other raises.
    chunk_size
        Outer grid points per chunk (default: the grid split into at most
        :data:`~isingsc.sweeps.spec.TARGET_CHUNKS` chunks).

    Returns
    -------
    xarray.Dataset
        One variable per output of the quantity (complex where the function
        returns complex values), coordinates with ``units``, attributes
        ``quantity``, ``spec`` (JSON), ``spec_sha256``, ``method``,
        ``isingsc_version`` and the rest of :func:`isingsc.io.provenance`.

    Raises
    ------
    SpecError
        For an invalid specification, before anything is computed or written.
    SweepPointError
        If the quantity rejects the parameters at a grid point.
    SweepLockedError
        If another process is running a sweep to ``out``.
    FileExistsError
        If ``out`` or its partial directory belongs to another sweep.

    Notes
    -----
    Local worker processes are started with ``spawn``: a script that calls
    :func:`sweep` with ``workers != 1`` needs the ``if __name__ == "__main__":``
    guard. On a dask cluster every worker needs isingsc installed.

    Examples
    --------
    >>> import isingsc as isc
    >>> ds = isc.sweep("gap_edges", {"h": [0.0, 2.8]}, {"beta": 4.0, "Delta": 1.0},
    ...                progress=False)
    >>> ds["gap_ordinary"].values.round(4).tolist()
    [1.0, 0.8192]
    """
    spec: dict[str, Any] = {"quantity": quantity, "fixed": fixed or {}, "grid": grid or {}}
    if material is not None:
        spec["material"] = material
    if chunk_size is not None:
        spec["chunk_size"] = chunk_size
    return sweep_from_spec(
        spec,
        out=out,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        overwrite=overwrite,
    )


def sweep_from_spec(
    spec: str | os.PathLike[str] | Mapping[str, Any],
    *,
    out: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    scheduler: Any = None,
    progress: bool | None = True,
    overwrite: bool = False,
) -> xr.Dataset:
    """:func:`sweep` from a specification: a TOML file's path or the equivalent mapping.

    The keys are ``quantity``, ``material``, ``chunk_size``, ``fixed`` and ``grid``
    (format in :mod:`isingsc.sweeps`); the other arguments are those of :func:`sweep`.
    """
    plan = plan_sweep(spec if isinstance(spec, Mapping) else read_spec(spec))
    if workers is not None:
        if scheduler is not None:
            raise ParameterError("workers", workers, "None when a dask scheduler is given")
        default_workers(workers)  # raises for a bad value, before anything is computed
    if out is None:
        results = chunk_results(plan, range(plan.n_chunks), workers=workers, scheduler=scheduler)
        return assemble(plan, dict(_counted(plan, results, [], progress)))
    return _to_file(
        plan,
        Path(out),
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        overwrite=overwrite,
    )
