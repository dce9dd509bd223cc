"""β = 0: the pump commutes with H, so only the bath sees it — an exact, non-perturbative check.

At β = 0, σx is conserved; in each sector the field h(t) = h0 + h_m cos Ω_m t is a
scalar (τ0) potential removed by the phase e^{−is∫h dt}. The scalar phase commutes
with the photon vertex τ3 and with the Dynes Σ^{R/A}, but not with the lab-frame
bath distribution: in the rotating frame the (time-averaged) distribution becomes

    F(ε) = Σ_n J_n(h_m/Ω_m)² tanh((ε + nΩ_m)/2T),

the same for both sectors (J_{−n}² = J_n²), and g^K = (g^R − g^A)F. So the pumped
conductivity is the equilibrium formula with tanh → F. Here it is evaluated with an
independent trapezoid over ε using the 4×4 functions of isingsc.physics.greens.
"""

import numpy as np
import pytest
from scipy.special import jv

import isingsc as isc
from isingsc.physics.greens import advanced_gf, retarded_gf
from isingsc.pumping import pumped_conductivity

G = T = 0.1
DELTA = 1.0
TAU3 = np.kron(np.diag([1.0, -1.0]), np.eye(2))


def _sigma_with_distribution(omega, h0, dist, window=40.0, step=0.01):
    e = np.arange(-window, window + step / 2, step)
    r0, a0 = (
        retarded_gf(e, beta=0.0, h=h0, Delta=DELTA, Gamma=G),
        advanced_gf(e, beta=0.0, h=h0, Delta=DELTA, Gamma=G),
    )
    r1, a1 = (
        retarded_gf(e + omega, beta=0.0, h=h0, Delta=DELTA, Gamma=G),
        advanced_gf(e + omega, beta=0.0, h=h0, Delta=DELTA, Gamma=G),
    )
    k0 = (r0 - a0) * dist(e)[:, None, None]
    k1 = (r1 - a1) * dist(e + omega)[:, None, None]
    prod = r1 @ TAU3 @ k0 + k1 @ TAU3 @ a0
    integrand = np.einsum("ab,eba->e", TAU3, prod) / 4
    # beyond ±window the integrand decays as ε⁻³ with the same value pumped or not:
    # compare differences only
    return -np.trapezoid(integrand, e) / (4 * omega)


@pytest.mark.parametrize("h0", [0.0, 0.3])
def test_beta_zero_pump_equals_bessel_sideband_distribution(h0):
    h_m, w_m, om = 0.5, 2.5, 0.3
    z = h_m / w_m
    n = np.arange(-6, 7)
    weights = jv(n, z) ** 2

    def f_pumped(e):
        return np.sum(weights[:, None] * np.tanh((e[None, :] + n[:, None] * w_m) / (2 * T)), 0)

    def f_eq(e):
        return np.tanh(e / (2 * T))

    expected = _sigma_with_distribution(om, h0, f_pumped) - _sigma_with_distribution(om, h0, f_eq)
    got = pumped_conductivity(
        [om], Omega_m=w_m, h_m=h_m, beta=0.0, T=T, Gamma=G, Delta=DELTA, h=h0, harmonics=3
    )[0]
    got -= isc.conductivity([om], beta=0.0, h=h0, T=T, Gamma=G, Delta=DELTA)[0]
    assert abs(expected) > 1e-3  # a visible bath-frame effect at these parameters
    # both sides are trapezoid rules of analytic integrands (step ≤ Γ/8): ~1e-8
    assert got == pytest.approx(expected, abs=1e-6), (got, expected)
