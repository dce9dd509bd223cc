"""Self-consistent order parameter: gap equation, free energy, stable Δ(T, h).

Weak coupling with the cut-off eliminated through Tc0 (DESIGN.md §1)::

    R(Δ) ≡ 2πT Σ_{ω_n>0} [F(ω_n) − Δ/ω_n] − Δ ln(T/Tc0) = 0,

F = Tr[τ2 g]/4 the singlet anomalous amplitude (:mod:`isingsc.physics.greens`). The free
energy per unit area, relative to the normal state at the same T and h, in units of
N0 Δ0² (N0 the normal density of states per spin) is

    Ω(Δ) = Δ² ln(T/Tc0) + 2πT Σ_{ω_n>0} [Δ²/ω_n − λ+ − λ− + 2ω_n],

with λ± of :mod:`isingsc.physics.greens`; ∂Ω/∂Δ = −2R, so solutions of the gap equation
are the stationary points of Ω. (The Pauli energy of the normal state is contained:
at β = 0, T = 0, h < Δ0 this gives Ω = −1/2 + h², the Chandrasekhar–Clogston law.)

Numerics. Both sums are split into an exact BCS part and an even, analytic
remainder::

    R/Δ = 2πT Σ [F/Δ − 1/sqrt(ω² + Δ²)] + b(T, Δ),
    Ω   = Ω_BCS(T, Δ) − 2πT Σ [λ+ + λ− − 2 sqrt(ω² + Δ²)],

where b = −ln Δ − 2∫_0^∞ dξ n_F(E)/E and
Ω_BCS = Δ² ln Δ − Δ²/2 − 4T ∫_0^∞ dξ ln[(1 + e^{−E/T})/(1 + e^{−ξ/T})],
E = sqrt(ξ² + Δ²), are real-axis BCS identities. The remainders are summed by
:func:`isingsc.numerics.matsubara.frequency_sum` (64 direct terms plus an integral tail
with Euler–Maclaurin corrections at T > 0; the exact frequency integral at T = 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import elementwise
from scipy.special import digamma, expit

from ..core.constants import TC0
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.grids import gauss_legendre_01
from ..numerics.matsubara import frequency_sum
from .spectrum import gap_edges

__all__ = [
    "GapSolution",
    "free_energy",
    "gap_residual",
    "linear_gap_coefficient",
    "order_parameter",
    "solve_gap",
]

FloatArray = NDArray[np.float64]

#: Largest order parameter considered (Δ ≤ Δ0 = 1 for any T, h).
DELTA_MAX = 1.05
_SCAN_POINTS = 48


# ----------------------------------------------------------------------------- kernels
def _invariants(w, d, beta, h):
    """Cancellation-free scalars on the real Matsubara axis (ω real).

    P = λ+λ− = sqrt((ω² + (Δ−h)² + β²)(ω² + (Δ+h)² + β²)), L = λ+ + λ− with
    L² = 2(s + P) = 8m²/(P − s) (the latter used for s < 0), E = sqrt(ω² + Δ²).
    """
    rho2 = beta * beta + h * h
    e2 = w * w + d * d
    p = np.sqrt((w * w + (d - h) ** 2 + beta * beta) * (w * w + (d + h) ** 2 + beta * beta))
    s = e2 - rho2
    m2 = w * w * rho2 + d * d * beta * beta
    neg = s < 0
    l2 = np.where(neg, 8 * m2 / np.where(neg, p - s, 1.0), 2 * (s + p))
    return rho2, e2, np.sqrt(e2), p, np.sqrt(l2)


def _free_kernel(w, d, beta, h):
    """λ+ + λ− − 2E = −8h²Δ² / [(P + E² + ρ²)(L + 2E)] (exact, no cancellation)."""
    rho2, e2, e, p, lsum = _invariants(w, d, beta, h)
    return -8 * h * h * d * d / ((p + e2 + rho2) * (lsum + 2 * e))


def _gap_kernel(w, d, beta, h):
    """F/Δ − 1/E = (1/2Δ) ∂_Δ(λ+ + λ− − 2E), differentiated in closed form.

    With D = (P + E² + ρ²)(L + 2E): F/Δ − 1/E = −(4h²/D)(2 − Δ D'/D), where
    ∂P/∂Δ = 2Δ(E² + ρ² − 2h²)/P and ∂L/∂Δ = 2F = Δ(L² + 4β²)/(PL).
    """
    rho2, e2, e, p, lsum = _invariants(w, d, beta, h)
    d1, d2 = p + e2 + rho2, lsum + 2 * e
    dd = d1 * d2
    dp = 2 * d * (e2 + rho2 - 2 * h * h) / p
    dl = d * (lsum * lsum + 4 * beta * beta) / (p * lsum)
    ddp = (dp + 2 * d) * d2 + d1 * (dl + 2 * d / e)
    return -(4 * h * h / dd) * (2 - d * ddp / dd)


def _scales(d, beta, h):
    ordinary, _, plus = gap_edges(beta=beta, h=h, Delta=d)
    return np.minimum(ordinary, d), np.maximum(plus, d)


# ------------------------------------------------------------------ BCS real-axis parts
def _u_nodes(T: float, d: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Nodes u (shape (n, batch)) and weights for ∫_0^{u_max} du, ξ = Δ sinh u."""
    u_max = np.arccosh(np.maximum(60.0 * T / np.maximum(d, 1e-300), 1.0))
    n_panels = max(int(np.ceil(np.max(u_max) / 0.4)), 1)
    x, w = gauss_legendre_01(12)
    t = ((np.arange(n_panels)[:, None] + x) / n_panels).ravel()
    wt = np.tile(w, n_panels) / n_panels
    return t[:, None] * u_max, wt[:, None] * u_max


def _bcs_b(T: float, d: FloatArray) -> FloatArray:
    """b(T, Δ) = −ln Δ − 2∫_0^∞ dξ n_F(E)/E = ln(T/Tc0)·(−1) + BCS Matsubara sum."""
    if T == 0:
        return -np.log(d)
    u, wu = _u_nodes(T, d)
    with np.errstate(over="ignore"):  # E/T = inf at tiny T: n_F = expit(−inf) = 0, exact
        occupation = expit(-d * np.cosh(u) / T)
    return -np.log(d) - 2.0 * np.sum(wu * occupation, axis=0)


def _bcs_free(T: float, d: FloatArray) -> FloatArray:
    """Ω_BCS(T, Δ)/(N0 Δ0²) relative to the normal state."""
    base = d**2 * np.log(d) - d**2 / 2
    if T == 0:
        return base
    u, wu = _u_nodes(T, d)
    xi = d * np.sinh(u)
    e = d * np.cosh(u)
    with np.errstate(over="ignore"):  # E/T = inf at tiny T: log(1 + e^−inf) = 0, exact
        integrand = e * (np.logaddexp(0, -e / T) - np.logaddexp(0, -xi / T))
    return base - 4.0 * T * np.sum(wu * integrand, axis=0)


@keyword_only
def linear_gap_coefficient(*, T: ArrayLike, h: ArrayLike, beta: ArrayLike) -> FloatArray:
    """lim_{Δ→0} R/Δ: positive where the normal state is unstable (T < Tc(h)).

    Notes
    -----
    ln(Tc0/T) − (h²/ρ²)[Re ψ(½ + iρ/2πT) − ψ(½)], ρ² = β² + h² (digamma law).
    """
    t = nonnegative("T", T)
    hh, b = finite("h", h), finite("beta", beta)
    rho2 = hh**2 + b**2
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # y = ρ/2πT; Re ψ(½ + iy) = ln y + 1/(24y²) + …: for y > 1e8 (and at tiny T,
        # where y overflows) ln y itself, written as a difference of logarithms
        log_y = 0.5 * np.log(rho2) - np.log(2 * np.pi * t)
        large = log_y > np.log(1e8)
        z = 0.5 + 1j * np.exp(np.where(large, 0.0, log_y))
        re_psi = np.where(large, log_y, digamma(z).real)
        pair = np.where(rho2 > 0, hh**2 / np.where(rho2 > 0, rho2, 1.0), 0.0) * (
            np.where(rho2 > 0, re_psi, 0.0) - digamma(0.5)
        )
        out = np.log(TC0) - np.log(t) - pair
    return np.where(t > 0, out, np.inf)


# ------------------------------------------------------------ residual and free energy
def _reduced_residual(d: FloatArray, T: float, beta: FloatArray, h: FloatArray) -> FloatArray:
    """R/Δ for 1-D arrays at one temperature; Δ = 0 gives the linear coefficient."""
    d, beta, h = (np.ascontiguousarray(x, dtype=float) for x in np.broadcast_arrays(d, beta, h))
    out = np.empty(d.shape)
    zero = d == 0
    if np.any(zero):
        out[zero] = linear_gap_coefficient(T=T, h=h[zero], beta=beta[zero])
    if np.any(~zero):
        dd, bb, hh = d[~zero], beta[~zero], h[~zero]
        lo, hi = _scales(dd, bb, hh)
        s = frequency_sum(_gap_kernel, T, (dd, bb, hh), lo, hi).real
        out[~zero] = s + _bcs_b(T, dd)
    return out


def _free_energy_1d(d: FloatArray, T: float, beta: FloatArray, h: FloatArray) -> FloatArray:
    d, beta, h = (np.ascontiguousarray(x, dtype=float) for x in np.broadcast_arrays(d, beta, h))
    out = np.zeros(d.shape)
    nz = d > 0
    if np.any(nz):
        dd, bb, hh = d[nz], beta[nz], h[nz]
        lo, hi = _scales(dd, bb, hh)
        s = frequency_sum(_free_kernel, T, (dd, bb, hh), lo, hi).real
        out[nz] = _bcs_free(T, dd) - s
    return out


def _by_temperature(func, Delta, T, h, beta):
    """Apply a one-temperature 1-D function over broadcast arrays, grouping by T.

    Only Δ > 0 is evaluated; Δ = 0 entries are 0 (the normal state: Ω(0) − Ω(0) = 0,
    and R(0) = 0, whose reduced form R/Δ would diverge like −ln Δ).
    """
    d, t, hh, b = np.broadcast_arrays(
        nonnegative("Delta", Delta), nonnegative("T", T), finite("h", h), finite("beta", beta)
    )
    out = np.zeros(d.shape)
    for tv in np.unique(t):
        sel = (t == tv) & (d > 0)
        if np.any(sel):
            out[sel] = func(d[sel], float(tv), b[sel], hh[sel])
    return out


@keyword_only
def gap_residual(*, Delta: ArrayLike, T: ArrayLike, h: ArrayLike, beta: ArrayLike) -> FloatArray:
    """Residual R(Δ) of the gap equation (zero at a self-consistent Δ).

    Parameters
    ----------
    Delta, T, h, beta
        Order parameter, temperature k_B T, Zeeman energy, Ising SOC; all in units
        of Δ0, broadcast.

    Returns
    -------
    ndarray
        R = 2πT Σ_{ω_n>0}[F(ω_n) − Δ/ω_n] − Δ ln(T/Tc0), units of Δ0;
        ∂Ω/∂Δ = −2R (module docstring). At T = 0 the exact integral is used.
    """
    d = nonnegative("Delta", Delta)
    return d * _by_temperature(_reduced_residual, d, T, h, beta)


@keyword_only
def free_energy(*, Delta: ArrayLike, T: ArrayLike, h: ArrayLike, beta: ArrayLike) -> FloatArray:
    """Free-energy difference Ω_s(Δ) − Ω_n per unit area, units of N0 Δ0².

    Parameters
    ----------
    Delta, T, h, beta
        Units of Δ0, broadcast. Δ need not be self-consistent: this is the
        Landau function whose stationary points solve the gap equation.

    Returns
    -------
    ndarray
        Ω(Δ) − Ω(0); BCS at T = 0: Δ² ln Δ − Δ²/2 (−1/2 at Δ = Δ0).
    """
    return _by_temperature(_free_energy_1d, Delta, T, h, beta)


# ----------------------------------------------------------------------------- solver
@dataclass(frozen=True)
class GapSolution:
    """All solutions of the gap equation at each (T, h, β), and the stable one.

    Attributes
    ----------
    Delta
        Stable order parameter (global minimum of Ω; 0.0 in the normal state), Δ0.
    free_energy
        Ω_s − Ω_n at the stable Δ, units of N0 Δ0² (0 in the normal state).
    solutions
        All nonzero solutions, ascending, NaN-padded along the last axis, Δ0.
    solution_free_energy
        Ω at each solution (NaN padding).
    solution_is_minimum
        True for local minima of Ω (stable or metastable), False for maxima
        (e.g. the Sarma branch).
    residual
        abs(R(Δ)) at each solution (NaN padding), Δ0.
    iterations
        Root-finder iterations used per solution (0 padding).
    converged
        True where every root refinement met its tolerance.
    """

    Delta: FloatArray
    free_energy: FloatArray
    solutions: FloatArray
    solution_free_energy: FloatArray
    solution_is_minimum: NDArray[np.bool_]
    residual: FloatArray
    iterations: NDArray[np.int_]
    converged: NDArray[np.bool_]


def _scan_grid(T: float) -> FloatArray:
    k = np.arange(1, _SCAN_POINTS + 1)
    grid = DELTA_MAX * (k / _SCAN_POINTS) ** 2
    small = np.geomspace(1e-10, grid[0], 12)[:-1] if T == 0 else np.array([0.0])
    return np.concatenate((small, grid))


def _solve_one_temperature(T: float, h: FloatArray, beta: FloatArray, xtol: float):
    grid = _scan_grid(T)
    npts = h.size
    dd = np.broadcast_to(grid, (npts, grid.size))
    r = _reduced_residual(dd.ravel(), T, np.repeat(beta, grid.size), np.repeat(h, grid.size))
    r = r.reshape(npts, grid.size)
    sl, sr = np.sign(r[:, :-1]), np.sign(r[:, 1:])
    pi, ki = np.nonzero(sl * sr < 0)
    roots_ = np.empty(pi.size)
    nit = np.zeros(pi.size, int)
    ok = np.ones(pi.size, bool)
    if pi.size:
        res = elementwise.find_root(
            lambda x, b, hh: _reduced_residual(x, T, b, hh),
            (grid[ki], grid[ki + 1]),
            args=(beta[pi], h[pi]),
            tolerances={"xatol": 1e-3 * xtol, "xrtol": xtol},
        )
        roots_, nit, ok = np.asarray(res.x), np.asarray(res.nit), np.asarray(res.success)
    # exact zeros on the grid (rare) are roots too
    zi, zk = np.nonzero(r[:, 1:] == 0)
    pi = np.concatenate((pi, zi))
    roots_ = np.concatenate((roots_, grid[zk + 1]))
    nit = np.concatenate((nit, np.zeros(zi.size, int)))
    ok = np.concatenate((ok, np.ones(zi.size, bool)))
    is_min = np.concatenate((sl[pi[: pi.size - zi.size], ki] > 0, np.ones(zi.size, bool)))
    omega = _free_energy_1d(roots_, T, beta[pi], h[pi]) if pi.size else np.empty(0)
    resid = np.abs(roots_ * _reduced_residual(roots_, T, beta[pi], h[pi])) if pi.size else omega
    return pi, roots_, omega, is_min, resid, nit, ok


@keyword_only
def solve_gap(*, T: ArrayLike, h: ArrayLike, beta: ArrayLike, xtol: float = 1e-13) -> GapSolution:
    """Solve the gap equation at every (T, h, β) and pick the stable solution.

    Parameters
    ----------
    T
        Temperature k_B T ≥ 0, units of Δ0 (``0.01 * TC0`` is the paper's
        0.01 Tc0). T = 0 is computed exactly (frequency integral).
    h
        In-plane Zeeman energy μ_B B (units of Δ0); results are even in h.
    beta
        Ising spin-orbit coupling (units of Δ0); results are even in β.
    xtol
        Relative tolerance on each root (absolute tolerance 1e-3·xtol Δ0, so that
        exponentially small Δ at strong fields are resolved too).

    Returns
    -------
    GapSolution
        Broadcast shape of the inputs (plus a trailing solutions axis).

    Notes
    -----
    The reduced residual R/Δ is scanned on a fixed grid of 49 values in
    (0, 1.05] (quadratically denser near 0; plus tiny Δ at T = 0), every sign
    change is refined with Chandrupatla's method (scipy.optimize.elementwise),
    Ω is evaluated at every root, and the global minimum of {0 (normal state),
    Ω(minima)} is returned. Pairs of roots closer than the grid spacing
    (~2Δ k/48²) can be missed; this happens only next to a spinodal, where the
    pair is metastable, not stable.
    """
    t, hh, b = np.broadcast_arrays(nonnegative("T", T), finite("h", h), finite("beta", beta))
    shape = t.shape
    t, hh, b = t.ravel(), np.abs(hh.ravel()), np.abs(b.ravel())
    found: list[tuple] = []
    for tv in np.unique(t):
        idx = np.flatnonzero(t == tv)
        pi, *rest = _solve_one_temperature(float(tv), hh[idx], b[idx], xtol)
        found.append((idx[pi], *rest))
    owner = np.concatenate([f[0] for f in found])
    cols = [np.concatenate([f[k] for f in found]) for k in range(1, 7)]
    order = np.lexsort((cols[0], owner))
    owner = owner[order]
    roots_, omega, is_min, resid, nit, ok = (c[order] for c in cols)
    counts = np.bincount(owner, minlength=t.size)
    width = max(int(counts.max(initial=0)), 1)
    slot = np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)

    def padded(values, fill, dtype=float):
        out = np.full((t.size, width), fill, dtype=dtype)
        out[owner, slot] = values
        return out.reshape(*shape, width)

    sols = padded(roots_, np.nan)
    sol_f = padded(omega, np.nan)
    sol_min = padded(is_min, False, bool)
    cand = np.where(sol_min, sol_f, np.inf)
    best = np.argmin(cand, axis=-1)
    best_f = np.take_along_axis(cand, best[..., None], -1)[..., 0]
    stable = best_f < 0
    delta = np.where(stable, np.take_along_axis(sols, best[..., None], -1)[..., 0], 0.0)
    conv = np.ones(t.size, bool)
    np.logical_and.at(conv, owner, ok)
    return GapSolution(
        Delta=delta,
        free_energy=np.where(stable, best_f, 0.0),
        solutions=sols,
        solution_free_energy=sol_f,
        solution_is_minimum=sol_min,
        residual=padded(resid, np.nan),
        iterations=padded(nit, 0, int),
        converged=conv.reshape(shape),
    )


