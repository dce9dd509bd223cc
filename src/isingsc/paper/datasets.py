"""The data behind the paper's figures, as labelled :class:`xarray.Dataset` objects.

Every function here is pure: it computes, it does not plot and it does not write.
Each Dataset carries

* coordinates with ``units`` (and ``long_name``) attributes,
* global attributes with every physical parameter, the numerical method and its
  convergence settings, the figure id and ``isingsc_version``,

so that a netCDF file written by :func:`write_netcdf` is self-describing.
All energies are in units of Δ0 (the BCS gap at T = 0, h = 0); temperatures are
energies k_B T in Δ0 too, with T/Tc0 given alongside (``TC0 = e^γ/π``).

Plotting lives in :mod:`isingsc.plotting.figures` (the only module importing matplotlib).
"""

from __future__ import annotations

import inspect
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray
from scipy.signal import find_peaks

from ..core.constants import TC0
from ..core.errors import ParameterError
from ..core.validation import finite, nonnegative, positive
from ..io.provenance import package_version
from ..numerics.grids import uniform_energy_grid
from ..physics.dos import dos
from ..physics.features import optical_features
from ..physics.gap import DELTA_MAX, solve_gap
from ..physics.phase import critical_temperature, tricritical_point
from ..physics.response import conductivity, conductivity_derivative, raman, raman_derivative
from ..physics.spectrum import (
    bogoliubov_branches,
    gap_edges,
    optical_gaps,
    ordinary_gap_position,
    spin_z,
)

__all__ = [
    "fig3a_data",
    "fig4a_data",
    "fig4b_data",
    "fig5a_data",
    "fig5b_data",
    "fig5c_data",
    "fig5d_data",
    "write_netcdf",
]

_ENERGY = "Delta0"  # the unit string used in every ``units`` attribute
_GAP_METHOD = (
    "isingsc.solve_gap (= isingsc.order_parameter with diagnostics): R/Delta scanned on "
    f"49 points in (0, {DELTA_MAX}], sign changes refined by Chandrupatla's method; the "
    "stable solution is the global free-energy minimum (0 = normal state); T = 0 exact "
    "(Matsubara sum replaced by its frequency integral)"
)


# ----------------------------------------------------------------------------- helpers
def _base_attrs(figure: str, title: str, **params: Any) -> dict[str, Any]:
    """Global attributes common to every dataset (netCDF-safe types only)."""
    attrs: dict[str, Any] = {
        "figure": figure,
        "title": title,
        "source": "isingsc: M. Silaev, 'Multiple optical gaps and laser with magnonic "
        "pumping in 2D Ising superconductors' (figures recomputed, errata corrected)",
        "isingsc_version": package_version(),
        "energy_unit": "Delta0 (BCS gap at T = 0, h = 0); k_B T also in Delta0",
        "TC0": TC0,
        "TC0_description": "Tc at h = 0 in units of Delta0: exp(euler_gamma)/pi",
    }
    for key, value in params.items():
        attrs[key] = _netcdf_attr(value)
    return attrs


def _netcdf_attr(value: Any) -> Any:
    """Convert a Python value to a type netCDF attributes accept (no bool/None/dict)."""
    if isinstance(value, bool | np.bool_):
        return int(value)
    if value is None:
        return "none"
    if isinstance(value, np.generic):
        return value.item()
    return value


def _solver_settings() -> dict[str, Any]:
    """The keyword defaults of :func:`isingsc.solve_gap` in use (its tolerances)."""
    params = inspect.signature(solve_gap).parameters.values()
    return {
        f"gap_solver_{p.name}": _netcdf_attr(p.default)
        for p in params
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is not inspect.Parameter.empty
    }


def _stable_diagnostics(sol) -> tuple[NDArray[np.float64], NDArray[np.int8]]:
    """|R| at the stable solution (0 in the normal state) and the converged flag."""
    # The stable Δ is one of the solutions, bit for bit.
    match = (sol.solutions == sol.Delta[..., None]) & (sol.Delta[..., None] > 0)
    resid = np.where(match, np.nan_to_num(sol.residual, nan=0.0), 0.0).max(axis=-1)
    return resid, sol.converged.astype(np.int8)


# ----------------------------------------------------------------------------- Fig. 3a
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
        (NaN for h > abs(β)) with ``paper_ordinary_gap_position_erratum``.

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
    # The paper's text (wrong, kept for comparison): Δ√(1 − h²/β²) at ξ = Δ√(β² − h²)/|β|.
    if b != 0 and abs(hh) <= abs(b):
        paper_gap = d * np.sqrt(1 - hh**2 / b**2)
        paper_pos = d * np.sqrt(b**2 - hh**2) / abs(b)
    else:
        paper_gap = paper_pos = float("nan")
    attrs = _base_attrs(
        "fig3a",
        "Bogoliubov spectrum of the Ising superconductor coloured by <S_z> (K valley)",
        beta=b,
        h=hh,
        Delta=d,
        valley="K (K' has beta -> -beta: same energies, opposite <S_z>)",
        field_direction="x (in plane)",
        method="closed form, paper Eq. 3 (isingsc.bogoliubov_branches, isingsc.spin_z)",
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
        paper_ordinary_gap_erratum=float(paper_gap),
        paper_ordinary_gap_position_erratum=float(paper_pos),
        paper_ordinary_gap_erratum_note="the paper's Delta*sqrt(1-h^2/beta^2) at "
        "xi = Delta*sqrt(beta^2-h^2)/beta is wrong (DESIGN.md section 2); shown for "
        "comparison only",
        optical_gaps_formula="Omega_I = 2 gap_ordinary, Omega_II = gap_ordinary + "
        "gap_mirage_minus, Omega_III = gap_ordinary + gap_mirage_plus",
    )
    return xr.Dataset(
        data_vars={
            "energy": (
                ("sign", "branch", "xi"),
                energy,
                {"units": _ENERGY, "long_name": "Bogoliubov energy"},
            ),
            "Sz": (
                ("sign", "branch", "xi"),
                sz,
                {"units": "hbar", "long_name": "spin projection <S_z>", "valid_range": [-0.5, 0.5]},
            ),
        },
        coords={
            "sign": ("sign", np.array([1, -1], np.int8), {"long_name": "sign of the energy"}),
            "branch": ("branch", np.array(["upper", "lower"]), {"long_name": "spectral branch"}),
            "xi": ("xi", xi_arr, {"units": _ENERGY, "long_name": "kinetic energy xi_k"}),
        },
        attrs=attrs,
    )


