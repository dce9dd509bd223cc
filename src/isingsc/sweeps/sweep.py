"""Parameter sweeps: any public observable over a grid, as an :class:`xarray.Dataset`.

A sweep evaluates one public function of :mod:`isingsc` (the *quantity*) at every
point of a grid of its parameters and labels the results::

    import isingsc as isc
    ds = isc.sweep("order_parameter", grid={"T": {"start": 0.01, "stop": 0.6, "num": 25},
                                             "h": [0.0, 1.0, 2.0]}, fixed={"beta": 4.0})
    ds["Delta"]                       # dims (T, h), units of Δ0

    ds = isc.sweep_from_spec("examples/sweep_delta_T_h.toml", out="delta.nc")

The same from the command line: ``isingsc sweep SPEC.toml --out FILE.nc``.

Specification (TOML file, or the equivalent mapping)::

    quantity = "conductivity"          # a key of QUANTITIES
    material = "NbSe2"                 # optional: preset for physical units
    chunk_size = 4                     # optional: grid points per saved chunk

    [fixed]                            # scalar parameters and options
    beta = 4.0                         # plain numbers are in units of Δ0
    T = "1.5 K"                        # or {value = 1.5, unit = "K"}
    Gamma = {value = 0.01, unit = "Tc0"}
    method = "fft"                     # keyword-only options are passed verbatim

    [grid]                             # one dimension per entry, in this order
    h = {start = 0, stop = 10, num = 21, unit = "T"}
    Omega = {start = 0.01, stop = 6, num = 600}        # the spectral axis: vectorised
    # also: [0.5, 1.0, 2.0], {values = [1, 2], unit = "meV"}, scale = "log"

Units: numbers without a unit are in units of Δ0 (k_B T included); units are
those of :mod:`isingsc.units` ("Delta0", "Tc0", "meV", "K", "T" (tesla), "THz",
"cm-1"); physical units other than Tc0 need ``material``. Every energy parameter
(:data:`ENERGY_PARAMETERS`) accepts units; options do not and cannot be swept.

Evaluation. The grid is split into outer axes, evaluated one point per call,
and at most one *spectral* axis (ε of ``dos``, Ω of ``conductivity``, …, see
:attr:`Quantity.spectral`), passed as a whole array in each call. Outer points
are taken in C order and grouped into chunks of ``chunk_size`` points; chunks run
in-process (``workers=1``), in a local process pool (default, unless the first
chunk shows the sweep takes less than :data:`POOL_THRESHOLD` seconds; each worker
is limited to one BLAS/OpenMP thread) or on a dask.distributed cluster
(``scheduler=``).

Resuming. With ``out=FILE`` each finished chunk is saved atomically as
``FILE.partial/chunk-NNNNNN.npz`` beside ``FILE.partial/sweep.json``, which holds
the specification and its SHA-256 digest. Running the same sweep again (after
Ctrl-C, a kill or a crash) computes only the missing chunks; a different
specification is refused. When every chunk is there, the Dataset is written to
``FILE`` by :func:`isingsc.paper.datasets.write_netcdf` (a temporary file moved into
place) and the partial directory is removed.

Complex values (σ, χ, …) are complex in memory. netCDF-4 has no native complex
type (h5netcdf writes an HDF5 compound that most netCDF tools do not read as
complex), so in the file each complex variable ``x`` becomes two float64
variables ``x_re`` and ``x_im`` (attributes ``complex_part`` and
``complex_variable``), readable by any netCDF tool; :func:`open_sweep` (and
``isingsc plot``) join them again.

Note that ``isingsc.sweep`` is the function; this module is
``importlib.import_module("isingsc.sweep")``.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import math
import multiprocessing
import numbers
import os
import shutil
import signal
import threading
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from ..core.errors import ParameterError, UnitError
from ..io.files import atomic_write
from ..io.provenance import package_version
from ..paper.datasets import write_netcdf
from ..physics.dos import dos
from ..physics.gap import free_energy, gap_residual, order_parameter
from ..physics.phase import critical_field, critical_temperature, tricritical_point
from ..physics.response import (
    conductivity,
    conductivity_derivative,
    raman,
    raman_derivative,
    superfluid_weight,
)
from ..physics.spectrum import bogoliubov_branches, gap_edges, optical_gaps, spin_z
from ..physics.tunnelling import tunnelling_conductance
from ..pumping.conductivity import pumped_conductivity
from ..units import MATERIALS, TC0, get_material, split_quantity, to_model

__all__ = [
    "ENERGY_PARAMETERS",
    "QUANTITIES",
    "Output",
    "Quantity",
    "SpecError",
    "SweepPlan",
    "SweepPointError",
    "open_sweep",
    "plan_sweep",
    "read_spec",
    "sweep",
    "sweep_from_spec",
]

log = logging.getLogger(__name__)

MODEL_UNIT = "Delta0"
#: Format of the partial directory; part of the digest, so a change refuses old partials.
PARTIAL_FORMAT = 1
#: Default number of chunks a sweep is split into (fewer if it has fewer points).
TARGET_CHUNKS = 256
#: With ``workers=None``, a process pool is started only for sweeps whose remaining
#: chunks would take longer than this (seconds) in-process: starting the workers
#: (spawn, importing isingsc) costs about as much.
POOL_THRESHOLD = 2.0
#: Seconds between a worker process's checks that its parent is still alive.
PARENT_POLL = 1.0
_HEADER = "sweep.json"
_SPEC_KEYS = ("quantity", "material", "chunk_size", "fixed", "grid")
_RANGE_KEYS = ("start", "stop", "num", "scale", "unit")
_COMPLEX_SUFFIX = {"real": "_re", "imag": "_im"}

#: The energy parameters of the public functions (units of Δ0), with a description.
#: Only these accept units and can be swept; other parameters are options.
ENERGY_PARAMETERS: dict[str, str] = {
    "beta": "Ising spin-orbit coupling beta",
    "h": "in-plane Zeeman energy h",
    "T": "temperature k_B T",
    "Delta": "order parameter Delta",
    "Gamma": "Dynes relaxation rate Gamma",
    "eps": "quasiparticle energy epsilon",
    "xi": "normal-state energy xi",
    "Omega": "frequency hbar*Omega",
    "Omega_ph": "photon frequency hbar*Omega_ph",
    "Omega_m": "pump (magnon) frequency hbar*Omega_m",
    "h_m": "pump amplitude h_m",
    "V": "bias voltage eV",
    "broadening": "tip broadening",
}


class SpecError(ParameterError):
    """An invalid sweep specification; ``name`` is the offending key (``"grid.h.num"``)."""


class SweepPointError(ParameterError):
    """The quantity rejected a parameter at one grid point (named in the message)."""


# ----------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class Output:
    """One output variable of a quantity.

    Attributes
    ----------
    name
        Variable name in the Dataset.
    units
        Its unit (``"Delta0"``, ``"sigma_n"``, …).
    long_name
        Description.
    source
        Where it is in the function's result: None (the result itself), a tuple
        index, or a dataclass field name.
    """

    name: str
    units: str
    long_name: str
    source: int | str | None = None

    def pick(self, result: Any) -> Any:
        """This output's part of ``result``."""
        if self.source is None:
            return result
        if isinstance(self.source, int):
            return result[self.source]
        return getattr(result, self.source)


