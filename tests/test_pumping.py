"""Magnon-pumped conductivity: Floquet (non-perturbative) against second-order theory."""

import numpy as np
import pytest

import isingsc as isc
from isingsc.physics.greens import advanced_gf, keldysh_gf, retarded_gf
from isingsc.pumping import pumped_conductivity, pumped_kernel, pumped_state
from isingsc.pumping.blocks import harmonic_mask
from isingsc.pumping.floquet import floquet_blocks, parity_sectors

# Γ = T = 0.1 and 2 points per width keep the energy grids small; the trapezoid error
# ~e^{-4π} ≈ 3e-6 relative is far below the effects tested (ratios, scalings).
G = T = 0.1
BETA, DELTA, OMEGA_M = 4.0, 1.0, 8.4
OM = np.array([0.3])
KW = {"points_per_width": 2}


def test_unpumped_limit_is_the_equilibrium_conductivity():
    s = isc.conductivity(OM, beta=BETA, h=0.0, T=T, Gamma=G, Delta=DELTA)
    for method in ("floquet", "perturbative"):
        got = pumped_conductivity(
            OM, Omega_m=OMEGA_M, h_m=0.0, beta=BETA, T=T, Gamma=G, Delta=DELTA, method=method
        )
        np.testing.assert_array_equal(got, s)


def test_floquet_blocks_reduce_to_static_keldysh_functions():
    eps = np.array([-2.0, 0.3, 0.9, 4.5])
    state = {"beta": BETA, "h": 2.8, "Delta": DELTA, "Gamma": G}
    rows, cols = floquet_blocks(eps, **state, T=T, h_m=0.0, Omega_m=OMEGA_M, harmonics=2)
    gr, gk, ga = cols[2]
    np.testing.assert_allclose(gr, retarded_gf(eps, **state), atol=1e-12)
    np.testing.assert_allclose(ga, advanced_gf(eps, **state), atol=1e-12)
    np.testing.assert_allclose(gk, keldysh_gf(eps, **state, T=T), atol=1e-11)
    np.testing.assert_allclose(rows[0], 0.0, atol=1e-14)  # no coupling without a pump


def test_floquet_parity_sectors_at_zero_field():
    # At h = 0, Π = (−1)^n σz is conserved: the two sector decompositions give what one
    # decomposition of the whole matrix gives (h = 1e-300 ≠ 0 takes that path), and the
    # entries of the (0, n) blocks outside the sector pattern vanish.
    eps = np.linspace(-9.0, 9.0, 37)
    pump = {"T": T, "h_m": 0.3, "Omega_m": OMEGA_M, "harmonics": 2}
    state = {"beta": BETA, "Delta": DELTA, "Gamma": G}
    assert [len(i) for i in parity_sectors(2, 0.0)] == [10, 10]
    assert [len(i) for i in parity_sectors(2, 1e-300)] == [20]
    split = floquet_blocks(eps, h=0.0, **state, **pump)
    whole = floquet_blocks(eps, h=1e-300, **state, **pump)
    for a in range(5):
        mask = harmonic_mask(a - 2, 0.0)
        for part in ("rows", "cols"):
            got = split[part == "cols"][a]
            ref = whole[part == "cols"][a]
            for x, y in zip(got, ref, strict=True):
                block = x if part == "rows" else np.swapaxes(x, 1, 2)
                np.testing.assert_allclose(x, y, atol=1e-11)
                assert np.all(block[:, ~mask] == 0)
    assert harmonic_mask(1, 0.5) is None


def test_kernel_does_not_depend_on_the_threads():
    kw = {"Omega_m": OMEGA_M, "h_m": 0.04, "beta": BETA, "T": T, "Gamma": G, "Delta": DELTA}
    for method in ("floquet", "perturbative"):
        one = pumped_kernel(OM, **kw, method=method, workers=1, **KW)
        two = pumped_kernel(OM, **kw, method=method, workers=2, **KW)
        np.testing.assert_allclose(one, two, rtol=1e-13)
        sigma = pumped_conductivity(OM, **kw, method=method, harmonics=1, **KW)
        s = isc.conductivity(OM, beta=BETA, h=0.0, T=T, Gamma=G, Delta=DELTA, check_grid=False)
        np.testing.assert_array_equal(sigma, s - one / (4 * OM))


def test_perturbative_correction_is_quadratic_in_hm():
    s = isc.conductivity(OM, beta=BETA, h=0.0, T=T, Gamma=G, Delta=DELTA)
    p1 = pumped_conductivity(
        OM,
        Omega_m=OMEGA_M,
        h_m=0.04,
        beta=BETA,
        T=T,
        Gamma=G,
        Delta=DELTA,
        method="perturbative",
        **KW,
    )
    p2 = pumped_conductivity(
        OM,
        Omega_m=OMEGA_M,
        h_m=0.02,
        beta=BETA,
        T=T,
        Gamma=G,
        Delta=DELTA,
        method="perturbative",
        **KW,
    )
    np.testing.assert_allclose((p1 - s) / (p2 - s), 4.0, rtol=1e-9)


