"""The Matsubara machinery against sums known in closed form."""

import numpy as np
import pytest

from isingsc.numerics.matsubara import frequency_sum, half_line_rule

# Both routes are built to ~1e-12 absolute; 1e-11 leaves room for summation roundoff.
TOL = 1e-11


def _lorentz(w, a):
    """1/(ω² + a²)^2: even, poles at ±ia, decays as ω⁻⁴."""
    return 1.0 / (w * w + a * a) ** 2


def _exact_lorentz(T, a):
    """2πT Σ_{n≥0} (ω_n² + a²)^{-2} = −(π/2) d/d(a²)[tanh(a/2T)/a]."""
    x = a / (2 * T)
    sech2 = 4 * np.exp(-2 * x) / (1 + np.exp(-2 * x)) ** 2
    return (np.pi / 2) * (np.tanh(x) / (2 * a**3) - sech2 / (4 * T * a * a))


@pytest.mark.parametrize("T", [1e-4, 0.003, 0.05, 0.3, 2.0])
def test_sum_matches_closed_form(T):
    a = np.array([0.2, 0.8, 3.0])
    got = frequency_sum(_lorentz, T, (a,), a, a).real
    np.testing.assert_allclose(got, _exact_lorentz(T, a), rtol=0, atol=TOL * np.max(1 / a**3))


def test_low_t_route_is_the_integral():
    # At T = 0 the sum is ∫_0^∞ (ω² + a²)^{-2} dω = π/(4a³).
    a = np.array([1e-3, 0.5, 7.0])
    got = frequency_sum(_lorentz, 0.0, (a,), a, a).real
    np.testing.assert_allclose(got, np.pi / (4 * a**3), rtol=1e-12)


def test_sum_tends_to_the_integral():
    # Thermal corrections for a gap a = 1 are ~e^{-a/T}; at T = 0.01 they are e^{-100}.
    a = np.array([1.0])
    np.testing.assert_allclose(
        frequency_sum(_lorentz, 0.01, (a,), a, a).real,
        frequency_sum(_lorentz, 0.0, (a,), a, a).real,
        rtol=1e-12,
    )


def test_tiny_temperature_with_large_scale_separation():
    # T ≪ gap ≪ band: 64 terms + tail must still be exact (no T-dependent term count).
    a = np.array([1e-3, 10.0])
    for T in (1e-9, 1e-6):
        got = frequency_sum(_lorentz, T, (a,), a, a).real
        np.testing.assert_allclose(got, _exact_lorentz(T, a), rtol=1e-11)


def test_half_line_rule_integrates_power_tail():
    x, w = half_line_rule(0.01, 5.0)
    # ∫_0^∞ dω/(ω² + 1)^{3/2} = 1
    assert abs(np.sum(w / (x * x + 1) ** 1.5) - 1.0) < 1e-13
