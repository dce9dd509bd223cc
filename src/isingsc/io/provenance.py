"""One provenance record for every file the package writes (figures, sweeps, lasing maps).

:func:`provenance` returns netCDF-safe global attributes: the package version, the
energy unit, Tc0, the method *actually used* and every parameter, so that a file is
self-describing. :func:`netcdf_attr` and :func:`jsonable` convert single values for
netCDF attributes and JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np

from ..core.constants import TC0

__all__ = ["ENERGY_UNIT", "jsonable", "netcdf_attr", "package_version", "provenance"]

#: The unit string of every energy-like value in the package's files.
ENERGY_UNIT = "Delta0"


def package_version() -> str:
    """The installed isingsc version (``"0+unknown"`` when running from a bare source tree)."""
    try:
        return version("isingsc")
    except PackageNotFoundError:  # pragma: no cover - not installed
        return "0+unknown"


def netcdf_attr(value: Any) -> Any:
    """A value netCDF attributes accept: bool → int, None → "none", numpy scalar → Python."""
    if isinstance(value, bool | np.bool_):
        return int(value)
    if value is None:
        return "none"
    if isinstance(value, np.generic):
        return value.item()
    return value


def jsonable(value: Any) -> Any:
    """``value`` with numpy scalars/arrays, tuples and mappings turned into JSON types."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def provenance(*, method: str, **parameters: Any) -> dict[str, Any]:
    """Global attributes for a written Dataset.

    Parameters
    ----------
    method
        What computed the data: the public function and the numerical method that was
        actually used (not the default, when it was chosen automatically).
    **parameters
        Every physical parameter and setting, in units of Δ0 unless the name says
        otherwise (``None`` and bools are converted by :func:`netcdf_attr`).

    Returns
    -------
    dict
        ``isingsc_version``, ``energy_unit``, ``TC0``, ``method`` and the parameters.
    """
    attrs: dict[str, Any] = {
        "isingsc_version": package_version(),
        "energy_unit": f"{ENERGY_UNIT} (BCS gap at T = 0, h = 0); k_B T also in {ENERGY_UNIT}",
        "TC0": TC0,
        "TC0_description": "Tc at h = 0 in units of Delta0: exp(euler_gamma)/pi",
        "method": method,
    }
    attrs.update({key: netcdf_attr(value) for key, value in parameters.items()})
    return attrs
