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

With the Pauli components c of g^R, g^A, g^K
(:func:`isingsc.physics.greens.real_axis_components`), Tr[V X V Y]/4 = Σ_c v_c X_c Y_c
with v_c = ±1 from V P_c V = v_c P_c (τ3 vertex: η_c =
:data:`~isingsc.physics.greens.TAU3_SIGNS`, −1 for the τ1, τ2 components; unit vertex:
all +1). So every kernel is Σ_c v_c I_c(Ω) with the six vertex-independent integrals
I_c(Ω) = ∫dε [R_c(ε+Ω)K_c(ε) + K_c(ε+Ω)A_c(ε)]: the conductivity and the Raman
susceptibility share every Green's function and every correlation, and
:func:`conductivity_and_raman` computes both in one pass.

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

Sampling. Every value is computed at its own Ω (no grid of the user's enters the
integrals), so sparse frequencies are never an error; a sorted Ω grid coarser than Γ
only gives a :class:`~isingsc.core.errors.ResolutionWarning` (the curve through the
samples can miss features), silenced by ``check_grid=False``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import fft as sp_fft

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite
from ..numerics.grids import check_sampling, gauss_legendre_01
from ..numerics.interpolation import INTERPOLATION_POINTS, interpolate_uniform
from .gap import equilibrium_state
from .greens import TAU3_SIGNS, real_axis_components
from .spectrum import gap_edges

__all__ = [
    "CONVENTIONS",
    "METHODS",
    "VERTICES",
    "ResponseGrid",
    "apply_convention",
    "conductivity",
    "conductivity_and_raman",
    "conductivity_derivative",
    "convergence_estimate",
    "raman",
    "raman_derivative",
    "resolve_method",
    "response_grid",
    "response_kernel",
    "superfluid_weight",
]

ComplexArray = NDArray[np.complex128]
FloatArray = NDArray[np.float64]

#: Vertex signs V P_c V = v_c P_c: the current vertex τ3 and the Raman (density) vertex 1.
VERTICES: dict[str, FloatArray] = {"current": TAU3_SIGNS, "density": np.ones(6)}
#: Normalisation of each vertex's kernel (factor in factor·K/(4Ω)) and the parity p of
#: the returned ratio, ratio(−Ω) = p·ratio(Ω)*: σ/σn = −K/(4Ω), χ/χn = −iK/(4Ω).
_NORMALISATION: dict[str, tuple[complex, float]] = {"current": (-1.0, 1.0), "density": (-1j, -1.0)}
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