# ----------------------------------------------------------------------------- Fig. 2b
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
            "beta_soc": (
                "theta",
                values,
                {"units": _ENERGY, "long_name": "Ising SOC beta(theta_Gamma)"},
            ),
            "pocket_valley": ("pocket_angle", valley, {"long_name": "valley of the pocket"}),
        },
        coords={
            "theta": ("theta", theta, {"units": "rad", "long_name": "angle theta_Gamma"}),
            "pocket_angle": ("pocket_angle", pockets, {"units": "rad"}),
        },
        attrs=_base_attrs(
            "fig2b",
            "Piecewise-constant Ising spin-orbit coupling beta(theta_Gamma) of the model",
            beta=b,
            quick=quick,
            formula="beta(theta) = beta * sign(cos(3 theta)); beta(theta + pi) = -beta(theta)",
        ),
    )


# ----------------------------------------------------------------------------- Fig. 3b
def fig3b_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h_m: float | None = None,
    Omega_m: float = 8.4,
    quick: bool = False,
) -> xr.Dataset:
    """The lasing mechanism (paper Fig. 3b) and the pumped state that realises it.

    Parameters
    ----------
    beta, T, Gamma
        Units of Δ0 (paper: β = 4, T = Γ = 0.01 Tc0); Δ = Δ(T, h = 0), h = 0.
    h_m
        Pump amplitude (units of Δ0); default sqrt(Γ Tc0) as in the paper's Fig. 6.
    Omega_m
        Pump frequency (units of Δ0), above the pair threshold 2√(β² + Δ²).
    quick
        Energy step Γ instead of Γ/2.

    Returns
    -------
    xarray.Dataset
        ``E_up(xi)``, ``E_down(xi)``: the h = 0 branches √((ξ ± β)² + Δ²);
        ``dos(eps)``, ``occupation(eps)``: the time-averaged DOS and quasiparticle
        distribution f(ε) of the pumped state (:func:`isingsc.pumped_state`,
        Floquet N = 2), ``occupation_eq`` the Fermi function. Attrs: ``xi_resonance``
        (ξ > 0 where E↑ + E↓ = Ω_m), the hot-spot energies ``E_down_resonance``,
        ``E_up_resonance``, and ``pair_threshold``.

    Notes
    -----
    The pump h_m cos(Ω_m t) σx creates a quasiparticle pair (one in each spin branch)
    where E↑(ξ) + E↓(ξ) = Ω_m; between ξ = 0 and |ξ| ≈ 3 the sum stays within
    8.25–8.5 ("resonant nesting"), so a pump in that window fills a hot spot at the
    bottom of the lower branch, above the empty gap edge: a population inversion.
    """
    from scipy.optimize import brentq

    from ..physics.gap import order_parameter
    from ..pumping.conductivity import pumped_state

    b = float(finite("beta", beta))
    t = float(positive("T", T))
    gam = float(positive("Gamma", Gamma))
    hm = float(np.sqrt(gam * TC0)) if h_m is None else float(nonnegative("h_m", h_m))
    delta = float(order_parameter(T=t, h=0.0, beta=b))
    threshold = float(2 * np.sqrt(b * b + delta * delta))
    w_m = float(positive("Omega_m", Omega_m))
    if w_m <= threshold:
        raise ParameterError("Omega_m", w_m, f"Omega_m > pair threshold {threshold:.6g}")
    xi = np.linspace(-2.5 * abs(b), 2.5 * abs(b), 801)

    def branch(x, sign):
        return np.sqrt((x + sign * b) ** 2 + delta**2)

    x_res = brentq(lambda x: branch(x, 1) + branch(x, -1) - w_m, 0.0, w_m)
    e_lo, e_hi = sorted((float(branch(x_res, 1)), float(branch(x_res, -1))))
    eps = np.arange(gam, 1.3 * e_hi, gam if quick else gam / 2)
    state = pumped_state(eps, Omega_m=w_m, h_m=hm, beta=b, T=t, Gamma=gam, Delta=delta)
    fermi = 0.5 * (1 - np.tanh(eps / (2 * t)))
    energy = {"units": _ENERGY}
    return xr.Dataset(
        {
            "E_up": ("xi", branch(xi, -1), {**energy, "long_name": "E_up = sqrt((xi-beta)^2+D^2)"}),
            "E_down": (
                "xi",
                branch(xi, 1),
                {**energy, "long_name": "E_down, sqrt((xi+beta)^2+D^2)"},
            ),
            "dos": ("eps", state.dos, {"long_name": "time-averaged DOS N/N0 (pumped)"}),
            "occupation": ("eps", state.occupation, {"long_name": "pumped occupation f(eps)"}),
            "occupation_eq": ("eps", fermi, {"long_name": "equilibrium Fermi function"}),
        },
        coords={
            "xi": ("xi", xi, {"units": _ENERGY, "long_name": "kinetic energy xi_k"}),
            "eps": ("eps", eps, {"units": _ENERGY, "long_name": "quasiparticle energy"}),
        },
        attrs=_base_attrs(
            "fig3b",
            "Lasing mechanism: pair creation by the magnon pump and the pumped distribution",
            beta=b,
            T=t,
            Gamma=gam,
            h_m=hm,
            Omega_m=w_m,
            Delta=delta,
            quick=quick,
            h=0.0,
            pair_threshold=threshold,
            xi_resonance=float(x_res),
            E_down_resonance=e_lo,
            E_up_resonance=e_hi,
            method="isingsc.pumped_state (Floquet-Keldysh, harmonics -2..2)",
        ),
    )


