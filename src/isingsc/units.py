"""Units: everything inside isingsc is in units of Δ0, the BCS gap at T = 0, h = 0.

Energies (β, h, Δ, ε, Ω, Γ) **and k_B T** are measured in Δ0. In weak coupling
Δ0 = π e^{-γ} k_B Tc0, so ``TC0 = e^γ/π ≈ 0.5669``: the paper's
"T = 0.01 Tc0" is ``T = 0.01 * TC0``.

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

``Delta0`` and ``Tc0`` are material independent; every other unit needs the
material's Tc0 (which fixes Δ0 in meV) and, for tesla, its g-factor.

Why an explicit table and not pint: all units are energies (or convertible to one by
k_B, h_Planck, h_Planck c, g μ_B/2), and the only non-trivial step, meV ↔ Δ0, depends
on the material through Tc0 and g. In pint that would need a custom dimension plus a
"context" per material (contexts are global registry state), for a handful of
multiplications. The explicit table has no dependency and no global state, and its
error messages list exactly the units accepted. Constants are CODATA values from
:mod:`scipy.constants`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Real
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import constants

from .core.constants import DELTA0, TC0
from .core.errors import ParameterError, UnitError

__all__ = [
    "DELTA0",
    "MATERIALS",
    "TC0",
    "UNITS",
    "Material",
    "from_model",
    "get_material",
    "parse_quantity",
    "split_quantity",
    "to_model",
]


_MILLI = 1e3  # eV → meV
#: Boltzmann constant k_B in meV/K.
_KB_MEV_PER_K = constants.physical_constants["Boltzmann constant in eV/K"][0] * _MILLI
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
    "K": _KB_MEV_PER_K,
    "mK": 1e-3 * _KB_MEV_PER_K,
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


@dataclass(frozen=True, kw_only=True)
class Material:
    """An Ising superconductor's physical scales: Tc0, Ising SOC β and g-factor.

    Parameters
    ----------
    name
        Human-readable name, e.g. ``"monolayer NbSe2"``.
    Tc0_K
        Critical temperature at zero field, kelvin (> 0).
    beta_meV
        Ising SOC β of the Hamiltonian τ3 β σ_z, in meV (≥ 0). The spin splitting
        of the bands at K is 2β; the literature often quotes that splitting
        ("Δ_SO", "2β_so"), which must be halved.
    g_factor
        Electron g-factor for the in-plane field (> 0); Zeeman energy h = g μ_B B / 2.
    citations
        A reference (authors, journal, year, DOI) for each number, keyed by field
        name (``"Tc0_K"``, ``"beta_meV"``, ``"g_factor"``).
    note
        What the numbers represent and their caveats.

    Notes
    -----
    Weak coupling fixes the energy unit: Δ0 = π e^{-γ} k_B Tc0 ≈ 1.764 k_B Tc0,
    so β in model units is ``beta_meV / delta0_meV``.

    Examples
    --------
    >>> m = Material(name="example", Tc0_K=1.0, beta_meV=0.608)
    >>> round(m.delta0_meV, 4), round(m.beta, 3)
    (0.152, 4.0)
    """

    name: str
    Tc0_K: float
    beta_meV: float
    g_factor: float = 2.0
    citations: Mapping[str, str] = field(default_factory=dict, hash=False)
    note: str = ""

    def __post_init__(self) -> None:
        for key, value, ok, allowed in (
            ("Tc0_K", self.Tc0_K, lambda v: v > 0, "Tc0_K > 0 (kelvin)"),
            ("beta_meV", self.beta_meV, lambda v: v >= 0, "beta_meV >= 0 (meV)"),
            ("g_factor", self.g_factor, lambda v: v > 0, "g_factor > 0"),
        ):
            if not (_is_real(value) and math.isfinite(value) and ok(value)):
                raise ParameterError(key, value, f"a finite number with {allowed}")
        object.__setattr__(self, "citations", MappingProxyType(dict(self.citations)))

    @property
    def delta0_meV(self) -> float:
        """Δ0 = π e^{-γ} k_B Tc0 in meV (weak-coupling BCS gap at T = 0, h = 0)."""
        return float(self.Tc0_K * _KB_MEV_PER_K / TC0)

    @property
    def beta(self) -> float:
        """Ising SOC β in units of Δ0 (the ``beta`` argument of every isingsc function)."""
        return float(self.beta_meV / self.delta0_meV)


_G_NOTE = (
    "free-electron value g = 2 (CODATA g_e = 2.0023), as assumed when the in-plane "
    "critical field is compared with the Pauli limit; orbital/valley corrections to the "
    "in-plane g-factor are neglected"
)

#: Preset Ising superconductors (read-only), keyed ``"NbSe2"``, ``"MoS2"``, ``"WS2"``;
#: each number is referenced in the preset's ``citations`` and qualified in its ``note``.
MATERIALS: Mapping[str, Material] = MappingProxyType(
    {
        "NbSe2": Material(
            name="monolayer NbSe2",
            Tc0_K=3.0,
            beta_meV=76.0,
            g_factor=2.0,
            citations={
                "Tc0_K": (
                    "X. Xi, Z. Wang, W. Zhao, J.-H. Park, K. T. Law, H. Berger, L. Forró, "
                    "J. Shan and K. F. Mak, 'Ising pairing in superconducting NbSe2 atomic "
                    "layers', Nat. Phys. 12, 139-143 (2016), doi:10.1038/nphys3538: "
                    "exfoliated monolayer, Tc ≈ 3.0 K (bulk 7 K)"
                ),
                "beta_meV": (
                    "Xi et al., Nat. Phys. 12, 139 (2016), doi:10.1038/nphys3538: SOC "
                    "Δ_SO ≈ 76 meV of the K-pocket bands; it enters their pair-breaking "
                    "equation as β does here, i.e. the spin splitting at K is 2β ≈ 150 meV"
                ),
                "g_factor": _G_NOTE,
            },
            note=(
                "beta_meV is the SOC of the K/K' pockets. Monolayer NbSe2 also has a Γ "
                "pocket whose Ising SOC has nodes along Γ-M; it dominates the measured "
                "in-plane B_c2, so single-β fits of B_c2(T) give a much smaller effective "
                "β. Tc0 varies between samples (MBE monolayers: ~1-2 K)."
            ),
        ),
        "MoS2": Material(
            name="ionic-gated MoS2",
            Tc0_K=7.0,
            beta_meV=1.5,
            g_factor=2.0,
            citations={
                "Tc0_K": (
                    "Y. Saito et al., 'Superconductivity protected by spin-valley locking in "
                    "ion-gated MoS2', Nat. Phys. 12, 144-149 (2016), doi:10.1038/nphys3580: "
                    "B_c2 ≈ 52 T at 1.5 K, 'an enhancement of the Pauli limit [1.84 T/K · "
                    "Tc] by a factor of four', i.e. Tc ≈ 7 K; gating tunes Tc up to ~10 K "
                    "(J. M. Lu et al., 'Evidence for two-dimensional Ising superconductivity "
                    "in gated MoS2', Science 350, 1353-1357 (2015), "
                    "doi:10.1126/science.aab2277)"
                ),
                "beta_meV": (
                    "Saito et al., Nat. Phys. 12, 144 (2016), doi:10.1038/nphys3580: "
                    "Zeeman-type spin splitting 3 meV at the bottom of the conduction band "
                    "at K (DFT), so β = 1.5 meV"
                ),
                "g_factor": _G_NOTE,
            },
            note=(
                "Electron-doped K/K' pockets of the conduction band. beta_meV is the "
                "band-bottom value; the splitting grows with doping, and Lu et al. "
                "(Science 2015) quote effective spin-orbit fields of 'nearly a hundred "
                "tesla' (β = μ_B B_so ≈ 5.8 meV) from B_c2 fits."
            ),
        ),
        "WS2": Material(
            name="ionic-gated monolayer WS2",
            Tc0_K=3.15,
            beta_meV=15.0,
            g_factor=2.0,
            citations={
                "Tc0_K": (
                    "O. Zheliuk, J. M. Lu, J. Yang and J. T. Ye, 'Monolayer "
                    "superconductivity in WS2', Phys. Status Solidi RRL 11, 1700245 "
                    "(2017): CVD monolayer in an electric double-layer transistor, "
                    "Tc = 3.15 K"
                ),
                "beta_meV": (
                    "J. M. Lu, O. Zheliuk, Q. Chen, I. Leermakers, N. E. Hussey, "
                    "U. Zeitler and J. T. Ye, 'Full superconducting dome of strong Ising "
                    "protection in gated monolayer WS2', PNAS 115, 3551-3556 (2018), "
                    "doi:10.1073/pnas.1716781115: Cooper-pair spins pinned by a spin-orbit "
                    "splitting of ~30 meV of the K-valley conduction band (DFT: K. Kośmider, "
                    "J. W. González and J. Fernández-Rossier, arXiv:1311.0049), so β ≈ 15 meV"
                ),
                "g_factor": _G_NOTE,
            },
            note=(
                "Electron-doped K/K' pockets of the conduction band; the same group "
                "reports a gate-tuned dome, so Tc0 depends on the doping."
            ),
        ),
    }
)


def get_material(name: str | Material) -> Material:
    """Look up a preset material by key or name, case-insensitively.

    Parameters
    ----------
    name
        A key of :data:`MATERIALS` (``"NbSe2"``, ``"MoS2"``, ``"WS2"``) or a
        preset's full name (``"monolayer NbSe2"``), any case. A :class:`Material`
        is returned unchanged.

    Returns
    -------
    Material

    Raises
    ------
    ParameterError
        For an unknown name; the message lists the known ones.

    Examples
    --------
    >>> get_material("nbse2").Tc0_K
    3.0
    """
    if isinstance(name, Material):
        return name
    if isinstance(name, str):
        wanted = name.strip().casefold()
        for key, mat in MATERIALS.items():
            if wanted in (key.casefold(), mat.name.casefold()):
                return mat
    raise ParameterError("material", name, "one of " + ", ".join(map(repr, MATERIALS)))


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
