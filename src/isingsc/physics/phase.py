"""Phase boundaries: Tc(h), the critical fields, the tricritical point.

The normal state becomes unstable where the linear gap coefficient
a(T, h) = lim R/Δ vanishes (the digamma law, DESIGN.md §2)::

    ln(Tc/Tc0) = −(h²/ρ²) [Re ψ(½ + iρ/2πTc) − ψ(½)],   ρ² = β² + h².

Expanding further, R/Δ = a + q Δ² + …, with the quartic coefficient

    q(T, h) = 2πT Σ_{ω_n>0} 2c₂(ω_n),
    c₂ = Σ_± [∓ iβ⁴/(8ω³ρ³ z±) − (1 ± iβ²/ωρ)²/(8 z±³)],  z± = ω ± iρ,

(the Δ⁴ term of λ+ + λ−). Along a = 0 the transition is second order while q < 0
and first order where q > 0; the tricritical point is q = 0 on the line a = 0. In
the first-order region the transition field is where the free energy of the
superconducting minimum crosses zero (:func:`isingsc.gap.solve_gap`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import elementwise

from ..core.constants import TC0
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative
from ..numerics.matsubara import frequency_sum
from .gap import linear_gap_coefficient, solve_gap

__all__ = [
    "CriticalFields",
    "PhaseDiagram",
    "critical_field",
    "critical_temperature",
    "phase_diagram",
    "quartic_coefficient",
    "tricritical_point",
]

FloatArray = NDArray[np.float64]
_T_FLOOR = 1e-12 * TC0
_TOL = {"xatol": 1e-14, "xrtol": 4e-16}
#: max over x of x d/dx Re ψ(½ + ix) (= 1.20503 at x ≈ 0.612, computed on a fine grid);
#: the digamma law has a unique root when (h²/ρ²)·_MAX_SLOPE < 1.
_MAX_SLOPE = 1.2051


@keyword_only
def critical_temperature(*, h: ArrayLike, beta: ArrayLike) -> FloatArray | float:
    """Tc(h): the highest temperature of the second-order line at field h.

    Parameters
    ----------
    h
        In-plane Zeeman energy (units of Δ0), array.
    beta
        Ising SOC (units of Δ0), broadcast against ``h``.

    Returns
    -------
    float or ndarray
        Tc in units of Δ0 (multiply by 1/TC0 for Tc/Tc0); 0.0 where the normal
        state is stable down to T = 0 (β = 0, h > ~0.61 Δ0).

    Notes
    -----
    Solves the digamma law (module docstring) for ln T by Chandrupatla's method
    to 1e-14 in ln T. Since d a/d ln T = −1 + (h²/ρ²)·x ∂_x Re ψ(½ + ix) and the
    last factor is ≤ 1.2051, the root is unique when h²/ρ² < 1/1.2051 and the
    bracket is [1e-12 Tc0, Tc0] (Tc below 1e-12 Tc0 is reported as 0). Otherwise
    (small β, where the line can be re-entrant as at β = 0) 240 points in ln T are
    scanned and the highest sign change refined: the upper branch is returned.
    Below the tricritical point the actual transition is first order: see
    :func:`critical_field` and :func:`phase_diagram`.
    """
    hh, b = np.broadcast_arrays(np.abs(finite("h", h)), np.abs(finite("beta", beta)))
    shape = hh.shape
    hh, b = hh.ravel(), b.ravel()
    rho2 = hh**2 + b**2
    frac = np.divide(hh**2, rho2, out=np.zeros_like(rho2), where=rho2 > 0)
    tc = np.zeros(hh.size)
    tc[hh == 0] = TC0
    lo, hi = np.log(_T_FLOOR), np.log(TC0)
    a_floor = linear_gap_coefficient(T=_T_FLOOR, h=hh, beta=b)
    # da/dlnT = −1 + (h²/ρ²) s(x) with s ≤ _MAX_SLOPE: a(T) is monotonic, one root
    unique = (hh > 0) & (frac * _MAX_SLOPE < 1) & (a_floor > 0)
    scan = (hh > 0) & ~(frac * _MAX_SLOPE < 1)
    brackets_lo = np.full(hh.size, lo)
    brackets_hi = np.full(hh.size, hi)
    if np.any(scan):
        x = np.linspace(hi, lo, 240)
        a = linear_gap_coefficient(T=np.exp(x)[None, :], h=hh[scan, None], beta=b[scan, None])
        sc = a > 0
        k = np.argmax(sc, axis=1)  # highest T with a > 0
        found = sc.any(axis=1)
        idx = np.flatnonzero(scan)
        brackets_lo[idx] = x[k]
        brackets_hi[idx] = x[np.maximum(k - 1, 0)]
        unique[idx[found]] = True
    todo = unique
    if np.any(todo):
        res = elementwise.find_root(
            lambda lx, hv, bv: linear_gap_coefficient(T=np.exp(lx), h=hv, beta=bv),
            (brackets_lo[todo], brackets_hi[todo]),
            args=(hh[todo], b[todo]),
            tolerances=_TOL,
        )
        tc[todo] = np.exp(res.x)
    return float(tc[0]) if shape == () else tc.reshape(shape)


def _c2(w, beta, h):
    """2c₂(ω), the Δ³ coefficient of F (real part); finite as ρ → 0 (BCS)."""
    rho = np.sqrt(beta * beta + h * h)
    r = np.divide(beta, rho, out=np.ones_like(rho), where=rho > 0)  # β/ρ
    total = 0.0
    for s in (1.0, -1.0):
        z = w + 1j * s * rho
        total = (
            total
            - 1j * s * beta * r**3 / (8 * w**3 * z)
            - (1 + 1j * s * beta * r / w) ** 2 / (8 * z**3)
        )
    return 2 * total.real


@keyword_only
def quartic_coefficient(*, T: ArrayLike, h: ArrayLike, beta: ArrayLike) -> FloatArray:
    """Quartic coefficient q of R/Δ = a + qΔ² + … (units of Δ0⁻²); T > 0.

    Negative for BCS (q = −7ζ(3)/(8π²T²)); the transition on the line a = 0 is
    first order where q > 0.
    """
    t, hh, b = np.broadcast_arrays(
        nonnegative("T", T), np.abs(finite("h", h)), np.abs(finite("beta", beta))
    )
    if np.any(t == 0):
        raise ValueError("quartic_coefficient needs T > 0 (the Landau expansion fails at T = 0)")
    out = np.empty(t.shape)
    for tv in np.unique(t):
        sel = t == tv
        zero = np.zeros(int(sel.sum()))
        hi = np.hypot(b[sel], hh[sel]) + 1.0
        out[sel] = frequency_sum(_c2, float(tv), (b[sel], hh[sel]), zero, hi).real
    return out


@keyword_only
def tricritical_point(*, beta: float) -> tuple[float, float]:
    """(T, h) of the tricritical point, or (nan, nan) if the line is second order throughout.

    Parameters
    ----------
    beta
        Ising SOC (units of Δ0).

    Returns
    -------
    T_tcp, h_tcp : float
        Units of Δ0. β = 0 gives the Sarma value T ≈ 0.561 Tc0, h ≈ 0.6082 Δ0.

    Notes
    -----
    q(T, h_c2(T)) is scanned for T ∈ [0.005, 1) Tc0 and its highest sign change
    refined by Chandrupatla's method.
    """
    b = float(np.abs(finite("beta", beta)))
    ts = TC0 * np.linspace(0.999, 0.005, 200)
    hs = _upper_field(ts, b)
    q = quartic_coefficient(T=ts, h=hs, beta=b)
    pos = np.flatnonzero(q > 0)
    if pos.size == 0:
        return float("nan"), float("nan")
    k = pos[0]
    if k == 0:
        return float("nan"), float("nan")

    def f(t):
        t1 = np.atleast_1d(t)
        return quartic_coefficient(T=t1, h=_upper_field(t1, b), beta=b).reshape(np.shape(t))

    res = elementwise.find_root(f, (ts[k], ts[k - 1]), tolerances={"xatol": 1e-12})
    t = float(res.x)
    return t, float(_upper_field(np.array([t]), b)[0])


def _upper_field(T: FloatArray, beta: float) -> FloatArray:
    """Largest h with a(T, h) = 0 (NaN where T ≥ Tc0 or no root), vectorised over T."""
    T = np.asarray(T, float)
    hmax = 4.0 + 4.0 * beta
    hs = np.linspace(hmax, 0.0, 400)
    # extend the upper limit until a < 0 (normal state stable) at the top, for every T
    while True:
        top = linear_gap_coefficient(T=T, h=hmax, beta=beta)
        if np.all((top < 0) | (T >= TC0)) or hmax > 1e6:
            break
        hmax *= 2
        hs = np.linspace(hmax, 0.0, 400)
    a = linear_gap_coefficient(T=T[:, None], h=hs[None, :], beta=beta)
    sc = a > 0
    found = sc.any(axis=1) & (T < TC0)
    k = np.argmax(sc, axis=1)
    out = np.full(T.shape, np.nan)
    if np.any(found):
        res = elementwise.find_root(
            lambda hv, tv: linear_gap_coefficient(T=tv, h=hv, beta=beta),
            (hs[k[found]], hs[k[found] - 1]),
            args=(T[found],),
            tolerances=_TOL,
        )
        out[found] = res.x
    return out


@dataclass(frozen=True)
class CriticalFields:
    """Transition fields at given temperatures (units of Δ0).

    Attributes
    ----------
    T
        Temperatures.
    second_order
        Field where the normal state becomes unstable, a(T, h) = 0 (upper root);
        below the tricritical temperature this is the supercooling line.
    first_order
        Field of the first-order transition (equal free energies), NaN where the
        transition is second order.
    transition
        The thermodynamic transition field: ``first_order`` where it exists,
        else ``second_order``.
    """

    T: FloatArray
    second_order: FloatArray
    first_order: FloatArray
    transition: FloatArray


def _sc_minimum_energy(T, h, beta):
    sol = solve_gap(T=T, h=h, beta=beta)
    f = np.where(sol.solution_is_minimum, sol.solution_free_energy, np.inf).min(axis=-1)
    return np.where(np.isfinite(f), f, 1.0)


@keyword_only
def critical_field(*, T: ArrayLike, beta: float) -> CriticalFields:
    """Second-order and (where it exists) first-order transition fields at T.

    Parameters
    ----------
    T
        Temperatures k_B T ≥ 0 (units of Δ0), array.
    beta
        Ising SOC (units of Δ0).

    Returns
    -------
    CriticalFields

    Notes
    -----
    Below the tricritical temperature the first-order field lies between the
    supercooling field (a = 0) and the superheating field; it is bracketed on a
    geometric grid of 64 fields above the supercooling field (offsets 1e-9 to
    0.6 + h_c2) and refined where Ω_min(h) = 0. At T = 0 and β = 0 this is
    Chandrasekhar–Clogston, Δ0/√2; the second-order field is Δ0/2 there.
    """
    t = np.atleast_1d(nonnegative("T", T)).astype(float)
    b = float(np.abs(finite("beta", beta)))
    tt = np.maximum(t, _T_FLOOR)
    h2 = _upper_field(tt, b)
    h2 = np.where(np.isnan(h2), 0.0, h2)
    first = np.full(t.shape, np.nan)
    t_tcp, _ = tricritical_point(beta=b)
    cand = np.flatnonzero(np.isfinite(t_tcp) & (t < t_tcp)) if np.isfinite(t_tcp) else []
    for i in cand:
        hs = h2[i] + (0.6 + h2[i]) * np.geomspace(1e-9, 1.0, 64)
        f = _sc_minimum_energy(t[i], hs, b)
        up = np.flatnonzero(f >= 0)
        if up.size == 0 or up[0] == 0:
            continue
        k = up[0]
        res = elementwise.find_root(
            lambda hv, ti=t[i]: _sc_minimum_energy(ti, hv, b).reshape(np.shape(hv)),
            (hs[k - 1], hs[k]),
            tolerances={"xatol": 1e-11},
        )
        first[i] = float(res.x)
    return CriticalFields(
        T=t, second_order=h2, first_order=first, transition=np.where(np.isnan(first), h2, first)
    )


@dataclass(frozen=True)
class PhaseDiagram:
    """Phase diagram in the (T, h) plane at fixed β (units of Δ0).

    Attributes
    ----------
    beta
        Ising SOC.
    T
        Temperature grid.
    second_order, first_order, transition
        As in :class:`CriticalFields`.
    tricritical
        (T, h) of the tricritical point, (nan, nan) if none.
    """

    beta: float
    T: FloatArray
    second_order: FloatArray
    first_order: FloatArray
    transition: FloatArray
    tricritical: tuple[float, float]


@keyword_only
def phase_diagram(*, beta: float, T: ArrayLike | None = None, num: int = 41) -> PhaseDiagram:
    """Transition lines and tricritical point at fixed β.

    Parameters
    ----------
    beta
        Ising SOC (units of Δ0).
    T
        Temperatures (units of Δ0); default ``num`` points in [0, Tc0).
    num
        Number of default temperatures.
    """
    t = TC0 * np.linspace(0.0, 0.999, num) if T is None else np.asarray(T, float)
    cf = critical_field(T=t, beta=beta)
    return PhaseDiagram(
        beta=float(beta),
        T=cf.T,
        second_order=cf.second_order,
        first_order=cf.first_order,
        transition=cf.transition,
        tricritical=tricritical_point(beta=beta),
    )
