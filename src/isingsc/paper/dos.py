"""Data of the paper's density-of-states figure: N(ε, h) with the gap edges (Fig. 4b).

Energies and k_B T in units of Δ0; N in units of the normal-state N0.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike

from ..core.constants import TC0
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.grids import uniform_energy_grid
from ..physics.dos import dos
from ..physics.spectrum import gap_edges
from .common import energy_attrs, figure_attrs, gap_attrs, gap_variables, stable_gap

__all__ = ["fig4b_data"]

#: Long names of the gap-edge variables.
EDGES = {
    "gap_ordinary": "ordinary gap edge Delta|beta|/sqrt(beta^2+h^2) (corrected)",
    "gap_mirage_minus": "mirage gap edge sqrt((h-Delta)^2+beta^2)",
    "gap_mirage_plus": "mirage gap edge sqrt((h+Delta)^2+beta^2)",
}


@keyword_only
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
        (Γ/2 if ``quick``), :func:`isingsc.uniform_energy_grid`. Every value is exact
        at its ε; a grid coarser than Γ only samples the peaks sparsely.
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
    gap = stable_gap(T=t, h=h_arr, beta=b)
    n = np.stack(
        [
            dos(eps_arr, beta=b, h=hv, Delta=dv, Gamma=gam)
            for hv, dv in zip(h_arr, gap.Delta, strict=True)
        ]
    )
    normal = gap.Delta == 0
    edges = dict(zip(EDGES, gap_edges(beta=b, h=h_arr, Delta=gap.Delta), strict=True))
    step = float(np.max(np.abs(np.diff(eps_arr)))) if eps_arr.size > 1 else float("nan")
    attrs = figure_attrs(
        "fig4b",
        "Density of states N(eps, h)/N0 of the Ising superconductor",
        method="isingsc.dos: N = Re Tr[tau3 g^R(eps)]/4, closed-form quasiclassical g at "
        "omega = Gamma - i eps (Dynes broadening)",
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
        **gap_attrs(gap),
    )
    data_vars: dict[str, Any] = {
        "N": (
            ("h", "eps"),
            n,
            {"units": "N0", "long_name": "density of states N/N0 (normal state = 1)"},
        ),
        **gap_variables("h", gap),
    }
    for name, values in edges.items():
        data_vars[name] = (
            ("h",),
            np.where(normal, np.nan, values),
            {**energy_attrs(EDGES[name]), "comment": "NaN where Delta = 0"},
        )
    return xr.Dataset(
        data_vars=data_vars,
        coords={
            "h": ("h", h_arr, energy_attrs("in-plane Zeeman energy h")),
            "eps": ("eps", eps_arr, energy_attrs("energy eps")),
        },
        attrs=attrs,
    )
