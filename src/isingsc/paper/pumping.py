"""Data of the paper's pumping figures: the lasing mechanism (Fig. 3b) and the pumped
conductivity map Re σ(Ω_ph, Ω_m) (Fig. 6).

A magnon pump h_m cos(Ω_m t) along x drives the film at h = 0 (:mod:`isingsc.pumping`).
Energies and k_B T in units of Δ0; σ in units of σn.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from ..core.constants import TC0
from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.thermal import thermal_factor
from ..physics.errata import pair_threshold, paper_pair_threshold
from ..physics.gap import order_parameter
from ..pumping import lasing_map, pumped_state
from .common import ENERGY, energy_attrs, figure_attrs

__all__ = ["fig3b_data", "fig6_data"]

#: Floquet truncation N (harmonics −N..N) of the pumped state of Fig. 3b.
FIG3B_HARMONICS = 2


def _default_pump(Gamma: float, h_m: float | None) -> float:
    """The paper's pump amplitude √(Γ Tc0) unless ``h_m`` is given."""
    return float(np.sqrt(Gamma * TC0)) if h_m is None else float(nonnegative("h_m", h_m))


@keyword_only
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
        Pump frequency (units of Δ0), above the pair threshold 2√(β² + Δ²)
        (:func:`isingsc.physics.errata.pair_threshold`).
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
        ``E_up_resonance``, ``pair_threshold`` and the paper's
        ``paper_pair_threshold_erratum`` = 2β.

    Raises
    ------
    isingsc.ParameterError
        ``Omega_m`` at or below the pair threshold (no resonance).

    Notes
    -----
    The pump h_m cos(Ω_m t) σx creates a quasiparticle pair (one in each spin branch)
    where E↑(ξ) + E↓(ξ) = Ω_m; between ξ = 0 and abs(ξ) ≈ 3 the sum stays within
    8.25–8.5 ("resonant nesting"), so a pump in that window fills a hot spot at the
    bottom of the lower branch, above the empty gap edge: a population inversion.
    """
    b = float(finite("beta", beta))
    t = float(positive("T", T))
    gam = float(positive("Gamma", Gamma))
    hm = _default_pump(gam, h_m)
    delta = float(order_parameter(T=t, h=0.0, beta=b))
    threshold = float(pair_threshold(beta=b, Delta=delta))
    w_m = float(positive("Omega_m", Omega_m))
    if w_m <= threshold:
        raise ParameterError("Omega_m", w_m, f"Omega_m > pair threshold {threshold:.6g}")
    xi = np.linspace(-2.5 * abs(b), 2.5 * abs(b), 801)

    def branch(x, sign):
        return np.sqrt((x + sign * b) ** 2 + delta**2)

    x_res = brentq(lambda x: branch(x, 1) + branch(x, -1) - w_m, 0.0, w_m)
    e_lo, e_hi = sorted((float(branch(x_res, 1)), float(branch(x_res, -1))))
    eps = np.arange(gam, 1.3 * e_hi, gam if quick else gam / 2)
    state = pumped_state(
        eps,
        Omega_m=w_m,
        h_m=hm,
        beta=b,
        T=t,
        Gamma=gam,
        Delta=delta,
        harmonics=FIG3B_HARMONICS,
    )
    fermi = 0.5 * (1 - thermal_factor(eps, T=t))
    return xr.Dataset(
        {
            "E_up": ("xi", branch(xi, -1), energy_attrs("E_up = sqrt((xi-beta)^2+D^2)")),
            "E_down": ("xi", branch(xi, 1), energy_attrs("E_down, sqrt((xi+beta)^2+D^2)")),
            "dos": ("eps", state.dos, {"long_name": "time-averaged DOS N/N0 (pumped)"}),
            "occupation": ("eps", state.occupation, {"long_name": "pumped occupation f(eps)"}),
            "occupation_eq": ("eps", fermi, {"long_name": "equilibrium Fermi function"}),
        },
        coords={
            "xi": ("xi", xi, {"units": ENERGY, "long_name": "kinetic energy xi_k"}),
            "eps": ("eps", eps, {"units": ENERGY, "long_name": "quasiparticle energy"}),
        },
        attrs=figure_attrs(
            "fig3b",
            "Lasing mechanism: pair creation by the magnon pump and the pumped distribution",
            method=f"isingsc.pumped_state (Floquet-Keldysh, harmonics -{FIG3B_HARMONICS}.."
            f"{FIG3B_HARMONICS})",
            beta=b,
            T=t,
            Gamma=gam,
            h_m=hm,
            Omega_m=w_m,
            Delta=delta,
            quick=quick,
            h=0.0,
            floquet_harmonics=FIG3B_HARMONICS,
            pair_threshold=threshold,
            paper_pair_threshold_erratum=float(paper_pair_threshold(beta=b)),
            xi_resonance=float(x_res),
            E_down_resonance=e_lo,
            E_up_resonance=e_hi,
        ),
    )


@keyword_only
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
        2 sqrt(β² + Δ²) (and the paper's 2β), the Floquet truncation chosen
        automatically (tolerance 1e-2 σn) on the first, middle and last pump frequency
        (:func:`isingsc.lasing_map`) and its measured N → N+1 change (NaN: not
        checked, quick), and the strongest gain of each method with its location.
    """
    b = float(finite("beta", beta))
    t = float(nonnegative("T", T))
    gam = float(positive("Gamma", Gamma))
    hm = _default_pump(gam, h_m)
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
    delta = float(order_parameter(T=t, h=0.0, beta=b))
    maps = {
        method: lasing_map(
            om_ph,
            Omega_m=om_m,
            h_m=hm,
            beta=b,
            T=t,
            Gamma=gam,
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
    at = {m: [d.attrs["max_gain_Omega_m"], d.attrs["max_gain_Omega_ph"]] for m, d in maps.items()}
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
        attrs=figure_attrs(
            "fig6",
            "Re sigma(Omega_ph, Omega_m) of the Ising superconductor under magnon pumping",
            method="isingsc.lasing_map (isingsc.pumped_conductivity): 'perturbative' (with "
            "the cross terms omitted in the paper's Eq. C9) and 'floquet'",
            beta=b,
            T=t,
            Gamma=gam,
            h_m=hm,
            Delta=delta,
            quick=quick,
            pump="h(t) = h_m cos(Omega_m t) along x, h0 = 0",
            bath="normal reservoir: Dynes rate Gamma, relaxation to the lab-frame tanh",
            pair_threshold=float(pair_threshold(beta=b, Delta=delta)),
            paper_pair_threshold_erratum=float(paper_pair_threshold(beta=b)),
            points_per_width=ppw,
            floquet_harmonics=floq.attrs["floquet_harmonics"],
            floquet_truncation_change=floq.attrs["floquet_truncation_change"],
            floquet_tolerance=1e-2,
            max_gain_perturbative=pert.attrs["max_gain"],
            max_gain_perturbative_at=at["perturbative"],
            max_gain_floquet=floq.attrs["max_gain"],
            max_gain_floquet_at=at["floquet"],
        ),
    )
