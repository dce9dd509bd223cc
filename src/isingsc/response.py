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

With the Pauli components c of g (:func:`isingsc.greens.gf_components`),
Tr[V X V Y]/4 = Σ_c v_c X_c Y_c with v_c = ±1 from V P_c V = v_c P_c (τ3 vertex:
−1 for the τ1, τ2 components; unit vertex: all +1), and g^A_c = −η_c conj(g^R_c)
with η the τ3 signs. So every kernel is a sum of six scalar cross-correlations.

Numerics. Retarded functions are analytic for Im ε > −Γ, advanced for Im ε < Γ and
tanh(ε/2T) has poles at ±iπT; the integrand is analytic in the strip
|Im ε| < min(Γ, πT), so the trapezoid rule with step δ = min(Γ, πT)/4 converges like
e^{−2π·4} ≈ 1e-11. The window [−W, W] covers every gap edge, its Ω-shift and the
thermal layer; beyond it the integrand is smooth (it decays as ε⁻³ for σ) and the
tails are integrated by Gauss–Legendre on ε = W/t. Two evaluations:

* ``method="fft"``: all Ω = mδ at once as FFT cross-correlations (O(N log N)),
  then degree-9 barycentric interpolation to the requested Ω;
* ``method="direct"``: the same trapezoid evaluated directly at each requested Ω
  (O(N) per frequency; an independent check of the FFT path).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import comb

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import fftconvolve

from .errors import ParameterError
from .gap import order_parameter
from .greens import gf_components
from .spectrum import gap_edges
from .validation import finite, nonnegative, positive

__all__ = ["ResponseGrid", "conductivity", "raman", "response_grid", "response_kernel"]

ComplexArray = NDArray[np.complex128]
FloatArray = NDArray[np.float64]

#: τ3 P τ3 = η P for the six components of :data:`isingsc.greens.COMPONENTS`.
_ETA = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
#: Vertex signs V P V = v P: the current vertex τ3 and the Raman (density) vertex 1.
VERTICES: dict[str, FloatArray] = {"current": _ETA, "density": np.ones(6)}
_TAIL_ORDER = 32
_INTERP_POINTS = 10


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


