"""N–I–S tunnelling conductance: exact limits, independent quadrature, sum rules, errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.signal import argrelmax

import isingsc as isc
from isingsc import tunnelling_conductance as conductance
from isingsc.core.errors import ResolutionWarning

# The trapezoid rules of the implementation converge like exp(−2π·points_per_width)
# (≈ 1e-11 at the default 4); scipy's quad is asked for 1e-12. Allow 1e-9.
QUAD_ATOL = 1e-9
# points_per_width 4 vs 8: both are converged to ~1e-11 (see the module docstring).
CONVERGENCE_ATOL = 1e-9
# Symmetric grids and even kernels: G(−V) − G(V) is rounding only.
EVEN_ATOL = 1e-12
# Sum rules on [−W, W]: the trapezoid over V (step Γ/4, analytic integrand) is exact to
# ~1e-10, and the states that smearing moves across ±W are accounted for by the leading
# boundary term m2·N'(W) (m2 the kernel's second moment); the next one, m4·N'''(W)/12
# ~ T⁴/W⁵, is below 1e-9.
SUM_RULE_ATOL = 1e-8
# Peaks of a Dynes-broadened edge sit within ~Γ of it; thermal smearing at T = Γ moves
# them by another ~T: allow 3(Γ + T).
PEAK_TOL_WIDTHS = 3.0

ISING = {"beta": 4.0, "h": 2.8, "Delta": 1.0}


def bcs_dos(eps: float, Delta: float, Gamma: float) -> float:
    """Dynes BCS density of states, written independently of isingsc."""
    z = eps + 1j * Gamma
    return float(np.real(z / (np.sqrt(z - Delta) * np.sqrt(z + Delta))))


def fermi_window(x: float, T: float) -> float:
    return 1.0 / (4 * T * np.cosh(x / (2 * T)) ** 2)


def test_zero_temperature_without_broadening_is_the_dos():
    V = np.linspace(-5, 5, 2001)
    for pars in (ISING, {"beta": 0.0, "h": 0.3, "Delta": 1.0}):
        expected = isc.dos(V, Gamma=0.01, **pars)
        np.testing.assert_array_equal(conductance(V, T=0.0, Gamma=0.01, **pars), expected)


def test_normal_state_is_one():
    V = np.linspace(-3, 3, 301)
    for T, s in ((0.05, 0.0), (0.0, 0.03), (0.05, 0.03)):
        g = conductance(V, beta=4.0, h=1.0, T=T, Gamma=0.01, Delta=0.0, broadening=s)
        np.testing.assert_allclose(g, 1.0, rtol=0, atol=1e-12)


@pytest.mark.parametrize(("T", "Gamma"), [(0.1, 0.02), (0.3, 0.005), (0.02, 0.05)])
def test_bcs_limit_against_quad(T, Gamma):
    V = np.array([0.0, 0.5, 0.9, 1.0, 1.1, 1.7, 3.0])
    g = conductance(V, beta=0.0, h=0.0, T=T, Gamma=Gamma, Delta=1.0)
    ref = []
    for v in V:
        pts = [p for p in (-1.0, 1.0) if abs(p - v) < 40 * T]
        val, err = quad(
            lambda e, v=v: bcs_dos(e, 1.0, Gamma) * fermi_window(e - v, T),
            v - 40 * T,
            v + 40 * T,
            points=pts,
            limit=400,
            epsabs=1e-12,
            epsrel=1e-12,
        )
        assert err < 1e-10
        ref.append(val)
    np.testing.assert_allclose(g, ref, rtol=0, atol=QUAD_ATOL)


def test_gaussian_broadening_against_quad():
    # T = 0: G = N * g_σ; a smooth (Γ = 0.2) Ising DOS convolved by quad.
    sigma, Gamma = 0.05, 0.2
    V = np.array([0.0, 0.8, 2.5, 4.1, 5.0])
    g = conductance(V, T=0.0, Gamma=Gamma, broadening=sigma, **ISING)
    for v, gv in zip(V, g, strict=True):
        ref, err = quad(
            lambda e, v=v: (
                float(isc.dos(e, Gamma=Gamma, **ISING))
                * np.exp(-0.5 * ((e - v) / sigma) ** 2)
                / (sigma * np.sqrt(2 * np.pi))
            ),
            v - 10 * sigma,
            v + 10 * sigma,
            epsabs=1e-12,
            epsrel=1e-12,
            limit=200,
        )
        assert err < 1e-10
        assert gv == pytest.approx(ref, abs=QUAD_ATOL)


def test_thermal_and_gaussian_compose():
    # The combined result equals the Gaussian convolution (trapezoid on a fine
    # uniform grid, done here) of the thermal-only result.
    T, Gamma, sigma = 0.05, 0.02, 0.04
    step = 0.0025
    fine = np.arange(-4.0, 4.0 + step / 2, step)
    thermal = conductance(fine, T=T, Gamma=Gamma, **ISING)
    half = round(9 * sigma / step)
    x = step * np.arange(-half, half + 1)
    kernel = np.exp(-0.5 * (x / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    composed = step * np.convolve(thermal, kernel, mode="valid")
    inner = fine[half:-half]
    both = conductance(inner, T=T, Gamma=Gamma, broadening=sigma, **ISING)
    np.testing.assert_allclose(both, composed, rtol=0, atol=QUAD_ATOL)


@pytest.mark.parametrize(("T", "s"), [(0.05, 0.0), (0.0, 0.05), (0.05, 0.02)])
def test_even_in_bias(T, s):
    V = np.linspace(-6, 6, 1201)
    g = conductance(V, T=T, Gamma=0.01, broadening=s, **ISING)
    np.testing.assert_allclose(g, g[::-1], rtol=0, atol=EVEN_ATOL)


def second_moment(T: float, sigma: float) -> float:
    """∫x² K(x) dx of the Fermi window (π²T²/3) convolved with the Gaussian (σ²)."""
    return np.pi**2 * T**2 / 3 + sigma**2


def test_sum_rule_bcs_on_the_whole_line():
    # ∫(G − 1) dV = ∫(N − 1) dε = 0. On the line: the window [−W, W], the Dynes tails
    # N − 1 = Re[Δ²/2z² + 3Δ⁴/8z⁴ + 5Δ⁶/16z⁶ + ...] (z = ε + iΓ) integrated beyond ±W,
    # and the states the Fermi window moves across ±W, −m2·N'(W).
    W, Gamma, T = 30.0, 0.05, 0.1
    V = np.arange(-W, W + Gamma / 8, Gamma / 4)
    g = conductance(V, beta=0.0, h=0.0, T=T, Gamma=Gamma, Delta=1.0)
    inside = np.trapezoid(g - 1, V)
    z = W + 1j * Gamma
    tails = 2 * np.real(1 / (2 * z) + 1 / (8 * z**3) + 1 / (16 * z**5))
    tails += second_moment(T, 0.0) * np.real(1 / z**3 + 3 / (2 * z**5))
    assert inside + tails == pytest.approx(0.0, abs=SUM_RULE_ATOL)


@pytest.mark.parametrize(("T", "s"), [(0.1, 0.0), (0.0, 0.1), (0.1, 0.05)])
def test_sum_rule_smearing_conserves_states(T, s):
    # ∫(G − N) dV = 0 for the Ising DOS (mirage edges at sqrt((h ± Δ)² + β²) ≤ 5.6);
    # on [−W, W] it equals m2·N'(W) (N' odd), N' by a central difference.
    W, Gamma, d = 20.0, 0.02, 1e-3
    V = np.arange(-W, W + Gamma / 8, Gamma / 4)
    g = conductance(V, T=T, Gamma=Gamma, broadening=s, **ISING)
    n = isc.dos(V, Gamma=Gamma, **ISING)
    edge = isc.dos([W - d, W + d], Gamma=Gamma, **ISING)
    expected = second_moment(T, s) * float(edge[1] - edge[0]) / (2 * d)
    assert abs(expected) > 1e-6  # the boundary term is resolved, not negligible
    assert np.trapezoid(g - n, V) == pytest.approx(expected, abs=SUM_RULE_ATOL)


def test_zeeman_split_bcs_peaks():
    # β = 0, h = 0.3: spin-split BCS, coherence peaks at ±(Δ − h) and ±(Δ + h).
    Gamma = T = 0.005
    V = np.linspace(-2, 2, 4001)
    g = conductance(V, beta=0.0, h=0.3, T=T, Gamma=Gamma, Delta=1.0)
    peaks = V[argrelmax(g)[0]]
    expected = np.array([-1.3, -0.7, 0.7, 1.3])
    assert peaks.size == 4
    np.testing.assert_allclose(peaks, expected, atol=PEAK_TOL_WIDTHS * (Gamma + T))
    assert np.all(g[np.abs(V) < 0.6] < 0.05)  # gapped below Δ − h


def test_self_consistent_delta_is_the_default():
    V = np.linspace(-3, 3, 121)
    T, h, beta = 0.3 * isc.TC0, 1.0, 4.0
    delta = float(isc.order_parameter(T=T, h=h, beta=beta))
    np.testing.assert_array_equal(
        conductance(V, beta=beta, h=h, T=T, Gamma=0.05),
        conductance(V, beta=beta, h=h, T=T, Gamma=0.05, Delta=delta),
    )


def test_converged_against_a_twice_finer_grid():
    V = np.linspace(-6, 6, 601)
    for T, s in ((0.03, 0.0), (0.0, 0.02), (0.03, 0.02)):
        coarse = conductance(V, T=T, Gamma=0.01, broadening=s, **ISING)
        fine = conductance(V, T=T, Gamma=0.01, broadening=s, points_per_width=8, **ISING)
        np.testing.assert_allclose(coarse, fine, rtol=0, atol=CONVERGENCE_ATOL)


def test_shape_and_scalar_input():
    assert conductance(0.5, T=0.05, Gamma=0.01, **ISING).shape == ()
    grid = np.linspace(-1, 1, 12).reshape(3, 4)
    out = conductance(grid, T=0.05, Gamma=0.01, broadening=0.01, **ISING)
    assert out.shape == (3, 4)
    np.testing.assert_allclose(
        out.ravel(), conductance(grid.ravel(), T=0.05, Gamma=0.01, broadening=0.01, **ISING)
    )


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"V": [0.0, np.nan]}, "V"),
        ({"beta": np.nan}, "beta"),
        ({"h": np.inf}, "h"),
        ({"T": -0.1}, "T"),
        ({"T": np.nan}, "T"),
        ({"Gamma": 0.0}, "Gamma"),
        ({"Gamma": -1.0}, "Gamma"),
        ({"Delta": -0.5}, "Delta"),
        ({"broadening": -0.01}, "broadening"),
        ({"broadening": np.nan}, "broadening"),
        ({"points_per_width": 0.0}, "points_per_width"),
        ({"Gamma": 1e-7, "T": 1e-7}, "Gamma"),  # grid would need 1e8 points
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    args = {"V": [0.0, 1.0], "beta": 4.0, "h": 1.0, "T": 0.05, "Gamma": 0.01, "Delta": 1.0}
    args.update(kwargs)
    with pytest.raises(isc.ParameterError) as info:
        conductance(**args)
    assert info.value.name == name


def test_coarse_bias_grid_warns_and_values_stay_exact():
    # G(V) is computed at each V (the convolutions run on an internal grid): a coarse
    # bias grid only warns, naming its step and the narrowest feature width.
    V = np.linspace(-3, 3, 31)  # step 0.2 > max(Γ, T, σ) = 0.05
    kw = {"beta": 4.0, "h": 1.0, "T": 0.05, "Gamma": 0.01, "Delta": 1.0}
    with pytest.warns(ResolutionWarning, match=r"step 0\.2 > max\(Gamma, T, broadening\)"):
        g = conductance(V, **kw)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = conductance(V, check_grid=False, **kw)
        fine = conductance(np.linspace(-3, 3, 601), **kw)  # step 0.01: resolved, no warning
    np.testing.assert_array_equal(g, quiet)
    np.testing.assert_allclose(g, fine[::20], rtol=1e-13, atol=0)


def test_fermi_window_is_the_thermal_kernel():
    # −∂f/∂ε of f = (1 − tanh(ε/2T))/2, unit weight, no overflow far out; T = 0 refused
    from isingsc.numerics.thermal import fermi_window, thermal_factor

    T = 0.07
    x = np.linspace(-3, 3, 2001)
    h = 1e-5
    fd = -((1 - thermal_factor(x + h, T=T)) - (1 - thermal_factor(x - h, T=T))) / (4 * h)
    np.testing.assert_allclose(fermi_window(x, T=T), fd, atol=1e-8)
    assert fermi_window(0.0, T=T) == pytest.approx(1 / (4 * T), rel=1e-15)
    assert np.trapezoid(fermi_window(x, T=T), x) == pytest.approx(1.0, rel=1e-9)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        assert fermi_window(np.array([-1e6, 1e6]), T=1e-3).tolist() == [0.0, 0.0]
    with pytest.raises(isc.ParameterError, match="'T'"):
        fermi_window(x, T=0.0)
