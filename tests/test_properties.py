"""Property tests (hypothesis) across the public physics functions of ``isingsc``.

Random valid parameters give finite results that obey the model's symmetries; random
invalid ones (NaN, ±inf, negative T, Γ or Δ, Γ = 0, …) give an
:class:`isingsc.ParameterError` whose ``name`` is the offending parameter. Nothing
returns NaN silently (the one documented NaN, ``CriticalFields.first_order`` where the
transition is second order, is checked as such).

The symmetries, from H(ξ) = τ3(ξ + βσz) + hσx + Δτ1 (docs/theory/model.rst):

* **h → −h.** The spin rotation by π about z, σz (with τ0), maps H(β, h) onto
  H(β, −h) and commutes with τ3βσz, Δτ1, the Dynes rate and both response vertices
  (τ3 and 1): every spectrum, Green's-function trace, DOS, dI/dV, σ, χ, D_s, Δ, F, Tc
  and critical field is even in h, and so is ⟨S_z⟩.
* **β → −β** (the K′ valley). The rotation by π about x, σx, maps H(β, h) onto
  H(−β, h) at *every* h (σx σz σx = −σz, σx commutes with hσx and Δτ1): all the
  observables above are even in β at every h, not only at h = 0, while ⟨S_z⟩ is odd.
  At h = 0 they do not depend on β at all (g is then β-independent).
* **Particle–hole:** N(ε) = N(−ε), G(V) = G(−V); σ(−Ω) = σ(Ω)*, and the returned
  χ/χn (χn ∝ Ω is odd) obeys χ(−Ω)/χn(−Ω) = −[χ(Ω)/χn(Ω)]*.
* **Positivity in equilibrium:** N ≥ 0, G ≥ 0, Re σ ≥ 0, Im χ ≥ 0 for Ω > 0, D_s ≥ 0;
  0 ≤ Δ ≤ Δ0 = 1, 0 ≤ Tc(h) ≤ Tc0, and the transition field is not below the
  second-order (supercooling) field.
* **Normal state (Δ = 0):** N = 1, σ/σn = 1, χ/χn = i, D_s = 0 exactly in the model.
* **Green's functions:** g² = 1, g^A = −τ3 (g^R)† τ3, g^K = (g^R − g^A) tanh(ε/2T).

Strategies stay where one call costs < 50 ms (arrays of ≤ 6 points, Γ ≥ 0.02,
T = 0 or ≥ 0.02, |β|, |h| ≤ 6); the file runs in well under a minute on two cores.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import isingsc as isc
from isingsc.numerics.algebra import TS

#: Symmetries are exact in the model; the numerics evaluates both signs on the same
#: grids (the grids depend on |β|, |h| only), so only rounding differs.
SYM_RTOL = 1e-9
SYM_ATOL = 1e-12
#: Δ and Tc are solved to xtol ~1e-13; both signs of h or β go through the same solver.
SOLVER_ATOL = 1e-10
#: Re σ, Im χ and N are ≥ 0 in the model; the quadratures reach ~1e-9 (theory/response).
POSITIVITY_ATOL = 1e-8
#: The normal state is exact in the engine (the normalisation is built on it).
NORMAL_ATOL = 1e-9
#: g² = 1 holds to rounding of a 4×4 matrix function.
ALGEBRA_ATOL = 1e-10
#: σ/σn, χ/χn and D_s are O(1) and converged to ~1e-9 (docs/theory/response.rst); their
#: symmetries hold far below that, since both signs run on the same grid.
RESPONSE_ATOL = 1e-9
#: Two evaluations with the same arithmetic, grouped differently (one pass for σ and χ,
#: exp in detailed balance): rounding only.
ROUNDING_RTOL = 1e-12
#: G(−V) = G(V) exactly, but the bias ±V sits at different offsets on the internal
#: trapezoid grid (step δ = min(Γ, πT)/4): the error of a trapezoid on the Fermi window
#: (double poles at distance πT) is ~(2π²T/δ)² e^{−2π²T/δ} ≤ (8π)² e^{−8π} ≈ 8e-9
#: (measured 2.6e-9 at T = 0.125, Γ = 0.5; 1e-16 with points_per_width=8).
TUNNELLING_ATOL = 1e-8

FEW = settings(max_examples=40, deadline=None)
SOME = settings(max_examples=20, deadline=None)

BETA = st.floats(-6.0, 6.0)
FIELD = st.floats(-6.0, 6.0)
GAP = st.floats(0.0, 2.0)
RATE = st.floats(0.02, 0.5)
TEMPERATURE = st.one_of(st.just(0.0), st.floats(0.02, 0.8))


def points(lo: float, hi: float, size: int = 6) -> st.SearchStrategy[np.ndarray]:
    """A small float array with values in [lo, hi]."""
    return st.lists(st.floats(lo, hi), min_size=1, max_size=size).map(np.array)


def close(a, b, rtol: float = SYM_RTOL, atol: float = SYM_ATOL) -> bool:
    return bool(np.allclose(a, b, rtol=rtol, atol=atol))


def finite(*values) -> bool:
    return all(np.all(np.isfinite(np.asarray(v))) for v in values)


#: Random frequencies are sparse: the ResolutionWarning is expected, and not tested here.
pytestmark = pytest.mark.filterwarnings("ignore::isingsc.core.errors.ResolutionWarning")


# --- spectrum --------------------------------------------------------------------------
@FEW
@given(xi=points(-8, 8), beta=BETA, h=FIELD, Delta=GAP)
def test_spectrum(xi, beta, h, Delta):
    model = {"beta": beta, "h": h, "Delta": Delta}
    upper, lower = isc.bogoliubov_branches(xi, **model)
    assert finite(upper, lower)
    assert np.all(upper >= lower - SYM_ATOL) and np.all(lower >= 0)
    for flip in ({"h": -h}, {"beta": -beta}):
        assert close(isc.bogoliubov_branches(xi, **{**model, **flip}), (upper, lower))
    s_up, s_low = isc.spin_z(xi, **model)
    assert finite(s_up, s_low) and np.all(np.abs([s_up, s_low]) <= 1 + SYM_ATOL)
    assert close(isc.spin_z(xi, **{**model, "h": -h}), (s_up, s_low))
    assert close(isc.spin_z(xi, **{**model, "beta": -beta}), (-s_up, -s_low))

    ordinary, minus, plus = (float(e) for e in isc.gap_edges(**model))
    assert finite(ordinary, minus, plus)
    assert 0 <= ordinary <= minus + SYM_ATOL and minus <= plus + SYM_ATOL
    assert np.all(lower >= ordinary - SYM_ATOL)  # the ordinary gap is the branch minimum
    for flip in ({"h": -h}, {"beta": -beta}):
        assert close(isc.gap_edges(**{**model, **flip}), (ordinary, minus, plus))
    gaps = isc.optical_gaps(**model)
    assert close(gaps, (2 * ordinary, ordinary + minus, ordinary + plus))


# --- Green's functions -----------------------------------------------------------------
@FEW
@given(eps=points(-8, 8), beta=BETA, h=FIELD, Delta=GAP, Gamma=RATE, T=st.floats(0.02, 0.8))
def test_real_energy_green_functions(eps, beta, h, Delta, Gamma, T):
    model = {"beta": beta, "h": h, "Delta": Delta, "Gamma": Gamma}
    gr, ga = isc.retarded_gf(eps, **model), isc.advanced_gf(eps, **model)
    gk = isc.keldysh_gf(eps, **model, T=T)
    assert finite(gr, ga, gk)
    one = np.eye(4)
    assert close(gr @ gr, one, atol=ALGEBRA_ATOL) and close(ga @ ga, one, atol=ALGEBRA_ATOL)
    t3 = TS[3, 0]
    assert close(ga, -t3 @ gr.conj().swapaxes(-1, -2) @ t3, atol=ALGEBRA_ATOL)
    assert close(gk, (gr - ga) * np.tanh(eps / (2 * T))[:, None, None], atol=ALGEBRA_ATOL)
    # h → −h is the rotation σz: the spectral traces are unchanged
    flipped = isc.retarded_gf(eps, **{**model, "h": -h})
    rot = TS[0, 3]
    assert close(flipped, rot @ gr @ rot, atol=ALGEBRA_ATOL)


@FEW
@given(
    omega=points(0.01, 20).map(lambda w: w * np.where(np.arange(w.size) % 2, -1, 1)),
    beta=BETA,
    h=FIELD,
    Delta=GAP,
)
def test_matsubara_green_functions(omega, beta, h, Delta):
    model = {"beta": beta, "h": h, "Delta": Delta}
    g = isc.matsubara_gf(omega, **model)
    assert close(isc.quasiclassical_gf(omega, **model), g, atol=ALGEBRA_ATOL)
    assert finite(g)
    assert close(g @ g, np.eye(4), atol=ALGEBRA_ATOL)
    # the normal part Tr[τ3 g]/4 has the sign of ω (→ sign(ω) far from the spectrum)
    assert np.all(np.sign(np.einsum("...ii", TS[3, 0] @ g).real) == np.sign(omega))
    rot = TS[0, 3]  # h → −h is the rotation σz
    assert close(isc.matsubara_gf(omega, **{**model, "h": -h}), rot @ g @ rot, atol=ALGEBRA_ATOL)
    if h == 0:  # at h = 0, g does not depend on β
        assert close(isc.matsubara_gf(omega, **{**model, "beta": 0.0}), g, atol=ALGEBRA_ATOL)


# --- density of states and tunnelling ------------------------------------------------
@FEW
@given(eps=points(-8, 8), beta=BETA, h=FIELD, Delta=GAP, Gamma=RATE)
def test_density_of_states(eps, beta, h, Delta, Gamma):
    model = {"beta": beta, "h": h, "Delta": Delta, "Gamma": Gamma}
    n = isc.dos(eps, **model)
    assert finite(n) and np.all(n >= 0)
    assert close(isc.dos(-eps, **model), n)
    assert close(isc.dos(eps, **{**model, "h": -h}), n)
    assert close(isc.dos(eps, **{**model, "beta": -beta}), n)
    assert close(isc.dos(eps, **{**model, "Delta": 0.0}), 1.0, atol=NORMAL_ATOL)


@SOME
@given(
    V=points(-6, 6),
    beta=BETA,
    h=FIELD,
    T=TEMPERATURE,
    Gamma=RATE,
    Delta=st.one_of(st.none(), GAP),
    broadening=st.sampled_from([0.0, 0.05]),
)
def test_tunnelling_conductance(V, beta, h, T, Gamma, Delta, broadening):
    model = {"beta": beta, "h": h, "T": T, "Gamma": Gamma, "Delta": Delta}
    g = isc.tunnelling_conductance(V, **model, broadening=broadening)
    assert finite(g) and np.all(g >= -POSITIVITY_ATOL)
    mirrored = isc.tunnelling_conductance(-V, **model, broadening=broadening)
    assert close(mirrored, g, atol=TUNNELLING_ATOL)
    for flip in ({"h": -h}, {"beta": -beta}):
        again = isc.tunnelling_conductance(V, **{**model, **flip}, broadening=broadening)
        assert close(again, g, atol=SOLVER_ATOL)


# --- gap, free energy, phase diagram -------------------------------------------------
@FEW
@given(T=st.floats(0.0, 0.7), h=FIELD, beta=BETA)
@example(T=1e-188, h=0.0, beta=0.0)  # T → 0 must reach the T = 0 limit Δ = 1
def test_order_parameter_and_critical_temperature(T, h, beta):
    delta = float(isc.order_parameter(T=T, h=h, beta=beta))
    assert finite(delta) and 0 <= delta <= 1 + SOLVER_ATOL
    for flip in ({"h": -h}, {"beta": -beta}):
        assert math.isclose(
            isc.order_parameter(**{"T": T, "h": h, "beta": beta, **flip}),
            delta,
            abs_tol=SOLVER_ATOL,
        )
    if T > isc.TC0 * (1 + SOLVER_ATOL):
        assert delta == 0
    tc = float(isc.critical_temperature(h=h, beta=beta))
    assert finite(tc) and 0 <= tc <= isc.TC0 * (1 + ROUNDING_RTOL)
    for flip in ({"h": -h}, {"beta": -beta}):
        again = isc.critical_temperature(**{"h": h, "beta": beta, **flip})
        assert math.isclose(again, tc, abs_tol=SOLVER_ATOL)
    if h == 0:  # BCS: Δ(T)/Δ0 = 1 − O(e^{−1/T}) at low T
        assert delta > 0.999 or T > 0.1
        assert math.isclose(tc, isc.TC0, rel_tol=ROUNDING_RTOL)
        assert math.isclose(isc.order_parameter(T=T, h=0.0, beta=0.0), delta, abs_tol=SOLVER_ATOL)


@FEW
@given(Delta=GAP, T=st.floats(0.0, 0.7), h=FIELD, beta=BETA)
@example(Delta=0.0, T=0.0, h=0.0, beta=0.0)  # R = Δ·(R/Δ) with R/Δ ∝ −ln Δ: 0, not 0·∞
def test_free_energy_and_gap_residual(Delta, T, h, beta):
    f = isc.free_energy(Delta=Delta, T=T, h=h, beta=beta)
    r = isc.gap_residual(Delta=Delta, T=T, h=h, beta=beta)
    assert finite(f, r)
    for flip in ({"h": -h}, {"beta": -beta}):
        args = {"Delta": Delta, "T": T, "h": h, "beta": beta, **flip}
        assert close(isc.free_energy(**args), f) and close(isc.gap_residual(**args), r)
    assert isc.free_energy(Delta=0.0, T=T, h=h, beta=beta) == pytest.approx(0.0, abs=SYM_ATOL)


@SOME
@given(T=points(0.0, 0.7, size=3), beta=BETA)
@example(T=np.array([0.0, 1e-300, 0.1]), beta=0.5)  # T ~ 1e-300: no overflow in sums
def test_critical_field(T, beta):
    fields = isc.critical_field(T=T, beta=beta)
    assert finite(fields.second_order, fields.transition)
    assert np.all(fields.second_order >= 0)
    first = np.isfinite(fields.first_order)  # NaN documents "second-order transition"
    assert np.array_equal(fields.transition[first], fields.first_order[first])
    assert np.all(fields.transition >= fields.second_order - SOLVER_ATOL)
    again = isc.critical_field(T=T, beta=-beta)
    assert close(again.transition, fields.transition, atol=SOLVER_ATOL)


# --- linear response -------------------------------------------------------------------
@SOME
@given(
    Omega=points(0.05, 6, size=4),
    beta=BETA,
    h=FIELD,
    T=TEMPERATURE,
    Gamma=RATE,
    Delta=st.one_of(st.none(), GAP),
)
def test_conductivity_and_raman(Omega, beta, h, T, Gamma, Delta):
    model = {"beta": beta, "h": h, "T": T, "Gamma": Gamma, "Delta": Delta}
    sigma, chi = isc.conductivity(Omega, **model), isc.raman(Omega, **model)
    assert finite(sigma, chi)
    assert np.all(sigma.real >= -POSITIVITY_ATOL) and np.all(chi.imag >= -POSITIVITY_ATOL)
    assert close(isc.conductivity(-Omega, **model), sigma.conj(), atol=RESPONSE_ATOL)
    assert close(isc.raman(-Omega, **model), -chi.conj(), atol=RESPONSE_ATOL)
    for flip in ({"h": -h}, {"beta": -beta}):
        assert close(isc.conductivity(Omega, **{**model, **flip}), sigma, atol=RESPONSE_ATOL)
        assert close(isc.raman(Omega, **{**model, **flip}), chi, atol=RESPONSE_ATOL)
    both = isc.conductivity_and_raman(Omega, **model)  # one pass of the engine for both
    assert close(both, (sigma, chi), rtol=ROUNDING_RTOL, atol=SYM_ATOL)
    normal = {**model, "Delta": 0.0}
    assert close(isc.conductivity(Omega, **normal), 1.0, atol=NORMAL_ATOL)
    assert close(isc.raman(Omega, **normal), 1j, atol=NORMAL_ATOL)


@SOME
@given(Omega=points(0.05, 6, size=4), beta=BETA, T=TEMPERATURE, Gamma=RATE, Delta=GAP)
def test_response_at_zero_field_does_not_depend_on_beta(Omega, beta, T, Gamma, Delta):
    model = {"h": 0.0, "T": T, "Gamma": Gamma, "Delta": Delta}
    for f in (isc.conductivity, isc.raman):
        assert close(f(Omega, beta=beta, **model), f(Omega, beta=0.0, **model), atol=RESPONSE_ATOL)


@SOME
@given(beta=BETA, h=FIELD, T=TEMPERATURE, Gamma=RATE, Delta=st.one_of(st.none(), GAP))
def test_superfluid_weight(beta, h, T, Gamma, Delta):
    model = {"beta": beta, "h": h, "T": T, "Gamma": Gamma, "Delta": Delta}
    ds = isc.superfluid_weight(**model)
    assert finite(ds) and ds >= -POSITIVITY_ATOL
    for flip in ({"h": -h}, {"beta": -beta}):
        assert math.isclose(isc.superfluid_weight(**{**model, **flip}), ds, abs_tol=RESPONSE_ATOL)
    assert isc.superfluid_weight(**{**model, "Delta": 0.0}) == pytest.approx(0, abs=NORMAL_ATOL)


# --- the model object -----------------------------------------------------------------
@SOME
@given(beta=BETA, h=FIELD, T=TEMPERATURE, Gamma=RATE, Omega=points(0.05, 6, size=3))
def test_model_object_is_the_plain_functions(beta, h, T, Gamma, Omega):
    sc = isc.IsingSuperconductor(beta=beta, h=h, T=T, Gamma=Gamma)
    assert finite(sc.Delta)
    assert math.isclose(sc.Delta, isc.order_parameter(T=T, h=h, beta=beta), abs_tol=SOLVER_ATOL)
    # the methods call the plain functions: identical numbers for the same Δ
    model = {"beta": beta, "h": h, "T": T, "Gamma": Gamma, "Delta": sc.Delta}
    assert np.array_equal(sc.conductivity(Omega), isc.conductivity(Omega, **model))
    assert np.array_equal(sc.raman(Omega), isc.raman(Omega, **model))
    eps = np.linspace(-3, 3, 7)
    n = sc.dos(eps)
    assert np.array_equal(n, isc.dos(eps, beta=beta, h=h, Delta=sc.Delta, Gamma=Gamma))
    mirrored = sc.replace(h=-h)
    assert math.isclose(mirrored.Delta, sc.Delta, abs_tol=SOLVER_ATOL)
    assert close(mirrored.dos(eps), n, atol=SOLVER_ATOL)
    assert close(sc.gap_edges(), isc.gap_edges(beta=beta, h=h, Delta=sc.Delta))


# --- pumping ---------------------------------------------------------------------------
@settings(max_examples=8, deadline=None)
@given(
    Omega_ph=points(0.05, 4, size=3),
    Omega_m=st.floats(0.5, 6.0),
    h_m=st.floats(0.0, 0.2),
    beta=st.floats(-4.0, 4.0),
    h=st.floats(-3.0, 3.0),
    T=TEMPERATURE,
    Gamma=st.floats(0.05, 0.5),
    Delta=st.floats(0.2, 1.5),
)
def test_pumped_conductivity_to_second_order(Omega_ph, Omega_m, h_m, beta, h, T, Gamma, Delta):
    """Even in h (σz flips h and h_m; −h_m is a time shift) and in β; h_m = 0 is equilibrium.

    Second order only: one Floquet evaluation costs up to seconds, more than this file's
    budget; ``tests/test_pumping.py`` compares the two methods.
    """
    model = {"beta": beta, "h": h, "T": T, "Gamma": Gamma, "Delta": Delta}
    pump = {"Omega_m": Omega_m, "method": "perturbative"}
    sigma = isc.pumped_conductivity(Omega_ph, h_m=h_m, **pump, **model)
    assert finite(sigma)
    for flip in ({"h": -h}, {"beta": -beta}):
        again = isc.pumped_conductivity(Omega_ph, h_m=h_m, **pump, **{**model, **flip})
        assert close(again, sigma, atol=RESPONSE_ATOL)
    unpumped = isc.pumped_conductivity(Omega_ph, h_m=0.0, **pump, **model)
    assert close(unpumped, isc.conductivity(Omega_ph, **model), atol=RESPONSE_ATOL)


# --- experiment ------------------------------------------------------------------------
@FEW
@given(Omega=points(0.05, 6), T=st.floats(0.02, 0.8), chi=points(0.0, 3.0))
def test_raman_intensities_obey_detailed_balance(Omega, T, chi):
    n = min(Omega.size, chi.size)
    stokes, anti = isc.raman_intensity(Omega[:n], 1j * chi[:n], T=T)
    assert finite(stokes, anti) and np.all(anti >= 0) and np.all(stokes >= anti)
    assert close(anti * np.exp(Omega[:n] / T), stokes, rtol=ROUNDING_RTOL)


# --- invalid parameters ----------------------------------------------------------------
NOT_FINITE = (math.nan, math.inf, -math.inf)
#: Extra invalid values per parameter, beyond NaN and ±inf (which every one refuses).
OUT_OF_RANGE = {
    "T": (-0.1,),
    "Gamma": (0.0, -0.05),
    "Delta": (-0.5,),
    "h_m": (-0.01,),
    "Omega_m": (0.0, -1.0),
    "sheet_resistance": (0.0, -300.0),
}

E = np.array([0.5, 1.5])
GAP_STATE = {"beta": 2.0, "h": 1.0, "Delta": 0.8}
STATE = {**GAP_STATE, "Gamma": 0.05, "T": 0.1}
THERMO = {"T": 0.1, "h": 1.0, "beta": 2.0}
PUMP = {**STATE, "Delta": 1.0, "h": 0.0, "Omega_m": 8.4, "h_m": 0.05}


@dataclass(frozen=True)
class Call:
    """A valid call; ``spectral`` names the positional argument that may be made bad."""

    func: Callable[..., object]
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    spectral: str | None = None

    def names(self) -> list[str]:
        return [*self.kwargs, *([self.spectral] if self.spectral else [])]


CALLS = [
    Call(isc.bogoliubov_branches, (E,), GAP_STATE, "xi"),
    Call(isc.spin_z, (E,), GAP_STATE, "xi"),
    Call(isc.hamiltonian, (E,), GAP_STATE, "xi"),
    Call(isc.gap_edges, (), GAP_STATE),
    Call(isc.optical_gaps, (), GAP_STATE),
    Call(isc.retarded_gf, (E,), {**GAP_STATE, "Gamma": 0.05}, "eps"),
    Call(isc.advanced_gf, (E,), {**GAP_STATE, "Gamma": 0.05}, "eps"),
    Call(isc.keldysh_gf, (E,), STATE, "eps"),
    Call(isc.matsubara_gf, (E,), GAP_STATE, "omega"),
    Call(isc.quasiclassical_gf, (E,), GAP_STATE, "omega"),
    Call(isc.dos, (E,), {**GAP_STATE, "Gamma": 0.05}, "eps"),
    Call(isc.tunnelling_conductance, (E,), STATE, "V"),
    Call(isc.order_parameter, (), THERMO),
    Call(isc.solve_gap, (), THERMO),
    Call(isc.free_energy, (), {**THERMO, "Delta": 0.8}),
    Call(isc.gap_residual, (), {**THERMO, "Delta": 0.8}),
    Call(isc.critical_temperature, (), {"h": 1.0, "beta": 2.0}),
    Call(isc.critical_field, (), {"T": 0.1, "beta": 2.0}),
    Call(isc.tricritical_point, (), {"beta": 2.0}),
    Call(isc.phase_diagram, (), {"beta": 2.0}),
    Call(isc.conductivity, (E,), STATE, "Omega"),
    Call(isc.raman, (E,), STATE, "Omega"),
    Call(isc.conductivity_and_raman, (E,), STATE, "Omega"),
    Call(isc.conductivity_derivative, (E,), STATE, "Omega"),
    Call(isc.raman_derivative, (E,), STATE, "Omega"),
    Call(isc.derivative_spectrum, ("raman", E), STATE, "Omega"),
    Call(isc.optical_features, ("raman",), STATE),
    Call(isc.superfluid_weight, (), STATE),
    Call(isc.sheet_conductance, (E + 1j,), {"sheet_resistance": 300.0}),
    Call(isc.thin_film_transmission, (E + 1j,), {"sheet_resistance": 300.0}),
    Call(isc.raman_intensity, (E, 1j * E), {"T": 0.1}),
    Call(isc.uniform_energy_grid, (0.0, 8.0), {"Gamma": 0.05, "T": 0.1}),
    Call(isc.IsingSuperconductor, (), STATE),
    Call(isc.pumped_conductivity, (E,), PUMP, "Omega_ph"),
    Call(isc.pumped_state, (E,), PUMP, "eps"),
    Call(isc.lasing_map, (E,), {**PUMP, "Omega_m": np.array([8.4])}, "Omega_ph"),
]

BAD_CALLS = [
    (call, name, bad)
    for call in CALLS
    for name in call.names()
    for bad in (*NOT_FINITE, *OUT_OF_RANGE.get(name, ()))
]


def _call_with(call: Call, name: str, bad: object) -> str | None:
    """Call with one bad value; a description of what went wrong, or None."""
    args, kwargs = list(call.args), dict(call.kwargs)
    if name == call.spectral:
        args[-1] = np.array([0.3, bad])  # one bad element in an otherwise valid array
    else:
        kwargs[name] = bad
    what = f"{call.func.__name__}({name}={bad!r})"
    try:
        call.func(*args, **kwargs)
    except isc.ParameterError as exc:
        return None if exc.name == name else f"{what}: names {exc.name!r}: {exc}"
    except Exception as exc:  # any other outcome is the failure reported
        return f"{what}: {type(exc).__name__}: {exc}"
    return f"{what}: accepted"


def test_every_invalid_value_raises_a_parameter_error_naming_it():
    """NaN, ±inf and the boundary values, for every parameter of every row of CALLS."""
    found = [f for case in BAD_CALLS if (f := _call_with(*case))]
    assert not found, "\n".join(found)


RANGED = [(call, name) for call in CALLS for name in call.names() if name in OUT_OF_RANGE]


@settings(max_examples=60, deadline=None)
@given(
    case=st.sampled_from(RANGED),
    bad=st.floats(max_value=0.0, exclude_max=True, allow_infinity=False),
)
def test_random_negative_values_raise_a_parameter_error_naming_them(case, bad):
    """T, Γ, Δ, h_m, Ω_m, R_n < 0 (any magnitude) are refused, naming the parameter."""
    failure = _call_with(*case, bad)
    assert failure is None, failure


def test_the_table_covers_every_public_physics_function():
    """Every public callable that takes a model parameter has a row in CALLS."""
    covered = {call.func for call in CALLS}
    results = (isc.CriticalFields, isc.GapSolution, isc.OpticalFeature, isc.PhaseDiagram)
    missing = [
        name
        for name in isc.__all__
        if callable(obj := getattr(isc, name))
        and obj not in covered
        and obj not in (*results, isc.PumpedState)
        and not (isinstance(obj, type) and issubclass(obj, BaseException))
        and {"beta", "h", "T", "Gamma", "Delta"} & set(inspect.signature(obj).parameters)
    ]
    assert not missing, f"add a row to CALLS for: {missing}"
