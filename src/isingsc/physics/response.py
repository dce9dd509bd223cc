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

The kernel itself (energy grid, three quadratures) is :mod:`isingsc.physics.kernel`.

Sampling. Every value is computed at its own Ω (no grid of the user's enters the
integrals), so sparse frequencies are never an error; a sorted Ω grid coarser than Γ
only gives a :class:`~isingsc.core.errors.ResolutionWarning` (the curve through the
samples can miss features), silenced by ``check_grid=False``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite
from ..numerics.grids import check_sampling
from .gap import equilibrium_state
from .kernel import VERTICES, response_kernel, vertex_kernels

__all__ = [
    "CONVENTIONS",
    "apply_convention",
    "conductivity",
    "conductivity_and_raman",
    "conductivity_derivative",
    "convergence_estimate",
    "raman",
    "raman_derivative",
    "superfluid_weight",
]

ComplexArray = NDArray[np.complex128]
FloatArray = NDArray[np.float64]

#: Normalisation of each vertex's kernel (factor in factor·K/(4Ω)) and the parity p of
#: the returned ratio, ratio(−Ω) = p·ratio(Ω)*: σ/σn = −K/(4Ω), χ/χn = −iK/(4Ω).
_NORMALISATION: dict[str, tuple[complex, float]] = {"current": (-1.0, 1.0), "density": (-1j, -1.0)}
_TAIL_ORDER = 32
_QUAD_ORDER = 12


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
    k, dk = vertex_kernels(
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
        most accurate, ~3 ms per frequency); see :func:`~isingsc.physics.kernel.response_kernel`.
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