@keyword_only
def order_parameter(*, T: ArrayLike, h: ArrayLike, beta: ArrayLike) -> FloatArray | float:
    """Stable self-consistent order parameter Δ(T, h) (0.0 in the normal state).

    Parameters
    ----------
    T
        Temperature k_B T ≥ 0 in units of Δ0 (``T = 0`` exactly supported).
    h
        In-plane Zeeman energy, units of Δ0.
    beta
        Ising SOC, units of Δ0.

    Returns
    -------
    float or ndarray
        Δ in units of Δ0, the global minimum of the free energy, so it jumps across
        first-order lines. Use :func:`solve_gap` for all solutions, their free
        energies, residuals and iteration counts.

    Examples
    --------
    >>> import isingsc as isc
    >>> round(float(isc.order_parameter(T=0.5 * isc.TC0, h=0.0, beta=4.0)), 6)
    0.956885
    """
    sol = solve_gap(T=T, h=h, beta=beta)
    return float(sol.Delta) if sol.Delta.ndim == 0 else sol.Delta


def equilibrium_state(
    *, beta: float, h: float, T: float, Gamma: float, Delta: float | None = None
) -> tuple[float, float, float, float, float]:
    """Validated equilibrium parameters (β, h, T, Γ, Δ) as floats, units of Δ0.

    The shared front end of every real-energy observable: ``Delta=None`` becomes the
    stable self-consistent Δ(T, h) of :func:`order_parameter`.

    Raises
    ------
    ParameterError
        Non-finite β or h, negative T or Δ, Γ ≤ 0.
    """
    b, hh = float(finite("beta", beta)), float(finite("h", h))
    t, gam = float(nonnegative("T", T)), float(positive("Gamma", Gamma))
    d = order_parameter(T=t, h=hh, beta=b) if Delta is None else float(nonnegative("Delta", Delta))
    return b, hh, t, gam, float(d)
