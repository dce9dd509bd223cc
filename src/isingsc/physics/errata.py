"""The paper's wrong formulas, in one place, so that every comparison shows the same numbers.

M. Silaev's paper states two spectral results that the package corrects (docs/errata.rst,
DESIGN.md §2). Datasets, captions and ``isingsc info`` show the paper's values beside the
corrected ones "for comparison only"; they all take them from here:

========================  ==================================  =================================
quantity                  paper (wrong)                       correct
========================  ==================================  =================================
ordinary gap              Δ√(1 − h²/β²) at ξ = Δ√(β² − h²)/β  Δabs(β)/√(β² + h²) (:func:`gap_edges`)
pair threshold (h = 0)    2β                                  2√(β² + Δ²) (:func:`pair_threshold`)
========================  ==================================  =================================

All energies in units of Δ0.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative

__all__ = [
    "pair_threshold",
    "paper_ordinary_gap",
    "paper_pair_threshold",
]

FloatArray = NDArray[np.float64]


@keyword_only
def paper_ordinary_gap(*, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike) -> FloatArray:
    """The paper's (wrong) ordinary gap Δ√(1 − h²/β²), kept for comparison only.

    Parameters
    ----------
    beta, h, Delta
        Ising SOC, in-plane Zeeman energy, order parameter (units of Δ0; broadcast).

    Returns
    -------
    ndarray
        Δ√(1 − h²/β²) (units of Δ0); NaN where it has no real value (abs(h) > abs(β)
        or β = 0): the paper declares the spectrum gapless there, which it is not.
        The paper places this gap at ξ = Δ√(β² − h²)/abs(β), numerically the same
        expression; the correct position is
        :func:`isingsc.physics.spectrum.ordinary_gap_position`.

    Notes
    -----
    The minimum of the lower branch of the paper's own Eq. 3 is Δabs(β)/√(β² + h²)
    (:func:`isingsc.gap_edges`); for β = 4, h = 2.8, Δ = 1 that is 0.81923, the paper's
    formula gives 0.71414.
    """
    b, hh = np.broadcast_arrays(finite("beta", beta), finite("h", h))
    d = nonnegative("Delta", Delta)
    nonzero = b != 0
    ratio = 1.0 - np.square(np.divide(hh, b, out=np.full(b.shape, np.inf), where=nonzero))
    real = ratio >= 0
    return np.where(real, d * np.sqrt(np.where(real, ratio, 0.0)), np.nan)


@keyword_only
def paper_pair_threshold(*, beta: ArrayLike) -> FloatArray:
    """The paper's (wrong) pair-creation threshold min(E↑ + E↓) = 2abs(β) at h = 0.

    Returns
    -------
    ndarray
        2abs(β) (units of Δ0): the Δ → 0 limit of the correct :func:`pair_threshold`.
    """
    return 2 * np.abs(finite("beta", beta))


@keyword_only
def pair_threshold(*, beta: ArrayLike, Delta: ArrayLike) -> FloatArray:
    """Pair-creation threshold of a pump at h = 0: min over ξ of E↑(ξ) + E↓(ξ).

    Parameters
    ----------
    beta, Delta
        Ising SOC and order parameter (units of Δ0; broadcast).

    Returns
    -------
    ndarray
        2√(β² + Δ²) (units of Δ0), reached at ξ = 0.

    Notes
    -----
    At h = 0 the branches are E↑↓² = (abs(ξ) ± β)² + Δ²; their sum is convex and even in ξ,
    so its minimum sits at ξ = 0. The paper's 2β (:func:`paper_pair_threshold`) is the
    Δ → 0 limit: 8.246, not 8, at β = 4, Δ = 1.
    """
    b = finite("beta", beta)
    d = nonnegative("Delta", Delta)
    return 2 * np.sqrt(b * b + d * d)
