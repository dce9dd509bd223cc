"""The pumped state itself: time-averaged density of states and quasiparticle distribution."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..physics.gap import equilibrium_state
from .blocks import TAU3_DIAGONAL
from .floquet import floquet_blocks

__all__ = ["PumpedState", "pumped_state"]


@dataclass(frozen=True)
class PumpedState:
    """Time-averaged spectral and kinetic properties of the pumped superconductor.

    Attributes
    ----------
    eps
        Energies (units of Δ0).
    dos
        N(ε)/N0 = Re Tr[τ3 g^R_{00}]/4 (time-averaged; equilibrium DOS without pump).
    mode
        Energy-mode distribution h(ε) = Tr[τ3 g^K_{00}] / Tr[τ3 (g^R_{00} − g^A_{00})]
        (tanh(ε/2T) in equilibrium).
    occupation
        f(ε) = (1 − h(ε))/2; population inversion where f rises with ε, e.g.
        f(ε) > 1/2 at ε > 0 (hot spots).
    """

    eps: NDArray[np.float64]
    dos: NDArray[np.float64]
    mode: NDArray[np.float64]
    occupation: NDArray[np.float64]


@keyword_only
def pumped_state(
    eps: ArrayLike,
    *,
    Omega_m: float,
    h_m: float,
    beta: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    h: float = 0.0,
    harmonics: int = 2,
) -> PumpedState:
    """DOS and quasiparticle distribution of the pumped state (Floquet, non-perturbative).

    Parameters
    ----------
    eps
        Energies (units of Δ0).
    Omega_m, h_m, beta, T, Gamma, Delta, h
        As in :func:`isingsc.pumped_conductivity` (units of Δ0).
    harmonics
        Floquet truncation N.

    Returns
    -------
    PumpedState

    Notes
    -----
    From the (0, 0) Floquet block of ǧ = sign(Q̌_F) (:mod:`isingsc.pumping.floquet`). At
    β = 0 the pump acts only through the bath and h(ε) = Σ_n J_n(h_m/Ω_m)² tanh((ε + nΩ_m)/2T)
    exactly (tested).
    """
    e = finite("eps", eps).ravel()
    w_m = float(positive("Omega_m", Omega_m))
    hm = float(nonnegative("h_m", h_m))
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    if int(harmonics) < 1:
        raise ParameterError("harmonics", harmonics, "harmonics >= 1")
    _, cols = floquet_blocks(
        e, beta=b, h=hh, Delta=d, Gamma=gam, T=t, h_m=hm, Omega_m=w_m, harmonics=int(harmonics)
    )
    gr, gk, ga = cols[int(harmonics)]
    dos = (np.einsum("a,eaa->e", TAU3_DIAGONAL, gr) / 4).real
    mode = (
        np.einsum("a,eaa->e", TAU3_DIAGONAL, gk) / np.einsum("a,eaa->e", TAU3_DIAGONAL, gr - ga)
    ).real
    return PumpedState(eps=e, dos=dos, mode=mode, occupation=(1 - mode) / 2)
