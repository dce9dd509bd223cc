"""Optical-gap features of the derivative spectra, and their Γ → 0 convergence."""

import itertools

import numpy as np
import pytest

import isingsc as isc
from isingsc.physics.features import assign_peaks

T = 0.01 * isc.TC0
BETA, H, DELTA = 4.0, 2.8, 1.0
GAPS = isc.optical_gaps(beta=BETA, h=H, Delta=DELTA)


def _positions(quantity, gamma):
    om = np.arange(1.4, 6.6, gamma / 2)
    found = isc.optical_features(quantity, beta=BETA, h=H, T=T, Gamma=gamma, Delta=DELTA, Omega=om)
    return {f.label: f.omega for f in found if f.label}


@pytest.mark.parametrize("quantity", ["conductivity", "raman"])
def test_peaks_converge_to_optical_gaps_as_gamma_vanishes(quantity):
    # Γ series 0.02 → 0.0025: the distance to each gap must shrink monotonically;
    # linearly in Γ for II, III (and Raman I), like sqrt(Γ) for the σ onset at Ω_I.
    series = [_positions(quantity, g) for g in (0.02, 0.01, 0.005, 0.0025)]
    for k, label in enumerate(("I", "II", "III")):
        dist = [abs(s[label] - GAPS[k]) for s in series if label in s]
        if quantity == "conductivity" and label == "I":
            assert len(dist) == 4
            ratios = np.array(dist[1:]) / np.array(dist[:-1])
            np.testing.assert_allclose(ratios, 1 / np.sqrt(2), atol=0.06)  # ∝ sqrt(Γ)
        else:
            assert len(dist) == 4
            assert dist[-1] < 0.006  # ≤ ~2Γ at Γ = 0.0025
            assert all(b <= a + 1e-4 for a, b in itertools.pairwise(dist))


def test_assignment_with_self_consistent_delta():
    f = isc.optical_features(
        "raman", beta=BETA, h=H, T=T, Gamma=T
    )  # Γ = T = 0.01 Tc0, Δ self-consistent
    labelled = {x.label: x for x in f if x.label}
    assert set(labelled) == {"I", "II", "III"}
    gaps = isc.optical_gaps(beta=BETA, h=H, Delta=isc.order_parameter(T=T, h=H, beta=BETA))
    for k, lab in enumerate(("I", "II", "III")):
        assert labelled[lab].expected == gaps[k]
        assert abs(labelled[lab].omega - gaps[k]) < 3 * T


def test_unknown_quantity():
    with pytest.raises(isc.ParameterError, match="'quantity'"):
        isc.derivative_spectrum("hall", [1.0], beta=4, h=2.8, T=T, Gamma=T, Delta=1.0)


# ------------------------------------------------------------ the one peak rule
def _spectrum(quantity="raman", gamma=T):
    om = np.arange(0.02, 7.0, gamma / 2)
    y = isc.derivative_spectrum(quantity, om, beta=BETA, h=H, T=T, Gamma=gamma, Delta=DELTA)
    return om, y


@pytest.mark.parametrize("quantity", ["conductivity", "raman"])
def test_optical_features_is_assign_peaks_on_the_computed_spectrum(quantity):
    om, y = _spectrum(quantity)
    direct = assign_peaks(om, values=y, gaps=GAPS, Gamma=T)
    assert direct == isc.optical_features(
        quantity, beta=BETA, h=H, T=T, Gamma=T, Delta=DELTA, Omega=om
    )
    assert {f.label for f in direct if f.label} == {"I", "II", "III"}


def test_assign_peaks_window_finds_weak_peaks_beside_a_strong_one():
    # a strong peak at Ω_I and two weak ones (1 %) at Ω_II, Ω_III: below 2 % of the whole
    # range, but prominent within 3 tolerances of their own gaps
    om = np.linspace(0.0, 8.0, 4001)
    width = 0.02
    y = sum(
        a * np.exp(-(((om - g) / width) ** 2)) for a, g in zip((1.0, 0.01, 0.01), GAPS, strict=True)
    )
    whole = assign_peaks(om, values=y, gaps=GAPS, Gamma=T, refine=False)
    assert [f.label for f in whole] == ["I"]
    local = assign_peaks(om, values=y, gaps=GAPS, Gamma=T, window=3.0, refine=False)
    assert [f.label for f in local] == ["I", "II", "III"]
    for f, g in zip(local, GAPS, strict=True):
        assert f.omega in om and abs(f.omega - g) <= om[1] - om[0]  # a grid point
        assert f.expected == g


def test_assign_peaks_refines_with_a_parabola():
    om = np.linspace(0.0, 4.0, 401)
    y = -((om - 1.2345) ** 2)
    (peak,) = assign_peaks(om, values=y, gaps=[1.23, np.nan, np.nan], Gamma=0.01)
    assert peak.label == "I" and peak.omega == pytest.approx(1.2345, abs=1e-12)
    assert peak.height == pytest.approx(0.0, abs=1e-12)


def test_assign_peaks_nan_gap_takes_no_peak_and_keywords_only():
    om, y = _spectrum()
    found = assign_peaks(om, values=y, gaps=[np.nan, np.nan, np.nan], Gamma=T)
    assert found and all(f.label is None for f in found)
    with pytest.raises(TypeError, match="keyword"):
        assign_peaks(om, y, GAPS, Gamma=T)