@dataclass(frozen=True)
class Quantity:
    """A sweepable public function of isingsc.

    Attributes
    ----------
    function
        The public function, called with keyword arguments.
    outputs
        Its output variables.
    spectral
        The vectorised (spectral-axis) parameter, or None: swept values of it are
        passed as one array per call and become the last dimension.
    """

    function: Callable[..., Any]
    outputs: tuple[Output, ...]
    spectral: str | None = None

    @property
    def name(self) -> str:
        """The function's name (the key of :data:`QUANTITIES`)."""
        return self.function.__name__

    @property
    def parameters(self) -> Mapping[str, inspect.Parameter]:
        """The function's parameters, from its signature."""
        return inspect.signature(self.function).parameters

    def evaluate(self, kwargs: Mapping[str, Any]) -> dict[str, NDArray[Any]]:
        """Call the function once; each output reshaped to the spectral argument's shape."""
        shape = np.shape(kwargs[self.spectral]) if self.spectral in kwargs else ()
        try:
            result = self.function(**kwargs)
        except ParameterError as exc:
            point = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if np.ndim(v) == 0)
            raise SweepPointError(
                exc.name, exc.value, f"{exc.allowed} (at {self.name}({point}))"
            ) from None
        return {o.name: np.reshape(np.asarray(o.pick(result)), shape) for o in self.outputs}


def _outputs(units: str, *names_long: tuple[str, str, int | str | None]) -> tuple[Output, ...]:
    return tuple(Output(name, units, long, source) for name, long, source in names_long)


_SIGMA, _CHI = "sigma_n", "chi_n"  # normal-state conductivity, Raman susceptibility

