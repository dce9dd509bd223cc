"""Normal-metal–insulator–superconductor tunnelling conductance G(V)/G_N.

With a normal tip of constant density of states, the differential conductance at
bias V (eV in units of Δ0) is the superconductor's density of states N(ε)/N0
(:func:`isingsc.dos`) smoothed by the tip's Fermi window, optionally followed by a
Gaussian instrumental resolution of standard deviation σ::

    G_T(V) = ∫dε N(ε) K_T(V − ε),         K_T(x) = −∂f/∂x = 1 / (4T cosh²(x/2T)),
    G(V)   = ∫dV' G_T(V') g_σ(V − V'),    g_σ(x) = exp(−x²/2σ²) / (σ sqrt(2π)).

K_T is :func:`isingsc.numerics.thermal.fermi_window`. Both kernels are even with unit
weight, so G(−V) = G(V) (N is even) and ∫(G − 1) dV = ∫(N − 1) dε = 0: smearing moves
states, it does not create them.

Numerics. N(ε) is analytic in the strip −Γ < Im ε < Γ (its branch points sit at
±iΓ from the real gap edges), K_T in −πT < Im x < πT (poles at ±iπT) and g_σ is
entire.
Every convolution is therefore an integral of a function analytic in a strip of
half-width a = min(Γ, πT), and the trapezoid rule with step δ = min(Γ, πT, σ)/p
(p = ``points_per_width``, default 4) converges like exp(−2πa/δ) ≈ exp(−8π) ≈ 1e-11
(for σ alone, like exp(−2π²σ²/δ²)). The double poles of K_T add a prefactor
~(2πa/δ)²: measured, the worst case at the default is 2.6e-9 (T = 0.125, Γ = 0.5,
where πT < Γ sets δ; 1e-16 with p = 8). The kernels are cut where their tails are
below 1e-16 (abs(x) ≤ 37 T and 9 σ); the energy window is the requested bias range
widened by these reaches, so no DOS feature that can reach a requested V is missed
(features further away, e.g. mirage edges at sqrt((h + Δ)² + β²) beyond a narrow
bias window, contribute nothing). The thermal step, when followed by the Gaussian
one, is an FFT convolution on the uniform grid; the last step is evaluated directly
at each requested V (no interpolation). At T = 0 and σ = 0 the result is N(V) itself.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import fftconvolve

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.grids import check_sampling
from ..numerics.thermal import fermi_window
from .dos import dos
from .gap import equilibrium_state

__all__ = ["tunnelling_conductance"]

FloatArray = NDArray[np.float64]

#: Cut-offs in units of T and σ: the tails beyond weigh < 2e-16 (K_T) and < 3e-19 (g_σ).
_THERMAL_REACH = 37.0
_GAUSS_REACH = 9.0
#: Largest energy grid built (Γ, T or σ tiny compared with the bias window).
_MAX_POINTS = 2**22
#: Kernel evaluations held in memory at once in the direct step.
_CHUNK = 2**20


def _gaussian(x: FloatArray, sigma: float) -> FloatArray:
    """g_σ(x), the normalised Gaussian of standard deviation σ."""
    return np.exp(-0.5 * (x / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))


def _smear(
    values: FloatArray,
    start: float,
    step: float,
    V: FloatArray,
    kernel: Callable[[FloatArray], FloatArray],
    reach: float,
) -> FloatArray:
    """δ Σ_m values[m] kernel(V − ε_m) at each V, with ε_m = start + m δ.

    Only abs(V − ε_m) ≤ reach contributes (stencil of 2⌈reach/δ⌉ + 1 points around the
    grid point nearest V); the grid must cover [min V − reach − 2δ, max V + reach + 2δ].
    """
    half = int(np.ceil(reach / step))
    offsets = np.arange(-half, half + 1)
    centre = np.rint((V - start) / step).astype(np.intp)
    out = np.empty(V.shape)
    rows = max(1, _CHUNK // offsets.size)
    for i in range(0, V.size, rows):
        idx = centre[i : i + rows, None] + offsets
        x = V[i : i + rows, None] - (start + idx * step)
        out[i : i + rows] = step * np.einsum("ij,ij->i", values[idx], kernel(x))
    return out


@keyword_only
def tunnelling_conductance(
    V: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    broadening: float = 0.0,
    points_per_width: float = 4.0,
    check_grid: bool = True,
) -> FloatArray:
    """Normalised N–I–S differential conductance G(V)/G_N of the Ising superconductor.

    Parameters
    ----------
    V
        Bias energy eV, units of Δ0 (any shape).
    beta, h
        Ising SOC and in-plane Zeeman energy, units of Δ0.
    T
        Temperature k_B T ≥ 0 of the tunnel junction, units of Δ0.
    Gamma
        Dynes rate Γ > 0, units of Δ0.
    Delta
        Order parameter, units of Δ0; None: the stable self-consistent Δ(T, h)
        of :func:`isingsc.order_parameter`.
    broadening
        Instrumental resolution: **standard deviation** σ ≥ 0 of a Gaussian in V,
        units of Δ0 (FWHM = 2 sqrt(2 ln 2) σ ≈ 2.355 σ). 0: none.
    points_per_width
        Energy-grid points per min(Γ, πT, σ); the error decreases like
        exp(−2π · points_per_width) (≲ 3e-9 at the default 4, ~1e-16 at 8).
    check_grid
        Warn (:class:`~isingsc.core.errors.ResolutionWarning`) if ``V`` is a sorted
        grid (≥ 16 points) with steps > max(Γ, T, σ), the narrowest feature of G:
        each value is exact at its V (the convolutions run on an internal grid), but
        a curve through the samples can miss features. False: no check.

    Returns
    -------
    ndarray
        G(V)/G_N ≥ 0, the shape of ``V``; 1 in the normal state, even in V.

    Raises
    ------
    ParameterError
        Non-finite input, T < 0, Γ ≤ 0, σ < 0, Δ < 0, or a grid that would exceed
        4·10⁶ points (Γ, T or σ tiny compared with the bias window).

    Notes
    -----
    G(V)/G_N = ∫dV' g_σ(V − V') ∫dε N(ε) [−∂f/∂ε](ε − V'), with f the Fermi function
    at T, g_σ the Gaussian above and N(ε)/N0 = :func:`isingsc.dos`. At T = 0 and
    σ = 0 this is N(V) exactly. Quadrature and error control are described in the
    module docstring; the cost is one DOS evaluation per grid point plus
    O(len(V) · reach/δ) kernel evaluations.

    Examples
    --------
    BCS (β = h = 0) at T = 0.1 Δ0: Dynes in-gap weight ≈ Γ/Δ at V = 0, thermally
    rounded coherence peak at V = Δ, and the 1/sqrt(1 − Δ²/V²) tail at V = 3Δ:

    >>> import isingsc as isc
    >>> g = isc.tunnelling_conductance(
    ...     [0.0, 1.0, 3.0], beta=0.0, h=0.0, T=0.1, Gamma=0.01, Delta=1.0
    ... )
    >>> [round(float(x), 3) for x in g]
    [0.011, 1.554, 1.062]
    """
    v = finite("V", V)
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    sig = float(nonnegative("broadening", broadening))
    ppw = float(positive("points_per_width", points_per_width))
    if check_grid:
        scale = max(gam, t, sig)
        check_sampling(v, scale=scale, scale_name="max(Gamma, T, broadening)", name="V")
    if (t == 0 and sig == 0) or v.size == 0:
        return dos(v, beta=b, h=hh, Delta=d, Gamma=gam, check_grid=False)

    widths = [gam, np.pi * t, sig]
    step = min(w for w in widths if w > 0) / ppw
    thermal, gauss = _THERMAL_REACH * t, _GAUSS_REACH * sig
    flat = v.ravel()
    margin = 3 * step  # rounding of the stencil centres; see _smear
    lo = float(flat.min()) - thermal - gauss - margin
    hi = float(flat.max()) + thermal + gauss + margin
    n = int(np.ceil((hi - lo) / step)) + 1
    if n > _MAX_POINTS:
        raise ParameterError(
            "Gamma",
            gam,
            f"an energy grid of at most {_MAX_POINTS} points; with step "
            f"min(Gamma, pi*T, broadening)/points_per_width = {step:.3g} the bias window "
            f"needs {n} (raise Gamma, T or broadening, or narrow the V range)",
        )
    eps = lo + step * np.arange(n)
    values = dos(eps, beta=b, h=hh, Delta=d, Gamma=gam, check_grid=False)
    if sig == 0:
        out = _smear(values, lo, step, flat, lambda x: fermi_window(x, T=t), thermal)
        return out.reshape(v.shape)
    if t > 0:
        half = int(np.ceil(thermal / step))
        window = fermi_window(step * np.arange(-half, half + 1), T=t)
        values = step * fftconvolve(values, window, mode="valid")
        lo += half * step
    out = _smear(values, lo, step, flat, lambda x: _gaussian(x, sig), gauss)
    return out.reshape(v.shape)
