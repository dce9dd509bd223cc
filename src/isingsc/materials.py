"""Material presets: the physical scales of real Ising superconductors, each number cited.

A :class:`Material` fixes what the dimensionless model needs to meet an experiment:
Tc0 (hence Δ0 in meV), the Ising spin–orbit coupling β and the g-factor of the in-plane
field. :data:`MATERIALS` holds the presets; :func:`get_material` looks one up by name.
The conversions themselves live in :mod:`isingsc.units`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Real
from types import MappingProxyType

from scipy import constants

from .core.constants import TC0
from .core.errors import ParameterError

__all__ = ["KB_MEV_PER_K", "MATERIALS", "Material", "get_material"]

#: Boltzmann constant k_B in meV/K (CODATA, from :mod:`scipy.constants`).
KB_MEV_PER_K: float = constants.physical_constants["Boltzmann constant in eV/K"][0] * 1e3


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

    Raises
    ------
    ParameterError
        A number that is not finite or outside its range (named in the message).

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
            real = isinstance(value, Real) and not isinstance(value, bool)
            if not (real and math.isfinite(value) and ok(value)):
                raise ParameterError(key, value, f"a finite number with {allowed}")
        object.__setattr__(self, "citations", MappingProxyType(dict(self.citations)))

    @property
    def delta0_meV(self) -> float:
        """Δ0 = π e^{-γ} k_B Tc0 in meV (weak-coupling BCS gap at T = 0, h = 0)."""
        return float(self.Tc0_K * KB_MEV_PER_K / TC0)

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
