"""Fermionic Matsubara sums and their T → 0 limit, accurate at every temperature.

The quantities of :mod:`isingsc.physics.gap` need S(T) = 2πT Σ_{n≥0} f(ω_n),
ω_n = (2n+1)πT, of a summand f that decays at least as 1/ω³ and is analytic off
the imaginary ω axis (its singularities sit at ω = ±iE, E in the spectrum). A naive
truncated sum at T = 0.01 Tc0 needs 10⁴–10⁵ terms for 1e-9 accuracy. Instead:

* **T > 0.** The first N = 64 terms are summed directly. The rest is the integral
  ∫_a^∞ f dω from a = 2πTN plus the Euler–Maclaurin midpoint corrections
  (2πT)²/24 f'(a) − 7(2πT)⁴/5760 f'''(a) (derivatives by 5-point differences).
  Because every singularity is at distance ≥ a from [a, ∞), f^{(k)}(a) ≲ k! f/a^k
  and the first neglected term is ~(2πT/a)⁶ = 64⁻⁶ ≈ 1e-11 relative to f(a)·a:
  below 1e-13 absolute for every T, with no dependence on the ratio of T to the
  spectral scales. The cost is 64 terms plus a few hundred quadrature nodes.
* **T = 0.** S is the integral ∫_0^∞ f dω, computed exactly (not as a small T).
  The same integral is used wherever it equals the sum in double precision: for
  T < scale_lo/745 (the difference is ~exp(−scale_lo/T), scale_lo the distance of the
  summand's nearest singularity from the real ω axis) and for T < 1e-150.

Integrals over [x0, ∞) use composite Gauss–Legendre on geometric panels
[x, 2x] (a panel at distance ≥ its width from every singularity converges like
4^{-32} with 16 nodes) up to 16 × the largest spectral scale, then ω = H/t on (0, 1].

Summands are passed as ``kernel(omega, *params)`` with ``omega`` of shape (n, 1)
and each parameter of shape (batch,), returning shape (n, batch).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from .grids import gauss_legendre_01

__all__ = ["DIRECT_TERMS", "EXP_UNDERFLOW", "TINY_T", "frequency_sum", "half_line_rule"]

Kernel = Callable[..., NDArray[np.generic]]

#: Number of Matsubara terms summed directly before the Euler–Maclaurin tail.
DIRECT_TERMS = 64
#: exp(-745) is below the smallest double: at T < scale/745 the sum equals its integral.
EXP_UNDERFLOW = 745.0
#: Below this temperature the squares of Matsubara frequencies underflow.
TINY_T = 1e-150
_CHUNK_ELEMENTS = 1 << 21
_GL_ORDER = 16


def _panels(edges: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x, w = gauss_legendre_01(_GL_ORDER)
    lo, width = edges[:-1, None], np.diff(edges)[:, None]
    return (lo + width * x).ravel(), (width * w).ravel()


def _geometric_rule(
    start: float, first: float, scale_hi: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """∫_start^∞: panels start, start+first, start+3·first, … (doubling) to 16·scale_hi, tail."""
    hi = max(16.0 * scale_hi, start + first)
    n = max(int(np.ceil(np.log2((hi - start) / first + 1.0))), 1)
    edges = start + first * (2.0 ** np.arange(n + 1) - 1.0)
    x1, w1 = _panels(edges)
    t, wt = gauss_legendre_01(_GL_ORDER)
    top = edges[-1]
    return np.concatenate((x1, top / t)), np.concatenate((w1, wt * top / t**2))


def half_line_rule(
    scale_lo: float, scale_hi: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Quadrature nodes and weights for ∫_0^∞ f(ω) dω.

    Parameters
    ----------
    scale_lo
        Smallest distance of a singularity of f from the real axis (a gap edge);
        values ≤ 1e-12 are treated as 1e-12.
    scale_hi
        Largest energy scale of f (beyond it f decays as a power law).

    Notes
    -----
    First panel [0, scale_lo/16], then doubling panels to 16·scale_hi, 16
    Gauss–Legendre nodes each, then ω = H/t on (0, 1] for the power-law tail.
    """
    first = max(scale_lo, 1e-12) / 16.0
    return _geometric_rule(0.0, first, max(scale_hi, scale_lo))