# ----------------------------------------------------------------------------- Fig. 4a
def fig4a_data(
    *,
    beta: float = 4.0,
    nT: int | None = None,
    nh: int | None = None,
    quick: bool = False,
    h_max: float = 6.0,
    n_tc: int | None = None,
) -> xr.Dataset:
    """Stable order parameter Δ(T, h) and Tc(h) of Fig. 4a.

    Parameters
    ----------
    beta
        Ising SOC (units of Δ0); the paper uses β = 4Δ0.
    nT, nh
        Grid sizes on T ∈ [0, Tc0] and h ∈ [0, h_max]; default 64 × 64 (24 × 24 if
        ``quick``).
    quick
        Coarse default grids.
    h_max
        Largest Zeeman energy (units of Δ0), default 6.
    n_tc
        Points of the Tc(h) line on [0, h_max] (default 601, 121 if ``quick``).

    Returns
    -------
    xarray.Dataset
        ``Delta(T, h)`` (Δ0; equal to ``isingsc.order_parameter(T[:, None],
        h[None, :], beta)``), its gap-equation residual ``gap_residual(T, h)`` and
        ``converged(T, h)`` (1/0), the free energy ``free_energy(T, h)`` (N0 Δ0²),
        and ``Tc(h_line)`` (Δ0) with ``Tc_over_Tc0``. Coordinate ``T_over_Tc0``
        accompanies ``T``. Attributes carry β, the tricritical point (NaN if the
        transition is second order everywhere) and the solver settings.

    Notes
    -----
    Tc(h) solves ln(Tc/Tc0) = −(h²/ρ²)[Re ψ(½ + iρ/2πTc) − ψ(½)], ρ² = β² + h²
    (:func:`isingsc.critical_temperature`); it is the second-order line, i.e. the
    transition wherever no tricritical point lies above it.
    """
    b = float(finite("beta", beta))
    hmax = float(positive("h_max", h_max))
    nT = int(nT if nT is not None else (24 if quick else 64))
    nh = int(nh if nh is not None else (24 if quick else 64))
    n_tc = int(n_tc if n_tc is not None else (121 if quick else 601))
    for name, n in (("nT", nT), ("nh", nh), ("n_tc", n_tc)):
        if n < 2:
            raise ParameterError(name, n, f"{name} >= 2")
    t_red = np.linspace(0.0, 1.0, nT)
    T = TC0 * t_red
    h = np.linspace(0.0, hmax, nh)
    sol = solve_gap(T=T[:, None], h=h[None, :], beta=b)
    resid, conv = _stable_diagnostics(sol)
    h_line = np.linspace(0.0, hmax, n_tc)
    tc = np.asarray(critical_temperature(h=h_line, beta=b), float)
    t_tcp, h_tcp = tricritical_point(beta=b)
    attrs = _base_attrs(
        "fig4a",
        "Order parameter Delta(T, h)/Delta0 of the Ising superconductor",
        beta=b,
        h_max=hmax,
        nT=nT,
        nh=nh,
        n_tc=n_tc,
        quick=quick,
        gap_method=_GAP_METHOD,
        **_solver_settings(),
        gap_all_converged=bool(np.all(conv == 1)),
        gap_max_residual=float(np.max(resid)),
        Tc_method="isingsc.critical_temperature: digamma law, highest sign change of the "
        "linear gap coefficient on 240 points in ln T, Chandrupatla to 1e-14 in ln T",
        tricritical_T=float(t_tcp),
        tricritical_h=float(h_tcp),
        tricritical_note="NaN: the transition is second order along the whole Tc(h) line",
    )
    if np.isfinite(t_tcp):
        attrs["tricritical_note"] = (
            "below the tricritical point Tc(h) is the supercooling line; the transition "
            "there is first order (isingsc.critical_field)"
        )
    return xr.Dataset(
        data_vars={
            "Delta": (
                ("T", "h"),
                np.asarray(sol.Delta, float),
                {"units": _ENERGY, "long_name": "order parameter Delta (stable)"},
            ),
            "free_energy": (
                ("T", "h"),
                np.asarray(sol.free_energy, float),
                {"units": "N0*Delta0^2", "long_name": "free energy Omega_s - Omega_n"},
            ),
            "gap_residual": (
                ("T", "h"),
                resid,
                {"units": _ENERGY, "long_name": "|R(Delta)| of the gap equation"},
            ),
            "converged": (
                ("T", "h"),
                conv,
                {"units": "1", "long_name": "root refinement met its tolerance (1/0)"},
            ),
            "Tc": (
                ("h_line",),
                tc,
                {"units": _ENERGY, "long_name": "critical temperature k_B Tc(h)"},
            ),
            "Tc_over_Tc0": (("h_line",), tc / TC0, {"units": "1", "long_name": "Tc(h)/Tc0"}),
        },
        coords={
            "T": ("T", T, {"units": _ENERGY, "long_name": "temperature k_B T"}),
            "T_over_Tc0": ("T", t_red, {"units": "1", "long_name": "T/Tc0"}),
            "h": ("h", h, {"units": _ENERGY, "long_name": "in-plane Zeeman energy h"}),
            "h_line": ("h_line", h_line, {"units": _ENERGY, "long_name": "Zeeman energy h"}),
        },
        attrs=attrs,
    )


# ----------------------------------------------------------------------------- Fig. 4b
def fig4b_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h: ArrayLike | None = None,
    eps: ArrayLike | None = None,
    quick: bool = False,
) -> xr.Dataset:
    """Density of states N(ε, h) with the self-consistent Δ(T, h) of Fig. 4b.

    Parameters
    ----------
    beta
        Ising SOC (units of Δ0); the paper uses β = 4Δ0.
    T
        Temperature k_B T (units of Δ0); the paper's 0.01 Tc0 is the default.
    Gamma
        Dynes rate Γ > 0 (units of Δ0), default 0.01 Tc0.
    h
        Zeeman energies (units of Δ0); default 241 points on [0, 6] (61 if ``quick``).
    eps
        Energies ε (units of Δ0); default a uniform grid on [0, 8] with step Γ/4
        (Γ/2 if ``quick``), :func:`isingsc.uniform_energy_grid`. A user grid must
        resolve Γ (step ≤ Γ) or :class:`isingsc.ResolutionError` is raised.
    quick
        Coarser default grids.

    Returns
    -------
    xarray.Dataset
        ``N(h, eps)`` (N/N0, normal state = 1), ``Delta(h)`` (Δ0), ``converged(h)``,
        and the gap edges ``gap_ordinary(h)``, ``gap_mirage_minus(h)``,
        ``gap_mirage_plus(h)`` (Δ0; NaN where Δ = 0, the normal state, where they
        are not gap edges).

    Notes
    -----
    N(ε) = Re Tr[τ3 g^R(ε)]/4 with g^R = g(Γ − iε) in closed form (:func:`isingsc.dos`),
    summed over spins and valleys; its peaks sit at the (corrected) gap edges.
    """
    b = float(finite("beta", beta))
    t = float(nonnegative("T", T))
    gam = float(positive("Gamma", Gamma))
    ppw = 2.0 if quick else 4.0
    if h is None:
        h_arr = np.linspace(0.0, 6.0, 61 if quick else 241)
    else:
        h_arr = np.atleast_1d(finite("h", h)).astype(float)
    if eps is None:
        eps_arr = uniform_energy_grid(0.0, 8.0, Gamma=gam, points_per_width=ppw)
    else:
        eps_arr = np.atleast_1d(finite("eps", eps)).astype(float)
    sol = solve_gap(T=t, h=h_arr, beta=b)
    delta = np.asarray(sol.Delta, float)
    resid, conv = _stable_diagnostics(sol)
    # One row per field: dos checks the 1-D ε grid against Γ each time.
    n = np.stack(
        [
            dos(eps_arr, beta=b, h=hv, Delta=dv, Gamma=gam)
            for hv, dv in zip(h_arr, delta, strict=True)
        ]
    )
    ordinary, m_minus, m_plus = gap_edges(beta=b, h=h_arr, Delta=delta)
    normal = delta == 0
    edges = {
        name: np.where(normal, np.nan, val)
        for name, val in (
            ("gap_ordinary", ordinary),
            ("gap_mirage_minus", m_minus),
            ("gap_mirage_plus", m_plus),
        )
    }
    step = float(np.max(np.abs(np.diff(eps_arr)))) if eps_arr.size > 1 else float("nan")
    attrs = _base_attrs(
        "fig4b",
        "Density of states N(eps, h)/N0 of the Ising superconductor",
        beta=b,
        T=t,
        T_over_Tc0=t / TC0,
        Gamma=gam,
        Gamma_over_Tc0=gam / TC0,
        quick=quick,
        n_h=int(h_arr.size),
        n_eps=int(eps_arr.size),
        eps_step=step,
        eps_points_per_Gamma=gam / step if step > 0 else float("nan"),
        dos_method="isingsc.dos: N = Re Tr[tau3 g^R(eps)]/4, closed-form quasiclassical "
        "g at omega = Gamma - i eps (Dynes broadening)",
        gap_method=_GAP_METHOD,
        **_solver_settings(),
        gap_all_converged=bool(np.all(conv == 1)),
        gap_max_residual=float(np.max(resid)) if resid.size else 0.0,
    )
    edge_attrs = {
        "gap_ordinary": "ordinary gap edge Delta|beta|/sqrt(beta^2+h^2) (corrected)",
        "gap_mirage_minus": "mirage gap edge sqrt((h-Delta)^2+beta^2)",
        "gap_mirage_plus": "mirage gap edge sqrt((h+Delta)^2+beta^2)",
    }
    data_vars: dict[str, Any] = {
        "N": (
            ("h", "eps"),
            n,
            {"units": "N0", "long_name": "density of states N/N0 (normal state = 1)"},
        ),
        "Delta": (("h",), delta, {"units": _ENERGY, "long_name": "order parameter Delta(T, h)"}),
        "gap_residual": (
            ("h",),
            resid,
            {"units": _ENERGY, "long_name": "|R(Delta)| of the gap equation"},
        ),
        "converged": (("h",), conv, {"units": "1", "long_name": "root refinement converged"}),
    }
    for name, values in edges.items():
        data_vars[name] = (
            ("h",),
            values,
            {"units": _ENERGY, "long_name": edge_attrs[name], "comment": "NaN where Delta = 0"},
        )
    return xr.Dataset(
        data_vars=data_vars,
        coords={
            "h": ("h", h_arr, {"units": _ENERGY, "long_name": "in-plane Zeeman energy h"}),
            "eps": ("eps", eps_arr, {"units": _ENERGY, "long_name": "energy eps"}),
        },
        attrs=attrs,
    )


