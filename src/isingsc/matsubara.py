"""Fermionic Matsubara sums and their T → 0 limit, accurate at every temperature.

The quantities of :mod:`isingsc.gap` need S(T) = 2πT Σ_{n≥0} f(ω_n),
ω_n = (2n+1)πT, of a summand f that decays at least as 1/ω³. A naive truncated
sum at T = 0.01 Tc0 needs 10⁴–10⁵ terms for 1e-9 accuracy. Two exact routes are
used instead:

* **Low temperature** (``T < scale_lo / LOW_T_RATIO``). If f is even in ω and
  analytic in the strip |Im ω| < d (its singularities lie on the imaginary axis at
  the gap edges, so d ≥ the smallest gap edge ``scale_lo``), the Matsubara sum is
  a midpoint rule for ∫_{-∞}^{∞} and differs from ∫_0^∞ f dω only by terms
  ~ exp(−d/T) < exp(−40) ≈ 4e-18. The integral is done by composite
  Gauss–Legendre on geometric panels (exponentially convergent for singularities
  on the imaginary axis) plus a mapped tail. T = 0 is this integral, exactly.
* **Otherwise** the first N terms are summed directly, with
  N = max(32, ⌈8 scale_hi / 2πT⌉), and the tail from a = 2πTN is the integral
  ∫_a^∞ f plus the Euler–Maclaurin midpoint corrections (2πT)²/24 f'(a) −
  7(2πT)⁴/5760 f'''(a) (derivatives by 5-point differences); the first neglected
  term is ~(2πT/a)⁶ relative to the tail, below 1e-12 absolute.

Summands are passed as ``kernel(omega, *params)`` with ``omega`` of shape (n, 1)
and each parameter of shape (batch,), returning shape (n, batch).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import NDArray

from .errors import ConvergenceError

__all__ = ["LOW_T_RATIO", "frequency_sum", "half_line_rule"]

Kernel = Callable[..., NDArray[np.generic]]

#: Use the T → 0 integral when T < scale_lo / LOW_T_RATIO (error ~ e^{-40}).
LOW_T_RATIO = 40.0
#: Direct Matsubara terms reach a ≥ CUTOFF_FACTOR × scale_hi before the tail.
CUTOFF_FACTOR = 8.0
#: Minimum number of direct Matsubara terms (keeps 2πT/a ≤ 1/32).
MIN_TERMS = 32
#: Refuse sums that would need more direct terms than this.
MAX_TERMS = 1 << 21
_CHUNK_ELEMENTS = 1 << 21
_GL_ORDER = 16


@cache
def _gauss_legendre(order: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x, w = np.polynomial.legendre.leggauss(order)
    return (x + 1) / 2, w / 2


def _panels(edges: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x, w = _gauss_legendre(_GL_ORDER)
    lo, width = edges[:-1, None], np.diff(edges)[:, None]
    return (lo + width * x).ravel(), (width * w).ravel()


def _tail_rule(a: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Nodes and weights for ∫_a^∞ f dω by ω = a/t, exact for f ~ ω^{-k}, k ≥ 2 polynomial in t."""
    t, wt = _gauss_legendre(_GL_ORDER)
    return a / t, wt * a / t**2