def response_grid(
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
    _, _, plus = gap_edges(beta, h, Delta)
    window = 2.0 * (float(plus) + abs(Omega_max)) + 40.0 * T + 50.0 * Gamma + 2.0
    step = width / points_per_width
    window = step * np.ceil(window / step)
    return ResponseGrid(step=step, window=float(window), points_per_width=points_per_width)


def _thermal(e: NDArray, T: float) -> NDArray:
    return np.sign(e) if T == 0 else np.tanh(e / (2 * T))


def _parts(e, beta, h, Delta, Gamma, T):
    """Retarded components R (6, n), advanced A = −η R̄, thermal factor t."""
    r = gf_components(Gamma - 1j * e, beta, h, Delta)
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


@cache
def _tail_rule() -> tuple[FloatArray, FloatArray]:
    x, w = np.polynomial.legendre.leggauss(_TAIL_ORDER)
    return (x + 1) / 2, w / 2


def _tails(Omega, v, grid, args):
    """∫_{|ε|>W} of the integrand for each Ω, by ε = ±W/t with Gauss–Legendre in t."""
    t, wt = _tail_rule()
    e = grid.window / t
    w = wt * grid.window / t**2
    om = np.asarray(Omega)[:, None]
    upper = _integrand(e[None, :], om, v, *args) @ w
    lower = _integrand(-e[None, :], om, v, *args) @ w
    return upper + lower


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


@cache
def _barycentric_weights(p: int) -> FloatArray:
    """Weights (−1)^j C(p−1, j) of barycentric Lagrange interpolation on p equispaced nodes."""
    return np.array([(-1) ** j * comb(p - 1, j) for j in range(p)], float)


def _interpolate(x_grid_step, values, x):
    """Barycentric Lagrange interpolation on a uniform grid with local stencils."""
    m = np.asarray(x) / x_grid_step
    p = _INTERP_POINTS
    start = np.clip(np.floor(m).astype(int) - p // 2 + 1, 0, values.size - p)
    nodes = start[:, None] + np.arange(p)[None, :]
    wb = _barycentric_weights(p)
    diff = m[:, None] - nodes
    exact = diff == 0
    diff = np.where(exact, 1.0, diff)
    terms = wb / diff
    res = (terms * values[nodes]).sum(1) / terms.sum(1)
    hit = exact.any(1)
    res[hit] = values[nodes[hit, np.argmax(exact[hit], axis=1)]]
    return res


def response_kernel(
    Omega: ArrayLike,
    vertex: str,
    beta: float,
    h: float,
    Delta: float,
    T: float,
    Gamma: float,
    *,
    method: str = "fft",
    points_per_width: float = 4.0,
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
        ``"fft"`` or ``"direct"``.
    points_per_width
        Grid points per min(Γ, πT).

    Returns
    -------
    ndarray
        Complex kernel, normal state −4Ω.
    """
    if vertex not in VERTICES:
        raise ParameterError("vertex", vertex, f"one of {sorted(VERTICES)}")
    om = np.asarray(Omega, float)
    v = VERTICES[vertex]
    args = (beta, h, Delta, Gamma, T)
    grid = response_grid(beta, h, Delta, T, Gamma, float(om.max(initial=0.0)), points_per_width)
    flat = om.ravel()
    if method == "direct":
        inner = _trapezoid_direct(flat, v, grid, args)
    elif method == "fft":
        n_shift = int(np.ceil(flat.max(initial=0.0) / grid.step)) + _INTERP_POINTS
        on_grid = _trapezoid_fft(n_shift, v, grid, args)
        inner = _interpolate(grid.step, on_grid, flat)
    else:
        raise ParameterError("method", method, "'fft' or 'direct'")
    return (inner + _tails(flat, v, grid, args)).reshape(om.shape)


def _prepare(Omega, beta, h, T, Gamma, Delta):
    om = finite("Omega", Omega)
    if np.any(om == 0):
        raise ParameterError(
            "Omega", 0.0, "Omega != 0 (σ has a 1/Ω pole at Ω = 0; use superfluid_weight)"
        )
    b, hh = float(finite("beta", beta)), float(finite("h", h))
    t, gam = float(nonnegative("T", T)), float(positive("Gamma", Gamma))
    d = order_parameter(t, hh, b) if Delta is None else float(nonnegative("Delta", Delta))
    return om, b, hh, t, gam, float(d)


def _normalised(vertex, factor, Omega, beta, h, T, Gamma, Delta, method, points_per_width):
    om, b, hh, t, gam, d = _prepare(Omega, beta, h, T, Gamma, Delta)
    k = response_kernel(
        np.abs(om), vertex, b, hh, d, t, gam, method=method, points_per_width=points_per_width
    )
    val = factor * k / (4 * np.abs(om))
    return np.where(om > 0, val, np.conj(val))


def conductivity(
    Omega: ArrayLike,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    *,
    method: str = "fft",
    points_per_width: float = 4.0,
) -> ComplexArray:
    """Complex optical conductivity σ(Ω)/σn of the dirty Ising superconductor.

    Parameters
    ----------
    Omega
        Photon frequency ħΩ (units of Δ0), nonzero, any shape.
    beta, h
        Ising SOC and in-plane Zeeman energy (units of Δ0).
    T
        Temperature k_B T ≥ 0 (units of Δ0).
    Gamma
        Dynes rate Γ > 0 (units of Δ0).
    Delta
        Order parameter; None: the stable self-consistent Δ(T, h).
    method
        ``"fft"`` (whole spectra, default) or ``"direct"``.
    points_per_width
        Energy-grid points per min(Γ, πT); error ~exp(−2π·points).

    Returns
    -------
    ndarray
        σ/σn = σ1 + iσ2 in the physics convention e^{−iΩt}: σ2 > 0 (inductive) in
        the superconductor, σ/σn = 1 in the normal state, σ(−Ω) = σ(Ω)*.

    Notes
    -----
    σ/σn = −(1/4Ω) Σ_c η_c ∫dε [R_c(ε+Ω)K_c(ε) + K_c(ε+Ω)A_c(ε)], K = (R − A)tanh(ε/2T)
    (module docstring). The paper's Eq. 6 has this structure; its prefactor and the
    ordering in its rule D1 are not used.
    """
    return _normalised("current", -1.0, Omega, beta, h, T, Gamma, Delta, method, points_per_width)


def raman(
    Omega: ArrayLike,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    *,
    method: str = "fft",
    points_per_width: float = 4.0,
) -> ComplexArray:
    """Complex Raman susceptibility χ(Ω)/χn (density vertex) of the dirty Ising superconductor.

    Parameters
    ----------
    Omega
        Raman shift ħΩ (units of Δ0), nonzero.
    beta, h, T, Gamma, Delta, method, points_per_width
        As in :func:`conductivity`.

    Returns
    -------
    ndarray
        χ/χn with χ/χn = i in the normal state, Im χ > 0 for Ω > 0,
        χ(−Ω) = χ(Ω)*.

    Notes
    -----
    χ/χn = −(i/4Ω) Σ_c ∫dε [R_c(ε+Ω)K_c(ε) + K_c(ε+Ω)A_c(ε)] (unit vertex).
    """
    return _normalised("density", -1j, Omega, beta, h, T, Gamma, Delta, method, points_per_width)