# ----------------------------------------------------------------------------- Fig. 5
_GAP_LABELS = ("I", "II", "III")
_OPTICS = {
    # quantity: variable names, long names and units of the response and its derivative
    "conductivity": {
        "parts": ("sigma1", "sigma2"),
        "long": ("Re sigma/sigma_n (dissipative)", "Im sigma/sigma_n (inductive, > 0)"),
        "unit": "sigma_n",
        "derivative": "dRe_sigma_dOmega",
        "derivative_long": "d Re(sigma/sigma_n)/d Omega",
        "derivative_unit": "sigma_n/Delta0",
        "normalisation": "sigma/sigma_n = 1 in the normal state (every Omega)",
    },
    "raman": {
        "parts": ("chi_re", "chi_im"),
        "long": ("Re chi/chi_n", "Im chi/chi_n (Raman intensity, > 0)"),
        "unit": "chi_n",
        "derivative": "dIm_chi_dOmega",
        "derivative_long": "d Im(chi/chi_n)/d Omega",
        "derivative_unit": "chi_n/Delta0",
        "normalisation": "chi/chi_n = i in the normal state (every Omega)",
    },
}
_RESPONSE_METHOD = (
    "isingsc.response: dirty-limit Keldysh bilinear kernel, trapezoid on a uniform energy "
    "grid with step min(Gamma, pi T)/points_per_width evaluated for all Omega at once as "
    "FFT cross-correlations, local barycentric interpolation to the requested Omega, "
    "Gauss-Legendre tails beyond the window (method='fft')"
)
_DERIVATIVE_METHOD = (
    "analytic derivative of the local barycentric interpolant of the FFT spectrum "
    "(isingsc.conductivity_derivative / isingsc.raman_derivative; no finite differences)"
)
_PEAK_PROMINENCE = 0.02  # relative to the row's range, as isingsc.optical_features


def _fig5_state(beta, T, Gamma, h, default_h):
    """Validated β, T, Γ, the fields and the stable Δ(T, h) with its diagnostics."""
    b = float(finite("beta", beta))
    t = float(nonnegative("T", T))
    gam = float(positive("Gamma", Gamma))
    h_arr = default_h if h is None else np.atleast_1d(finite("h", h)).astype(float)
    if h_arr.ndim != 1 or h_arr.size == 0:
        raise ParameterError("h", h, "a non-empty 1-D sequence of fields")
    sol = solve_gap(T=t, h=h_arr, beta=b)
    delta = np.asarray(sol.Delta, float)
    resid, conv = _stable_diagnostics(sol)
    return b, t, gam, h_arr, delta, resid, conv


def _gap_lines(beta, h, delta):
    """Ω_I, Ω_II, Ω_III (NaN where Δ = 0) and the paper's erroneous Ω_I = 2Δ√(1 − h²/β²)."""
    normal = delta == 0
    gaps = [np.where(normal, np.nan, g) for g in optical_gaps(beta=beta, h=h, Delta=delta)]
    ratio = 1.0 - (h / beta) ** 2 if beta != 0 else np.full(h.shape, -1.0)
    paper = np.where(normal | (ratio < 0), np.nan, 2 * delta * np.sqrt(np.clip(ratio, 0, None)))
    return gaps, paper


def _gap_variables(h_dim, gaps, paper, delta, resid, conv) -> dict[str, Any]:
    long_names = {
        "Omega_I": "optical gap I = 2 Delta_ord, Delta_ord = Delta*beta/sqrt(beta^2+h^2)",
        "Omega_II": "optical gap II = Delta_ord + Delta_-",
        "Omega_III": "optical gap III = Delta_ord + Delta_+",
    }
    out: dict[str, Any] = {
        "Delta": ((h_dim,), delta, {"units": _ENERGY, "long_name": "order parameter Delta(T, h)"}),
        "gap_residual": (
            (h_dim,),
            resid,
            {"units": _ENERGY, "long_name": "|R(Delta)| of the gap equation"},
        ),
        "converged": ((h_dim,), conv, {"units": "1", "long_name": "root refinement converged"}),
    }
    for (name, long), values in zip(long_names.items(), gaps, strict=True):
        out[name] = (
            (h_dim,),
            np.asarray(values, float),
            {"units": _ENERGY, "long_name": long, "comment": "NaN where Delta = 0"},
        )
    out["Omega_I_paper_erratum"] = (
        (h_dim,),
        np.asarray(paper, float),
        {
            "units": _ENERGY,
            "long_name": "the paper's (wrong) Omega_I = 2 Delta sqrt(1 - h^2/beta^2)",
            "comment": "for comparison only (DESIGN.md section 2); NaN where Delta = 0 "
            "or |h| > beta",
        },
    )
    return out


