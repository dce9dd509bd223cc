"""Gap equation, free energy and the stable order parameter, against independent routes."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import isingsc as isc
from isingsc import TC0
from isingsc.physics.gap import free_energy, gap_residual, solve_gap

# Reference value of the weak-coupling BCS gap at T = Tc0/2 (issue #3; 6 digits).
BCS_HALF_TC = 0.956885
# Roots are refined to 1e-13; residual sums are accurate to ~1e-12.
ROOT_TOL = 1e-10


def _naive_residual(delta, T, h, beta, n_terms=40000):
    """R(Δ) by brute force: Σ over n_terms Matsubara frequencies of Tr[τ2 g]/4 from the
    4×4 matrix g, plus the ∫ tail of the asymptotic summand −Δ(h²+Δ²/2)/ω³."""
    w = (2 * np.arange(n_terms) + 1) * np.pi * T
    g = isc.matsubara_gf(w, beta=beta, h=h, Delta=delta)
    tau2 = np.kron([[0, -1j], [1j, 0]], np.eye(2))
    f = np.einsum("ab,nba->n", tau2, g).real / 4
    s = 2 * np.pi * T * np.sum(f - delta / w)
    a = 2 * np.pi * T * n_terms
    # F − Δ/ω ≈ −Δ(h² + Δ²/2)/ω³ for ω ≫ ρ: its midpoint tail is the integral from a.
    s += -delta * (h * h + delta * delta / 2) / (2 * a * a)
    return s - delta * np.log(T / TC0)


def test_bcs_gap_at_half_tc():
    assert abs(isc.order_parameter(T=0.5 * TC0, h=0.0, beta=0.0) - BCS_HALF_TC) < 5e-7


@pytest.mark.parametrize("beta", [0.0, 1.0, 4.0, 10.0])
def test_h0_is_bcs_for_every_beta(beta):
    # At h = 0 the quasiclassical g does not depend on β: Δ(T) is the BCS gap.
    T = TC0 * np.array([0.0, 0.01, 0.3, 0.5, 0.9, 0.999])
    bcs = isc.order_parameter(T=T, h=0.0, beta=0.0)
    np.testing.assert_allclose(isc.order_parameter(T=T, h=0.0, beta=beta), bcs, atol=ROOT_TOL)
    assert bcs[0] == pytest.approx(1.0, abs=1e-12)
    assert bcs[3] == pytest.approx(BCS_HALF_TC, abs=5e-7)


@pytest.mark.parametrize(
    ("delta", "T", "h", "beta"),
    [
        (0.7, 0.3 * TC0, 0.5, 0.0),
        (0.4, 0.5 * TC0, 2.8, 4.0),
        (0.9, 0.2 * TC0, 1.5, 1.0),
        (0.2, 0.8 * TC0, 0.3, 0.3),
    ],
)
def test_residual_matches_brute_force_matsubara_sum(delta, T, h, beta):
    # The naive sum with 4e4 terms + leading tail is accurate to ~1e-9 (next tail term).
    assert gap_residual(Delta=delta, T=T, h=h, beta=beta) == pytest.approx(
        _naive_residual(delta, T, h, beta), abs=2e-9
    )


def test_zero_temperature_is_the_limit():
    # Thermal corrections are ~exp(-E_gap/T); the smallest gap here is 0.3 (β = 0,
    # h = 0.3), so at T = 0.005 Tc0 they are ~e^{-100}: only summation error is left.
    for h, beta in [(0.3, 0.0), (2.8, 4.0), (1.0, 0.5)]:
        r0 = gap_residual(Delta=0.6, T=0.0, h=h, beta=beta)
        r1 = gap_residual(Delta=0.6, T=0.005 * TC0, h=h, beta=beta)
        assert r0 == pytest.approx(r1, abs=1e-12)


@pytest.mark.parametrize("T", [2e-3, 1e-3, 1e-6, 1e-200, 5e-324])
def test_both_sides_of_the_integral_switch_are_the_zero_temperature_limit(T):
    # Below T = scale_lo/745 (here 0.805/745 = 1.08e-3, the ordinary edge of Δ = 0.9,
    # h = 2, β = 4) the Matsubara sum is replaced by its integral; above it the sum is
    # taken. Both must equal the T = 0 result: the thermal corrections are
    # < e^{-0.805/0.002} = e^{-400}, so only quadrature rounding (~1e-13) is left.
    r0 = gap_residual(Delta=0.9, T=0.0, h=2.0, beta=4.0)
    f0 = free_energy(Delta=0.9, T=0.0, h=2.0, beta=4.0)
    assert gap_residual(Delta=0.9, T=T, h=2.0, beta=4.0) == pytest.approx(r0, abs=1e-12)
    assert free_energy(Delta=0.9, T=T, h=2.0, beta=4.0) == pytest.approx(f0, abs=1e-12)


def test_bcs_free_energy_at_zero_temperature():
    d = np.linspace(0.05, 1.3, 11)
    np.testing.assert_allclose(
        free_energy(Delta=d, T=0.0, h=0.0, beta=4.0), d**2 * np.log(d) - d**2 / 2, atol=1e-13
    )


@settings(max_examples=25, deadline=None)
@given(
    delta=st.floats(0.05, 1.0),
    t=st.sampled_from([0.0, 0.05, 0.3, 0.7]),
    h=st.floats(0.0, 4.0),
    beta=st.floats(0.0, 5.0),
)
def test_free_energy_derivative_is_minus_twice_residual(delta, t, h, beta):
    # ∂Ω/∂Δ = −2R: central difference with step 1e-4 has error ~1e-8·|Ω'''|.
    # Excluded: β ≈ 0 with Δ ≈ h, where the gap closes and Ω(Δ) has a √ singularity.
    assume(beta > 0.05 or abs(h - delta) > 0.01)
    step = 1e-4
    T = t * TC0
    dfd = (
        free_energy(Delta=delta + step, T=T, h=h, beta=beta)
        - free_energy(Delta=delta - step, T=T, h=h, beta=beta)
    ) / (2 * step)
    assert dfd == pytest.approx(-2 * gap_residual(Delta=delta, T=T, h=h, beta=beta), abs=1e-7)


def test_free_energy_against_direct_matsubara_form():
    # Ω = Δ² ln(T/Tc0) + 2πT Σ [Δ²/ω − λ+ − λ− + 2ω], summed with complex roots
    # (a different formula from the split BCS + remainder used by the package).
    from isingsc.physics.greens import roots

    T, delta, h, beta = 0.4 * TC0, 0.6, 1.2, 2.0
    # n is limited by roundoff (the summand is a difference of O(ω) numbers, error
    # ~1e-16·ω per term); with n = 2000 it is ~3e-11 and the neglected tail ~1e-13.
    n = 2000
    w = (2 * np.arange(n) + 1) * np.pi * T
    lp, lm = roots(w, beta=beta, h=h, Delta=delta)
    s = 2 * np.pi * T * np.sum(delta**2 / w - (lp + lm).real + 2 * w)
    a = 2 * np.pi * T * n
    # summand → (Δ²h² + Δ⁴/4)/ω³; its tail beyond a is c/(2a²) up to O(a⁻⁴) ~ 1e-16.
    s += (delta**2 * h**2 + delta**4 / 4) / (2 * a * a)
    direct = delta**2 * np.log(T / TC0) + s
    assert free_energy(Delta=delta, T=T, h=h, beta=beta) == pytest.approx(direct, abs=1e-10)


def test_chandrasekhar_clogston_and_sarma_branch():
    # β = 0, T = 0: Ω(Δ0) = −1/2 + h²; Sarma solution Δ² = 2h − 1 (a maximum of Ω).
    h = np.array([0.55, 0.6, 0.69, 0.705, 0.71, 0.8])
    sol = solve_gap(T=0.0, h=h, beta=0.0)
    np.testing.assert_allclose(np.nanmax(sol.solutions, axis=-1)[:5], 1.0, atol=ROOT_TOL)
    np.testing.assert_allclose(sol.solution_free_energy[:5, -1], -0.5 + h[:5] ** 2, atol=1e-12)
    sarma = sol.solutions[:5, 0]
    np.testing.assert_allclose(sarma, np.sqrt(2 * h[:5] - 1), atol=ROOT_TOL)
    assert not sol.solution_is_minimum[:5, 0].any()
    # the stable Δ jumps from Δ0 to 0 at h = 1/√2
    np.testing.assert_allclose(sol.Delta, [1.0, 1.0, 1.0, 1.0, 0.0, 0.0], atol=ROOT_TOL)


def test_solution_quality_is_reported():
    sol = solve_gap(T=TC0 * np.array([0.0, 0.1, 0.5]), h=2.8, beta=4.0)
    assert sol.converged.all()
    assert np.all(sol.residual[np.isfinite(sol.residual)] < 1e-12)
    assert np.all(sol.iterations[np.isfinite(sol.solutions)] > 0)
    np.testing.assert_allclose(
        gap_residual(Delta=sol.Delta, T=TC0 * np.array([0.0, 0.1, 0.5]), h=2.8, beta=4.0),
        0,
        atol=1e-12,
    )


@pytest.mark.parametrize(("T", "h", "beta"), [(0.3 * TC0, 2.0, 4.0), (0.0, 3.0, 2.0)])
def test_symmetric_in_h_and_beta(T, h, beta):
    ref = isc.order_parameter(T=T, h=h, beta=beta)
    for s1 in (1, -1):
        for s2 in (1, -1):
            assert isc.order_parameter(T=T, h=s1 * h, beta=s2 * beta) == ref


def test_normal_state_above_tc():
    T = 0.6 * TC0
    hc = isc.critical_field(T=T, beta=4.0).transition[0]
    d = isc.order_parameter(T=T, h=np.array([0.98, 1.02]) * hc, beta=4.0)
    assert d[0] > 0.01 and d[1] == 0.0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"T": -0.1, "h": 0.0, "beta": 1.0}, "T"),
        ({"T": 0.1, "h": np.nan, "beta": 1.0}, "h"),
        ({"T": 0.1, "h": 0.0, "beta": np.inf}, "beta"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(isc.ParameterError, match=repr(name)):
        isc.order_parameter(**kwargs)
    with pytest.raises(ValueError):
        isc.order_parameter(**kwargs)


def test_negative_delta_rejected():
    with pytest.raises(isc.ParameterError, match="'Delta'"):
        gap_residual(Delta=-0.1, T=0.1, h=0.0, beta=1.0)


@pytest.mark.parametrize(("h", "beta"), [(1.94, 0.5), (6.0, 4.0), (0.3, 0.0)])
def test_low_temperature_continuity_even_for_tiny_gaps(h, beta):
    # Δ(T) → Δ(0) as T → 0 (T = 0 is an integral, T > 0 a sum): at T = 1e-3 Tc(h)
    # the thermal correction ~e^{-Δ/T} is < e^{-1000}; only root tolerance is left.
    tc = isc.critical_temperature(h=h, beta=beta)
    d0, d1 = isc.order_parameter(T=np.array([0.0, 1e-3 * tc]), h=h, beta=beta)
    assert d0 > 0
    assert d1 == pytest.approx(d0, rel=1e-9)


@pytest.mark.parametrize(("beta", "t"), [(0.0, 0.02), (0.1, 0.1), (0.3, 0.0)])
def test_stable_solution_is_the_global_free_energy_minimum(beta, t):
    # Independent of the root scan: minimise Ω(Δ) on a dense grid (step 7e-4) across the
    # first-order region; the stable Δ must agree within the grid step.
    T = t * TC0
    hs = np.linspace(0.6, 0.8, 9)
    stable = solve_gap(T=T, h=hs, beta=beta).Delta
    d = np.linspace(1e-4, 1.05, 1500)
    for h, s in zip(hs, stable, strict=True):
        f = free_energy(Delta=d, T=T, h=h, beta=beta)
        k = np.argmin(f)
        assert s == pytest.approx(d[k] if f[k] < 0 else 0.0, abs=1e-3)