#: name → :class:`Quantity`: every public observable that can be swept.
QUANTITIES: dict[str, Quantity] = {
    q.name: q
    for q in (
        Quantity(
            order_parameter,
            _outputs(MODEL_UNIT, ("Delta", "stable self-consistent order parameter", None)),
        ),
        Quantity(
            critical_temperature,
            _outputs(MODEL_UNIT, ("Tc", "critical temperature k_B Tc(h), second-order line", None)),
        ),
        Quantity(
            critical_field,
            _outputs(
                MODEL_UNIT,
                ("h_second_order", "field where the normal state becomes unstable", "second_order"),
                ("h_first_order", "first-order transition field (NaN: none)", "first_order"),
                ("h_transition", "thermodynamic transition field", "transition"),
            ),
        ),
        Quantity(
            tricritical_point,
            _outputs(
                MODEL_UNIT,
                ("T_tcp", "tricritical temperature k_B T", 0),
                ("h_tcp", "tricritical field", 1),
            ),
        ),
        Quantity(
            gap_edges,
            _outputs(
                MODEL_UNIT,
                ("gap_ordinary", "ordinary gap edge Delta_ord", 0),
                ("gap_mirage_minus", "mirage gap edge Delta_-", 1),
                ("gap_mirage_plus", "mirage gap edge Delta_+", 2),
            ),
        ),
        Quantity(
            optical_gaps,
            _outputs(
                MODEL_UNIT,
                ("Omega_I", "optical gap I = 2 Delta_ord", 0),
                ("Omega_II", "optical gap II = Delta_ord + Delta_-", 1),
                ("Omega_III", "optical gap III = Delta_ord + Delta_+", 2),
            ),
        ),
        Quantity(
            bogoliubov_branches,
            _outputs(
                MODEL_UNIT,
                ("E_upper", "upper Bogoliubov branch", 0),
                ("E_lower", "lower Bogoliubov branch", 1),
            ),
            spectral="xi",
        ),
        Quantity(
            spin_z,
            _outputs(
                "hbar",
                ("Sz_upper", "spin projection <S_z>, upper branch", 0),
                ("Sz_lower", "spin projection <S_z>, lower branch", 1),
            ),
            spectral="xi",
        ),
        Quantity(dos, _outputs("N0", ("N", "density of states N(eps)", None)), spectral="eps"),
        Quantity(
            free_energy,
            _outputs("N0*Delta0^2", ("F", "free energy Omega_s(Delta) - Omega_n", None)),
        ),
        Quantity(gap_residual, _outputs(MODEL_UNIT, ("R", "residual of the gap equation", None))),
        Quantity(
            conductivity,
            _outputs(_SIGMA, ("sigma", "conductivity sigma", None)),
            spectral="Omega",
        ),
        Quantity(
            raman,
            _outputs(_CHI, ("chi", "Raman susceptibility chi", None)),
            spectral="Omega",
        ),
        Quantity(
            conductivity_derivative,
            _outputs(f"{_SIGMA}/Delta0", ("dsigma_dOmega", "d sigma/d Omega", None)),
            spectral="Omega",
        ),
        Quantity(
            raman_derivative,
            _outputs(f"{_CHI}/Delta0", ("dchi_dOmega", "d chi/d Omega", None)),
            spectral="Omega",
        ),
        Quantity(
            superfluid_weight,
            _outputs(
                f"{_SIGMA}*Delta0",
                ("D_s", "superfluid weight lim Omega sigma_2(Omega)", None),
            ),
        ),
        Quantity(
            tunnelling_conductance,
            _outputs("G_N", ("G", "N-I-S differential conductance G(V)", None)),
            spectral="V",
        ),
        Quantity(
            pumped_conductivity,
            _outputs(_SIGMA, ("sigma", "time-averaged conductivity sigma under pumping", None)),
            spectral="Omega_ph",
        ),
    )
}


# --------------------------------------------------------------------------------- plan
@dataclass(frozen=True)
class Values:
    """Values of one energy parameter: as given (in ``unit``) and in units of Δ0."""

    name: str
    given: NDArray[np.float64]
    unit: str
    model: NDArray[np.float64]

    def coords(self, dims: tuple[str, ...]) -> dict[str, Any]:
        """Coordinates: the given values (in their unit) and, if not Δ0, the Δ0 values."""
        long = ENERGY_PARAMETERS[self.name]
        out = {self.name: (dims, self.given, {"units": self.unit, "long_name": long})}
        if self.unit != MODEL_UNIT:
            out[f"{self.name}_{MODEL_UNIT}"] = (
                dims,
                self.model,
                {"units": MODEL_UNIT, "long_name": f"{long} in units of Delta0"},
            )
        return out

    def record(self) -> list[Any]:
        """JSON form for the digest (exact floats)."""
        return [self.name, self.unit, self.given.tolist(), self.model.tolist()]