def _spectrum_call(quantity, Omega, beta, h, T, Gamma, Delta, **kw):
    fn = conductivity if quantity == "conductivity" else raman
    return fn(Omega, beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta, **kw)


def _derivative_call(quantity, Omega, beta, h, T, Gamma, Delta, **kw):
    if quantity == "conductivity":
        return conductivity_derivative(
            Omega, beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta, **kw
        ).real
    return raman_derivative(Omega, beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta, **kw).imag


def _fig5_grid_attrs(b, t, gam, quick, h_arr, om) -> dict[str, Any]:
    """Parameters and grid description shared by the Fig. 5 spectra and maps."""
    step = float(np.max(np.abs(np.diff(om)))) if om.size > 1 else float("nan")
    return {
        "beta": b,
        "T": t,
        "T_over_Tc0": t / TC0,
        "Gamma": gam,
        "Gamma_over_Tc0": gam / TC0,
        "Gamma_note": "the paper does not state its Dynes rate; Gamma = 0.01 Tc0 is this "
        "package's default (features sharpen as Gamma -> 0)",
        "quick": quick,
        "n_h": int(h_arr.size),
        "n_Omega": int(om.size),
        "Omega_step": step,
        "Omega_points_per_Gamma": gam / step if step > 0 else float("nan"),
    }


def _fig5_spectra(
    quantity: str,
    figure: str,
    title: str,
    beta: float,
    T: float,
    Gamma: float,
    h: ArrayLike | None,
    Omega: ArrayLike | None,
    quick: bool,
    Omega_max: float,
) -> xr.Dataset:
    """σ(Ω) or χ(Ω) at a few fields, with optical gaps and the located features."""
    spec = _OPTICS[quantity]
    b, t, gam, h_arr, delta, resid, conv = _fig5_state(beta, T, Gamma, h, np.array([2.8, -2.8]))
    if Omega is None:
        # step <= Gamma/2 (Gamma if quick): every feature of width ~Gamma is resolved
        om = uniform_energy_grid(
            0.02, float(Omega_max), Gamma=gam, points_per_width=1 if quick else 2
        )
    else:
        om = np.atleast_1d(finite("Omega", Omega)).astype(float)
    values = np.stack(
        [
            _spectrum_call(quantity, om, b, hv, t, gam, dv)
            for hv, dv in zip(h_arr, delta, strict=True)
        ]
    )
    gaps, paper = _gap_lines(b, h_arr, delta)
    feat_om = np.full((h_arr.size, 3), np.nan)
    feat_height = np.full((h_arr.size, 3), np.nan)
    extra: list[list[float]] = []
    for i, (hv, dv) in enumerate(zip(h_arr, delta, strict=True)):
        found = (
            []
            if dv == 0
            else optical_features(quantity, beta=b, h=hv, T=t, Gamma=gam, Delta=dv, Omega=om)
        )
        extra.append([f.omega for f in found if f.label is None])
        for f in found:
            if f.label is not None:
                k = _GAP_LABELS.index(f.label)
                feat_om[i, k], feat_height[i, k] = f.omega, f.height
    n_extra = max(1, max(len(e) for e in extra))
    extra_arr = np.full((h_arr.size, n_extra), np.nan)
    for i, e in enumerate(extra):
        extra_arr[i, : len(e)] = e
    attrs = _base_attrs(
        figure,
        title,
        **_fig5_grid_attrs(b, t, gam, quick, h_arr, om),
        response_method=_RESPONSE_METHOD,
        points_per_width=4.0,
        normalisation=spec["normalisation"],
        convention="physics: time dependence exp(-i Omega t)",
        feature_method="isingsc.optical_features on this Omega grid: peaks of the derivative "
        f"spectrum ({spec['derivative_long']}) with prominence >= {_PEAK_PROMINENCE} of its "
        "range, assigned to the nearest optical gap within its default tolerance",
        gap_method=_GAP_METHOD,
        **_solver_settings(),
        gap_all_converged=bool(np.all(conv == 1)),
        gap_max_residual=float(np.max(resid)) if resid.size else 0.0,
        optical_gaps_formula="Omega_I = 2 Delta_ord, Omega_II = Delta_ord + Delta_-, "
        "Omega_III = Delta_ord + Delta_+, Delta_ord = Delta*|beta|/sqrt(beta^2+h^2) "
        "(corrected; isingsc.optical_gaps)",
    )
    re_name, im_name = spec["parts"]
    re_long, im_long = spec["long"]
    data_vars: dict[str, Any] = {
        re_name: (("h", "Omega"), values.real, {"units": spec["unit"], "long_name": re_long}),
        im_name: (("h", "Omega"), values.imag, {"units": spec["unit"], "long_name": im_long}),
        **_gap_variables("h", gaps, paper, delta, resid, conv),
        "feature_Omega": (
            ("h", "gap"),
            feat_om,
            {
                "units": _ENERGY,
                "long_name": f"peak of {spec['derivative_long']} assigned to each optical gap",
                "comment": "NaN: no peak found within the tolerance (or Delta = 0)",
            },
        ),
        "feature_height": (
            ("h", "gap"),
            feat_height,
            {"units": spec["derivative_unit"], "long_name": "height of that peak"},
        ),
        "unassigned_peak_Omega": (
            ("h", "extra_peak"),
            extra_arr,
            {
                "units": _ENERGY,
                "long_name": f"peaks of {spec['derivative_long']} not assigned to an optical gap",
                "comment": "NaN padded",
            },
        ),
    }
    return xr.Dataset(
        data_vars=data_vars,
        coords={
            "h": ("h", h_arr, {"units": _ENERGY, "long_name": "in-plane Zeeman energy h"}),
            "Omega": ("Omega", om, {"units": _ENERGY, "long_name": "frequency hbar*Omega"}),
            "gap": ("gap", np.array(_GAP_LABELS), {"long_name": "optical gap"}),
        },
        attrs=attrs,
    )