def test_floquet_approaches_second_order_with_hm4_difference():
    # σ_F − σ_P = O(h_m⁴): halving h_m divides the difference by ~16. The harmonic
    # truncation N = 1 vs 2 changes σ by < 1e-5 here (h_m ≪ Ω_m).
    s = isc.conductivity(OM, beta=BETA, h=0.0, T=T, Gamma=G, Delta=DELTA)
    diffs = []
    for hm in (0.04, 0.02):
        f = pumped_conductivity(
            OM, Omega_m=OMEGA_M, h_m=hm, beta=BETA, T=T, Gamma=G, Delta=DELTA, harmonics=1, **KW
        )
        p = pumped_conductivity(
            OM,
            Omega_m=OMEGA_M,
            h_m=hm,
            beta=BETA,
            T=T,
            Gamma=G,
            Delta=DELTA,
            method="perturbative",
            **KW,
        )
        assert abs(p - s)[0] > 1e-3  # a real effect
        diffs.append(abs(f - p)[0])
    assert diffs[0] / diffs[1] == pytest.approx(16, rel=0.15)
    f2 = pumped_conductivity(
        OM, Omega_m=OMEGA_M, h_m=0.04, beta=BETA, T=T, Gamma=G, Delta=DELTA, harmonics=2, **KW
    )
    f1 = pumped_conductivity(
        OM, Omega_m=OMEGA_M, h_m=0.04, beta=BETA, T=T, Gamma=G, Delta=DELTA, harmonics=1, **KW
    )
    assert abs(f2 - f1)[0] < 1e-5


def test_second_order_holds_in_the_drude_region_below_gamma():
    """Ω_ph < Γ (the inverted intraband response where the gain peaks): Floquet and
    second order still agree up to O(h_m⁴), at the paper's Γ = T = 0.01 Tc0 and just
    above the pair threshold (1 − σ_F,hh/σ_P,hh = 0.5 % / 2 % measured at h_m = Γ/4,
    Γ/2, Ω_ph = 0.01–0.05). Default grid (3 points per Γ, error 1e-7 σn): the
    deviations compared are ≳ 1e-5 σn."""
    g = t = 0.01 * isc.TC0
    om = np.array([0.2 * g, 0.6 * g])
    s = isc.conductivity(om, beta=BETA, h=0.0, T=t, Gamma=g, Delta=DELTA, check_grid=False)
    dev = []
    for hm in (g / 2, g / 4):
        f = (
            pumped_conductivity(
                om, Omega_m=OMEGA_M, h_m=hm, beta=BETA, T=t, Gamma=g, Delta=DELTA, harmonics=2
            )
            - s
        )
        p = pumped_conductivity(
            om, Omega_m=OMEGA_M, h_m=hm, beta=BETA, T=t, Gamma=g, Delta=DELTA, method="perturbative"
        )
        dev.append(np.abs(f / (p - s) - 1))
    assert np.all(dev[0] < 0.03)
    np.testing.assert_allclose(dev[0] / dev[1], 4.0, rtol=0.1)  # relative deviation ∝ h_m²


def test_cross_terms_matter():
    kw = {"method": "perturbative", **KW}
    s = isc.conductivity(OM, beta=BETA, h=0.0, T=T, Gamma=G, Delta=DELTA)
    full = (
        pumped_conductivity(
            OM, Omega_m=OMEGA_M, h_m=0.04, beta=BETA, T=T, Gamma=G, Delta=DELTA, **kw
        )
        - s
    )
    c9 = (
        pumped_conductivity(
            OM,
            Omega_m=OMEGA_M,
            h_m=0.04,
            beta=BETA,
            T=T,
            Gamma=G,
            Delta=DELTA,
            cross_terms=False,
            **kw,
        )
        - s
    )
    assert abs(full - c9)[0] > 0.05 * abs(full)[0]


