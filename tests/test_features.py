"""Optical-gap features of the derivative spectra, and their Γ → 0 convergence."""

import itertools

import numpy as np
import pytest

import isingsc as isc

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
