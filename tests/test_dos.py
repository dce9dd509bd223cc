"""Independent checks of isingsc.physics.dos: limits, sum rule, peaks, symmetry, input errors."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.signal import argrelmax

import isingsc as isc
from isingsc.core.errors import ResolutionWarning

# Exact identities evaluated in double precision; the closed form divides by λ± ~ Γ
# when ε sits on a branch (e.g. ε = ±ρ in the normal state), so rounding of O(scale)
# numbers is amplified by scale/Γ: allow 1e-12·(1 + scale/Γ).
ROUND_ATOL = 1e-12
# Sum rule: each quad piece is asked for 1e-11 absolute; five pieces plus the quadrature
# error estimates (checked to be small) stay well below 1e-8.
SUM_RULE_ATOL = 1e-8
QUAD_EPS = 1e-11
# A Dynes-broadened 1/sqrt edge singularity peaks within ~Γ of the bare edge.
PEAK_WIDTHS = 3.0
# Dynes tail 20Γ below a gap edge: ~ Γ·sqrt(Δ_ord)/(2·20Γ)^{3/2} ≈ 0.06 at Γ = 0.005.
IN_GAP_MAX = 0.1
# At ε = 0 Dynes BCS gives Γ/sqrt(Γ² + Δ²) ≈ Γ/Δ; the Ising coherence factors change
# the prefactor by O(1) (observed 1.00–1.05 × Γ/Δ_ord): allow a factor 2.
MIDGAP_FACTOR = 2.0
# The paper's wrong edge (0.714) is 0.105 below the correct one (0.8192); a peak
# closer than half of that to 0.714 would mean the erratum is back.
ERRATUM_SEPARATION = 0.05

TINY = 1e-60  # flush tiny parameters to 0 (4th powers in the closed forms underflow)


def physical(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False).map(
        lambda x: 0.0 if abs(x) < TINY else x
    )


couplings = physical(-6.0, 6.0)
gaps = physical(0.0, 3.0)
energies = physical(-10.0, 10.0)
gammas = st.floats(min_value=0.02, max_value=2.0)


def tol(scale: float, Gamma: float) -> float:
    return ROUND_ATOL * (1.0 + scale / Gamma)


def dynes_bcs(eps, Delta: float, Gamma: float) -> np.ndarray:
    """Re[z/sqrt(z² − Δ²)], z = ε + iΓ, on the branch analytic in the upper half-plane.

    sqrt(z − Δ)·sqrt(z + Δ) (principal roots) is analytic for Im z > 0 and ~ z at
    infinity; the naive principal sqrt(z² − Δ²) would give N → −1 for ε → −∞.
    """
    z = np.asarray(eps, dtype=float) + 1j * Gamma
    return np.real(z / (np.sqrt(z - Delta) * np.sqrt(z + Delta)))


# ---------------------------------------------------------------- limits


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, h=couplings, Gamma=gammas)
def test_normal_state_is_one(eps, beta, h, Gamma):
    n = isc.dos(eps, beta=beta, h=h, Delta=0.0, Gamma=Gamma)
    assert abs(float(n) - 1.0) <= tol(abs(eps) + abs(beta) + abs(h), Gamma)


def test_normal_state_is_one_on_grid():
    eps = np.linspace(-10, 10, 4001)  # step 0.005 ≤ smallest Γ below
    for beta, h, gamma in ((4.0, 2.8, 0.05), (0.0, 3.0, 0.01), (-2.0, 0.0, 1.0)):
        n = isc.dos(eps, beta=beta, h=h, Delta=0.0, Gamma=gamma)
        assert n.shape == eps.shape
        assert np.max(np.abs(n - 1.0)) <= tol(10 + abs(beta) + abs(h), gamma)


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, Delta=gaps, Gamma=gammas)
def test_h_zero_is_dynes_bcs_for_any_beta(eps, beta, Delta, Gamma):
    n = isc.dos(eps, beta=beta, h=0.0, Delta=Delta, Gamma=Gamma)
    assert abs(float(n) - float(dynes_bcs(eps, Delta, Gamma))) <= tol(
        abs(eps) + abs(beta) + Delta, Gamma
    )


# ---------------------------------------------------------------- sum rule


@pytest.mark.parametrize(
    ("beta", "h", "Delta", "Gamma"),
    [(4.0, 2.8, 1.0, 0.05), (1.0, 3.0, 1.0, 0.05), (0.2, 0.8, 1.0, 0.1), (0.0, 0.0, 1.0, 0.05)],
)
def test_sum_rule(beta, h, Delta, Gamma):
    # N(ε) = Re f(ε + iΓ) with f analytic in the upper half-plane and f − 1 = O(1/z²):
    # closing the contour there gives ∫(N − 1)dε = 0 exactly (any Γ > 0).
    def f(e: float) -> float:
        return float(isc.dos(e, beta=beta, h=h, Delta=Delta, Gamma=Gamma)) - 1.0

    edges = np.array(isc.gap_edges(beta=beta, h=h, Delta=Delta), dtype=float)
    cut = 3.0 * float(np.max(edges)) + 10.0
    inner = sorted({float(e) for e in edges if e > 0})
    total, err = 0.0, 0.0
    for a, b, pts in ((-cut, 0.0, [-e for e in inner]), (0.0, cut, inner)):
        val, est = quad(f, a, b, points=pts, limit=500, epsabs=QUAD_EPS, epsrel=0.0)
        total += val
        err += est
    for a, b in ((cut, math.inf), (-math.inf, -cut)):
        val, est = quad(f, a, b, limit=500, epsabs=QUAD_EPS, epsrel=0.0)
        total += val
        err += est
    assert err <= SUM_RULE_ATOL  # quadrature itself claims convergence
    assert abs(total) <= SUM_RULE_ATOL


# ---------------------------------------------------------------- peaks at the gap edges


@pytest.mark.parametrize(("beta", "h", "Delta"), [(4.0, 2.8, 1.0), (1.0, 3.0, 1.0)])
def test_peaks_at_gap_edges(beta, h, Delta):
    gamma = 0.005
    edges = np.array(isc.gap_edges(beta=beta, h=h, Delta=Delta), dtype=float)
    eps = np.arange(0.0, float(edges.max()) + 1.5, gamma / 5)
    n = isc.dos(eps, beta=beta, h=h, Delta=Delta, Gamma=gamma)
    peaks = eps[argrelmax(n)[0]]
    # One van Hove peak per edge (ordinary minimum, mirage−: local maximum of the lower
    # branch at ξ = 0, mirage+: minimum of the upper branch), and no others.
    assert peaks.size == 3
    for edge, peak in zip(np.sort(edges), np.sort(peaks), strict=True):
        assert abs(peak - edge) <= PEAK_WIDTHS * gamma
    # Inside the ordinary gap the DOS is Dynes-small.
    inside = eps < edges[0] - 20 * gamma
    assert np.max(n[inside]) <= IN_GAP_MAX
    assert n[0] <= MIDGAP_FACTOR * gamma / edges[0]


def test_design_ordinary_peak_not_at_paper_value():
    # The peak follows the corrected Δ_ord ≈ 0.8192, not the paper's 0.714.
    gamma = 0.005
    eps = np.arange(0.5, 1.2, gamma / 5)
    n = isc.dos(eps, beta=4.0, h=2.8, Delta=1.0, Gamma=gamma)
    peak = eps[np.argmax(n)]
    assert abs(peak - 0.8192) <= PEAK_WIDTHS * gamma
    assert abs(peak - np.sqrt(1 - 2.8**2 / 4.0**2)) > ERRATUM_SEPARATION


# ---------------------------------------------------------------- symmetry and positivity


@settings(max_examples=50, deadline=None)
@given(eps=energies, beta=couplings, h=couplings, Delta=gaps, Gamma=gammas)
def test_even_in_eps_h_beta(eps, beta, h, Delta, Gamma):
    ref = float(isc.dos(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma))
    t = tol(abs(eps) + abs(beta) + abs(h) + Delta, Gamma)
    for e, b, hh in ((-eps, beta, h), (eps, -beta, h), (eps, beta, -h), (-eps, -beta, -h)):
        assert abs(float(isc.dos(e, beta=b, h=hh, Delta=Delta, Gamma=Gamma)) - ref) <= t
    assert ref >= -t  # causality: N ≥ 0


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"Gamma": -0.1}, "Gamma"),
        ({"Gamma": 0.0}, "Gamma"),
        ({"eps": math.nan}, "eps"),
        ({"eps": np.array([0.1, math.nan, 0.3])}, "eps"),
        ({"Delta": -1.0}, "Delta"),
        ({"beta": math.inf}, "beta"),
        ({"h": math.nan}, "h"),
    ],
)
def test_bad_input_raises_parameter_error(kwargs, name):
    args = {"eps": 0.5, "beta": 4.0, "h": 2.8, "Delta": 1.0, "Gamma": 0.1} | kwargs
    with pytest.raises(isc.ParameterError) as info:
        isc.dos(**args)
    assert isinstance(info.value, ValueError)
    assert f"'{name}'" in str(info.value)  # quoted, so that e.g. 'h' is not matched by chance
    assert info.value.name == name


def test_coarse_grid_warns_and_values_stay_exact():
    # N(ε) is exact at each ε: a coarse grid is not an error, only a warning that the
    # curve through the samples can miss the peaks (it names the step, Γ, the opt-out).
    gamma = 0.01
    eps = np.linspace(-2.0, 2.0, 101)  # step 0.04 > Γ
    with pytest.warns(ResolutionWarning) as info:
        n = isc.dos(eps, beta=4.0, h=2.8, Delta=1.0, Gamma=gamma)
    message = str(info[0].message)
    assert "0.04" in message and "Gamma = 0.01" in message
    assert "check_grid=False" in message  # the message names the opt-out
    with pytest.warns(ResolutionWarning):
        isc.dos(eps[::-1], beta=4.0, h=2.8, Delta=1.0, Gamma=gamma)  # descending: a grid too
    fine = np.linspace(-2.0, 2.0, 801)  # step 0.005 = Γ/2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = isc.dos(eps, beta=4.0, h=2.8, Delta=1.0, Gamma=gamma, check_grid=False)
        resolved = isc.dos(fine, beta=4.0, h=2.8, Delta=1.0, Gamma=gamma)  # no warning
    np.testing.assert_array_equal(n, quiet)
    np.testing.assert_allclose(n, resolved[::8], rtol=1e-14, atol=0)  # same points, same values