@dataclass(frozen=True)
class SweepPlan:
    """A validated sweep: what to call at which points, and how the grid is chunked.

    Attributes
    ----------
    quantity
        The quantity.
    material
        Material preset used for physical units (or None).
    fixed
        Fixed energy parameters (0-d :class:`Values`).
    options
        Fixed keyword-only options, passed verbatim.
    axes
        Outer grid axes, in order (one call per point).
    spectral
        The swept spectral axis (one array per call), or None.
    chunk_size
        Outer grid points per chunk.
    spec
        The specification as given (JSON-compatible), for the Dataset attributes.
    """

    quantity: Quantity
    material: str | None
    fixed: tuple[Values, ...]
    options: dict[str, Any]
    axes: tuple[Values, ...]
    spectral: Values | None
    chunk_size: int
    spec: dict[str, Any]

    @property
    def outer_shape(self) -> tuple[int, ...]:
        """Shape of the outer grid."""
        return tuple(a.model.size for a in self.axes)

    @property
    def n_points(self) -> int:
        """Number of outer grid points (function calls)."""
        return math.prod(self.outer_shape)

    @property
    def n_chunks(self) -> int:
        """Number of chunks."""
        return math.ceil(self.n_points / self.chunk_size)

    @property
    def dims(self) -> tuple[str, ...]:
        """Dimensions of every output variable."""
        return tuple(a.name for a in self.all_axes)

    @property
    def all_axes(self) -> tuple[Values, ...]:
        """Outer axes followed by the spectral axis."""
        return self.axes + ((self.spectral,) if self.spectral else ())

    @cached_property
    def digest(self) -> str:
        """SHA-256 of everything that determines the results and the chunk layout."""
        record = {
            "format": PARTIAL_FORMAT,
            "quantity": self.quantity.name,
            "material": self.material,
            "fixed": [v.record() for v in self.fixed],
            "options": self.options,
            "axes": [a.record() for a in self.axes],
            "spectral": self.spectral.record() if self.spectral else None,
            "chunk_size": self.chunk_size,
        }
        text = json.dumps(record, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def chunk_length(self, k: int) -> int:
        """Number of points in chunk ``k``."""
        return min(self.chunk_size, self.n_points - k * self.chunk_size)

    def task(self, k: int) -> tuple[str, dict[str, Any], list[dict[str, float]]]:
        """Arguments of :func:`_compute_chunk` for chunk ``k``."""
        common: dict[str, Any] = {v.name: float(v.model) for v in self.fixed}
        common.update(self.options)
        if self.spectral:
            common[self.spectral.name] = self.spectral.model
        if not self.axes:  # a single point
            return self.quantity.name, common, [{}]
        start = k * self.chunk_size
        index = np.unravel_index(np.arange(start, start + self.chunk_length(k)), self.outer_shape)
        points = [
            {a.name: float(a.model[i]) for a, i in zip(self.axes, point, strict=True)}
            for point in zip(*index, strict=True)
        ]
        return self.quantity.name, common, points


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _jsonable(obj: Any) -> Any:
    """Mappings, sequences and numpy values → JSON-compatible Python values."""
    if isinstance(obj, Mapping):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray | list | tuple):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _finite(key: str, x: Any) -> float:
    if not _is_number(x) or not math.isfinite(x):
        raise SpecError(key, x, "a finite number")
    return float(x)


def _value_unit(key: str, given: Any) -> tuple[float, str, str]:
    """A number (Δ0), ``"2.5 T"`` or ``{value = 2.5, unit = "T"}`` → (value, unit, unit's key)."""
    if _is_number(given):
        return _finite(key, given), MODEL_UNIT, key
    if isinstance(given, str):
        try:
            value, unit = split_quantity(given, name=key)
        except UnitError:
            raise SpecError(key, given, "'<number> [unit]', e.g. '2.5 T'") from None
        return _finite(key, value), unit or MODEL_UNIT, key
    if isinstance(given, Mapping):
        if set(given) - {"value", "unit"} or "value" not in given:
            raise SpecError(key, dict(given), "a table {value = NUMBER, unit = UNIT}")
        return (
            _finite(f"{key}.value", given["value"]),
            given.get("unit") or MODEL_UNIT,
            f"{key}.unit",
        )
    raise SpecError(key, given, "a number (units of Delta0), '2.5 T' or {value, unit}")


def _to_model(key: str, given: Any, unit: str, material: str | None) -> NDArray[np.float64]:
    """:func:`isingsc.units.to_model`, with errors naming the specification key ``key``."""
    try:
        return np.asarray(to_model(given, unit, material=material), dtype=float)
    except UnitError as exc:
        if exc.name == "material":
            raise SpecError(
                "material", material, f"one of {', '.join(MATERIALS)} to convert {key} = {unit!r}"
            ) from None
        raise SpecError(key, unit, exc.allowed) from None


def _fixed_value(name: str, given: Any, material: str | None) -> Values:
    value, unit, unit_key = _value_unit(f"fixed.{name}", given)
    return Values(name, np.array(value), unit, _to_model(unit_key, value, unit, material))


