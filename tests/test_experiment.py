"""Experimental observables derived from σ and χ."""

import numpy as np
import pytest

import isingsc as isc
from isingsc.physics.experiment import Z0


def test_normal_film_transmission_is_the_drude_sheet_formula():
    # σ/σn = 1: t = (1 + n)/(1 + n + Z0/R_n) exactly.
    t, power = isc.thin_film_transmission(np.ones(3), sheet_resistance=250.0, n_substrate=3.42)
    np.testing.assert_allclose(t, 4.42 / (4.42 + Z0 / 250.0), rtol=1e-15)
    np.testing.assert_allclose(power, np.abs(t) ** 2, rtol=1e-15)


def test_conventions_are_complex_conjugates():
    s = np.array([0.3 + 2.0j, 1.0 + 0.1j])
    g_phys = isc.sheet_conductance(s, sheet_resistance=100.0)
    g_eng = isc.sheet_conductance(s, sheet_resistance=100.0, convention="engineering")
    np.testing.assert_array_equal(g_eng, np.conj(g_phys))
    assert np.all(g_phys.imag > 0)  # inductive: +iσ2 in e^{-iΩt}
    t1, p1 = isc.thin_film_transmission(s, sheet_resistance=100.0, n_substrate=2.0)
    t2, p2 = isc.thin_film_transmission(
        s, sheet_resistance=100.0, n_substrate=2.0, convention="engineering"
    )
    np.testing.assert_array_equal(t2, np.conj(t1))
    np.testing.assert_array_equal(p1, p2)
    with pytest.raises(isc.ParameterError, match="'convention'"):
        isc.sheet_conductance(s, sheet_resistance=100.0, convention="jw")


def test_raman_detailed_balance_and_normal_state():
    om = np.array([0.2, 0.7, 1.5])
    T = 0.4
    stokes, anti = isc.raman_intensity(om, 1j * np.ones(3), T=T)
    np.testing.assert_allclose(stokes / anti, np.exp(om / T), rtol=1e-13)
    # normal state: I_S = (1 + n_B) Ω
    np.testing.assert_allclose(stokes, om / (1 - np.exp(-om / T)), rtol=1e-13)
    s0, a0 = isc.raman_intensity(om, 1j * np.ones(3), T=0.0)
    np.testing.assert_array_equal(a0, 0.0)
    np.testing.assert_allclose(s0, om)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: isc.sheet_conductance([1.0], sheet_resistance=-5.0), "sheet_resistance"),
        (
            lambda: isc.thin_film_transmission([1.0], sheet_resistance=5.0, n_substrate=0.0),
            "n_substrate",
        ),
        (lambda: isc.raman_intensity([0.0], [1j], T=0.1), "Omega"),
        (lambda: isc.raman_intensity([1.0], [np.nan], T=0.1), "chi_ratio"),
    ],
)
def test_bad_input(call, name):
    with pytest.raises(isc.ParameterError, match=f"'{name}'"):
        call()
