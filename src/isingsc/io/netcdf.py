"""netCDF-4 files (h5netcdf engine), written atomically, with complex variables as pairs.

netCDF-4 has no complex type (h5netcdf writes an HDF5 compound that most netCDF tools
do not read), so :func:`write_netcdf` stores each complex variable ``x`` as two float64
variables ``x_re`` and ``x_im`` (attributes ``complex_part``, ``complex_variable``) and
:func:`open_dataset` joins them again.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from .files import atomic_write

__all__ = ["join_complex", "open_dataset", "split_complex", "write_netcdf"]

_SUFFIX = {"real": "_re", "imag": "_im"}


def split_complex(ds: xr.Dataset) -> xr.Dataset:
    """Complex variables → ``NAME_re``, ``NAME_im`` float pairs (netCDF has no complex)."""
    complex_names = [name for name, var in ds.data_vars.items() if np.iscomplexobj(var)]
    if not complex_names:
        return ds
    out = ds.copy()
    for name in complex_names:
        var = ds[name]
        for part, suffix in _SUFFIX.items():
            attrs = {**var.attrs, "complex_part": part, "complex_variable": name}
            out[f"{name}{suffix}"] = (var.dims, getattr(var.values, part), attrs)
        out = out.drop_vars(name)
    out.attrs["complex_storage"] = (
        "complex variable X is stored as X_re and X_im (float64, attributes complex_part and "
        "complex_variable); isingsc.open_dataset joins them"
    )
    return out


def join_complex(ds: xr.Dataset) -> xr.Dataset:
    """Inverse of :func:`split_complex`."""
    out = ds.copy()
    for var in ds.data_vars.values():
        if var.attrs.get("complex_part") != "real":
            continue
        name = var.attrs["complex_variable"]
        imag = ds[f"{name}{_SUFFIX['imag']}"]
        attrs = {k: v for k, v in var.attrs.items() if not k.startswith("complex_")}
        out = out.drop_vars([var.name, imag.name])
        out[name] = (var.dims, var.values + 1j * imag.values, attrs)
    out.attrs.pop("complex_storage", None)
    return out


def write_netcdf(
    ds: xr.Dataset,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    compress: bool = True,
) -> Path:
    """Write ``ds`` to netCDF-4 (h5netcdf engine), atomically.

    Parameters
    ----------
    ds
        Dataset to write; complex variables are stored as ``_re``/``_im`` pairs.
    path
        Destination file; its directory is created if needed.
    overwrite
        Replace an existing file. If False (default) an existing ``path`` raises
        :class:`FileExistsError` and nothing is written.
    compress
        zlib-compress (level 4) every floating-point variable.

    Returns
    -------
    pathlib.Path
        The destination path.
    """
    dest = Path(path)
    if dest.exists() and not overwrite:
        raise FileExistsError(f"{dest} exists; pass overwrite=True to replace it")
    dest.parent.mkdir(parents=True, exist_ok=True)
    stored = split_complex(ds)
    encoding: Mapping[str, Mapping[str, Any]] = {}
    if compress:
        encoding = {
            name: {"zlib": True, "complevel": 4}
            for name, var in stored.variables.items()
            if np.issubdtype(var.dtype, np.floating) and var.ndim > 0
        }
    atomic_write(
        dest,
        lambda tmp: stored.to_netcdf(tmp, engine="h5netcdf", encoding=dict(encoding)),
        overwrite=overwrite,
    )
    return dest


def open_dataset(path: str | os.PathLike[str]) -> xr.Dataset:
    """Load a file written by :func:`write_netcdf` into memory, complex variables rejoined.

    Parameters
    ----------
    path
        Any netCDF-4 file.

    Returns
    -------
    xarray.Dataset
        Loaded into memory (the file is closed).
    """
    return join_complex(xr.load_dataset(path, engine="h5netcdf"))