def _range(key: str, entry: Mapping[str, Any]) -> list[float]:
    """The numbers of a ``{start, stop, num[, scale]}`` or ``{values}`` table (``unit`` aside)."""
    allowed = ("values", "unit") if "values" in entry else _RANGE_KEYS
    for name in entry:
        if name not in allowed:
            raise SpecError(f"{key}.{name}", entry[name], f"one of the keys {', '.join(allowed)}")
    if "values" in entry:
        values = entry["values"]
        if isinstance(values, str | Mapping) or not isinstance(values, Iterable):
            raise SpecError(f"{key}.values", values, "a list of numbers")
        return [_finite(f"{key}.values[{i}]", v) for i, v in enumerate(values)]
    for name in ("start", "stop", "num"):
        if name not in entry:
            raise SpecError(f"{key}.{name}", "missing", f"{key} needs start, stop and num")
    start, stop = _finite(f"{key}.start", entry["start"]), _finite(f"{key}.stop", entry["stop"])
    num = entry["num"]
    if not isinstance(num, numbers.Integral) or isinstance(num, bool) or num < 1:
        raise SpecError(f"{key}.num", num, "an integer >= 1")
    scale = entry.get("scale", "linear")
    if scale == "linear":
        return np.linspace(start, stop, int(num)).tolist()
    if scale != "log":
        raise SpecError(f"{key}.scale", scale, "'linear' or 'log'")
    if not start * stop > 0:
        raise SpecError(f"{key}.start", start, "start and stop of one sign, nonzero (log scale)")
    return (math.copysign(1.0, start) * np.geomspace(abs(start), abs(stop), int(num))).tolist()


def _grid_axis(name: str, entry: Any, material: str | None) -> Values:
    key = f"grid.{name}"
    if isinstance(entry, Mapping):
        given = _range(key, entry)
        unit, unit_key = entry.get("unit") or MODEL_UNIT, f"{key}.unit"
    elif isinstance(entry, str) or not isinstance(entry, Iterable):
        raise SpecError(
            key, entry, "a list or a {start, stop, num} table (single values go in [fixed])"
        )
    else:
        parsed = [_value_unit(f"{key}[{i}]", v) for i, v in enumerate(entry)]
        given = [value for value, _, _ in parsed]
        units_given = sorted({u for _, u, _ in parsed})
        if len(units_given) > 1:
            raise SpecError(key, units_given, "values in one unit")
        unit, unit_key = (units_given or [MODEL_UNIT])[0], key
    if not given:
        raise SpecError(key, [], "at least one value")
    return Values(name, np.array(given), unit, _to_model(unit_key, given, unit, material))


def plan_sweep(spec: Mapping[str, Any]) -> SweepPlan:
    """Validate a sweep specification (nothing is computed).

    Parameters
    ----------
    spec
        Mapping with ``quantity`` and optionally ``material``, ``chunk_size``,
        ``fixed`` and ``grid`` (module docstring).

    Returns
    -------
    SweepPlan

    Raises
    ------
    SpecError
        Naming the key: an unknown key, quantity or parameter, a missing required
        parameter, a parameter both fixed and swept, an option in the grid, a range
        with ``num < 1``, a unit that does not convert.
    """
    for key in spec:
        if key not in _SPEC_KEYS:
            raise SpecError(key, spec[key], f"a top-level key: {', '.join(_SPEC_KEYS)}")
    name = spec.get("quantity")
    if name not in QUANTITIES:
        raise SpecError("quantity", name, f"one of {', '.join(sorted(QUANTITIES))}")
    quantity = QUANTITIES[name]
    material = spec.get("material")
    if material is not None:
        known = f"one of {', '.join(MATERIALS)}"
        if not isinstance(material, str):
            raise SpecError("material", material, known)
        try:
            get_material(material)
        except ParameterError:
            raise SpecError("material", material, known) from None
    fixed_spec, grid_spec = spec.get("fixed") or {}, spec.get("grid") or {}
    for key, table in (("fixed", fixed_spec), ("grid", grid_spec)):
        if not isinstance(table, Mapping):
            raise SpecError(key, table, "a table of parameter = value")
    params = quantity.parameters
    known = ", ".join(params)
    for section, table in (("fixed", fixed_spec), ("grid", grid_spec)):
        for key in table:
            if key not in params:
                raise SpecError(
                    f"{section}.{key}", table[key], f"a parameter of isingsc.{name}: {known}"
                )
    for key in grid_spec:
        if key in fixed_spec:
            raise SpecError(f"grid.{key}", grid_spec[key], f"{key} not also in [fixed]")
        if key not in ENERGY_PARAMETERS:
            raise SpecError(f"grid.{key}", grid_spec[key], f"{key} is an option: set it in [fixed]")
    for key, p in params.items():
        if p.default is inspect.Parameter.empty and key not in fixed_spec | grid_spec:
            raise SpecError(key, "missing", f"a value in [fixed] or [grid] (isingsc.{name})")
    fixed, options = [], {}
    for key, value in fixed_spec.items():
        if key not in ENERGY_PARAMETERS:
            options[key] = _jsonable(value)
            continue
        fixed.append(_fixed_value(key, value, material))
    axes = [_grid_axis(key, entry, material) for key, entry in grid_spec.items()]
    spectral = next((a for a in axes if a.name == quantity.spectral), None)
    outer = tuple(a for a in axes if a is not spectral)
    n_points = math.prod(a.model.size for a in outer)
    chunk_size = spec.get("chunk_size", math.ceil(n_points / TARGET_CHUNKS))
    if (
        not isinstance(chunk_size, numbers.Integral)
        or isinstance(chunk_size, bool)
        or chunk_size < 1
    ):
        raise SpecError("chunk_size", chunk_size, "an integer >= 1")
    return SweepPlan(
        quantity=quantity,
        material=material,
        fixed=tuple(fixed),
        options=options,
        axes=outer,
        spectral=spectral,
        chunk_size=int(chunk_size),
        spec=_jsonable({k: spec[k] for k in _SPEC_KEYS if k in spec}),
    )


