"""Files: atomic writes, netCDF with complex variables, one provenance record.

Only this package, the sweeps' chunk store and :func:`isingsc.paper.reproduce` write
files, and only where the caller said.
"""

from .files import atomic_write
from .netcdf import join_complex, open_dataset, split_complex, write_netcdf
from .provenance import ENERGY_UNIT, jsonable, netcdf_attr, package_version, provenance

__all__ = [
    "ENERGY_UNIT",
    "atomic_write",
    "join_complex",
    "jsonable",
    "netcdf_attr",
    "open_dataset",
    "package_version",
    "provenance",
    "split_complex",
    "write_netcdf",
]
