"""Sweep specifications: read (TOML or a mapping), validate, and plan the chunked grid.

:func:`plan_sweep` turns a specification into a :class:`SweepPlan`: the quantity, the
fixed parameters and the grid axes in units of Δ0 (converted with
:mod:`isingsc.units`, the given values kept for the coordinates), the options, and the
split of the outer grid into chunks. Every error is a :class:`SpecError` naming the
key of the specification, raised before anything is computed or written. The format is
described in :mod:`isingsc.sweeps`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import numbers
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..core.errors import ParameterError, UnitError
from ..io.provenance import ENERGY_UNIT, jsonable
from ..materials import MATERIALS, get_material
from ..units import split_quantity, to_model
from .registry import ENERGY_PARAMETERS, QUANTITIES, Quantity

__all__ = [
    "PARTIAL_FORMAT",
    "SPEC_KEYS",
    "TARGET_CHUNKS",
    "SpecError",
    "SweepPlan",
    "Values",
    "plan_sweep",
    "read_spec",
]

#: Format of the chunk store; part of the digest, so a change refuses old partial sweeps.
PARTIAL_FORMAT = 1
#: Default number of chunks a sweep is split into (fewer if it has fewer points).
TARGET_CHUNKS = 256
#: The top-level keys of a specification.
SPEC_KEYS = ("quantity", "material", "chunk_size", "fixed", "grid")
_RANGE_KEYS = ("start", "stop", "num", "scale", "unit")


class SpecError(ParameterError):
    """An invalid sweep specification; ``name`` is the offending key (``"grid.h.num"``)."""


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
        if self.unit != ENERGY_UNIT:
            out[f"{self.name}_{ENERGY_UNIT}"] = (
                dims,
                self.model,
                {"units": ENERGY_UNIT, "long_name": f"{long} in units of Delta0"},
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
        """Chunk ``k`` as plain data: (quantity name, common arguments, one dict per point).

        The arguments of :func:`isingsc.sweeps.backends.compute_chunk`; picklable, so
        that a worker process or a dask worker can compute the chunk.
        """
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


def _finite(key: str, x: Any) -> float:
    if not _is_number(x) or not math.isfinite(x):
        raise SpecError(key, x, "a finite number")
    return float(x)


def _value_unit(key: str, given: Any) -> tuple[float, str, str]:
    """A number (Δ0), ``"2.5 T"`` or ``{value = 2.5, unit = "T"}`` → (value, unit, unit's key)."""
    if _is_number(given):
        return _finite(key, given), ENERGY_UNIT, key
    if isinstance(given, str):
        try:
            value, unit = split_quantity(given, name=key)
        except UnitError:
            raise SpecError(key, given, "'<number> [unit]', e.g. '2.5 T'") from None
        return _finite(key, value), unit or ENERGY_UNIT, key
    if isinstance(given, Mapping):
        if set(given) - {"value", "unit"} or "value" not in given:
            raise SpecError(key, dict(given), "a table {value = NUMBER, unit = UNIT}")
        return (
            _finite(f"{key}.value", given["value"]),
            given.get("unit") or ENERGY_UNIT,
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
        unit, unit_key = entry.get("unit") or ENERGY_UNIT, f"{key}.unit"
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
        unit, unit_key = (units_given or [ENERGY_UNIT])[0], key
    if not given:
        raise SpecError(key, [], "at least one value")
    return Values(name, np.array(given), unit, _to_model(unit_key, given, unit, material))


def _check_material(material: Any) -> None:
    known = f"one of {', '.join(MATERIALS)}"
    if not isinstance(material, str):
        raise SpecError("material", material, known)
    try:
        get_material(material)
    except ParameterError:
        raise SpecError("material", material, known) from None


def plan_sweep(spec: Mapping[str, Any]) -> SweepPlan:
    """Validate a sweep specification (nothing is computed).

    Parameters
    ----------
    spec
        Mapping with ``quantity`` and optionally ``material``, ``chunk_size``,
        ``fixed`` and ``grid`` (format in :mod:`isingsc.sweeps`). Plain numbers are
        in units of Δ0.

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
        if key not in SPEC_KEYS:
            raise SpecError(key, spec[key], f"a top-level key: {', '.join(SPEC_KEYS)}")
    name = spec.get("quantity")
    if name not in QUANTITIES:
        raise SpecError("quantity", name, f"one of {', '.join(sorted(QUANTITIES))}")
    quantity = QUANTITIES[name]
    material = spec.get("material")
    if material is not None:
        _check_material(material)
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
            options[key] = jsonable(value)
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
        spec=jsonable({k: spec[k] for k in SPEC_KEYS if k in spec}),
    )


def read_spec(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a TOML sweep specification.

    Parameters
    ----------
    path
        The TOML file (format in :mod:`isingsc.sweeps`).

    Returns
    -------
    dict
        The specification, for :func:`isingsc.sweep_from_spec` or :func:`plan_sweep`.

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
