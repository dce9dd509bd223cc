"""The Keldysh bilinear-response kernel K_V(Ω) on the real energy axis.

K_V(Ω) = ∫dε Tr[V (g^R(ε+Ω) V g^K(ε) + g^K(ε+Ω) V g^A(ε))]/4 for a vertex V (the current
vertex τ3 or the Raman vertex 1), evaluated for many Ω at once; the observables built on
it (σ, χ, their derivatives) are in :mod:`isingsc.physics.response`, which derives the
formula.

Numerics. Retarded functions are analytic for Im ε > −Γ, advanced for Im ε < Γ and
tanh(ε/2T) has poles at ±iπT; the integrand is analytic in the strip
abs(Im ε) < min(Γ, πT), so the trapezoid rule with step δ = min(Γ, πT)/4 converges like
e^{−2π·4} ≈ 1e-11 (at T > 0; at T = 0 sign(ε) jumps and the graded
quadrature below is used by default). The window [−W, W] covers every gap edge, its Ω-shift and the
thermal layer; beyond it the integrand is smooth (it decays as ε⁻³ for σ) and the
tails are integrated by Gauss–Legendre on ε = W/t; the trapezoid's end errors at ±W
are removed by Euler–Maclaurin corrections. Three evaluations:

* ``method="fft"``: all Ω = mδ at once as FFT cross-correlations (O(N log N)),
  then 14-point barycentric interpolation to the requested Ω
  (:func:`isingsc.numerics.interpolation.interpolate_uniform`; K is analytic for
  Im Ω > −2Γ; K(−Ω) = −K(Ω)* centres the stencils near Ω = 0);
* ``method="direct"``: the same trapezoid evaluated directly at each requested Ω
  (O(N) per frequency; checks the FFT and interpolation);
* ``method="quad"``: composite Gauss–Legendre graded towards the gap edges, their
  Ω-shifted copies and the thermal points (an independent quadrature).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import fft as sp_fft

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..numerics.grids import gauss_legendre_01
from ..numerics.interpolation import INTERPOLATION_POINTS, interpolate_uniform
from .greens import TAU3_SIGNS, real_axis_components
from .spectrum import gap_edges

__all__ = [
    "METHODS",
    "VERTICES",
    "ResponseGrid",
    "resolve_method",
    "response_grid",
    "response_kernel",
    "vertex_kernels",
]

ComplexArray = NDArray[np.complex128]
FloatArray = NDArray[np.float64]

#: Vertex signs V P_c V = v_c P_c: the current vertex τ3 and the Raman (density) vertex 1.
VERTICES: dict[str, FloatArray] = {"current": TAU3_SIGNS, "density": np.ones(6)}

_TAIL_ORDER = 32
_QUAD_ORDER = 12

#: (beta, h, Delta, Gamma, T) of one evaluation.
_Args = tuple[float, float, float, float, float]


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


#: The engine's methods (module docstring); ``"auto"`` resolves to one of them.
METHODS = ("fft", "direct", "quad")


@keyword_only
def resolve_method(method: str, *, T: float, derivative: bool = False) -> str:
    """The engine method that ``method`` selects: the rule of ``method="auto"``.

    Parameters
    ----------
    method
        ``"auto"`` or one of :data:`METHODS`.
    T
        Temperature k_B T ≥ 0 (units of Δ0).
    derivative
        Whether dK/dΩ is asked for (only ``"fft"`` provides it).

    Returns
    -------
    str
        ``method`` itself if it is one of :data:`METHODS`; for ``"auto"``: ``"fft"``
        at T > 0 or for a derivative, ``"quad"`` at T = 0 (sign(ε) jumps there and the
        trapezoid is only second order). Every response function resolves its
        ``method`` here; figure data call it to record the method actually used.

    Raises
    ------
    ParameterError
        For an unknown method, or a derivative asked with another method than ``"fft"``.
    """
    if method == "auto":
        return "fft" if (T > 0 or derivative) else "quad"
    if method not in METHODS:
        raise ParameterError("method", method, "'auto', 'fft', 'direct' or 'quad'")
    if derivative and method != "fft":
        raise ParameterError("method", method, "'auto' or 'fft' when derivative=True")
    return method


def _contract(signs: FloatArray, terms: ComplexArray) -> ComplexArray:
    """Σ_c v_c terms_c for each vertex row of ``signs`` (nv, 6): shape (nv, *terms.shape[1:])."""
    expand = (slice(None),) + (None,) * (terms.ndim - 1)
    return np.stack([np.sum(v[expand] * terms, axis=0) for v in signs])


def _integrand(e: NDArray, Omega: NDArray, signs: FloatArray, args: _Args) -> ComplexArray:
    """Σ_c v_c [R_c(ε+Ω)K_c(ε) + K_c(ε+Ω)A_c(ε)] per vertex row of ``signs`` (v_c = ±1).

    g^A and g^K are evaluated once at each energy of ``e`` (not once per Ω), g^R and
    g^K once at each ε + Ω; each component product is added into every vertex in the
    order c = 0..5 as it is formed, so no (6, …) array of products is stored.
    Shape (nv, *broadcast(e, Ω)).
    """
    beta, h, Delta, Gamma, T = args
    kw = {"beta": beta, "h": h, "Delta": Delta, "Gamma": Gamma, "T": T}
    shifted = e + Omega
    _, a0, k0 = real_axis_components(e.ravel(), **kw)
    rp, _, kp = real_axis_components(shifted.ravel(), **kw)
    shape = shifted.shape
    fixed = (1,) * (shifted.ndim - e.ndim) + e.shape
    out = np.empty((len(signs), *shape), complex)
    term, other = np.empty(shape, complex), np.empty(shape, complex)
    for c in range(6):
        np.multiply(rp[c].reshape(shape), k0[c].reshape(fixed), out=term)
        term += np.multiply(kp[c].reshape(shape), a0[c].reshape(fixed), out=other)
        for row, v in zip(out, signs[:, c], strict=True):
            if c == 0:
                np.multiply(term, v, out=row)
            elif v > 0:
                row += term
            else:
                row -= term
    return out


def _weighted_sum(values: ComplexArray, weights: FloatArray) -> ComplexArray:
    """``values @ weights`` (sum over the last axis), as one BLAS matrix–vector product.

    Stacked blocks are flattened into one matrix, so that one call (not one per block)
    does the whole reduction; a row's sum does not depend on the block it is in, except
    that numpy takes a different path for a one-row block, which is kept as it is.
    """
    if values.ndim < 3 or values.shape[-2] < 2:
        return values @ weights
    return (values.reshape(-1, values.shape[-1]) @ weights).reshape(values.shape[:-1])


def _outside(Omega_sets, signs, grid, args, *, ends=True):
    """What the trapezoid on [−W, W] leaves out, at each Ω of each set (S sets of M).

    Tails: ∫_{|ε|>W} of the integrand, ε = ±W/t with Gauss–Legendre in t. End
    corrections (Euler–Maclaurin) of the trapezoid: −(δ²/12)[f′] + (δ⁴/720)[f‴],
    [f] = f(W) − f(−W), derivatives by 5-point differences with step W/50 (the
    integrand is smooth there). g^A and g^K at the fixed nodes are evaluated once per
    set and side (not once per Ω), and each kind is reduced by one weighted sum.
    Returns (tails, ends), each shape (S, nv, M); ``ends`` is None if not asked.
    """
    om = np.asarray(Omega_sets, float)
    t, wt = gauss_legendre_01(_TAIL_ORDER)
    e = grid.window / t
    w = wt * grid.window / t**2
    values = np.empty((2, om.shape[0], len(signs), om.shape[1], e.size), complex)
    for side, nodes in enumerate((e, -e)):
        for s, x in enumerate(om):
            values[side, s] = _integrand(nodes[None, :], x[:, None], signs, args)
    upper, lower = _weighted_sum(values, w)
    if not ends:
        return upper + lower, None
    hd = grid.window / 50
    offs = hd * np.array([2.0, 1.0, -1.0, -2.0])
    d1 = np.array([-1.0, 8.0, -8.0, 1.0]) / (12 * hd)
    d3 = np.array([1.0, -2.0, 2.0, -1.0]) / (2 * hd**3)
    weights = -(grid.step**2 / 12) * d1 + (grid.step**4 / 720) * d3
    values = np.empty((2, om.shape[0], len(signs), om.shape[1], offs.size), complex)
    for side, end in enumerate((grid.window, -grid.window)):
        for s, x in enumerate(om):
            values[side, s] = _integrand((end + offs)[None, :], x[:, None], signs, args)
    f_hi, f_lo = _weighted_sum(values, weights)
    return upper + lower, f_hi - f_lo


def _trapezoid_direct(Omega, signs, grid, args, chunk=4_000_000):
    """Trapezoid on [−W, W] summed separately at each Ω. Shape (nv, M)."""
    e = -grid.window + grid.step * np.arange(grid.size)
    wts = np.full(grid.size, grid.step)
    wts[[0, -1]] /= 2
    om = np.asarray(Omega, float)
    out = np.empty((len(signs), om.size), complex)
    per = max(1, chunk // grid.size)
    for s in range(0, om.size, per):
        out[:, s : s + per] = _integrand(e[None, :], om[s : s + per, None], signs, args) @ wts
    return out


def _trapezoid_fft(n_shift, signs, grid, args):
    """Trapezoid integrals at Ω_m = mδ, m = 0..n_shift, as FFT cross-correlations.

    Σ_j f[j+m] g[j] is entry m + n − 1 of the linear convolution of f with the reversed
    g, computed with FFTs of length ≥ 2n + n_shift − 1 (no wrap-around). The six
    component correlations are computed once and shared by every vertex.
    Shape (nv, n_shift + 1).
    """
    beta, h, Delta, Gamma, T = args
    n = grid.size
    e = -grid.window + grid.step * np.arange(n + n_shift)
    r, a, k = real_axis_components(e, beta=beta, h=h, Delta=Delta, Gamma=Gamma, T=T)
    wts = np.full(n, grid.step)
    wts[[0, -1]] /= 2
    size = sp_fft.next_fast_len(2 * n + n_shift - 1, real=False)
    lags = slice(n - 1, n + n_shift)

    def correlation(f, g):
        """Σ_j f[j+m] g[j] w_j for m = 0..n_shift, per component."""
        spectrum = sp_fft.fft(f, size, axis=1) * sp_fft.fft((g[:, :n] * wts)[:, ::-1], size, axis=1)
        return sp_fft.ifft(spectrum, axis=1)[:, lags]

    # Σ_j [R(ε_j + Ω_m) K(ε_j) + K(ε_j + Ω_m) A(ε_j)] w_j
    return _contract(signs, correlation(r, k) + correlation(k, a))


def _graded_quadrature(Omega, signs, grid, args, chunk=2_000_000):
    """Composite Gauss–Legendre on [−W, W], graded towards every singular point.

    Singular points for each Ω: ±(gap edges), their copies shifted by −Ω, the
    thermal points 0 and −Ω, and ±W. Between neighbours, panels grow geometrically
    (×2) from width s = min(Γ, πT)/4 at each end to the midpoint; 12 nodes per panel.
    A panel of width w at distance ≳ w from a singularity (which lies ≥ Γ off the
    real axis, or on it at the breakpoint itself) converges like ~4^{-24}.
    Shape (nv, M).
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
    out = np.zeros((len(signs), om.size), complex)
    per = max(1, chunk // x.size)
    for k in range(0, starts.size, per):
        e = starts[k : k + per, None] + widths[k : k + per, None] * x[None, :]
        vals = _integrand(e, om[owners[k : k + per], None], signs, args)
        contrib = (vals * wq).sum(axis=-1) * widths[k : k + per]
        for i, c in enumerate(contrib):
            out[i] += np.bincount(owners[k : k + per], weights=c.real, minlength=om.size)
            out[i] += 1j * np.bincount(owners[k : k + per], weights=c.imag, minlength=om.size)
    return out


def vertex_kernels(
    Omega: FloatArray,
    signs: FloatArray,
    args: _Args,
    *,
    method: str,
    points_per_width: float,
    value: bool = True,
    derivative: bool = False,
) -> tuple[ComplexArray | None, ComplexArray | None]:
    """K_V(Ω) and/or dK_V/dΩ for each vertex row of ``signs`` at 1-D Ω ≥ 0, shape (nv, M).

    The engine behind every response function: one evaluation of the Green's
    functions serves every vertex.

    Parameters
    ----------
    Omega
        1-D frequencies ≥ 0 (units of Δ0).
    signs
        Vertex signs v_c, shape (nv, 6): rows of :data:`VERTICES`.
    args
        (beta, h, Delta, Gamma, T), units of Δ0.
    method, points_per_width
        As in :func:`response_kernel` (derivatives: ``"fft"`` only).
    value, derivative
        Which of K and dK/dΩ to return (the other is None).
    """
    beta, h, Delta, Gamma, T = args
    method = resolve_method(method, T=T, derivative=derivative)
    grid = response_grid(
        beta=beta,
        h=h,
        Delta=Delta,
        T=T,
        Gamma=Gamma,
        Omega_max=float(Omega.max(initial=0.0)),
        points_per_width=points_per_width,
    )
    if method == "direct":
        inner = _trapezoid_direct(Omega, signs, grid, args)
        tails, ends = _outside(Omega[None, :], signs, grid, args)
        return inner + ends[0] + tails[0], None
    if method == "quad":
        tails, _ = _outside(Omega[None, :], signs, grid, args, ends=False)
        return _graded_quadrature(Omega, signs, grid, args) + tails[0], None
    p = INTERPOLATION_POINTS
    n_shift = int(np.ceil(Omega.max(initial=0.0) / grid.step)) + p
    on_grid = _trapezoid_fft(n_shift, signs, grid, args)
    # K(−Ω) = −K(Ω)*: extend to negative shifts so stencils near Ω = 0 are centred
    ext = np.concatenate((-np.conj(on_grid[:, p:0:-1]), on_grid), axis=1)
    h_fd = 1e-6 * grid.step  # the tails are smooth in Ω: central difference
    sets = ([Omega] if value else []) + ([Omega + h_fd, Omega - h_fd] if derivative else [])
    tails, ends = _outside(sets, signs, grid, args)
    k = dk = None
    if value:
        inner = np.stack([interpolate_uniform(grid.step, row, Omega, offset=p) for row in ext])
        k = inner + ends[0] + tails[0]
    if derivative:
        outside = tails[-2:] + ends[-2:]
        slope = (outside[0] - outside[1]) / (2 * h_fd)
        dk = np.stack([interpolate_uniform(grid.step, row, Omega, True, offset=p) for row in ext])
        dk = dk + slope
    return k, dk


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
        ``"auto"`` (default: ``"fft"`` at T > 0, ``"quad"`` at T = 0; the rule of
        :func:`resolve_method`), ``"fft"``
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
    k, dk = vertex_kernels(
        om.ravel(),
        VERTICES[vertex][None, :],
        (beta, h, Delta, Gamma, T),
        method=method,
        points_per_width=points_per_width,
        value=not derivative,
        derivative=derivative,
    )
    return (dk if derivative else k)[0].reshape(om.shape)