def _row_peaks(om, y, gaps, Gamma):
    """Local maxima of one derivative row nearest to each optical gap (NaN if none).

    The rules of :func:`isingsc.optical_features` (each gap takes the nearest
    unclaimed maximum within max(8Γ, 4·step, 2√(ΓΩ_k/2)), closest pairs first), on
    an already computed row, except that a maximum's prominence must reach 2 % of
    the row's range *near that gap* (|Ω − Ω_k| ≤ 3 tolerances): the Ω_I peak of
    d Im χ/dΩ is ~20× the II and III peaks and would otherwise hide them.
    """
    pos = np.full(3, np.nan)
    height = np.full(3, np.nan)
    if not np.all(np.isfinite(gaps)) or y.size < 3:
        return pos, height
    idx, props = find_peaks(y, prominence=0.0)
    prom = props["prominences"]
    step = float(np.max(np.diff(om)))
    tol = [max(8 * Gamma, 4 * step, 2 * np.sqrt(Gamma * g / 2)) for g in gaps]
    pairs = []
    for k, g in enumerate(gaps):
        near = np.abs(om - g) <= 3 * tol[k]
        span = float(np.ptp(y[near])) if np.any(near) else 0.0
        for j, p in zip(idx, prom, strict=True):
            dist = abs(om[j] - g)
            if span > 0 and dist <= tol[k] and p >= _PEAK_PROMINENCE * span:
                pairs.append((dist, k, j))
    used_k: set[int] = set()
    used_j: set[int] = set()
    for _, k, j in sorted(pairs):
        if k not in used_k and j not in used_j:
            pos[k], height[k] = om[j], y[j]
            used_k.add(k)
            used_j.add(j)
    return pos, height


def _default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _fig5_map(
    quantity: str,
    figure: str,
    title: str,
    beta: float,
    T: float,
    Gamma: float,
    h: ArrayLike | None,
    Omega: ArrayLike | None,
    quick: bool,
    progress: bool | None,
    workers: int | None,
) -> xr.Dataset:
    """The derivative map over (h, Ω) with the optical-gap lines (Fig. 5b, 5d)."""
    from concurrent.futures import ThreadPoolExecutor

    from tqdm.auto import tqdm

    spec = _OPTICS[quantity]
    # exactly symmetric fields (linspace(−4, 4, n) is not, by rounding): h ↔ −h pairs
    positive_h = np.linspace(0.0, 4.0, 21 if quick else 81)
    default_h = np.concatenate((-positive_h[:0:-1], positive_h))
    b, t, gam, h_arr, delta, resid, conv = _fig5_state(beta, T, Gamma, h, default_h)
    n_om = 400 if quick else 1600
    if Omega is None:
        om = np.linspace(8.0 / n_om, 8.0, n_om)
    else:
        om = np.atleast_1d(finite("Omega", Omega)).astype(float)
        if om.ndim != 1 or om.size == 0 or np.any(om <= 0):
            raise ParameterError(
                "Omega", f"array of shape {om.shape}", "a non-empty 1-D array of frequencies > 0"
            )
    n_workers = _default_workers() if workers is None else int(workers)
    if n_workers < 1:
        raise ParameterError("workers", workers, "workers >= 1")

    def row(k: int) -> NDArray[np.float64]:
        # One call per field over all Ω. check_grid=False: each value is the exact
        # derivative of the (Γ-resolved) spectrum at that Ω; a coarse Ω sampling only
        # thins the picture, it does not make the values less accurate.
        return _derivative_call(
            quantity, om, b, float(h_arr[k]), t, gam, float(delta[k]), check_grid=False
        )

    disable = True if progress is False else (None if progress is None else False)
    bar = tqdm(total=h_arr.size, desc=figure, unit="field", disable=disable, leave=False)
    rows: list[NDArray[np.float64]] = []
    try:
        if n_workers == 1:
            for k in range(h_arr.size):
                rows.append(row(k))
                bar.update()
        else:
            # numpy/scipy release the GIL in the FFTs and array loops: threads scale
            with ThreadPoolExecutor(max_workers=n_workers) as pool:
                for r in pool.map(row, range(h_arr.size)):
                    rows.append(r)
                    bar.update()
    finally:
        bar.close()
    values = np.stack(rows)
    gaps, paper = _gap_lines(b, h_arr, delta)
    gap_arr = np.stack(gaps, axis=-1)  # (h, 3)
    peaks = [_row_peaks(om, values[k], gap_arr[k], gam) for k in range(h_arr.size)]
    peak_om = np.stack([p[0] for p in peaks])
    peak_height = np.stack([p[1] for p in peaks])
    attrs = _base_attrs(
        figure,
        title,
        **_fig5_grid_attrs(b, t, gam, quick, h_arr, om),
        check_grid=False,
        check_grid_reason="map sampling: each value is the derivative of a spectrum whose "
        "energy integrals resolve Gamma (step min(Gamma, pi T)/4) evaluated at that Omega, "
        "so it is accurate at any Omega; an Omega step coarser than Gamma only samples "
        "the peaks (width ~Gamma) sparsely in the picture (their heights on the map may "
        "be underestimated), it does not make the values wrong",
        response_method=_RESPONSE_METHOD,
        derivative_method=_DERIVATIVE_METHOD,
        points_per_width=4.0,
        workers=n_workers,
        normalisation=spec["normalisation"],
        convention="physics: time dependence exp(-i Omega t)",
        peak_method="per field: local maxima of the row (scipy.signal.find_peaks) with "
        f"prominence >= {_PEAK_PROMINENCE} of the row's range within 3 tolerances of the "
        "gap, each optical gap taking the nearest within the tolerance max(8 Gamma, "
        "4 Omega_step, 2 sqrt(Gamma Omega_k/2)) of isingsc.optical_features; positions "
        "are grid points (no sub-grid refinement)",
        gap_method=_GAP_METHOD,
        **_solver_settings(),
        gap_all_converged=bool(np.all(conv == 1)),
        gap_max_residual=float(np.max(resid)) if resid.size else 0.0,
        optical_gaps_formula="Omega_I = 2 Delta_ord, Omega_II = Delta_ord + Delta_-, "
        "Omega_III = Delta_ord + Delta_+, Delta_ord = Delta*|beta|/sqrt(beta^2+h^2) "
        "(corrected; isingsc.optical_gaps)",
    )
    data_vars: dict[str, Any] = {
        spec["derivative"]: (
            ("h", "Omega"),
            values,
            {"units": spec["derivative_unit"], "long_name": spec["derivative_long"]},
        ),
        **_gap_variables("h", gaps, paper, delta, resid, conv),
        "peak_Omega": (
            ("h", "gap"),
            peak_om,
            {
                "units": _ENERGY,
                "long_name": "local maximum of the row assigned to each optical gap",
                "comment": "NaN: none within the tolerance (or Delta = 0)",
            },
        ),
        "peak_height": (
            ("h", "gap"),
            peak_height,
            {"units": spec["derivative_unit"], "long_name": "value at that maximum"},
        ),
    }
    return xr.Dataset(
        data_vars=data_vars,
        coords={
            "h": ("h", h_arr, {"units": _ENERGY, "long_name": "in-plane Zeeman energy h"}),
            "Omega": ("Omega", om, {"units": _ENERGY, "long_name": "frequency hbar*Omega"}),
            "gap": ("gap", np.array(_GAP_LABELS), {"long_name": "optical gap"}),
        },
        attrs=attrs,
    )


