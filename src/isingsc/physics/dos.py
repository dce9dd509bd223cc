"""Quasiparticle density of states N(ε)/N0 of the Ising superconductor."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.grids import check_sampling
from .greens import normal_amplitude

__all__ = ["dos"]


@keyword_only
def dos(
    eps: ArrayLike,
    *,
    beta: float,
    h: float,
    Delta: float,
    Gamma: float,
    check_grid: bool = True,
) -> NDArray[np.float64]:
    """Density of states N(ε)/N0 (normal state = 1), both spins and both valleys.

    Parameters
    ----------
    eps
        Energies ε relative to the Fermi level, units of Δ0 (any shape).
    beta, h, Delta
        Ising SOC, in-plane Zeeman energy, order parameter; units of Δ0.
    Gamma
        Dynes rate Γ > 0 (units of Δ0): ε → ε + iΓ.
    check_grid
        Warn (:class:`~isingsc.core.errors.ResolutionWarning`) if ``eps`` is a sorted
        1-D grid (≥ 16 points) with steps > Γ: each value is exact at its ε, but a
        curve through the samples can miss the peaks. False: no check.

    Returns
    -------
    ndarray
        N(ε)/N0 ≥ 0, even in ε, h and β.

    Notes
    -----
    N(ε) = Re Tr[τ3 g^R(ε)]/4 = Re[ω(A + 2ρ²B)] at ω = Γ − iε (closed form of
    :mod:`isingsc.physics.greens`). BCS (h = 0, any β): Re[(ε + iΓ)/sqrt((ε + iΓ)² − Δ²)].
    Sum rule: ∫(N − 1) dε = 0. Peaks sit at the gap edges of
    :func:`isingsc.gap_edges` (ordinary and mirage).
    """
    e = finite("eps", eps)
    gam = float(positive("Gamma", Gamma))
    if check_grid:
        check_sampling(e, scale=gam, scale_name="Gamma", name="eps")
    b, hh, d = finite("beta", beta), finite("h", h), nonnegative("Delta", Delta)
    return normal_amplitude(gam - 1j * e, beta=b, h=hh, Delta=d).real
