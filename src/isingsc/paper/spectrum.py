"""Data of the paper's spectrum figures: the Ising SOC β(θ) (Fig. 2b) and the Bogoliubov
spectrum with its spin texture and optical transitions (Fig. 3a).

Closed forms only (paper Eq. 3, :mod:`isingsc.physics.spectrum`); energies in units of Δ0.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative
from ..physics.errata import paper_ordinary_gap
from ..physics.spectrum import (
    bogoliubov_branches,
    gap_edges,
    optical_gaps,
    ordinary_gap_position,
    spin_z,
)
from .common import ENERGY, energy_attrs, figure_attrs

__all__ = ["fig2b_data", "fig3a_data"]


@keyword_only
def fig2b_data(*, beta: float = 4.0, quick: bool = False) -> xr.Dataset:
    """The piecewise-constant Ising SOC β(θ_Γ) of the model (paper Fig. 2b).

    Parameters
    ----------
    beta
        SOC strength in the K pockets (units of Δ0).
    quick
        Accepted for a uniform interface (the data are analytic and cheap).

    Returns
    -------
    xarray.Dataset
        ``beta_soc(theta)`` on 1441 angles θ_Γ ∈ [0, 2π] (radians, measured from the
        Γ–K direction) and the pocket table ``pocket_angle``, ``pocket_valley``
        (K: β, K′: −β).

    Notes
    -----
    β(θ) = β sgn cos 3θ: constant on each of the six Fermi pockets (K at θ = 0,
    2π/3, 4π/3; K′ at π/3, π, 5π/3) and odd under k → −k, β(θ + π) = −β(θ), as
    time-reversal symmetry requires. Every observable in isingsc is an average over
    one K pocket: the K′ pockets (β → −β) give the same quasiclassical g up to the
    spin rotation that maps σz → −σz, hence the same σ, χ, DOS and Δ.
    """
    b = float(finite("beta", beta))
    theta = np.linspace(0.0, 2 * np.pi, 1441)
    values = b * np.sign(np.cos(3 * theta))
    pockets = np.arange(6) * np.pi / 3
    valley = np.array(["K", "K'"] * 3)
    return xr.Dataset(
        {
            "beta_soc": ("theta", values, energy_attrs("Ising SOC beta(theta_Gamma)")),
            "pocket_valley": ("pocket_angle", valley, {"long_name": "valley of the pocket"}),
        },
        coords={
            "theta": ("theta", theta, {"units": "rad", "long_name": "angle theta_Gamma"}),
            "pocket_angle": ("pocket_angle", pockets, {"units": "rad"}),
        },
        attrs=figure_attrs(
            "fig2b",
            "Piecewise-constant Ising spin-orbit coupling beta(theta_Gamma) of the model",
            method="closed form: beta(theta) = beta * sign(cos(3 theta))",
            beta=b,
            quick=quick,
            formula="beta(theta) = beta * sign(cos(3 theta)); beta(theta + pi) = -beta(theta)",
        ),
    )


@keyword_only
def fig3a_data(
    *,
    beta: float = 3.0,
    h: float = 2.0,
    Delta: float = 1.0,
    xi: ArrayLike | None = None,
    quick: bool = False,
) -> xr.Dataset:
    """Bogoliubov spectrum and spin texture of Fig. 3a (paper Eq. 3), K valley.

    Parameters
    ----------
    beta, h, Delta
        Ising SOC, in-plane Zeeman energy, order parameter (units of Δ0). The
        paper's Fig. 3a uses β = 3Δ, h = 2Δ (here Δ = Δ0 = 1, not self-consistent).
    xi
        Kinetic energies ξ (units of Δ0); default 1601 points (401 if ``quick``)
        on [−ξ_max, ξ_max] with ξ_max = max(8, 1.6 ξ*), ξ* the ordinary-gap position.
    quick
        Coarser default ξ grid.

    Returns
    -------
    xarray.Dataset
        ``energy(sign, branch, xi)``: ±E_upper, ±E_lower (``sign`` = +1, −1 is the
        negative-energy mirror); ``Sz(sign, branch, xi)``: ⟨S_z⟩ in ħ of each state
        (the mirror state −E has the same ⟨S_z⟩ as +E, as direct 4×4
        diagonalisation of H(ξ) shows). Attributes: ``gap_ordinary`` (corrected,
        :func:`isingsc.gap_edges`), ``gap_mirage_minus``, ``gap_mirage_plus``,
        ``xi_ordinary`` (its position), ``Omega_I``, ``Omega_II``, ``Omega_III``,
        and the paper's erroneous ``paper_ordinary_gap_erratum`` = Δ√(1 − h²/β²)
        (NaN for h > abs(β); :func:`isingsc.physics.errata.paper_ordinary_gap`) with
        ``paper_ordinary_gap_position_erratum`` (the paper's ξ, the same expression).

    Notes
    -----
    E² = E_bdg² + β² + h² ± 2√(h²E_bdg² + ξ²β²), E_bdg² = ξ² + Δ²;
    ⟨S_z⟩ = ±ξβ/(2√(ξ²β² + h²(ξ² + Δ²))). The ordinary gap is Δ·abs(β)/√(β² + h²) at
    ξ*² = β² + h² − h²Δ²/(β² + h²) (DESIGN.md §2 erratum).
    """
    b = float(finite("beta", beta))
    hh = float(finite("h", h))
    d = float(nonnegative("Delta", Delta))
    xi_star = float(ordinary_gap_position(beta=b, h=hh, Delta=d))
    if xi is None:
        xmax = max(8.0, 1.6 * xi_star)
        xi_arr = np.linspace(-xmax, xmax, 401 if quick else 1601)
    else:
        xi_arr = np.sort(np.atleast_1d(finite("xi", xi)).astype(float))
    e_up, e_lo = bogoliubov_branches(xi_arr, beta=b, h=hh, Delta=d)
    s_up, s_lo = spin_z(xi_arr, beta=b, h=hh, Delta=d)
    energy = np.stack([np.stack([e_up, e_lo]), -np.stack([e_up, e_lo])])
    sz = np.stack([np.stack([s_up, s_lo])] * 2)
    ordinary, m_minus, m_plus = (float(x) for x in gap_edges(beta=b, h=hh, Delta=d))
    om1, om2, om3 = (float(x) for x in optical_gaps(beta=b, h=hh, Delta=d))
    paper_gap = float(paper_ordinary_gap(beta=b, h=hh, Delta=d))
    attrs = figure_attrs(
        "fig3a",
        "Bogoliubov spectrum of the Ising superconductor coloured by <S_z> (K valley)",
        method="closed form, paper Eq. 3 (isingsc.bogoliubov_branches, isingsc.spin_z)",
        beta=b,
        h=hh,
        Delta=d,
        valley="K (K' has beta -> -beta: same energies, opposite <S_z>)",
        field_direction="x (in plane)",
        n_xi=int(xi_arr.size),
        quick=quick,
        gap_ordinary=ordinary,
        xi_ordinary=xi_star,
        gap_mirage_minus=m_minus,
        gap_mirage_plus=m_plus,
        Omega_I=om1,
        Omega_II=om2,
        Omega_III=om3,
        gap_ordinary_formula="Delta*|beta|/sqrt(beta^2+h^2) (corrected; isingsc.gap_edges)",
        paper_ordinary_gap_erratum=paper_gap,
        paper_ordinary_gap_position_erratum=paper_gap,
        paper_ordinary_gap_erratum_note="the paper's Delta*sqrt(1-h^2/beta^2) at "
        "xi = Delta*sqrt(beta^2-h^2)/beta (the same number) is wrong (DESIGN.md section 2; "
        "isingsc.physics.errata); shown for comparison only",
        optical_gaps_formula="Omega_I = 2 gap_ordinary, Omega_II = gap_ordinary + "
        "gap_mirage_minus, Omega_III = gap_ordinary + gap_mirage_plus",
    )
    return xr.Dataset(
        data_vars={
            "energy": (("sign", "branch", "xi"), energy, energy_attrs("Bogoliubov energy")),
            "Sz": (
                ("sign", "branch", "xi"),
                sz,
                {"units": "hbar", "long_name": "spin projection <S_z>", "valid_range": [-0.5, 0.5]},
            ),
        },
        coords={
            "sign": ("sign", np.array([1, -1], np.int8), {"long_name": "sign of the energy"}),
            "branch": ("branch", np.array(["upper", "lower"]), {"long_name": "spectral branch"}),
            "xi": ("xi", xi_arr, {"units": ENERGY, "long_name": "kinetic energy xi_k"}),
        },
        attrs=attrs,
    )