def _apply(kernel: Kernel, omega: NDArray[np.float64], weights: NDArray[np.float64], params):
    """Σ_i weights_i kernel(omega_i, *params), chunked over omega to bound memory."""
    batch = max(1, params[0].size) if params else 1
    step = max(1, _CHUNK_ELEMENTS // batch)
    total = 0.0
    for start in range(0, omega.size, step):
        w = omega[start : start + step, None]
        total = total + np.tensordot(weights[start : start + step], kernel(w, *params), axes=1)
    return total


def frequency_sum(
    kernel: Kernel,
    T: float,
    params: tuple[NDArray[np.float64], ...],
    scale_lo: NDArray[np.float64],
    scale_hi: NDArray[np.float64],
) -> NDArray[np.generic]:
    """S = 2πT Σ_{n≥0} f(ω_n) (T > 0) or ∫_0^∞ f dω (T = 0) for a batch of parameter sets.

    Parameters
    ----------
    kernel
        ``kernel(omega, *params)`` → f, shape (n, batch); analytic off the
        imaginary axis and decaying at least as ω⁻³.
    T
        Temperature k_B T ≥ 0 (units of Δ0).
    params
        1-D arrays of equal length (the batch).
    scale_lo
        Per element: the smallest gap edge (used at T = 0 to resolve ω → 0).
    scale_hi
        Per element: the largest energy scale of f (e.g. the upper mirage edge).

    Returns
    -------
    ndarray, shape (batch,)
    """
    scale_lo = np.asarray(scale_lo, float)
    scale_hi = float(np.max(scale_hi))
    # The sum differs from its integral by ~exp(-scale_lo/T) (the summand's nearest
    # singularity is at distance scale_lo from the real omega axis): below
    # T = scale_lo/745 that is 0 in double precision and the integral IS the sum. Below
    # T = 1e-150 the squares of Matsubara frequencies underflow: the integral is used too.
    integral = (T == 0) | (T * EXP_UNDERFLOW < scale_lo) | (T < TINY_T)
    if np.all(integral):
        return _integral(kernel, params, scale_lo, scale_hi)
    if not np.any(integral):
        return _sum(kernel, T, params, scale_hi)
    rest = ~integral
    out = np.empty(scale_lo.shape, dtype=complex)
    out[integral] = _integral(
        kernel, tuple(p[integral] for p in params), scale_lo[integral], scale_hi
    )
    out[rest] = _sum(kernel, T, tuple(p[rest] for p in params), scale_hi)
    return out


def _integral(kernel, params, scale_lo, scale_hi):
    """The integral of f over [0, inf) (the T = 0 limit of the sum)."""
    # group by octave of the smallest scale so each group gets a resolving first panel
    octave = np.floor(np.log2(np.maximum(scale_lo, 1e-12)))
    out = np.zeros(scale_lo.shape, dtype=complex)
    for o in np.unique(octave):
        sel = octave == o
        x, w = half_line_rule(2.0**o, scale_hi)
        out[sel] = _apply(kernel, x, w, tuple(p[sel] for p in params))
    return out


def _sum(kernel, T, params, scale_hi):
    """2 pi T sum_n f(omega_n): 64 direct terms, the integral tail and Euler-Maclaurin."""
    two_pi_t = 2 * np.pi * T
    omega_n = (2 * np.arange(DIRECT_TERMS) + 1) * np.pi * T
    partial = _apply(kernel, omega_n, np.full(DIRECT_TERMS, two_pi_t), params)
    a = two_pi_t * DIRECT_TERMS
    x, w = _geometric_rule(a, a, scale_hi)
    tail = _apply(kernel, x, w, params)
    # Euler-Maclaurin for the midpoint rule: sum = int + h^2/24 f'(a) - 7h^4/5760 f'''(a) + O(h^6)
    delta = 0.005 * a  # f' error ~delta^4 f^(5)/30, f''' roundoff ~eps f/delta^3: both < 1e-14
    stencil = a + delta * np.array([2.0, 1.0, -1.0, -2.0])
    d1 = np.array([-1.0, 8.0, -8.0, 1.0]) / 12  # f'(a) δ
    d3 = np.array([1.0, -2.0, 2.0, -1.0]) / 2  # f'''(a) δ³
    # weights written with the scale-free ratio r = 2πT/δ, so that no power of T
    # underflows at tiny T: (2πT)²/(24δ) = 2πT r/24, (2πT)⁴/δ³ = 2πT r³
    r = two_pi_t / delta
    em = _apply(kernel, stencil, two_pi_t * (r / 24.0 * d1 - 7.0 * r**3 / 5760.0 * d3), params)
    return partial + tail + em
