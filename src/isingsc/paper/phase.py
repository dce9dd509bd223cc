"""Data of the paper's phase-diagram figure: the stable Δ(T, h) and the Tc(h) line (Fig. 4a).

Energies and temperatures k_B T in units of Δ0, with T/Tc0 alongside.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from ..core.constants import TC0
from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, positive
from ..physics.phase import critical_temperature, tricritical_point
from .common import ENERGY, energy_attrs, figure_attrs, gap_attrs, stable_gap

__all__ = ["fig4a_data"]

#: How Tc(h) is found (the ``Tc_method`` attribute).
TC_METHOD = (
    "isingsc.critical_temperature: digamma law, highest sign change of the linear gap "
    "coefficient on 240 points in ln T, Chandrupatla to 1e-14 in ln T"
)


@keyword_only
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
    gap = stable_gap(T=T[:, None], h=h[None, :], beta=b)
    h_line = np.linspace(0.0, hmax, n_tc)
    tc = np.asarray(critical_temperature(h=h_line, beta=b), float)
    t_tcp, h_tcp = tricritical_point(beta=b)
    attrs = figure_attrs(
        "fig4a",
        "Order parameter Delta(T, h)/Delta0 of the Ising superconductor",
        method="isingsc.solve_gap (stable self-consistent Delta) and "
        "isingsc.critical_temperature (Tc(h))",
        beta=b,
        h_max=hmax,
        nT=nT,
        nh=nh,
        n_tc=n_tc,
        quick=quick,
        **gap_attrs(gap),
        Tc_method=TC_METHOD,
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
            "Delta": (("T", "h"), gap.Delta, energy_attrs("order parameter Delta (stable)")),
            "free_energy": (
                ("T", "h"),
                gap.free_energy,
                {"units": "N0*Delta0^2", "long_name": "free energy Omega_s - Omega_n"},
            ),
            "gap_residual": (
                ("T", "h"),
                gap.residual,
                energy_attrs("|R(Delta)| of the gap equation"),
            ),
            "converged": (
                ("T", "h"),
                gap.converged,
                {"units": "1", "long_name": "root refinement met its tolerance (1/0)"},
            ),
            "Tc": (("h_line",), tc, energy_attrs("critical temperature k_B Tc(h)")),
            "Tc_over_Tc0": (("h_line",), tc / TC0, {"units": "1", "long_name": "Tc(h)/Tc0"}),
        },
        coords={
            "T": ("T", T, energy_attrs("temperature k_B T")),
            "T_over_Tc0": ("T", t_red, {"units": "1", "long_name": "T/Tc0"}),
            "h": ("h", h, energy_attrs("in-plane Zeeman energy h")),
            "h_line": ("h_line", h_line, {"units": ENERGY, "long_name": "Zeeman energy h"}),
        },
        attrs=attrs,
    )