def fig5a_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h: ArrayLike | None = None,
    Omega: ArrayLike | None = None,
    quick: bool = False,
) -> xr.Dataset:
    """Optical conductivity σ(Ω)/σn at h = ±2.8 Δ0 (Fig. 5a), self-consistent Δ.

    Parameters
    ----------
    beta
        Ising SOC (units of Δ0); the paper uses β = 4Δ0.
    T
        Temperature k_B T (units of Δ0); default the paper's 0.01 Tc0.
    Gamma
        Dynes rate Γ > 0 (units of Δ0). The paper does not state it; default
        0.01 Tc0 (recorded in the attributes).
    h
        Zeeman energies (units of Δ0); default (2.8, −2.8), the paper's cuts.
    Omega
        Frequencies > 0 (units of Δ0); default uniform on [0.02, 8] with step
        ≤ Γ/2 (≤ Γ if ``quick``). A user grid must resolve Γ (step ≤ Γ), else
        :class:`isingsc.ResolutionError`.
    quick
        Coarser default Ω grid.

    Returns
    -------
    xarray.Dataset
        ``sigma1(h, Omega)``, ``sigma2(h, Omega)`` (σ/σn = σ1 + iσ2, physics
        convention e^{−iΩt}: σ2 > 0, normal state σ = 1); ``Delta(h)``; the optical
        gaps ``Omega_I(h)``, ``Omega_II(h)``, ``Omega_III(h)`` (NaN where Δ = 0) and
        ``Omega_I_paper_erratum(h)``; the peaks of d Re σ/dΩ found by
        :func:`isingsc.optical_features` on the same grid: ``feature_Omega(h, gap)``,
        ``feature_height(h, gap)`` for gap = I, II, III (NaN if not found) and
        ``unassigned_peak_Omega(h, extra_peak)`` (NaN padded).

    Notes
    -----
    With Dynes broadening there is a weak extra peak of d Re σ/dΩ near Ω ≈ Δ_ord:
    absorption from the in-gap Dynes states at the Fermi level (DOS ~ Γ/Δ) to the
    gap edge. It is reported as unassigned; it vanishes as Γ → 0.
    """
    return _fig5_spectra(
        "conductivity",
        "fig5a",
        "Optical conductivity sigma(Omega)/sigma_n of the Ising superconductor",
        beta,
        T,
        Gamma,
        h,
        Omega,
        quick,
        8.0,
    )


def fig5b_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h: ArrayLike | None = None,
    Omega: ArrayLike | None = None,
    quick: bool = False,
    progress: bool | None = False,
    workers: int | None = None,
) -> xr.Dataset:
    """Map of d Re σ/dΩ over (h, Ω) with the optical-gap lines (Fig. 5b).

    Parameters
    ----------
    beta, T, Gamma
        As in :func:`fig5a_data` (β = 4, T = Γ = 0.01 Tc0 by default).
    h
        Zeeman energies (units of Δ0); default 161 points on [−4, 4], step 0.05
        (41, step 0.2, if ``quick``), exactly symmetric about 0.
    Omega
        Frequencies > 0 (units of Δ0); default 1600 points on (0, 8] (400 if
        ``quick``), i.e. step 0.005 (0.02). Not checked against Γ: every value is
        the exact derivative at that Ω (see the ``check_grid_reason`` attribute);
        a coarse grid only samples the peaks sparsely.
    quick
        Coarser default grids.
    progress
        Progress bar over the fields: False (default) none, True always, None only
        on a terminal.
    workers
        Threads computing the fields (default min(2, CPU count)); the result does
        not depend on it.

    Returns
    -------
    xarray.Dataset
        ``dRe_sigma_dOmega(h, Omega)`` (σn/Δ0); ``Delta(h)`` (self-consistent, with
        ``gap_residual``, ``converged``); ``Omega_I(h)``, ``Omega_II(h)``,
        ``Omega_III(h)`` (corrected ordinary gap; NaN where Δ = 0) and the paper's
        ``Omega_I_paper_erratum(h)``; ``peak_Omega(h, gap)``, ``peak_height(h, gap)``:
        the local maximum of each row assigned to each optical gap (NaN if none).

    Notes
    -----
    One call of :func:`isingsc.conductivity_derivative` per field covers all Ω (the
    derivative of the local interpolant of the FFT spectrum). The map is even in h
    (it is computed at every field, not mirrored). At h = 0 the response is BCS's,
    so the II and III features vanish there; they grow with abs(h).
    """
    return _fig5_map(
        "conductivity",
        "fig5b",
        "Frequency derivative d Re sigma/d Omega over (h, Omega)",
        beta,
        T,
        Gamma,
        h,
        Omega,
        quick,
        progress,
        workers,
    )


def fig5c_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h: ArrayLike | None = None,
    Omega: ArrayLike | None = None,
    quick: bool = False,
) -> xr.Dataset:
    """Raman susceptibility χ(Ω)/χn at h = ±2.8 Δ0 (Fig. 5c), self-consistent Δ.

    Parameters are those of :func:`fig5a_data`.

    Returns
    -------
    xarray.Dataset
        ``chi_re(h, Omega)``, ``chi_im(h, Omega)`` (χ/χn, normal state = i; Im χ > 0
        is the Raman intensity), ``Delta(h)``, the optical gaps and the peaks of
        d Im χ/dΩ (``feature_Omega``, ``feature_height``, ``unassigned_peak_Omega``)
        as in :func:`fig5a_data`.
    """
    return _fig5_spectra(
        "raman",
        "fig5c",
        "Raman susceptibility chi(Omega)/chi_n of the Ising superconductor",
        beta,
        T,
        Gamma,
        h,
        Omega,
        quick,
        8.0,
    )


def fig5d_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h: ArrayLike | None = None,
    Omega: ArrayLike | None = None,
    quick: bool = False,
    progress: bool | None = False,
    workers: int | None = None,
) -> xr.Dataset:
    """Map of d Im χ/dΩ over (h, Ω) with the optical-gap lines (Fig. 5d).

    Parameters are those of :func:`fig5b_data`.

    Returns
    -------
    xarray.Dataset
        ``dIm_chi_dOmega(h, Omega)`` (χn/Δ0) and the same Δ(h), optical-gap and
        peak variables as :func:`fig5b_data`.
    """
    return _fig5_map(
        "raman",
        "fig5d",
        "Frequency derivative d Im chi/d Omega over (h, Omega)",
        beta,
        T,
        Gamma,
        h,
        Omega,
        quick,
        progress,
        workers,
    )