def test_pump_without_spin_orbit_acts_only_through_the_bath():
    # β = 0: σx commutes with H; what is left is the lab-frame bath effect, small.
    kw = {"method": "perturbative", **KW}
    ising = pumped_conductivity(
        OM, Omega_m=OMEGA_M, h_m=0.04, beta=BETA, T=T, Gamma=G, Delta=DELTA, **kw
    )
    ising -= isc.conductivity(OM, beta=BETA, h=0.0, T=T, Gamma=G, Delta=DELTA)
    plain = pumped_conductivity(
        OM, Omega_m=OMEGA_M, h_m=0.04, beta=0.0, T=T, Gamma=G, Delta=DELTA, **kw
    )
    plain -= isc.conductivity(OM, beta=0.0, h=0.0, T=T, Gamma=G, Delta=DELTA)
    assert abs(plain)[0] < 1e-2 * abs(ising)[0]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"h_m": -0.1}, "h_m"),
        ({"Omega_m": 0.0}, "Omega_m"),
        ({"Gamma": 0.0}, "Gamma"),
        ({"Omega_ph": [np.nan]}, "Omega_ph"),
        ({"method": "magic"}, "method"),
        ({"harmonics": 0}, "harmonics"),
    ],
)
def test_bad_input(kwargs, name):
    args = {
        "Omega_ph": [0.3],
        "Omega_m": 8.0,
        "h_m": 0.1,
        "beta": 4.0,
        "T": T,
        "Gamma": G,
        "Delta": 1.0,
    }
    args.update(kwargs)
    with pytest.raises(isc.ParameterError, match=f"'{name}'"):
        pumped_conductivity(**args)


def test_automatic_harmonic_convergence():
    f_auto = pumped_conductivity(
        OM, Omega_m=OMEGA_M, h_m=0.04, beta=BETA, T=T, Gamma=G, Delta=DELTA, tol=1e-5, **KW
    )
    f2 = pumped_conductivity(
        OM, Omega_m=OMEGA_M, h_m=0.04, beta=BETA, T=T, Gamma=G, Delta=DELTA, harmonics=2, **KW
    )
    np.testing.assert_array_equal(f_auto, f2)  # N = 1 → 2 changes σ by < 1e-5
    with pytest.raises(isc.ConvergenceError, match="not converged"):
        pumped_conductivity(
            OM,
            Omega_m=OMEGA_M,
            h_m=0.04,
            beta=BETA,
            T=T,
            Gamma=G,
            Delta=DELTA,
            tol=1e-30,
            max_harmonics=2,
            **KW,
        )
    with pytest.warns(RuntimeWarning, match="not converged"):
        pumped_conductivity(
            OM,
            Omega_m=OMEGA_M,
            h_m=0.04,
            beta=BETA,
            T=T,
            Gamma=G,
            Delta=DELTA,
            tol=1e-30,
            max_harmonics=2,
            on_unconverged="warn",
            **KW,
        )


def test_public_api_name():
    # DESIGN.md §4: isc.pumped_conductivity(Omega_ph, Omega_m, h_m, beta, T, Gamma, Delta, h)
    assert isc.pumped_conductivity is pumped_conductivity


def test_pumped_state_limits():
    from scipy.special import jv

    e = np.linspace(-6, 6, 25)
    # no pump: the equilibrium DOS and tanh
    s = pumped_state(e, Omega_m=OMEGA_M, h_m=0.0, beta=BETA, T=T, Gamma=G, Delta=DELTA)
    np.testing.assert_allclose(
        s.dos, isc.dos(e, beta=BETA, h=0.0, Delta=DELTA, Gamma=G, check_grid=False), atol=1e-12
    )
    np.testing.assert_allclose(s.mode, np.tanh(e / (2 * T)), atol=1e-12)
    # β = 0: the time-averaged DOS is the Bessel superposition of shifted static DOS
    # (the pump is a pure phase e^{−is(h_m/Ω_m) sin Ω_m t} in each σx sector)
    w, hm = 2.5, 0.5
    s = pumped_state(e, Omega_m=w, h_m=hm, beta=0.0, T=T, Gamma=G, Delta=DELTA, harmonics=4)
    n = np.arange(-8, 9)
    shifted = isc.dos(
        e[None, :] + n[:, None] * w, beta=0.0, h=0.0, Delta=DELTA, Gamma=G, check_grid=False
    )
    expected = np.sum(jv(n, hm / w)[:, None] ** 2 * shifted, axis=0)
    np.testing.assert_allclose(s.dos, expected, atol=1e-9)


def test_population_inversion_at_the_resonance():
    # Ω_m = 8.4 resonates with E↑ + E↓ at |ξ| ≈ 2.6 (E↓ ≈ 1.7, E↑ ≈ 6.7): a hot spot at
    # ε ≈ 1.7 whose occupation exceeds that just above the gap (inversion)
    t = g = 0.01 * isc.TC0
    s = pumped_state(
        np.array([1.05, 1.7]),
        Omega_m=8.4,
        h_m=np.sqrt(g * isc.TC0),
        beta=BETA,
        T=t,
        Gamma=g,
        Delta=DELTA,
    )
    assert s.occupation[1] > 10 * s.occupation[0]