def read_spec(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a TOML sweep specification.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    SpecError
        If it is not valid TOML (the message gives line and column).
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(str(path), "not TOML", f"a TOML file ({exc})") from None


# ---------------------------------------------------------------------------- evaluation
def _compute_chunk(
    quantity: str, common: Mapping[str, Any], points: Sequence[Mapping[str, float]]
) -> dict[str, NDArray[Any]]:
    """Evaluate ``quantity`` at each point; outputs stacked along a new first axis."""
    q = QUANTITIES[quantity]
    rows = [q.evaluate({**common, **point}) for point in points]
    return {o.name: np.stack([row[o.name] for row in rows]) for o in q.outputs}


def _init_worker(parent: int) -> None:
    """Process-pool initializer: one BLAS/OpenMP thread, Ctrl-C left to the parent, and
    exit when the parent dies (killed, it cannot stop the pool)."""
    from threadpoolctl import threadpool_limits

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(limits=1)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """Poll until the parent process is gone (this process is re-parented), then exit."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


Results = Iterator[tuple[int, dict[str, NDArray[Any]]]]


def _in_process(plan: SweepPlan, pending: Sequence[int]) -> Results:
    for k in pending:
        yield k, _compute_chunk(*plan.task(k))


def _in_processes(plan: SweepPlan, pending: Sequence[int], workers: int) -> Results:
    # spawn: no fork of a process that may run threads (tqdm's monitor, dask, BLAS)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(os.getpid(),),
    )
    try:
        futures = {pool.submit(_compute_chunk, *plan.task(k)): k for k in pending}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool as exc:
                raise RuntimeError(
                    "a sweep worker process died or could not start (a script that runs "
                    "a sweep with workers != 1 needs the 'if __name__ == \"__main__\":' "
                    "guard; workers=1 computes in this process)"
                ) from exc
            yield futures[future], result
    except BaseException:  # Ctrl-C, an error, or the consumer stopped
        pool.shutdown(wait=False, cancel_futures=True)
        # Chunks still running are lost anyway (their results are not saved): stop
        # them now instead of waiting (Python >= 3.14 has pool.terminate_workers()).
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    pool.shutdown()


def _on_dask(plan: SweepPlan, pending: Sequence[int], scheduler: Any) -> Results:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise ParameterError(
            "scheduler",
            scheduler,
            "a dask cluster, with dask installed: pip install 'isingsc[dask]'",
        ) from None
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    futures: dict[Any, int] = {}
    try:
        futures = {client.submit(_compute_chunk, *plan.task(k), pure=False): k for k in pending}
        for future in dask_completed(futures):
            yield futures[future], future.result()
    finally:
        unfinished = [f for f in futures if not f.done()]
        if unfinished:  # interrupted or failed: free the cluster
            client.cancel(unfinished)
        if client is not scheduler:
            client.close()


def _results(
    plan: SweepPlan, pending: Sequence[int], workers: int | None, scheduler: Any
) -> Results:
    """Finished chunks ``(k, outputs)`` in order of completion, from the chosen backend.

    ``workers=None`` computes the first chunk here and starts a process pool only if
    the rest would take longer than :data:`POOL_THRESHOLD` seconds at that pace.
    """
    if scheduler is not None:
        yield from _on_dask(plan, pending, scheduler)
        return
    n = _default_workers() if workers is None else workers
    if workers is None and n > 1 and pending:
        start = time.perf_counter()
        yield pending[0], _compute_chunk(*plan.task(pending[0]))
        pending = pending[1:]
        if (time.perf_counter() - start) * len(pending) < POOL_THRESHOLD:
            n = 1
    n = min(n, len(pending))
    yield from (_in_process(plan, pending) if n <= 1 else _in_processes(plan, pending, n))


# ------------------------------------------------------------------------------ storage
class _ChunkStore:
    """The partial directory of a sweep: a header and one ``.npz`` file per chunk."""

    def __init__(self, path: Path, plan: SweepPlan) -> None:
        self.path, self.plan = path, plan

    def _chunk(self, k: int) -> Path:
        return self.path / f"chunk-{k:06d}.npz"

    def digest(self) -> str | None:
        """Digest recorded in the header (None: no readable header)."""
        try:
            return json.loads((self.path / _HEADER).read_text(encoding="utf-8"))["spec_sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def open(self, *, discard_other: bool) -> list[int]:
        """Create or reuse the directory; returns the chunks already done.

        Raises
        ------
        FileExistsError
            If it holds a sweep of another specification and not ``discard_other``.
        """
        if self.path.exists():
            if self.digest() == self.plan.digest:
                for tmp in self.path.glob(".*.tmp"):  # left by a kill during a write
                    tmp.unlink()
                return self.done()
            if not discard_other:
                raise FileExistsError(
                    f"{self.path} holds an unfinished sweep of a different specification "
                    f"(see its {_HEADER}); re-run that sweep to finish it, or pass "
                    "--overwrite (overwrite=True) to discard it"
                )
            self.remove()
        self.path.mkdir(parents=True)
        header = {
            "spec_sha256": self.plan.digest,
            "spec": self.plan.spec,
            "n_chunks": self.plan.n_chunks,
            "chunk_size": self.plan.chunk_size,
            "isingsc_version": package_version(),
        }
        text = json.dumps(header, indent=2)
        atomic_write(self.path / _HEADER, lambda p: p.write_bytes(text.encode()))
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

    def remove(self) -> None:
        """Delete the directory."""
        shutil.rmtree(self.path)


# ----------------------------------------------------------------------------- datasets
def _assemble(plan: SweepPlan, chunks: Mapping[int, Mapping[str, NDArray[Any]]]) -> xr.Dataset:
    """The labelled Dataset of a finished sweep."""
    dims = plan.dims
    shape = plan.outer_shape + ((plan.spectral.model.size,) if plan.spectral else ())
    data_vars = {}
    for o in plan.quantity.outputs:
        flat = np.concatenate([chunks[k][o.name] for k in range(plan.n_chunks)])
        data_vars[o.name] = (
            dims,
            flat.reshape(shape),
            {"units": o.units, "long_name": o.long_name},
        )
    coords: dict[str, Any] = {}
    for axis in plan.all_axes:
        coords.update(axis.coords((axis.name,)))
    for value in plan.fixed:
        coords.update(value.coords(()))
    name = plan.quantity.name
    attrs = {
        "title": f"isingsc sweep of {name}",
        "quantity": name,
        "function": f"isingsc.{name}",
        "spec": json.dumps(plan.spec),
        "spec_sha256": plan.digest,
        "material": plan.material or "none",
        "isingsc_version": package_version(),
        "energy_unit": "Delta0 (BCS gap at T = 0, h = 0); k_B T also in Delta0",
        "TC0": TC0,
        "TC0_description": "Tc at h = 0 in units of Delta0: exp(euler_gamma)/pi",
        "convention": "time dependence exp(-i Omega t): sigma = sigma_1 + i sigma_2 with "
        "sigma_2 > 0 inductive, Im chi > 0 for Omega > 0 (unless option_convention says "
        "otherwise)",
        "coordinates_note": "each swept or fixed parameter is given in the unit of the "
        "specification; if that is not Delta0, NAME_Delta0 holds the values in Delta0",
        **{f"option_{k}": int(v) if isinstance(v, bool) else v for k, v in plan.options.items()},
    }
    return xr.Dataset(data_vars, coords=coords, attrs=attrs)


def _split_complex(ds: xr.Dataset) -> xr.Dataset:
    """Complex variables → ``NAME_re``, ``NAME_im`` float pairs (netCDF has no complex)."""
    out = ds.copy()
    for name, var in ds.data_vars.items():
        if not np.iscomplexobj(var):
            continue
        for part, suffix in _COMPLEX_SUFFIX.items():
            attrs = {**var.attrs, "complex_part": part, "complex_variable": name}
            out[f"{name}{suffix}"] = (var.dims, getattr(var.values, part), attrs)
        out = out.drop_vars(name)
    out.attrs["complex_storage"] = (
        "complex variable X is stored as X_re and X_im (float64, attributes complex_part and "
        "complex_variable); isingsc.open_sweep joins them"
    )
    return out


def _join_complex(ds: xr.Dataset) -> xr.Dataset:
    """Inverse of :func:`_split_complex`."""
    out = ds.copy()
    for var in ds.data_vars.values():
        if var.attrs.get("complex_part") != "real":
            continue
        name = var.attrs["complex_variable"]
        imag = ds[f"{name}{_COMPLEX_SUFFIX['imag']}"]
        attrs = {k: v for k, v in var.attrs.items() if not k.startswith("complex_")}
        out = out.drop_vars([var.name, imag.name])
        out[name] = (var.dims, var.values + 1j * imag.values, attrs)
    out.attrs.pop("complex_storage", None)
    return out


def open_sweep(path: str | os.PathLike[str]) -> xr.Dataset:
    """Load a sweep result written by :func:`sweep` (complex variables rejoined).

    Parameters
    ----------
    path
        A netCDF file written with ``out=``; any netCDF-4 file works.

    Returns
    -------
    xarray.Dataset
        Loaded into memory (the file is closed).
    """
    return _join_complex(xr.load_dataset(path, engine="h5netcdf"))


def _stored_digest(path: Path) -> str | None:
    try:
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            return ds.attrs.get("spec_sha256")
    except Exception:  # not a readable netCDF file: treat as foreign
        return None


# ---------------------------------------------------------------------------------- run
def _progress(
    plan: SweepPlan, chunks: Results, done: Sequence[int], progress: bool | None
) -> Results:
    """Pass ``chunks`` through, counting grid points on a tqdm bar (stderr)."""
    from tqdm.auto import tqdm

    disable = {True: False, False: True, None: None}[progress]  # None: on a terminal only
    with tqdm(
        total=plan.n_points,
        initial=sum(plan.chunk_length(k) for k in done),
        desc=plan.quantity.name,
        unit="pt",
        disable=disable,
        smoothing=0.1,
    ) as bar:
        for k, arrays in chunks:
            bar.update(plan.chunk_length(k))
            yield k, arrays


def _run(
    plan: SweepPlan,
    *,
    out: str | os.PathLike[str] | None,
    workers: int | None,
    scheduler: Any,
    progress: bool | None,
    overwrite: bool,
) -> xr.Dataset:
    if workers is not None:
        if not isinstance(workers, numbers.Integral) or isinstance(workers, bool) or workers < 1:
            raise ParameterError("workers", workers, "an integer >= 1 or None (all cores)")
        if scheduler is not None:
            raise ParameterError("workers", workers, "None when a dask scheduler is given")
    if out is None:
        pending = range(plan.n_chunks)
        chunks = _progress(plan, _results(plan, pending, workers, scheduler), [], progress)
        return _assemble(plan, dict(chunks))

    dest = Path(out)
    store = _ChunkStore(dest.with_name(dest.name + ".partial"), plan)
    if dest.exists() and not overwrite:
        if _stored_digest(dest) != plan.digest:
            raise FileExistsError(
                f"{dest} exists (another sweep or file); pass --overwrite (overwrite=True) "
                "to replace it, or choose another output file"
            )
        log.info("%s: already complete (same specification); nothing to do", dest)
        if store.digest() == plan.digest:
            store.remove()  # killed between the final write and the clean-up
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
    try:
        for k, arrays in _progress(
            plan, _results(plan, pending, workers, scheduler), done, progress
        ):
            store.save(k, arrays)
    except KeyboardInterrupt:
        log.warning(
            "interrupted: %d of %d chunks saved in %s; run the same sweep again to resume",
            len(store.done()),
            plan.n_chunks,
            store.path,
        )
        raise
    ds = _assemble(plan, store.load())
    write_netcdf(_split_complex(ds), dest, overwrite=overwrite)
    store.remove()
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
        Name of a public function (a key of :data:`QUANTITIES`, e.g.
        ``"order_parameter"``, ``"conductivity"``).
    grid
        Parameter → values: a sequence, ``{"start", "stop", "num"}`` (optionally
        ``"scale": "log"``) or ``{"values": [...]}``, each optionally with
        ``"unit"``. Dimensions follow this order; the spectral parameter of the
        quantity (ε, Ω, ξ, …) is passed whole to each call and comes last.
    fixed
        Parameter → value (number in Δ0, ``"1.5 K"`` or ``{"value", "unit"}``);
        keyword-only options (``method``, …) verbatim.
    out
        netCDF file to write (resumable, see the module docstring); None: keep the
        result in memory only.
    material
        Material preset of :mod:`isingsc.units` for physical units.
    workers
        Local worker processes; 1: in this process; None: one per core, unless the
        first chunk shows that the whole sweep takes less than
        :data:`POOL_THRESHOLD` seconds in this process.
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
        :data:`TARGET_CHUNKS` chunks).

    Returns
    -------
    xarray.Dataset
        One variable per output of the quantity (complex where the function
        returns complex values), coordinates with ``units``, attributes
        ``quantity``, ``spec`` (JSON), ``spec_sha256`` and ``isingsc_version``.

    Raises
    ------
    SpecError
        For an invalid specification, before anything is computed or written.
    SweepPointError
        If the quantity rejects the parameters at a grid point.
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

    The keys are ``quantity``, ``material``, ``chunk_size``, ``fixed`` and
    ``grid`` (module docstring); the other arguments are those of :func:`sweep`.
    """
    mapping = spec if isinstance(spec, Mapping) else read_spec(spec)
    return _run(
        plan_sweep(mapping),
        out=out,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        overwrite=overwrite,
    )


def _save_npz(path: Path, arrays: Mapping[str, NDArray[Any]]) -> None:
    """``np.savez`` to exactly ``path`` (a path argument would get ".npz" appended)."""
    with path.open("wb") as f:
        np.savez(f, **arrays)
