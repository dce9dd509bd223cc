"""Units: everything inside isingsc is in units of Δ0, the BCS gap at T = 0, h = 0.

Energies (β, h, Δ, ε, Ω, Γ) **and k_B T** are measured in Δ0. In weak coupling
Δ0 = π e^{-γ} k_B Tc0, so ``TC0 = e^γ/π ≈ 0.5669``: the paper's
"T = 0.01 Tc0" is ``T = 0.01 * TC0``.

**A plain number is in units of Δ0 everywhere**: in Python, in sweep specifications
and on the command line. Multiples of Tc0 carry the unit string: ``"0.01 Tc0"``.

Physical units appear only at the edges (CLI, sweep specifications, plots), through
:func:`to_model`, :func:`from_model` and :func:`parse_quantity`. Every quantity here
is energy-like, so one table of "energy per unit" suffices:

========  ==========================================  ==========================
unit      meaning                                     energy of 1 unit
========  ==========================================  ==========================
Delta0    model units (also ``None`` or ``""``)       Δ0
Tc0       multiple of the h = 0 critical temperature  k_B Tc0 = TC0·Δ0
meV, ueV  energy                                      1 meV, 10⁻³ meV
K, mK     temperature, or an energy k_B T             k_B · 1 K
T, mT     in-plane field B (Zeeman energy h)          g μ_B · 1 T / 2
THz, GHz  photon frequency ν                          h_Planck · 1 THz
cm-1      photon wavenumber ν̃                         h_Planck c · 1 cm⁻¹
========  ==========================================  ==========================

``Delta0`` and ``Tc0`` are material independent; every other unit needs a material
(a :class:`~isingsc.materials.Material` or a preset name of
:data:`~isingsc.materials.MATERIALS`): its Tc0 fixes Δ0 in meV and, for tesla, its
g-factor the Zeeman energy.

Why an explicit table and not pint: all units are energies (or convertible to one by
k_B, h_Planck, h_Planck c, g μ_B/2), and the only non-trivial step, meV ↔ Δ0, depends
on the material through Tc0 and g. In pint that would need a custom dimension plus a
"context" per material (contexts are global registry state), for a handful of
multiplications. The explicit table has no dependency and no global state, and its
error messages list exactly the units accepted. Constants are CODATA values from
:mod:`scipy.constants`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import constants

from .core.constants import DELTA0, TC0
from .core.errors import ParameterError, UnitError
from .materials import KB_MEV_PER_K, MATERIALS, Material, get_material

__all__ = [
    "DELTA0",
    "TC0",
    "UNITS",
    "from_model",
    "parse_quantity",
    "split_quantity",
    "to_model",
]


_MILLI = 1e3  # eV → meV
#: Bohr magneton μ_B in meV/T.
_MUB_MEV_PER_T = constants.physical_constants["Bohr magneton in eV/T"][0] * _MILLI
#: Planck constant h in meV/THz.
_H_MEV_PER_THZ = constants.h / constants.e * 1e12 * _MILLI
#: h c in meV per cm⁻¹.
_HC_MEV_PER_INVCM = constants.h * constants.c / constants.e * 100 * _MILLI

# Energy in meV of one unit (material independent).
_MEV: dict[str, float] = {
    "meV": 1.0,
    "ueV": 1e-3,
    "K": KB_MEV_PER_K,
    "mK": 1e-3 * KB_MEV_PER_K,
    "THz": _H_MEV_PER_THZ,
    "GHz": 1e-3 * _H_MEV_PER_THZ,
    "cm-1": _HC_MEV_PER_INVCM,
}
# Zeeman energy of one unit of field, in units of g μ_B (the energy is this × g μ_B / 2).
_FIELD_T: dict[str, float] = {"T": 1.0, "mT": 1e-3}
# Model value (Δ0 units) of one unit, material independent.
_MODEL: dict[str, float] = {"Delta0": 1.0, "Tc0": TC0}
_ALIASES: dict[str, str] = {
    "": "Delta0",
    "delta0": "Delta0",
    "Δ0": "Delta0",
    "tc0": "Tc0",
    "µeV": "ueV",  # micro sign
    "μeV": "ueV",  # Greek mu
    "cm^-1": "cm-1",
    "1/cm": "cm-1",
    "cm⁻¹": "cm-1",
}

#: Canonical unit names accepted by :func:`to_model`, :func:`from_model` and
#: :func:`parse_quantity` (plus the aliases ``None``, ``""``, ``"µeV"``, ``"cm^-1"``, ...).
UNITS: tuple[str, ...] = (*_MODEL, *_MEV, *_FIELD_T)
_ALLOWED = ", ".join(repr(u) for u in UNITS) + " (or None/'' for Delta0)"


def _is_real(x: object) -> bool:
    """True for real numbers (Python or NumPy), False for bool and everything else."""
    return isinstance(x, Real) and not isinstance(x, bool)


def _canonical(unit: str | None) -> str:
    if unit is None:
        return "Delta0"
    if not isinstance(unit, str):
        raise UnitError("unit", unit, _ALLOWED)
    u = unit.strip()
    u = _ALIASES.get(u, u)
    if u not in _MODEL and u not in _MEV and u not in _FIELD_T:
        raise UnitError("unit", unit, _ALLOWED)
    return u


def _model_per_unit(unit: str | None, material: str | Material | None) -> float:
    """Model value (units of Δ0) of one ``unit``."""
    u = _canonical(unit)
    if u in _MODEL:
        return _MODEL[u]
    if material is None:
        raise UnitError(
            "material",
            None,
            f"a Material or one of {', '.join(map(repr, MATERIALS))} to convert {u!r} "
            "(Δ0 in meV comes from the material's Tc0; only 'Delta0' and 'Tc0' need none)",
        )
    try:
        mat = get_material(material)
    except ParameterError as exc:  # an unknown preset name: a conversion error like the rest
        raise UnitError(exc.name, exc.value, exc.allowed) from None
    if u in _MEV:
        return _MEV[u] / mat.delta0_meV
    return _FIELD_T[u] * mat.g_factor * _MUB_MEV_PER_T / 2 / mat.delta0_meV


def _convert(
    value: ArrayLike, factor: float, name: str, divide: bool = False
) -> float | NDArray[np.float64]:
    """value × factor (or value / factor) after checking that value is finite."""
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise UnitError(name, value, "a real number or an array of real numbers") from exc
    if not np.all(np.isfinite(a)):
        raise UnitError(name, value, "finite real values (no NaN or inf)")
    out = a / factor if divide else a * factor
    return float(out) if out.ndim == 0 else out


def to_model(
    value: ArrayLike, unit: str | None, *, material: str | Material | None = None
) -> float | NDArray[np.float64]:
    """Convert an energy-like quantity from a physical unit to model units (Δ0).

    Parameters
    ----------
    value
        Number or array in ``unit``.
    unit
        One of :data:`UNITS`: ``"Delta0"`` (or None/""), ``"Tc0"``, ``"meV"``,
        ``"ueV"``, ``"K"``, ``"mK"``, ``"T"``, ``"mT"``, ``"THz"``, ``"GHz"``,
        ``"cm-1"``. Case-sensitive (``"MeV"`` is not ``"meV"``).
    material
        A :class:`Material` or preset name; required for every unit except
        ``"Delta0"`` and ``"Tc0"``.

    Returns
    -------
    float or ndarray
        The value in units of Δ0 (a float for scalar input).

    Raises
    ------
    UnitError
        Unknown unit, missing material, or a non-finite value.

    Notes
    -----
    x[Δ0] = E(value, unit) / Δ0 with Δ0 = π e^{-γ} k_B Tc0 and E = value · k_B (K),
    value · h_Planck (THz), value · h_Planck c (cm⁻¹), value · g μ_B / 2 (T);
    ``"Tc0"`` gives value · TC0 for every material.

    Examples
    --------
    >>> round(to_model(1.0, "T", material="NbSe2"), 4)  # μ_B · 1 T / Δ0
    0.1269
    >>> round(to_model(0.5, "Tc0"), 4)
    0.2835
    """
    return _convert(value, _model_per_unit(unit, material), "value")


def from_model(
    value: ArrayLike, unit: str | None, *, material: str | Material | None = None
) -> float | NDArray[np.float64]:
    """Convert an energy-like quantity from model units (Δ0) to a physical unit.

    The inverse of :func:`to_model`; same parameters, errors and units.

    Examples
    --------
    >>> round(from_model(1.0, "meV", material="MoS2"), 4)  # Δ0 of gated MoS2
    1.064
    >>> round(from_model(1.0, "Tc0"), 4)  # Δ0 = 1.764 k_B Tc0
    1.7639
    """
    return _convert(value, _model_per_unit(unit, material), "value", divide=True)


_NUMBER_UNIT = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")
_SPEC_KEYS = frozenset({"value", "unit"})


def split_quantity(text: str, *, name: str = "quantity") -> tuple[float, str | None]:
    """Split ``"<number> [unit]"`` into the number and the unit (None when absent).

    The unit is not checked here (see :func:`to_model`).

    Raises
    ------
    UnitError
        ``text`` does not start with a number.

    Examples
    --------
    >>> split_quantity("2.5 T")
    (2.5, 'T')
    >>> split_quantity("1e-3")
    (0.001, None)
    """
    match = _NUMBER_UNIT.match(text)
    if match is None:
        raise UnitError(name, text, f"'<number> [unit]' with unit in {_ALLOWED}")
    return float(match[1]), match[2] or None


def parse_quantity(
    spec: float | str | Mapping[str, object],
    *,
    material: str | Material | None = None,
    name: str = "quantity",
) -> float:
    """Read one energy-like quantity, with or without a unit, into model units (Δ0).

    Parameters
    ----------
    spec
        A real number (already in units of Δ0); a string ``"<number> [unit]"`` such
        as ``"2.5 T"``, ``"0.4 meV"``, ``"1.2K"``, ``"3 THz"``, ``"0.01 Tc0"`` (no
        unit: Δ0); or a mapping ``{"value": 2.5, "unit": "T"}`` (``"unit"``
        optional).
    material
        A :class:`Material` or preset name, needed for units other than Delta0/Tc0.
    name
        Name of the quantity used in error messages (e.g. ``"h"``, ``"T"``).

    Returns
    -------
    float
        The value in units of Δ0.

    Raises
    ------
    UnitError
        Unparseable spec, unknown unit or key, missing material, non-finite value.

    Examples
    --------
    >>> parse_quantity(4.0)
    4.0
    >>> round(parse_quantity("0.01 Tc0"), 6)
    0.005669
    >>> round(parse_quantity({"value": 2.5, "unit": "T"}, material="NbSe2"), 4)
    0.3173
    """
    if isinstance(spec, Mapping):
        extra = set(spec) - _SPEC_KEYS
        if extra or "value" not in spec:
            raise UnitError(name, dict(spec), "a mapping with key 'value' and optional key 'unit'")
        value, unit = spec["value"], spec.get("unit")
        if not _is_real(value):
            raise UnitError(f"{name}['value']", value, "a real number")
    elif isinstance(spec, str):
        value, unit = split_quantity(spec, name=name)
    elif _is_real(spec):
        value, unit = spec, None
    else:
        raise UnitError(name, spec, "a number, a '<number> [unit]' string or {'value', 'unit'}")
    if not isinstance(unit, str | None):
        raise UnitError(f"{name}['unit']", unit, _ALLOWED)
    return float(_convert(value, _model_per_unit(unit, material), name))
