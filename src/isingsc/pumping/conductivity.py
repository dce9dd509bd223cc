"""Magnon pumping: conductivity of the Ising superconductor under h(t) = h + h_m cos(Ω_m t).

Model. The field h(t) points along x. The superconductor is coupled to a bath that
(i) broadens the spectral functions by the Dynes rate Γ, and (ii) relaxes the
quasiparticle distribution towards the lab-frame equilibrium tanh(ε/2T): the bath
self-energy is that of a normal reservoir, Σ^R = −iΓ, Σ^K = −2iΓ tanh(ε/2T). For a
homogeneous (dirty, isotropic) state the Keldysh Green's function is then the matrix sign
function of the Keldysh-extended, Floquet-extended matrix

    Q̌ = [[Q^R, 2Γ F̂ τ3], [0, Q^A]],   Q^{R/A} = (±Γ − iε̂)τ3 + i V̂ τ3,

where ε̂ = ε + nΩ_m on harmonic n, F̂ = tanh(ε̂/2T) and V̂ couples harmonics n ↔ n±1
through (h_m/2)σx. Static and unpumped, sign(Q̌) = [[g^R, g^K], [0, g^A]] with
g^K = (g^R − g^A)tanh (checked in the tests). The photon response is the Keldysh bilinear
form of :mod:`isingsc.physics.response` on the (0, 0) Floquet block, time-averaged over
the pump period:

    σ/σn = −(1/4Ω) ∫dε Tr[τ3 (ǧ(ε+Ω) τ̌3 ǧ(ε))^K_{00}]/4.

Two evaluations (:func:`pumped_kernel`):

* ``method="floquet"``: the sign of the truncated Floquet matrix (harmonics −N..N),
  non-perturbative in h_m (:mod:`isingsc.pumping.floquet`);
* ``method="perturbative"``: second order in h_m by the linearised equations with the
  normalisation condition (:mod:`isingsc.pumping.perturbative`, paper App. C), with the
  cross terms that the paper's Eq. C9 leaves out (``cross_terms=False`` drops them).

Layout of the package: :mod:`~isingsc.pumping.blocks` (Keldysh block algebra and
eigen-decompositions), :mod:`~isingsc.pumping.floquet`,
:mod:`~isingsc.pumping.perturbative`, :mod:`~isingsc.pumping.correlation` (energy blocks,
FFT correlation), :mod:`~isingsc.pumping.truncation`, this module (the pumped σ),
:mod:`~isingsc.pumping.state` (pumped DOS and occupation) and
:mod:`~isingsc.pumping.lasing` (maps over Ω_m).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.interpolation import INTERPOLATION_POINTS, interpolate_uniform
from ..physics.gap import equilibrium_state
from ..physics.response import conductivity
from ..physics.spectrum import gap_edges
from .blocks import equilibrium_blocks, harmonic_mask
from .correlation import keldysh_correlation
from .floquet import floquet_blocks
from .perturbative import second_order_masks, second_order_pairs
from .truncation import truncation_search

__all__ = ["METHODS", "pumped_conductivity", "pumped_kernel"]

ComplexArray = NDArray[np.complex128]

#: The evaluations of the pumped state.
METHODS = ("floquet", "perturbative")


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ParameterError("method", method, "'floquet' or 'perturbative'")


@keyword_only
def pumped_kernel(
    Omega_ph: ArrayLike,
    *,
    Omega_m: float,
    h_m: float,
    beta: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    h: float = 0.0,
    method: str = "floquet",
    harmonics: int = 1,
    cross_terms: bool = True,
    points_per_width: float = 3.0,
    workers: int | None = None,
) -> ComplexArray:
    """Pumped part K(Ω_ph) of the response kernel at a fixed truncation N = ``harmonics``.

    σ(Ω)/σn = σ_eq(Ω)/σn − K(Ω)/(4Ω) for Ω > 0, with σ_eq :func:`isingsc.conductivity`;
    :func:`pumped_conductivity` and :func:`isingsc.lasing_map` are built on it (the map
    computes σ_eq once for all pump frequencies).

    Parameters
    ----------
    Omega_ph
        Photon frequencies (units of Δ0), nonzero; K is even in Ω_ph (K(−Ω) = K(abs Ω)).
        The energy grid covers the largest abs(Ω_ph), so K depends (at the grid's
        discretisation level) on the set of frequencies asked together.
    Omega_m, h_m, beta, T, Gamma, Delta, h, method, cross_terms, points_per_width
        As in :func:`pumped_conductivity`.
    harmonics
        Floquet truncation N ≥ 1 (ignored by ``"perturbative"``).
    workers
        Threads (:func:`isingsc.numerics.parallel.default_workers`).

    Returns
    -------
    ndarray
        K(abs Ω_ph) (units of Δ0·σn), the shape of ``Omega_ph``; 0 at h_m = 0.

    Notes
    -----
    K is the pumped minus the unpumped Keldysh correlation, both on the same uniform grid
    (so that discretisation errors cancel) with step min(Γ, πT)/points_per_width (for
    ``"perturbative"`` shrunk so that Ω_m is a whole number of steps), over a window
    containing every gap edge and its shifts by Ω_ph and by the pump quanta kept; it is
    computed for all Ω_ph at once as FFT cross-correlations
    (:func:`~isingsc.pumping.correlation.keldysh_correlation`) and interpolated to the
    requested Ω_ph (:func:`~isingsc.numerics.interpolation.interpolate_uniform`).
    """
    om = finite("Omega_ph", Omega_ph)
    if np.any(om == 0):
        raise ParameterError("Omega_ph", 0.0, "Omega_ph != 0")
    w_m = float(positive("Omega_m", Omega_m))
    hm = float(nonnegative("h_m", h_m))
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    _check_method(method)
    if int(harmonics) < 1:
        raise ParameterError("harmonics", harmonics, "harmonics >= 1")
    if hm == 0:
        return np.zeros(om.shape, complex)
    state = {"beta": b, "h": hh, "Delta": d, "Gamma": gam, "T": t}
    step = (min(gam, np.pi * t) if t > 0 else gam) / points_per_width
    # the perturbative grid must not depend on h_m (σ_hh/h_m² is then exactly h_m-free)
    pump = hm if method == "floquet" else 0.0
    shift = 0
    if method == "perturbative":
        # Ω_m a whole number of steps: the bases at ε ± Ω_m are those at ε, shifted
        shift = int(np.ceil(w_m / step))
        step = w_m / shift
    w_max = float(np.max(np.abs(om)))
    reach = 2 * float(gap_edges(beta=b, h=abs(hh) + pump, Delta=d)[2]) + w_max
    # Window: every gap edge and its shifts by Ω_ph and by the pump quanta kept (one
    # for second order, N + 1 for Floquet N). For second order, widening it by two
    # more Ω_m changes σ by < 1e-7 (the grid's own discretisation level) at Ω_m = 8.4,
    # 9.6, 12, for T = Γ = 0.01 Tc0 and for T = 0.1, Γ = 0.05. Floquet keeps N + 1:
    # at N + 1/2 the β = 0 Bessel-sideband check (N = 3) moves by 1.2e-6.
    n_reach = 1 if method == "perturbative" else int(harmonics) + 1
    window = reach + n_reach * w_m + 40 * t + 50 * gam
    n = int(np.ceil(2 * window / step)) + 1
    n_shift = int(np.ceil(w_max / step)) + INTERPOLATION_POINTS
    n_total = n + n_shift

    if method == "perturbative":
        ext = -window + step * np.arange(-shift, n_total + shift)
        pairs = second_order_pairs(
            ext, shift, h_m=hm, cross_terms=cross_terms, workers=workers, **state
        )
        masks = second_order_masks(hh, cross_terms)
    else:
        eps = -window + step * np.arange(n_total)
        n_harm = int(harmonics)

        def pairs(sl: slice) -> list:
            """(left, right) factor pairs whose Keldysh traces sum to the pumped minus
            the unpumped integrand (the latter on the same grid, so grid errors cancel)."""
            rows, cols = floquet_blocks(eps[sl], h_m=hm, Omega_m=w_m, harmonics=n_harm, **state)
            g0 = equilibrium_blocks(eps[sl], **state)
            return [*zip(rows, cols, strict=True), (g0, tuple(-x for x in g0))]

        masks = [harmonic_mask(k, hh) for k in range(-n_harm, n_harm + 1)]
        masks.append(harmonic_mask(0, hh))

    weights = np.full(n, step)
    weights[[0, -1]] /= 2
    k_grid = keldysh_correlation(
        pairs,
        n_total=n_total,
        n=n,
        n_shift=n_shift,
        weights=weights,
        masks=masks,
        workers=workers,
    )
    p = INTERPOLATION_POINTS
    ext_k = np.concatenate((-np.conj(k_grid[p:0:-1]), k_grid))
    return interpolate_uniform(step, ext_k, np.abs(om).ravel(), offset=p).reshape(om.shape)


@keyword_only
def pumped_conductivity(
    Omega_ph: ArrayLike,
    *,
    Omega_m: float,
    h_m: float,
    beta: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    h: float = 0.0,
    method: str = "floquet",
    harmonics: int | str = "auto",
    tol: float = 1e-4,
    max_harmonics: int = 6,
    on_unconverged: str = "raise",
    cross_terms: bool = True,
    points_per_width: float = 3.0,
) -> ComplexArray:
    """Time-averaged σ(Ω_ph)/σn of the superconductor pumped by h_m cos(Ω_m t) along x.

    Parameters
    ----------
    Omega_ph
        Photon frequencies (units of Δ0), nonzero.
    Omega_m
        Pump (magnon) frequency > 0 (units of Δ0).
    h_m
        Pump amplitude ≥ 0 (units of Δ0).
    beta, T, Gamma
        Ising SOC, temperature, Dynes/relaxation rate Γ > 0 (units of Δ0).
    Delta
        Order parameter; None: the equilibrium self-consistent Δ(T, h).
    h
        Static in-plane field h0 (units of Δ0).
    method
        ``"floquet"`` (non-perturbative) or ``"perturbative"`` (σ_eq + O(h_m²)).
    harmonics
        Floquet truncation N (harmonics −N..N), or ``"auto"``: N = 1, 2, … until
        two successive results differ by less than ``tol`` (absolute, σn).
    tol, max_harmonics
        Convergence tolerance and largest N tried by ``"auto"``.
    on_unconverged
        ``"raise"`` (:class:`~isingsc.errors.ConvergenceError`) or ``"warn"``
        (RuntimeWarning with the estimate; the last result is returned).
    cross_terms
        ``"perturbative"`` only: include Σ_k g1_{0k}τ3g1_{k0} (omitted in the
        paper's Eq. C9).
    points_per_width
        Energy-grid points per min(Γ, πT). The trapezoid rule converges
        exponentially here (the integrand is analytic in a strip of that width):
        at the paper's parameters the error is 1e-4 σn at 2 points, 1e-7 at 3 (the
        default), 5e-10 at 4 — relative to abs(σ_hh) ~ 10: 1e-8 at the default.

    Returns
    -------
    ndarray
        σ/σn, physics convention e^{−iΩt} (σ1 + iσ2); Re σ < 0 means gain (lasing).
        With h_m = 0 it is :func:`isingsc.conductivity`.

    Notes
    -----
    See the module docstring for the bath model and the two methods; the pumped part is
    :func:`pumped_kernel` and the equilibrium part :func:`isingsc.conductivity` (with its
    ε⁻³ tails). The pumped correction scales as h_m²/Γ in the perturbative regime
    (h_m ≲ Γ/2); beyond it only ``"floquet"`` is valid.
    """
    if on_unconverged not in ("raise", "warn"):
        raise ParameterError("on_unconverged", on_unconverged, "'raise' or 'warn'")
    om = finite("Omega_ph", Omega_ph)
    if np.any(om == 0):
        raise ParameterError("Omega_ph", 0.0, "Omega_ph != 0")
    w_m = float(positive("Omega_m", Omega_m))
    hm = float(nonnegative("h_m", h_m))
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    _check_method(method)
    auto = method == "floquet" and harmonics == "auto"
    if not auto:
        if method == "floquet" and isinstance(harmonics, str):
            raise ParameterError("harmonics", harmonics, "an integer >= 1 or 'auto'")
        if not isinstance(harmonics, str) and int(harmonics) < 1:
            raise ParameterError("harmonics", harmonics, "harmonics >= 1")
    a = np.abs(om)
    sigma_eq = conductivity(a, beta=b, h=hh, T=t, Gamma=gam, Delta=d, check_grid=False)

    def at(n: int) -> ComplexArray:
        k = pumped_kernel(
            a,
            Omega_m=w_m,
            h_m=hm,
            beta=b,
            T=t,
            Gamma=gam,
            Delta=d,
            h=hh,
            method=method,
            harmonics=n,
            cross_terms=cross_terms,
            points_per_width=points_per_width,
        )
        sig = sigma_eq - k / (4 * a)
        return np.where(om > 0, sig, np.conj(sig)).reshape(om.shape)

    if hm == 0:
        return np.where(om > 0, sigma_eq, np.conj(sigma_eq))
    if not auto:
        return at(1 if isinstance(harmonics, str) else int(harmonics))
    return truncation_search(at, tol, max_harmonics, on_unconverged)[1]