def half_line_rule(scale_lo: float, scale_hi: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Quadrature nodes and weights for ∫_0^∞ f(ω) dω.

    Parameters
    ----------
    scale_lo
        Smallest distance of a singularity of f from the real axis (a gap edge), > 0.
    scale_hi
        Largest energy scale of f (beyond it f decays as a power law).

    Notes
    -----
    Panels [0, ℓ], [ℓ, 2ℓ], [2ℓ, 4ℓ], … up to 16 scale_hi with ℓ = scale_lo/16,
    16 Gauss–Legendre nodes each, then ω = H/t on (0, 1] for the tail. A panel of
    width w at distance ≥ w from a singularity converges like 4^{-32}.
    """
    lo = max(scale_lo, 1e-12) / 16.0
    hi = 16.0 * max(scale_hi, scale_lo)
    n = int(np.ceil(np.log2(hi / lo)))
    edges = np.concatenate(([0.0], lo * 2.0 ** np.arange(n + 1)))
    x1, w1 = _panels(edges)
    x2, w2 = _tail_rule(edges[-1])
    return np.concatenate((x1, x2)), np.concatenate((w1, w2))


def _apply(kernel: Kernel, omega: NDArray[np.float64], weights: NDArray[np.float64], params):
    """Σ_i weights_i kernel(omega_i, *params), chunked over omega to bound memory."""
    batch = max(1, params[0].size) if params else 1
    step = max(1, _CHUNK_ELEMENTS // batch)
    total = 0.0
    for start in range(0, omega.size, step):
        w = omega[start : start + step, None]
        total = total + np.tensordot(weights[start : start + step], kernel(w, *params), axes=1)
    return total


def _matsubara_direct(kernel: Kernel, T: float, scale_hi: float, params):
    two_pi_t = 2 * np.pi * T
    n_terms = max(MIN_TERMS, int(np.ceil(CUTOFF_FACTOR * scale_hi / two_pi_t)))
    if n_terms > MAX_TERMS:
        raise ConvergenceError(
            f"a Matsubara sum at T = {T:.3g} would need {n_terms} terms (> {MAX_TERMS}); "
            "use T = 0 (computed exactly) or a higher temperature"
        )
    omega_n = (2 * np.arange(n_terms) + 1) * np.pi * T
    partial = _apply(kernel, omega_n, np.full(n_terms, two_pi_t), params)
    a = two_pi_t * n_terms
    x, w = _tail_rule(a)
    tail = _apply(kernel, x, w, params)
    # Euler-Maclaurin for the midpoint rule: sum = int + h^2/24 f'(a) - 7h^4/5760 f'''(a) + O(h^6)
    delta = 0.02 * a
    stencil = a + delta * np.array([2.0, 1.0, -1.0, -2.0])
    d1 = np.array([-1.0, 8.0, -8.0, 1.0]) / (12 * delta)
    d3 = np.array([1.0, -2.0, 2.0, -1.0]) / (2 * delta**3)
    h2 = two_pi_t**2
    em = _apply(kernel, stencil, h2 / 24.0 * d1 - 7.0 * h2 * h2 / 5760.0 * d3, params)
    return partial + tail + em


def frequency_sum(
    kernel: Kernel,
    T: float,
    params: tuple[NDArray[np.float64], ...],
    scale_lo: NDArray[np.float64],
    scale_hi: NDArray[np.float64],
) -> NDArray[np.generic]:
    """S = 2πT Σ_{n≥0} f(ω_n) for a batch of parameter sets at one temperature.

    Parameters
    ----------
    kernel
        ``kernel(omega, *params)`` → f, shape (n, batch); must be even in ω,
        analytic off the imaginary axis, and decay at least as ω⁻³.
    T
        Temperature k_B T ≥ 0 (units of Δ0). T = 0 gives ∫_0^∞ f dω.
    params
        1-D arrays of equal length (the batch).
    scale_lo
        Per element: the smallest gap edge (distance of the nearest singularity
        of f from the real ω axis), > 0 where the low-T route is to be allowed.
    scale_hi
        Per element: the largest energy scale of f (e.g. ρ + Δ).

    Returns
    -------
    ndarray, shape (batch,)
    """
    scale_lo = np.asarray(scale_lo, float)
    scale_hi = np.asarray(scale_hi, float)
    out = np.zeros(scale_lo.shape, dtype=complex)
    low = (T * LOW_T_RATIO < scale_lo) if T > 0 else np.ones(scale_lo.shape, bool)
    if np.any(low):
        sub = tuple(p[low] for p in params)
        # group the low-T points by decade of scale_lo so each gets a resolving rule
        decade = np.floor(np.log2(np.maximum(scale_lo[low], 1e-12)))
        idx_low = np.flatnonzero(low)
        for d in np.unique(decade):
            sel = decade == d
            x, w = half_line_rule(2.0**d, float(np.max(scale_hi[low][sel])))
            out[idx_low[sel]] = _apply(kernel, x, w, tuple(p[sel] for p in sub))
    if np.any(~low):
        sub = tuple(p[~low] for p in params)
        out[~low] = _matsubara_direct(kernel, T, float(np.max(scale_hi[~low])), sub)
    return out