# ----------------------------------------------------------------------------- output
def fig6_data(
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h_m: float | None = None,
    Omega_m: ArrayLike | None = None,
    Omega_ph: ArrayLike | None = None,
    quick: bool = False,
    progress: bool | None = False,
) -> xr.Dataset:
    """Re σ(Ω_ph, Ω_m) under magnon pumping (Fig. 6): second order and Floquet.

    Parameters
    ----------
    beta, T, Gamma
        Units of Δ0 (paper: β = 4, T = Γ = 0.01 Tc0); Δ is the equilibrium Δ(T, h = 0).
    h_m
        Pump amplitude (units of Δ0); default sqrt(Γ Tc0) as in the paper.
    Omega_m, Omega_ph
        Pump and photon frequency grids (units of Δ0); default 64 pump frequencies
        in [7.6, 10] and 50 photon frequencies in [0.02, 1] (quick: 8 × 20).
    quick
        Coarser grids, 2 energy points per Γ (error ~e^{-4π} ≈ 1e-4 σn, measured
        8e-5) instead of 3 (1e-7), and the Floquet truncation fixed at N = 1 without
        the N = 2 check (the default run checks it: N → N+1 changes σ by ≤ 5e-3 σn at
        the paper's parameters, at Ω_ph → 0 where abs(σ) ~ 150).
    progress
        Progress bar over pump frequencies (None: only on a terminal).

    Returns
    -------
    xarray.Dataset
        ``sigma_re_perturbative``, ``sigma_re_floquet`` (Omega_m, Omega_ph): Re σ/σn,
        negative where the pumped film amplifies (lasing); ``sigma_im_*`` and
        ``gain_*`` = −Re σ/σn too; attrs with all parameters, Δ, the pair threshold
        2 sqrt(β² + Δ²), the Floquet truncation chosen automatically (tolerance
        1e-2 σn) on the first, middle and last pump frequency
        (:func:`isingsc.lasing_map`) and its measured N → N+1 change (NaN: not
        checked, quick), and the strongest gain of each method with its location.
    """
    from ..physics.gap import order_parameter
    from ..pumping.lasing import lasing_map

    hm = float(np.sqrt(Gamma * TC0)) if h_m is None else float(h_m)
    om_m = (
        np.linspace(7.6, 10.0, 8 if quick else 64)
        if Omega_m is None
        else np.asarray(Omega_m, float)
    )
    om_ph = (
        np.linspace(0.02, 1.0, 20 if quick else 50)
        if Omega_ph is None
        else np.asarray(Omega_ph, float)
    )
    ppw = 2.0 if quick else 3.0
    delta = float(order_parameter(T=T, h=0.0, beta=beta))
    maps = {
        method: lasing_map(
            om_ph,
            Omega_m=om_m,
            h_m=hm,
            beta=beta,
            T=T,
            Gamma=Gamma,
            Delta=delta,
            method=method,
            harmonics=1 if quick else "auto",
            tol=1e-2,
            points_per_width=ppw,
            progress=progress,
        )
        for method in ("perturbative", "floquet")
    }
    pert, floq = maps["perturbative"], maps["floquet"]
    at = {
        m: [ds.attrs["max_gain_Omega_m"], ds.attrs["max_gain_Omega_ph"]] for m, ds in maps.items()
    }
    variables = {}
    for method, ds in maps.items():
        label = "2nd order in h_m" if method == "perturbative" else "Floquet"
        for var in ("sigma_re", "sigma_im", "gain"):
            attrs = dict(ds[var].attrs)
            attrs["long_name"] = f"{attrs['long_name']}, {label}"
            variables[f"{var}_{method}"] = (ds[var].dims, ds[var].values, attrs)
    return xr.Dataset(
        variables,
        coords=floq.coords,
        attrs=_base_attrs(
            "fig6",
            "Re sigma(Omega_ph, Omega_m) of the Ising superconductor under magnon pumping",
            beta=beta,
            T=T,
            Gamma=Gamma,
            h_m=hm,
            Delta=delta,
            quick=quick,
            pump="h(t) = h_m cos(Omega_m t) along x, h0 = 0",
            bath="normal reservoir: Dynes rate Gamma, relaxation to the lab-frame tanh",
            pair_threshold=floq.attrs["pair_threshold"],
            points_per_width=ppw,
            floquet_harmonics=floq.attrs["floquet_harmonics"],
            floquet_truncation_change=floq.attrs["floquet_truncation_change"],
            max_gain_perturbative=pert.attrs["max_gain"],
            max_gain_perturbative_at=[
                pert.attrs["max_gain_Omega_m"],
                pert.attrs["max_gain_Omega_ph"],
            ],
            max_gain_floquet=floq.attrs["max_gain"],
            max_gain_floquet_at=at["floquet"],
            method="isingsc.lasing_map (isingsc.pumped_conductivity): 'perturbative' (with "
            "the cross terms omitted in the paper's Eq. C9) and 'floquet'",
        ),
    )


def write_netcdf(
    ds: xr.Dataset,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    compress: bool = True,
) -> Path:
    """Write ``ds`` to netCDF-4 (h5netcdf engine) atomically.

    The file is first written to a temporary file in the destination directory and
    then moved into place (``os.replace``), so no half-written file ever carries the
    final name.

    Parameters
    ----------
    ds
        Dataset to write.
    path
        Destination file.
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
    encoding: Mapping[str, Mapping[str, Any]] = {}
    if compress:
        encoding = {
            name: {"zlib": True, "complevel": 4}
            for name, var in ds.variables.items()
            if np.issubdtype(var.dtype, np.floating) and var.ndim > 0
        }
    # A fresh hidden name beside dest (same file system, so os.replace is atomic);
    # created by the writer itself, hence with the usual umask permissions.
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        ds.to_netcdf(tmp, engine="h5netcdf", encoding=dict(encoding))
        if not overwrite:
            # A hard link fails if dest appeared meanwhile: no silent overwrite.
            try:
                os.link(tmp, dest)
            except FileExistsError:
                raise FileExistsError(f"{dest} exists; pass overwrite=True to replace it") from None
            except OSError:  # file system without hard links
                if dest.exists():
                    raise FileExistsError(
                        f"{dest} exists; pass overwrite=True to replace it"
                    ) from None
                os.replace(tmp, dest)
        else:
            os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return dest
