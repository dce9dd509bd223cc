"""One Keldysh bilinear-response engine for the conductivity and the Raman susceptibility.

Dirty limit (paper App. B, D; derived anew). The correction to g linear in a drive
with vertex V at frequency Ω (time dependence e^{−iΩt}) is ∝ g(ε+Ω) V g(ε) − V;
its Keldysh component is

    [g V g]^K = g^R(ε+Ω) V g^K(ε) + g^K(ε+Ω) V g^A(ε),   g^K = (g^R − g^A) tanh(ε/2T),

(the constant −V has no Keldysh part). The response kernel is

    K_V(Ω) = ∫dε Tr[V (g^R(ε+Ω) V g^K(ε) + g^K(ε+Ω) V g^A(ε))] / 4,

and, normalised so that the normal state (g^R = τ3 = −g^A) gives exactly
σ/σn = 1 and χ/χn = i at every Ω, β, h, T, Γ (where K = −4Ω):

    σ(Ω)/σn = −K_{τ3}(Ω)/(4Ω),        χ(Ω)/χn = −i K_1(Ω)/(4Ω).

With the Pauli components c of g (:func:`isingsc.physics.greens.gf_components`),
Tr[V X V Y]/4 = Σ_c v_c X_c Y_c with v_c = ±1 from V P_c V = v_c P_c (τ3 vertex:
−1 for the τ1, τ2 components; unit vertex: all +1), and g^A_c = −η_c conj(g^R_c)
with η the τ3 signs. So every kernel is a sum of six scalar cross-correlations.

Numerics. Retarded functions are analytic for Im ε > −Γ, advanced for Im ε < Γ and
tanh(ε/2T) has poles at ±iπT; the integrand is analytic in the strip
abs(Im ε) < min(Γ, πT), so the trapezoid rule with step δ = min(Γ, πT)/4 converges like
e^{−2π·4} ≈ 1e-11 (at T > 0; at T = 0 sign(ε) jumps and the graded
quadrature below is used by default). The window [−W, W] covers every gap edge, its Ω-shift and the
thermal layer; beyond it the integrand is smooth (it decays as ε⁻³ for σ) and the
tails are integrated by Gauss–Legendre on ε = W/t; the trapezoid's end errors at ±W
are removed by Euler–Maclaurin corrections. Two evaluations:

* ``method="fft"``: all Ω = mδ at once as FFT cross-correlations (O(N log N)),
  then 14-point barycentric interpolation to the requested Ω (K is analytic for
  Im Ω > −2Γ; K(−Ω) = −K(Ω)* centres the stencils near Ω = 0);
* ``method="direct"``: the same trapezoid evaluated directly at each requested Ω
  (O(N) per frequency; checks the FFT and interpolation);
* ``method="quad"``: composite Gauss–Legendre graded towards the gap edges, their
  Ω-shifted copies and the thermal points (an independent quadrature).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import fftconvolve

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite
from ..numerics.grids import gauss_legendre_01, require_resolved
from .gap import equilibrium_state
from .greens import gf_components
from .spectrum import gap_edges

__all__ = [
    "ResponseGrid",
    "conductivity",
    "conductivity_derivative",
    "convergence_estimate",
    "raman",
    "raman_derivative",
    "response_grid",
    "response_kernel",
    "superfluid_weight",
]

ComplexArray = NDArray[np.complex128]
FloatArray = NDArray[np.float64]

#: τ3 P τ3 = η P for the six components of :data:`isingsc.physics.greens.COMPONENTS`.
_ETA = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
#: Vertex signs V P V = v P: the current vertex τ3 and the Raman (density) vertex 1.
VERTICES: dict[str, FloatArray] = {"current": _ETA, "density": np.ones(6)}
_TAIL_ORDER = 32
_INTERP_POINTS = 14


@dataclass(frozen=True)
class ResponseGrid:
    """Uniform energy grid of the response integrals (units of Δ0).

    Attributes
    ----------
    step
        δ = min(Γ, πT)/points_per_width.
    window
        W: the trapezoid covers ε ∈ [−W, W]; beyond, Gauss–Legendre tails.
    points_per_width
        Points per min(Γ, πT); the discretisation error is ~exp(−2π·points).
    """

    step: float
    window: float
    points_per_width: float

    @property
    def size(self) -> int:
        """Number of trapezoid nodes."""
        return round(2 * self.window / self.step) + 1


@keyword_only
def response_grid(
    *,
    beta: float,
    h: float,
    Delta: float,
    T: float,
    Gamma: float,
    Omega_max: float,
    points_per_width: float = 4.0,
) -> ResponseGrid:
    """Choose the response grid from the physical scales (Γ, T, the spectrum, Ω_max)."""
    width = min(Gamma, np.pi * T) if T > 0 else Gamma
    _, _, plus = gap_edges(beta=beta, h=h, Delta=Delta)
    window = 2.0 * (float(plus) + abs(Omega_max)) + 40.0 * T + 50.0 * Gamma + 2.0
    step = width / points_per_width
    window = step * np.ceil(window / step)
    return ResponseGrid(step=step, window=float(window), points_per_width=points_per_width)


def _thermal(e: NDArray, T: float) -> NDArray:
    return np.sign(e) if T == 0 else np.tanh(e / (2 * T))


def _parts(e, beta, h, Delta, Gamma, T):
    """Retarded components R (6, n), advanced A = −η R̄, thermal factor t."""
    r = gf_components(Gamma - 1j * e, beta=beta, h=h, Delta=Delta)
    a = -_ETA[:, None] * r.conj()
    return r, a, _thermal(e, T)


def _integrand(e, Omega, v, beta, h, Delta, Gamma, T):
    """Σ_c v_c [R_c(ε+Ω)(R−A)_c(ε)t(ε) + (R−A)_c(ε+Ω)t(ε+Ω)A_c(ε)], broadcast e, Omega."""
    e, Omega = np.broadcast_arrays(e, Omega)
    r0, a0, t0 = _parts(e.ravel(), beta, h, Delta, Gamma, T)
    rp, ap, tp = _parts((e + Omega).ravel(), beta, h, Delta, Gamma, T)
    vv = v[:, None]
    out = np.sum(vv * (rp * (r0 - a0) * t0 + (rp - ap) * tp * a0), axis=0)
    return out.reshape(e.shape)


def _tails(Omega, v, grid, args):
    """∫_{|ε|>W} of the integrand for each Ω: ε = ±W/t, Gauss–Legendre in t."""
    t, wt = gauss_legendre_01(_TAIL_ORDER)
    e = grid.window / t
    w = wt * grid.window / t**2
    om = np.asarray(Omega)[:, None]
    upper = _integrand(e[None, :], om, v, *args) @ w
    lower = _integrand(-e[None, :], om, v, *args) @ w
    return upper + lower


def _end_corrections(Omega, v, grid, args):
    """Euler–Maclaurin end corrections of the trapezoid on [−W, W]:
    −(δ²/12)[f′] + (δ⁴/720)[f‴], [f] = f(W) − f(−W), derivatives by 5-point
    differences with step W/50 (the integrand is smooth there)."""
    om = np.asarray(Omega)[:, None]
    hd = grid.window / 50
    offs = hd * np.array([2.0, 1.0, -1.0, -2.0])
    d1 = np.array([-1.0, 8.0, -8.0, 1.0]) / (12 * hd)
    d3 = np.array([1.0, -2.0, 2.0, -1.0]) / (2 * hd**3)
    weights = -(grid.step**2 / 12) * d1 + (grid.step**4 / 720) * d3
    f_hi = _integrand((grid.window + offs)[None, :], om, v, *args) @ weights
    f_lo = _integrand((-grid.window + offs)[None, :], om, v, *args) @ weights
    return f_hi - f_lo


def _trapezoid_direct(Omega, v, grid, args, chunk=4_000_000):
    e = -grid.window + grid.step * np.arange(grid.size)
    wts = np.full(grid.size, grid.step)
    wts[[0, -1]] /= 2
    om = np.asarray(Omega, float)
    out = np.empty(om.size, complex)
    per = max(1, chunk // grid.size)
    for s in range(0, om.size, per):
        out[s : s + per] = _integrand(e[None, :], om[s : s + per, None], v, *args) @ wts
    return out


def _trapezoid_fft(n_shift, v, grid, args):
    """Trapezoid integrals at Ω_m = mδ, m = 0..n_shift, as FFT cross-correlations."""
    beta, h, Delta, Gamma, T = args
    n = grid.size
    e = -grid.window + grid.step * np.arange(n + n_shift)
    r, a, t = _parts(e, beta, h, Delta, Gamma, T)
    x = (r - a) * t
    wts = np.full(n, grid.step)
    wts[[0, -1]] /= 2
    vv = v[:, None]
    # Σ_k f[k+m] g[k] = (f * reversed g)[m + n − 1]
    g1 = (vv * x[:, :n] * wts)[:, ::-1]
    g2 = (vv * a[:, :n] * wts)[:, ::-1]
    full = fftconvolve(r, g1, axes=1) + fftconvolve(x, g2, axes=1)
    return full.sum(axis=0)[n - 1 : n + n_shift]


_QUAD_ORDER = 12


def _graded_quadrature(Omega, v, grid, args, chunk=2_000_000):
    """Composite Gauss–Legendre on [−W, W], graded towards every singular point.

    Singular points for each Ω: ±(gap edges), their copies shifted by −Ω, the
    thermal points 0 and −Ω, and ±W. Between neighbours, panels grow geometrically
    (×2) from width s = min(Γ, πT)/4 at each end to the midpoint; 12 nodes per panel.
    A panel of width w at distance ≳ w from a singularity (which lies ≥ Γ off the
    real axis, or on it at the breakpoint itself) converges like ~4^{-24}.
    """
    beta, h, Delta = args[:3]
    om = np.asarray(Omega, float)
    edges = np.array([float(x) for x in gap_edges(beta=beta, h=h, Delta=Delta)])
    base = np.concatenate((edges, -edges, [0.0]))
    s0 = grid.step  # = min(Γ, πT)/points_per_width
    # breakpoints per Ω: (M, K)
    bp = np.concatenate(
        (np.broadcast_to(base, (om.size, base.size)), base[None, :] - om[:, None]), axis=1
    )
    bp = np.sort(np.clip(bp, -grid.window, grid.window), axis=1)
    bp = np.concatenate(
        (np.full((om.size, 1), -grid.window), bp, np.full((om.size, 1), grid.window)), axis=1
    )
    left, right = bp[:, :-1], bp[:, 1:]
    half = (right - left) / 2
    n_levels = int(np.ceil(np.log2(grid.window / s0))) + 2
    offs = s0 * (2.0 ** np.arange(n_levels + 1) - 1)  # 0, s, 3s, 7s, ...
    # panel edges measured from the nearer end, clipped at the midpoint
    cut = np.minimum(offs[None, None, :], half[:, :, None])  # (M, K, L+1)
    a_lo, a_hi = cut[..., :-1], cut[..., 1:]
    width = a_hi - a_lo
    keep = width > 0
    owner = np.broadcast_to(np.arange(om.size)[:, None, None], keep.shape)[keep]
    lo_from_left = (left[:, :, None] + a_lo)[keep]
    lo_from_right = (right[:, :, None] - a_hi)[keep]
    w_keep = width[keep]
    starts = np.concatenate((lo_from_left, lo_from_right))
    widths = np.concatenate((w_keep, w_keep))
    owners = np.concatenate((owner, owner))
    x, wq = gauss_legendre_01(_QUAD_ORDER)
    out = np.zeros(om.size, complex)
    per = max(1, chunk // x.size)
    for k in range(0, starts.size, per):
        e = starts[k : k + per, None] + widths[k : k + per, None] * x[None, :]
        vals = _integrand(e, om[owners[k : k + per], None], v, *args)
        contrib = (vals * wq[None, :]).sum(axis=1) * widths[k : k + per]
        out += np.bincount(owners[k : k + per], weights=contrib.real, minlength=om.size)
        out += 1j * np.bincount(owners[k : k + per], weights=contrib.imag, minlength=om.size)
    return out


@cache
def _barycentric_weights(p: int) -> FloatArray:
    """Weights (−1)^j C(p−1, j) of barycentric Lagrange interpolation on p equispaced nodes."""
    return np.array([(-1) ** j * comb(p - 1, j) for j in range(p)], float)


def _interpolate(x_grid_step, values, x, derivative=False, offset=0):
    """Barycentric Lagrange interpolation (local 14-point stencils) on a uniform grid.

    ``values[j]`` is the sample at (j − offset)·step. With ``derivative=True`` the
    derivative of the local interpolant is returned:
    p'(x) = Σ_j w_j (p(x) − f_j)/(x − x_j)² / Σ_j w_j/(x − x_j) off the nodes and
    p'(x_k) = Σ_{j≠k} (w_j/w_k)(f_j − f_k)/(x_k − x_j) on a node.
    """
    m = np.asarray(x, float) / x_grid_step + offset
    p = _INTERP_POINTS
    start = np.clip(np.floor(m).astype(int) - p // 2 + 1, 0, values.size - p)
    nodes = start[:, None] + np.arange(p)[None, :]
    wb = _barycentric_weights(p)
    diff = m[:, None] - nodes
    exact = diff == 0
    hit = exact.any(1)
    safe = np.where(exact, 1.0, diff)
    terms = wb / safe
    f = values[nodes]
    res = (terms * f).sum(1) / terms.sum(1)
    k = np.argmax(exact, axis=1)
    res[hit] = f[hit, k[hit]]
    if not derivative:
        return res
    # within 1e-6 of a node the off-node formula cancels catastrophically: use the
    # node formula there (p'(x) − p'(x_k) = O(1e-6·δ·p''))
    near = np.abs(diff) < 1e-6
    hit = near.any(1)
    k = np.argmax(near, axis=1)
    out = (wb * (res[:, None] - f) / np.where(near, 1.0, diff) ** 2).sum(1) / terms.sum(1)
    if np.any(hit):
        kk = k[hit]
        fk = f[hit, kk][:, None]
        dx = (kk[:, None] - np.arange(p)[None, :]).astype(float)
        ratio = wb[None, :] / wb[kk][:, None]
        contrib = np.where(dx == 0, 0.0, ratio * (f[hit] - fk) / np.where(dx == 0, 1.0, dx))
        out[hit] = contrib.sum(1)
    return out / x_grid_step


@keyword_only
def response_kernel(
    Omega: ArrayLike,
    vertex: str,
    *,
    beta: float,
    h: float,
    Delta: float,
    T: float,
    Gamma: float,
    method: str = "auto",
    points_per_width: float = 4.0,
    derivative: bool = False,
) -> ComplexArray:
    """K_V(Ω) = ∫dε Tr[V(g^R(ε+Ω)Vg^K(ε) + g^K(ε+Ω)Vg^A(ε))]/4 (module docstring).

    Parameters
    ----------
    Omega
        Frequencies Ω ≥ 0 (units of Δ0), any shape.
    vertex
        ``"current"`` (τ3, conductivity) or ``"density"`` (1, Raman).
    beta, h, Delta, T, Gamma
        Units of Δ0; Γ > 0.
    method
        ``"auto"`` (default: ``"fft"`` at T > 0, ``"quad"`` at T = 0), ``"fft"``
        (FFT cross-correlation + interpolation), ``"direct"`` (trapezoid at each Ω)
        or ``"quad"`` (graded Gauss–Legendre at each Ω). At T = 0 the thermal factor
        sign(ε) jumps at ε = 0 and ε = −Ω: the trapezoid is then only second order
        (``"fft"``, jumps on nodes) or first order (``"direct"``), while ``"quad"``
        puts breakpoints on the jumps and stays exact.
    points_per_width
        Grid points per min(Γ, πT) (also sets the smallest graded panel).
    derivative
        Return dK/dΩ instead (``"fft"`` only: derivative of the interpolant).

    Returns
    -------
    ndarray
        Complex kernel (normal state −4Ω), or its Ω-derivative.
    """
    if vertex not in VERTICES:
        raise ParameterError("vertex", vertex, f"one of {sorted(VERTICES)}")
    om = np.asarray(Omega, float)
    v = VERTICES[vertex]
    args = (beta, h, Delta, Gamma, T)
    grid = response_grid(
        beta=beta,
        h=h,
        Delta=Delta,
        T=T,
        Gamma=Gamma,
        Omega_max=float(om.max(initial=0.0)),
        points_per_width=points_per_width,
    )
    flat = om.ravel()
    if method == "auto":
        method = "fft" if (T > 0 or derivative) else "quad"
    if derivative and method != "fft":
        raise ParameterError("method", method, "'fft' when derivative=True")
    if method == "direct":
        inner = _trapezoid_direct(flat, v, grid, args) + _end_corrections(flat, v, grid, args)
    elif method == "quad":
        inner = _graded_quadrature(flat, v, grid, args)
    elif method == "fft":
        n_shift = int(np.ceil(flat.max(initial=0.0) / grid.step)) + _INTERP_POINTS
        on_grid = _trapezoid_fft(n_shift, v, grid, args)
        # K(−Ω) = −K(Ω)*: extend to negative shifts so stencils near Ω = 0 are centred
        p = _INTERP_POINTS
        ext = np.concatenate((-np.conj(on_grid[p:0:-1]), on_grid))
        if derivative:
            eps = 1e-6 * grid.step  # the tails are smooth in Ω: central difference

            def outside(x):
                return _tails(x, v, grid, args) + _end_corrections(x, v, grid, args)

            tails = (outside(flat + eps) - outside(flat - eps)) / (2 * eps)
            dk = _interpolate(grid.step, ext, flat, True, offset=p)
            return (dk + tails).reshape(om.shape)
        inner = _interpolate(grid.step, ext, flat, offset=p) + _end_corrections(flat, v, grid, args)
    else:
        raise ParameterError("method", method, "'fft', 'direct' or 'quad'")
    return (inner + _tails(flat, v, grid, args)).reshape(om.shape)


def _frequencies(Omega, Gamma, check_grid, allow_zero=False):
    om = finite("Omega", Omega)
    if not allow_zero and np.any(om == 0):
        raise ParameterError(
            "Omega", 0.0, "Omega != 0 (σ has a 1/Ω pole at Ω = 0; use superfluid_weight)"
        )
    if check_grid:
        require_resolved(om, Gamma=Gamma, name="Omega")
    return om


_CONVENTIONS = ("physics", "engineering")


def _convention(values, convention):
    if convention not in _CONVENTIONS:
        raise ParameterError("convention", convention, "'physics' (e^{-iΩt}) or 'engineering'")
    return values if convention == "physics" else np.conj(values)


def _normalised(vertex, factor, Omega, state, method, points_per_width, derivative=False):
    """factor·K(|Ω|)/(4|Ω|) (or its Ω-derivative), continued to Ω < 0 by symmetry.

    The kernel obeys K(−Ω) = −K(Ω)*, so σ(−Ω) = σ(Ω)* and, for the ratio χ/χn
    (χn ∝ Ω is odd), χ(−Ω)/χn(−Ω) = −[χ(Ω)/χn(Ω)]*.
    """
    b, hh, t, gam, d = state
    om = np.asarray(Omega, float)
    a = np.abs(om)
    kw = {"method": method, "points_per_width": points_per_width}
    k = response_kernel(a, vertex, beta=b, h=hh, Delta=d, T=t, Gamma=gam, **kw)
    parity = 1.0 if vertex == "current" else -1.0
    if derivative:
        dk = response_kernel(
            a, vertex, beta=b, h=hh, Delta=d, T=t, Gamma=gam, derivative=True, **kw
        )
        val = factor * (dk / (4 * a) - k / (4 * a * a))
        return np.where(om > 0, val, -parity * np.conj(val))
    val = factor * k / (4 * a)
    return np.where(om > 0, val, parity * np.conj(val))


@keyword_only
def conductivity(
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    method: str = "auto",
    points_per_width: float = 4.0,
    convention: str = "physics",
    check_grid: bool = True,
) -> ComplexArray:
    """Complex optical conductivity σ(Ω)/σn of the dirty Ising superconductor.

    Parameters
    ----------
    Omega
        Photon frequency ħΩ (units of Δ0), nonzero, any shape; negative Ω gives
        σ(−Ω) = σ(Ω)*.
    beta, h
        Ising SOC and in-plane Zeeman energy (units of Δ0).
    T
        Temperature k_B T ≥ 0 (units of Δ0).
    Gamma
        Dynes rate Γ > 0 (units of Δ0).
    Delta
        Order parameter; None: the stable self-consistent Δ(T, h).
    method
        ``"auto"`` (default: ``"fft"`` for whole spectra at T > 0, ``"quad"`` at
        T = 0), ``"fft"``, ``"direct"`` or ``"quad"`` (graded Gauss–Legendre; the
        most accurate, ~3 ms per frequency); see :func:`response_kernel`.
    points_per_width
        Energy-grid points per min(Γ, πT); error ~exp(−2π·points).
    convention
        ``"physics"`` (default): e^{−iΩt}, σ = σ1 + iσ2 with σ2 > 0 in the
        superconductor. ``"engineering"``: e^{+jωt}, σ1 − jσ2 (what kinetic-inductance
        and Mattis–Bardeen tools return).
    check_grid
        A sorted Ω grid (≥ 16 points) must have steps ≤ Γ, else
        :class:`~isingsc.errors.ResolutionError`.

    Returns
    -------
    ndarray
        σ/σn (complex). Normal state: exactly 1.

    Notes
    -----
    σ/σn = −(1/4Ω) Σ_c η_c ∫dε [R_c(ε+Ω)K_c(ε) + K_c(ε+Ω)A_c(ε)], K = (R − A)tanh(ε/2T)
    (module docstring). The paper's Eq. 6 has this structure; its prefactor and the
    ordering in its rule D1 are not used. At Ω → 0, σ2 ≈ D_s/Ω with
    D_s = :func:`superfluid_weight`.
    """
    state = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    om = _frequencies(Omega, state[3], check_grid)
    val = _normalised("current", -1.0, om, state, method, points_per_width)
    return _convention(val, convention)


@keyword_only
def raman(
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    method: str = "auto",
    points_per_width: float = 4.0,
    convention: str = "physics",
    check_grid: bool = True,
) -> ComplexArray:
    """Complex Raman susceptibility χ(Ω)/χn (density vertex) of the dirty Ising superconductor.

    Parameters
    ----------
    Omega
        Raman shift ħΩ (units of Δ0); Ω = 0 is allowed (finite limit).
    beta, h, T, Gamma, Delta, method, points_per_width, convention, check_grid
        As in :func:`conductivity` (``"engineering"`` returns the conjugate).

    Returns
    -------
    ndarray
        χ/χn with χ/χn = i in the normal state (every Ω), Im χ > 0 for Ω > 0.
        The physical χ obeys χ(−Ω) = χ(Ω)*; since χn ∝ Ω is odd, the returned
        ratio obeys χ(−Ω)/χn(−Ω) = −[χ(Ω)/χn(Ω)]*.

    Notes
    -----
    χ/χn = −(i/4Ω) Σ_c ∫dε [R_c(ε+Ω)K_c(ε) + K_c(ε+Ω)A_c(ε)] (unit vertex). The
    kernel vanishes at Ω = 0 (g² = 1), so χ(0)/χn = −iK'(0)/4 is finite.
    """
    state = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    om = _frequencies(Omega, state[3], check_grid, allow_zero=True)
    out = np.empty(om.shape, complex)
    nz = om != 0
    if np.any(nz):
        out[nz] = _normalised("density", -1j, om[nz], state, method, points_per_width)
    if np.any(~nz):
        b, hh, t, gam, d = state
        dk = response_kernel(
            0.0,
            "density",
            beta=b,
            h=hh,
            Delta=d,
            T=t,
            Gamma=gam,
            derivative=True,
            points_per_width=points_per_width,
        )
        out[~nz] = -1j * dk.real / 4  # K(−Ω) = −K(Ω)* makes K'(0) real
    return _convention(out, convention)


@keyword_only
def conductivity_derivative(
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    points_per_width: float = 4.0,
    check_grid: bool = True,
) -> ComplexArray:
    """dσ/dΩ (σ/σn per Δ0, physics convention); its real part peaks at the optical gaps.

    Parameters are those of :func:`conductivity`. The derivative of the FFT
    spectrum's local degree-9 interpolant is used (no finite differences of the
    sampled spectrum).
    """
    state = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    om = _frequencies(Omega, state[3], check_grid)
    return _normalised("current", -1.0, om, state, "fft", points_per_width, derivative=True)


@keyword_only
def raman_derivative(
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    points_per_width: float = 4.0,
    check_grid: bool = True,
) -> ComplexArray:
    """dχ/dΩ (χ/χn per Δ0, physics convention); Im dχ/dΩ peaks at the optical gaps.

    Parameters are those of :func:`raman` (Ω ≠ 0).
    """
    state = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    om = _frequencies(Omega, state[3], check_grid)
    return _normalised("density", -1j, om, state, "fft", points_per_width, derivative=True)


@keyword_only
def superfluid_weight(
    *, beta: float, h: float, T: float, Gamma: float, Delta: float | None = None
) -> float:
    """D_s = lim_{Ω→0} Ω σ2(Ω)/σn, units of Δ0 (physics convention).

    Notes
    -----
    Ωσ/σn = −K(Ω)/4 and K(0) = ∫dε tanh(ε/2T) Σ_c η_c (R_c² − A_c²), which is purely
    imaginary (A_c = −η_c R̄_c), so D_s = −Im K(0)/4, computed with the graded
    quadrature. BCS, Γ → 0: D_s = πΔ tanh(Δ/2T). Ferrell–Glover–Tinkham:
    ∫_0^∞ (1 − σ1/σn) dΩ = (π/2) D_s.
    """
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    k0 = response_kernel(0.0, "current", beta=b, h=hh, Delta=d, T=t, Gamma=gam, method="quad")
    return float(-k0.imag / 4)


@keyword_only
def convergence_estimate(
    quantity: str,
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    points_per_width: float = 4.0,
) -> float:
    """Estimated absolute error of :func:`conductivity` or :func:`raman` at these Ω.

    The spectrum is recomputed on a grid twice as fine and with the independent
    graded quadrature; the largest difference from the default result is returned
    (units of σn or χn). Use it to confirm that a chosen ``points_per_width`` is
    converged for unusual parameters (very small Γ or T).
    """
    funcs = {"conductivity": conductivity, "raman": raman}
    if quantity not in funcs:
        raise ParameterError("quantity", quantity, "'conductivity' or 'raman'")
    f = funcs[quantity]
    kw = {"beta": beta, "h": h, "T": T, "Gamma": Gamma, "Delta": Delta, "check_grid": False}
    base = f(Omega, points_per_width=points_per_width, **kw)
    fine = f(Omega, points_per_width=2 * points_per_width, **kw)
    quad = f(Omega, method="quad", **kw)
    return float(max(np.max(np.abs(base - fine)), np.max(np.abs(base - quad))))
