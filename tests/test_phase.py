"""Tc(h), critical fields and the tricritical point against independent routes."""

import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.special import polygamma

import isingsc as isc
from isingsc import TC0
from isingsc.physics.phase import quartic_coefficient


def _linearised_sum(T, h, beta, n_terms=20000):
    """a(T,h) = 2πT Σ[F/Δ − 1/ω] − ln(T/Tc0) at Δ = 1e-7, F from the 4×4 matrix g,
    plus the tail of the asymptotic summand −h²/ω³ (error ~ρ²h²/a⁴ < 1e-12)."""
    delta = 1e-7
    w = (2 * np.arange(n_terms) + 1) * np.pi * T
    g = isc.matsubara_gf(w, beta=beta, h=h, Delta=delta)
    tau2 = np.kron([[0, -1j], [1j, 0]], np.eye(2))
    f = np.einsum("ab,nba->n", tau2, g).real / (4 * delta)
    a = 2 * np.pi * T * n_terms
    return 2 * np.pi * T * np.sum(f - 1 / w) - h * h / (2 * a * a) - np.log(T / TC0)


@pytest.mark.parametrize(
    ("h", "beta"), [(0.3, 0.0), (0.55, 0.0), (1.0, 4.0), (2.8, 4.0), (1.5, 1.0)]
)
def test_tc_digamma_law_vs_summed_linearised_equation(h, beta):
    tc = isc.critical_temperature(h=h, beta=beta)
    # bracket the upper root of the independently summed equation around tc
    ref = brentq(lambda t: _linearised_sum(t, h, beta), 0.97 * tc, min(1.03 * tc, TC0), xtol=1e-14)
    # the summed equation is accurate to ~1e-9 (Δ = 1e-7 corrections ~Δ²/T²)
    assert tc == pytest.approx(ref, rel=1e-8)


def test_tc_limits():
    assert isc.critical_temperature(h=0.0, beta=4.0) == TC0
    h = np.linspace(0, 6, 50)
    tc = isc.critical_temperature(h=h, beta=4.0)
    assert np.all(np.diff(tc) < 0) and tc[-1] > 0  # Ising protection: Tc > 0 at any h
    # β = 0: no superconductivity above the maximum of the re-entrant line (~0.61 Δ0)
    assert isc.critical_temperature(h=0.62, beta=0.0) == 0.0
    assert isc.critical_temperature(h=0.6, beta=0.0) > 0.0


def test_pauli_limit_quartic_coefficient_is_polygamma():
    # β = 0: q = Re ψ''(½ + ih/2πT)/(16π²T²) (derived from c₂ = −¼ Re (ω+ih)⁻³).
    T, h = 0.4 * TC0, np.array([0.0, 0.3, 0.6])
    z = 0.5 + 1j * h / (2 * np.pi * T)
    exact = _psi2(z) / (16 * np.pi**2 * T**2)
    np.testing.assert_allclose(quartic_coefficient(T=T, h=h, beta=0.0), exact, rtol=1e-10)


def _psi2(z):
    # ψ''(z) = −2 Σ_k 1/(z+k)³ for complex z (scipy's polygamma is real-only)
    k = np.arange(200000)[:, None]
    s = -2 * np.sum(1.0 / (z[None, :] + k) ** 3, axis=0)
    return (s - 1.0 / (z + 200000) ** 2).real  # tail ∫ of −2/(z+k)³


def test_bcs_quartic_coefficient():
    T = 0.5 * TC0
    zeta3 = 1.2020569031595942
    assert quartic_coefficient(T=T, h=0.0, beta=2.0) == pytest.approx(
        -7 * zeta3 / (8 * np.pi**2 * T**2), rel=1e-11
    )
    assert polygamma(2, 0.5) == pytest.approx(-14 * zeta3)  # sanity of the identity used above


def test_sarma_tricritical_point():
    # Literature (Sarma 1963; Maki & Tsuneto 1964): T* ≈ 0.561 Tc0, h* ≈ 1.07 Tc0 ≈ 0.607 Δ0.
    t, h = isc.tricritical_point(beta=0.0)
    assert t / TC0 == pytest.approx(0.5615, abs=5e-4)
    assert h == pytest.approx(0.6082, abs=5e-4)
    # and it satisfies both defining equations to high accuracy
    assert abs(quartic_coefficient(T=t, h=h, beta=0.0)) < 1e-6 * abs(
        quartic_coefficient(T=t, h=0, beta=0.0)
    )
    assert isc.critical_temperature(h=h, beta=0.0) == pytest.approx(t, rel=1e-7)


def test_chandrasekhar_clogston():
    cf = isc.critical_field(T=0.0, beta=0.0)
    assert cf.first_order[0] == pytest.approx(1 / np.sqrt(2), abs=1e-9)
    assert cf.second_order[0] == pytest.approx(0.5, abs=1e-9)


def test_large_beta_has_no_first_order_line():
    t, h = isc.tricritical_point(beta=4.0)
    assert np.isnan(t) and np.isnan(h)


def test_first_order_jump_at_small_beta():
    beta, T = 0.2, 0.1 * TC0
    h1 = isc.critical_field(T=T, beta=beta).first_order[0]
    assert np.isfinite(h1)
    below, above = isc.order_parameter(T=T, h=[h1 - 1e-4, h1 + 1e-4], beta=beta)
    assert below > 0.5 and above == 0.0


def test_phase_diagram_is_consistent():
    pd = isc.phase_diagram(beta=0.0, num=9)
    assert pd.tricritical[0] == pytest.approx(0.5615 * TC0, abs=5e-4 * TC0)
    has_first = np.isfinite(pd.first_order)
    np.testing.assert_array_equal(has_first, pd.T < pd.tricritical[0])
    assert np.all(pd.first_order[has_first] > pd.second_order[has_first])


def test_uniqueness_bound_of_the_digamma_law():
    # The bracketing shortcut needs max_x x ∂x Re ψ(½+ix) ≤ _MAX_SLOPE (here 1.20503).
    from scipy.special import digamma

    from isingsc.physics.phase import _MAX_SLOPE

    x = np.geomspace(1e-3, 1e4, 400001)
    slope = np.gradient(digamma(0.5 + 1j * x).real, np.log(x))
    assert slope.max() < _MAX_SLOPE
    # and the scanned (re-entrant) branch and the bracketed branch meet continuously
    beta = np.sqrt(0.2)  # h²/ρ² crosses 1/_MAX_SLOPE at h ≈ 0.97
    h = np.linspace(0.9, 1.05, 61)
    tc = isc.critical_temperature(h=h, beta=beta)
    assert np.all(np.abs(np.diff(tc)) < 5e-3)