def _kernels(
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

    One evaluation of the Green's functions serves every vertex; ``method`` as in
    :func:`response_kernel` (derivatives: ``"fft"`` only).
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
    k, dk = _kernels(
        om.ravel(),
        VERTICES[vertex][None, :],
        (beta, h, Delta, Gamma, T),
        method=method,
        points_per_width=points_per_width,
        value=not derivative,
        derivative=derivative,
    )
    return (dk if derivative else k)[0].reshape(om.shape)


def _frequencies(Omega, Gamma, check_grid, allow_zero=False):
    om = finite("Omega", Omega)
    if not allow_zero and np.any(om == 0):
        raise ParameterError(
            "Omega", 0.0, "Omega != 0 (σ has a 1/Ω pole at Ω = 0; use superfluid_weight)"
        )
    if check_grid:
        check_sampling(om, scale=Gamma, scale_name="Gamma", name="Omega")
    return om


#: Time-dependence conventions of complex responses: e^{−iΩt} and e^{+jωt}.
CONVENTIONS = ("physics", "engineering")


@keyword_only
def apply_convention(values: ArrayLike, *, convention: str) -> ComplexArray:
    """Express a complex response, given in the physics convention, in ``convention``.

    Parameters
    ----------
    values
        Complex response (σ/σn, χ/χn, a sheet conductance, …) in the physics
        convention e^{−iΩt} (σ = σ1 + iσ2).
    convention
        ``"physics"`` (returned unchanged) or ``"engineering"`` (e^{+jωt}: the complex
        conjugate, σ1 − jσ2, as kinetic-inductance and Mattis–Bardeen tools use).

    Returns
    -------
    ndarray
        The values in the requested convention.
    """
    if convention not in CONVENTIONS:
        raise ParameterError("convention", convention, "'physics' (e^{-iΩt}) or 'engineering'")
    return values if convention == "physics" else np.conj(values)


def _normalised(vertices, Omega, state, method, points_per_width, derivative=False):
    """factor·K(|Ω|)/(4|Ω|) (or its Ω-derivative) for each vertex, continued to Ω < 0.

    One kernel evaluation serves all ``vertices``. The kernel obeys K(−Ω) = −K(Ω)*,
    so σ(−Ω) = σ(Ω)* and, for the ratio χ/χn (χn ∝ Ω is odd),
    χ(−Ω)/χn(−Ω) = −[χ(Ω)/χn(Ω)]*.
    """
    b, hh, t, gam, d = state
    om = np.asarray(Omega, float)
    a = np.abs(om)
    signs = np.stack([VERTICES[v] for v in vertices])
    k, dk = _kernels(
        a.ravel(),
        signs,
        (b, hh, d, gam, t),
        method=method,
        points_per_width=points_per_width,
        derivative=derivative,
    )
    out = []
    for i, vertex in enumerate(vertices):
        factor, parity = _NORMALISATION[vertex]
        ki = k[i].reshape(om.shape)
        if derivative:
            val = factor * (dk[i].reshape(om.shape) / (4 * a) - ki / (4 * a * a))
            out.append(np.where(om > 0, val, -parity * np.conj(val)))
        else:
            val = factor * ki / (4 * a)
            out.append(np.where(om > 0, val, parity * np.conj(val)))
    return out


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
        Warn (:class:`~isingsc.core.errors.ResolutionWarning`) if Ω is a sorted grid
        (≥ 16 points) with steps > Γ: each value is exact at its Ω, but a curve
        through the samples can miss features. False: no check.

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
    (val,) = _normalised(("current",), om, state, method, points_per_width)
    return apply_convention(val, convention=convention)


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
        (out[nz],) = _normalised(("density",), om[nz], state, method, points_per_width)
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
    return apply_convention(out, convention=convention)


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
    (val,) = _normalised(("current",), om, state, "fft", points_per_width, derivative=True)
    return val


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
    (val,) = _normalised(("density",), om, state, "fft", points_per_width, derivative=True)
    return val


@keyword_only
def conductivity_and_raman(
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    derivative: bool = False,
    method: str = "auto",
    points_per_width: float = 4.0,
    check_grid: bool = True,
) -> tuple[ComplexArray, ComplexArray]:
    """σ/σn and χ/χn (or their Ω-derivatives) from one evaluation of the Green's functions.

    The current (τ3) and density (1) vertices differ only in the signs with which the
    six Pauli-component correlations are summed (module docstring), so both spectra
    cost one pass of the engine: one g^R, g^A, g^K evaluation on the energy grid, one
    set of FFT correlations, shared tails and end corrections.

    Parameters
    ----------
    Omega
        Frequency ħΩ (units of Δ0), nonzero (σ has a 1/Ω pole), any shape.
    beta, h, T, Gamma, Delta
        As in :func:`conductivity` (Δ = None: the stable self-consistent Δ(T, h)).
    derivative
        False: return (σ/σn, χ/χn) exactly as :func:`conductivity` and :func:`raman`.
        True: return (dσ/dΩ, dχ/dΩ) exactly as :func:`conductivity_derivative` and
        :func:`raman_derivative` (per Δ0).
    method
        As in :func:`conductivity`; with ``derivative=True`` only ``"auto"`` or
        ``"fft"`` (the derivative of the FFT spectrum's interpolant).
    points_per_width
        Energy-grid points per min(Γ, πT).
    check_grid
        As in :func:`conductivity`: a warning for a sorted Ω grid coarser than Γ.

    Returns
    -------
    sigma, chi : ndarray
        Complex, the shape of ``Omega``, physics convention (e^{−iΩt}).

    Examples
    --------
    >>> import numpy as np, isingsc as isc
    >>> from isingsc.physics.response import conductivity_and_raman
    >>> om = np.array([0.5, 2.0, 6.0])
    >>> kw = dict(beta=4.0, h=2.8, T=0.02, Gamma=0.02, Delta=1.0)
    >>> s, c = conductivity_and_raman(om, **kw)
    >>> bool(np.allclose(s, isc.conductivity(om, **kw), rtol=1e-12, atol=0))
    True
    """
    state = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    om = _frequencies(Omega, state[3], check_grid)
    sigma, chi = _normalised(
        ("current", "density"), om, state, method, points_per_width, derivative=derivative
    )
    return sigma, chi


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
