"""Independent checks of isingsc.physics.greens (quasiclassical g).

References built here, not taken from the package:

* the matrix sign function of Q = (ω + iV)τ3 by Newton's iteration X ← (X + X⁻¹)/2
  (scipy.linalg.signm is avoided: it is inaccurate for degenerate eigenvalues, which
  Q has, e.g. at h = 0);
* brute-force ξ integration g = (i/π) ∫dξ τ3 G(ξ), G = (iω − H(ξ))⁻¹, with H(ξ) built
  from np.kron and inverted numerically at every ξ.

Tail of the ξ integral (derived for the second method). Write
iω − H(ξ) = (K − ξ)τ3 with K = (iω − V)τ3, so τ3 G(ξ) = (K − ξ)⁻¹ and, pairing ±ξ,
τ3[G(ξ) + G(−ξ)] = 2K(K² − ξ²)⁻¹ = −2K/ξ² − 2K³/ξ⁴ − O(ξ⁻⁶). Hence

    ∫_L^∞ τ3[G(ξ) + G(−ξ)] dξ = −2K/L − 2K³/(3L³) + O(|K|⁵/L⁵).

The symmetric integral is conditionally convergent (the 1/ξ terms cancel only in
pairs); for each eigenvalue k of K, ∫_{−∞}^{∞} dξ/(k − ξ) (symmetric limit) = −iπ sign(Im k),
so (i/π)·that = sign(Im k) = sign of the eigenvalue of −iK = Q: the two methods are
the same object computed in two independent ways.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad_vec

import isingsc as isc

S0 = np.eye(2, dtype=complex)
SX = np.array([[0, 1], [1, 0]], dtype=complex)
SY = np.array([[0, -1j], [1j, 0]], dtype=complex)
SZ = np.array([[1, 0], [0, -1]], dtype=complex)
PAULI = (S0, SX, SY, SZ)


def ts(i: int, j: int) -> np.ndarray:
    """τ_i ⊗ σ_j, Nambu index outer."""
    return np.kron(PAULI[i], PAULI[j])


TAU3 = ts(3, 0)
TAU2 = ts(2, 0)
ONE = np.eye(4, dtype=complex)


def v_matrix(beta: float, h: float, Delta: float) -> np.ndarray:
    """V = β τ3σz + h σx + Δ τ1 (ξ-independent part of H)."""
    return beta * ts(3, 3) + h * ts(0, 1) + Delta * ts(1, 0)


def hamiltonian(xi: float, beta: float, h: float, Delta: float) -> np.ndarray:
    return xi * TAU3 + v_matrix(beta, h, Delta)


def newton_sign(a: np.ndarray, maxiter: int = 100) -> np.ndarray:
    """Matrix sign function of a batch (..., n, n) by determinant-scaled Newton iteration.

    Newton converges quadratically; once a step changes X by < 1e-8 (relative) the
    error is ~1e-16 after one more step, so two extra steps reach rounding level
    (a tighter stopping test would stall on rounding noise).
    """
    x = np.array(a, dtype=complex)
    n = x.shape[-1]
    extra = None
    for k in range(maxiter):
        if k < 6:  # scaling speeds up the early iterations; plain Newton near convergence
            mu = np.abs(np.linalg.det(x)) ** (-1.0 / n)
            x = mu[..., None, None] * x
        new = 0.5 * (x + np.linalg.inv(x))
        rel = np.max(np.abs(new - x)) / max(1.0, float(np.max(np.abs(new))))
        x = new
        if extra is None and k >= 6 and rel <= 1e-8:
            extra = 2
        if extra is not None:
            if extra == 0:
                return x
            extra -= 1
    raise RuntimeError("Newton sign iteration did not converge")  # pragma: no cover


def sign_reference(omega, beta: float, h: float, Delta: float) -> np.ndarray:
    """sign(Q), Q = (ω + iV)τ3, batched over omega."""
    w = np.asarray(omega, dtype=complex)[..., None, None]
    q = (w * ONE + 1j * v_matrix(beta, h, Delta)) @ TAU3
    return newton_sign(q)


def xi_integral_reference(omega: complex, beta: float, h: float, Delta: float) -> np.ndarray:
    """g = (i/π) ∫dξ τ3 (iω − H(ξ))⁻¹ by adaptive quadrature + analytic tail (module doc)."""
    k = (1j * omega * ONE - v_matrix(beta, h, Delta)) @ TAU3
    scale = abs(omega) + abs(beta) + abs(h) + Delta
    cutoff = 200.0 * scale  # tail remainder ~ (|K|/L)⁵ ≲ 3e-12
    # Poles of the integrand sit at ξ = ±k: give their real parts to the integrator.
    poles = np.abs(np.linalg.eigvals(k).real)
    points = sorted({float(p) for p in poles if 0.0 < p < cutoff})

    def integrand(xi: float) -> np.ndarray:
        w = 1j * omega * ONE
        return TAU3 @ (
            np.linalg.inv(w - hamiltonian(xi, beta, h, Delta))
            + np.linalg.inv(w - hamiltonian(-xi, beta, h, Delta))
        )

    val, _err = quad_vec(
        integrand, 0.0, cutoff, epsabs=1e-12, epsrel=1e-12, points=points, limit=2000
    )
    tail = -2.0 * k / cutoff - 2.0 * (k @ k @ k) / (3.0 * cutoff**3)
    return (1j / np.pi) * (val + tail)


def bcs(omega, Delta: float) -> np.ndarray:
    """(ωτ3 + Δτ2)/sqrt(ω² + Δ²) with the principal root.

    A = ωτ3 + Δτ2 has A² = ω² + Δ², and A/sqrt(A²) = sign(A) because the principal
    root has Re > 0 (ω² + Δ² is never on the negative real axis when Re ω ≠ 0).
    """
    w = np.asarray(omega, dtype=complex)[..., None, None]
    return (w * TAU3 + Delta * TAU2) / np.sqrt(w * w + Delta**2)


def maxabs(a: np.ndarray) -> float:
    return float(np.max(np.abs(a)))


# ---------------------------------------------------------------- tolerances
# Newton sign vs closed form: both are backward-stable O(eps·cond) computations; cond of
# the sign function is ≲ ||Q||/min|Re q| ≲ 1e3 for the sampled ranges, so 1e-10.
SIGN_ATOL = 1e-10
# Quadrature: quad_vec asked for 1e-12 and the neglected tail is ≲ 3e-12 (observed
# agreement ~1e-13); 1e-10 leaves margin for rounding in the 1/Γ-sized integrand.
QUAD_ATOL = 1e-10
# Identities that hold exactly in exact arithmetic (g² = 1, symmetries, BCS limit):
# rounding of a handful of O(1) operations on O(10) numbers.
ROUND_ATOL = 1e-12


def closed_form_tol(scale: float, rate: float) -> float:
    """Rounding bound for the closed form near a quasiparticle pole.

    The closed form divides by λ±, which can be as small as the rate (Γ, or |ω| for
    Matsubara) when ε sits on a branch (e.g. normal state at ε = ±ρ); rounding of
    O(scale) numbers is then amplified by scale/rate.
    """
    return ROUND_ATOL * (1.0 + scale / rate)


# Cauchy–Riemann by central differences with step d = 1e-4 Γ: truncation ~ (d/Γ)² = 1e-8
# relative (singularities are ≥ Γ away), rounding ~ 1e-13/d ≲ 1e-7 relative; observed ≲ 1e-8.
CR_RTOL = 1e-6
# Large-|ω| limit: g − sign(Re ω)τ3 is first order in ||V||/|ω|.
LARGE_W = 1e7

# ---------------------------------------------------------------- strategies
TINY = 1e-60  # flush tiny parameters to 0 (4th powers in the closed forms underflow)


def physical(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False).map(
        lambda x: 0.0 if abs(x) < TINY else x
    )


couplings = physical(-6.0, 6.0)
gaps = physical(0.0, 3.0)
matsubara = st.floats(min_value=0.05, max_value=30.0).flatmap(lambda w: st.sampled_from([w, -w]))
energies = physical(-10.0, 10.0)
gammas = st.floats(min_value=0.02, max_value=1.0)


# ---------------------------------------------------------------- sign function


@settings(max_examples=50, deadline=None)
@given(omega=matsubara, beta=couplings, h=couplings, Delta=gaps)
def test_matsubara_equals_newton_sign(omega, beta, h, Delta):
    g = isc.matsubara_gf(omega, beta=beta, h=h, Delta=Delta)
    assert g.shape == (4, 4)
    assert maxabs(g - sign_reference(omega, beta, h, Delta)) <= SIGN_ATOL


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, h=couplings, Delta=gaps, Gamma=gammas)
def test_retarded_equals_newton_sign(eps, beta, h, Delta, Gamma):
    g = isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ref = sign_reference(Gamma - 1j * eps, beta, h, Delta)  # ε + iΓ ↔ ω = Γ − iε
    assert maxabs(g - ref) <= SIGN_ATOL


@pytest.mark.parametrize(
    ("beta", "h", "Delta", "Gamma"),
    [(4.0, 2.8, 1.0, 0.05), (1.0, 3.0, 1.0, 0.02), (0.2, 0.8, 1.0, 0.03), (0.0, 1.5, 1.0, 0.05)],
)
def test_retarded_dense_grid_no_branch_jumps(beta, h, Delta, Gamma):
    # A dense real-energy grid crosses every branch cut a wrong choice of square-root
    # branch could introduce; the Newton reference has no branch choices at all.
    eps = np.linspace(-8.0, 8.0, 1601)
    g = isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ref = sign_reference(Gamma - 1j * eps, beta, h, Delta)
    assert g.shape == (eps.size, 4, 4)
    assert maxabs(g - ref) <= SIGN_ATOL


# ---------------------------------------------------------------- ξ integration

XI_CASES = [
    # (omega, beta, h, Delta): Matsubara-like real ω and retarded ω = Γ − iε
    (0.7, 4.0, 2.8, 1.0),
    (-0.3, 1.0, 3.0, 1.0),
    (1.3, 0.3, 0.9, 1.0),
    (0.5, 0.0, 0.0, 1.0),
    (0.2 - 0.9j, 4.0, 2.8, 1.0),  # retarded, inside the ordinary gap region
    (0.2 - 4.5j, 4.0, 2.8, 1.0),  # retarded, between the mirage edges
    (0.3 + 2.0j, 1.0, 3.0, 0.5),  # retarded at ε = −2
]


@pytest.mark.parametrize(("omega", "beta", "h", "Delta"), XI_CASES)
def test_g_equals_brute_force_xi_integral(omega, beta, h, Delta):
    ref = xi_integral_reference(complex(omega), beta, h, Delta)
    if np.imag(omega) == 0:
        g = isc.matsubara_gf(float(np.real(omega)), beta=beta, h=h, Delta=Delta)
    else:
        eps, gam = -np.imag(omega), np.real(omega)
        g = isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=gam)
    assert maxabs(g - ref) <= QUAD_ATOL


# ---------------------------------------------------------------- identities and limits


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, h=couplings, Delta=gaps, Gamma=gammas, w=matsubara)
def test_normalisation_g_squared_is_one(eps, beta, h, Delta, Gamma, w):
    scale = abs(eps) + abs(w) + abs(beta) + abs(h) + Delta
    tol = closed_form_tol(scale, min(Gamma, abs(w)))
    for g in (
        isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma),
        isc.matsubara_gf(w, beta=beta, h=h, Delta=Delta),
    ):
        assert maxabs(g @ g - ONE) <= tol


@pytest.mark.parametrize("omega", [LARGE_W, -LARGE_W])
@pytest.mark.parametrize(("beta", "h", "Delta"), [(4.0, 2.8, 1.0), (-2.0, 5.0, 0.3)])
def test_large_frequency_limit(omega, beta, h, Delta):
    bound = 2.0 * (abs(beta) + abs(h) + Delta) / LARGE_W  # first order in ||V||/|ω|
    g = isc.matsubara_gf(omega, beta=beta, h=h, Delta=Delta)
    assert maxabs(g - np.sign(omega) * TAU3) <= bound
    # Retarded at |ε| → ∞: Re ω = Γ > 0, so g^R → +τ3 on both sides.
    gr = isc.retarded_gf(omega, beta=beta, h=h, Delta=Delta, Gamma=0.1)
    assert maxabs(gr - TAU3) <= bound


@settings(max_examples=50, deadline=None)
@given(w=matsubara, eps=energies, beta=couplings, Delta=gaps, Gamma=gammas)
def test_h_zero_is_bcs_for_any_beta(w, eps, beta, Delta, Gamma):
    scale = abs(eps) + abs(w) + abs(beta) + Delta
    tol = closed_form_tol(scale, min(Gamma, abs(w)))
    assert maxabs(isc.matsubara_gf(w, beta=beta, h=0.0, Delta=Delta) - bcs(w, Delta)) <= tol
    gr = isc.retarded_gf(eps, beta=beta, h=0.0, Delta=Delta, Gamma=Gamma)
    assert maxabs(gr - bcs(Gamma - 1j * eps, Delta)) <= tol


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, h=couplings, Gamma=gammas)
def test_normal_state(eps, beta, h, Gamma):
    gr = isc.retarded_gf(eps, beta=beta, h=h, Delta=0.0, Gamma=Gamma)
    tol = closed_form_tol(abs(eps) + abs(beta) + abs(h), Gamma)  # poles at ε = ±ρ
    assert abs(np.trace(TAU3 @ gr) / 4 - 1.0) <= tol
    # Stronger (derived): at Δ = 0, Q = τ3(ω + iW) with W = βτ3σz + hσx commuting with
    # τ3 and Re spec(ω + iW) = Re ω, so g = τ3 exactly.
    assert maxabs(gr - TAU3) <= tol


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, h=couplings, Delta=gaps, Gamma=gammas)
def test_advanced_is_conjugate_of_retarded(eps, beta, h, Delta, Gamma):
    gr = isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ga = isc.advanced_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    tol = closed_form_tol(abs(eps) + abs(beta) + abs(h) + Delta, Gamma)
    assert maxabs(ga - (-TAU3 @ gr.conj().T @ TAU3)) <= tol
    assert maxabs(ga - sign_reference(-Gamma - 1j * eps, beta, h, Delta)) <= SIGN_ATOL


@pytest.mark.parametrize("T", [0.0, 0.05, 0.7])
def test_keldysh_equilibrium(T):
    eps = np.linspace(-3.0, 3.0, 61)  # contains ε = 0
    beta, h, Delta, Gamma = 4.0, 2.8, 1.0, 0.1
    gk = isc.keldysh_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma, T=T)
    gr = isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ga = isc.advanced_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    factor = np.sign(eps) if T == 0 else np.tanh(eps / (2 * T))
    assert maxabs(gk - (gr - ga) * factor[:, None, None]) <= ROUND_ATOL
    if T == 0:
        assert maxabs(gk[eps == 0]) == 0.0


@pytest.mark.parametrize("T", [0.0, 0.05])
def test_real_axis_components_are_the_matrices(T):
    # the response engine's (R, A, K) components rebuild g^R, g^A, g^K exactly
    from isingsc.numerics.algebra import TS
    from isingsc.physics.greens import COMPONENTS, TAU3_SIGNS, real_axis_components

    eps = np.linspace(-6.0, 6.0, 121)
    kw = {"beta": 4.0, "h": 2.8, "Delta": 1.0, "Gamma": 0.05}
    r, a, k = real_axis_components(eps, T=T, **kw)
    basis = np.array([TS[ij] for ij in COMPONENTS])

    def matrices(c):
        return np.einsum("cn,cab->nab", c, basis)

    assert maxabs(matrices(r) - isc.retarded_gf(eps, **kw)) <= ROUND_ATOL
    assert maxabs(matrices(a) - isc.advanced_gf(eps, **kw)) <= ROUND_ATOL
    assert maxabs(matrices(k) - isc.keldysh_gf(eps, T=T, **kw)) <= ROUND_ATOL
    for p, eta in zip(basis, TAU3_SIGNS, strict=True):  # τ3 P τ3 = η P
        np.testing.assert_array_equal(TS[3, 0] @ p @ TS[3, 0], eta * p)


def test_thermal_factor_limits():
    from isingsc.numerics.thermal import thermal_factor

    e = np.array([-1e300, -1.0, 0.0, 1e-200, 1.0, 1e300])
    assert thermal_factor(e, T=0.0).tolist() == [-1.0, -1.0, 0.0, 1.0, 1.0, 1.0]
    np.testing.assert_allclose(thermal_factor(e, T=0.3), np.tanh(e / 0.6), rtol=1e-15, atol=0)
    assert thermal_factor(e, T=1e-300).tolist() == [-1.0, -1.0, 0.0, 1.0, 1.0, 1.0]  # no warning


def test_keldysh_zero_temperature_no_warning():
    # T = 0 must use sign(ε) without evaluating ε/0 (RuntimeWarnings are errors here).
    gk = isc.keldysh_gf(np.array([-1.0, 0.0, 1.0]), beta=1.0, h=0.5, Delta=1.0, Gamma=0.1, T=0.0)
    assert np.all(np.isfinite(gk))


# ---------------------------------------------------------------- paper's Eq. A9

# U = exp(iπτ3/4): U τ2 U† = τ1, U τ1 U† = −τ2 (the package → paper gauge map).
U_GAUGE = np.diag(np.exp(1j * np.pi / 4 * np.array([1, 1, -1, -1])))


@settings(max_examples=50, deadline=None)
@given(w=matsubara, eps=energies, beta=couplings, h=couplings, Delta=gaps, Gamma=gammas)
def test_a9_components(w, eps, beta, h, Delta, Gamma):
    # Sanity of the reference gauge map itself.
    assert maxabs(U_GAUGE @ ts(2, 0) @ U_GAUGE.conj().T - ts(1, 0)) <= ROUND_ATOL
    assert maxabs(U_GAUGE @ ts(1, 0) @ U_GAUGE.conj().T + ts(2, 0)) <= ROUND_ATOL
    tol = closed_form_tol(abs(eps) + abs(w) + abs(beta) + abs(h) + Delta, min(Gamma, abs(w)))
    for g in (
        isc.matsubara_gf(w, beta=beta, h=h, Delta=Delta),
        isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma),
    ):
        c = isc.a9_components(g)
        assert abs(c["rest"]) <= tol  # other components vanish identically
        # Paper gauge: g_z0 σzτ0 + g_y2 σyτ2 + (g_01 + g_x1 σx)τ1 + (g_03 + g_x3 σx)τ3.
        g_paper = (
            c["g_z0"] * ts(0, 3)
            + c["g_y2"] * ts(2, 2)
            + c["g_01"] * ts(1, 0)
            + c["g_x1"] * ts(1, 1)
            + c["g_03"] * ts(3, 0)
            + c["g_x3"] * ts(3, 1)
        )
        back = U_GAUGE.conj().T @ g_paper @ U_GAUGE
        assert maxabs(back - g) <= ROUND_ATOL * 10  # 4x4 products of unit-modulus phases


# ---------------------------------------------------------------- symmetries


def traces(g: np.ndarray) -> tuple[complex, complex]:
    return np.trace(TAU3 @ g) / 4, np.trace(TAU2 @ g) / 4


@settings(max_examples=50, deadline=None)
@given(w=matsubara, eps=energies, beta=couplings, h=couplings, Delta=gaps, Gamma=gammas)
def test_trace_observables_even_in_h_and_valley(w, eps, beta, h, Delta, Gamma):
    tol = closed_form_tol(abs(eps) + abs(w) + abs(beta) + abs(h) + Delta, min(Gamma, abs(w)))
    for make in (
        lambda b, hh: isc.matsubara_gf(w, beta=b, h=hh, Delta=Delta),
        lambda b, hh: isc.retarded_gf(eps, beta=b, h=hh, Delta=Delta, Gamma=Gamma),
    ):
        ref = np.array(traces(make(beta, h)))
        for b, hh in ((-beta, h), (beta, -h), (-beta, -h)):
            assert maxabs(np.array(traces(make(b, hh))) - ref) <= tol


@settings(max_examples=50, deadline=None)
@given(w=matsubara, beta=couplings, h=couplings, Delta=gaps)
def test_matsubara_F_real_and_even(w, beta, h, Delta):
    n_plus, f_plus = traces(isc.matsubara_gf(w, beta=beta, h=h, Delta=Delta))
    n_minus, f_minus = traces(isc.matsubara_gf(-w, beta=beta, h=h, Delta=Delta))
    tol = closed_form_tol(abs(w) + abs(beta) + abs(h) + Delta, abs(w))
    assert abs(f_plus.imag) <= tol
    assert abs(f_plus - f_minus) <= tol
    # The normal trace is real and odd in ω.
    assert abs(n_plus.imag) <= tol
    assert abs(n_plus + n_minus) <= tol


# ---------------------------------------------------------------- causality


@pytest.mark.parametrize(
    ("beta", "h", "Delta", "Gamma"),
    [(4.0, 2.8, 1.0, 0.01), (1.0, 3.0, 1.0, 0.02), (0.0, 1.5, 1.0, 0.01), (0.2, 0.8, 1.0, 0.005)],
)
def test_retarded_causality(beta, h, Delta, Gamma):
    eps = np.linspace(-8.0, 8.0, 4001)
    gr = isc.retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    dos = np.real(np.trace(TAU3 @ gr, axis1=-2, axis2=-1)) / 4
    assert np.all(dos >= -ROUND_ATOL)
    # Analyticity in z = ε + iΓ (Cauchy–Riemann): ∂g/∂Γ = i ∂g/∂ε, by central differences.
    e0 = np.array([-4.0, -0.5, 0.3, 2.0, 5.0])
    d = 1e-4 * Gamma
    de = (
        isc.retarded_gf(e0 + d, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
        - isc.retarded_gf(e0 - d, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ) / (2 * d)
    dg = (
        isc.retarded_gf(e0, beta=beta, h=h, Delta=Delta, Gamma=Gamma + d)
        - isc.retarded_gf(e0, beta=beta, h=h, Delta=Delta, Gamma=Gamma - d)
    ) / (2 * d)
    scale = maxabs(de) + 1.0
    assert maxabs(dg - 1j * de) <= CR_RTOL * scale


# ---------------------------------------------------------------- input validation


def test_bad_frequencies_raise():
    with pytest.raises(isc.ParameterError, match="'omega'"):
        isc.matsubara_gf(0.0, beta=1.0, h=1.0, Delta=1.0)
    with pytest.raises(isc.ParameterError, match="'Gamma'"):
        isc.retarded_gf(0.5, beta=1.0, h=1.0, Delta=1.0, Gamma=0.0)
    with pytest.raises(isc.ParameterError, match="'Delta'"):
        isc.matsubara_gf(0.5, beta=1.0, h=1.0, Delta=-1.0)
    with pytest.raises(isc.ParameterError, match="'T'"):
        isc.keldysh_gf(0.5, beta=1.0, h=1.0, Delta=1.0, Gamma=0.1, T=-0.1)
