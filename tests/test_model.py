"""The model object: validated, frozen, Δ solved once, every method = the plain function."""

import dataclasses

import numpy as np
import pytest

import isingsc as isc

T = GAMMA = 0.01 * isc.TC0
STATE = {"beta": 4.0, "h": 2.8, "T": 0.05, "Gamma": 0.05}


@pytest.fixture(scope="module")
def sc():
    return isc.IsingSuperconductor(**STATE)


def test_self_consistent_delta_and_derived_quantities():
    sc = isc.IsingSuperconductor(beta=4.0, h=2.8, T=T)
    assert sc.Delta == isc.order_parameter(T=T, h=2.8, beta=4.0)
    assert sc.self_consistent
    assert sc.gap_edges() == tuple(float(x) for x in isc.gap_edges(beta=4.0, h=2.8, Delta=sc.Delta))
    assert sc.optical_gaps()[0] == pytest.approx(2 * sc.gap_edges()[0], rel=1e-15)
    assert sc.gap_solution is not None and bool(sc.gap_solution.converged)
    assert sc.dos([0.0])[0] < 0.05  # gapped


def test_given_delta_is_used_and_object_is_frozen():
    sc = isc.IsingSuperconductor(beta=4.0, h=2.8, Delta=1.0)
    assert sc.gap_edges()[0] == pytest.approx(0.81923, abs=1e-5)
    assert sc.gap_solution is None and not sc.self_consistent
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.h = 1.0  # type: ignore[misc]


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        isc.IsingSuperconductor(4.0, 2.8)  # type: ignore[misc]


def test_replace_resolves_delta_unless_given(sc):
    at_zero_field = sc.replace(h=0.0)
    assert at_zero_field.self_consistent
    assert at_zero_field.Delta == isc.order_parameter(T=STATE["T"], h=0.0, beta=4.0)
    assert at_zero_field.Delta != sc.Delta
    fixed = sc.replace(Delta=0.7).replace(h=0.0)
    assert fixed.Delta == 0.7 and not fixed.self_consistent
    assert sc.replace(h=-2.8).Delta == sc.Delta  # even in h
    with pytest.raises(TypeError, match="allowed"):
        sc.replace(temperature=1.0)


@pytest.mark.parametrize(
    ("method", "function", "argument"),
    [
        ("dos", isc.dos, np.linspace(-6, 6, 241)),
        ("retarded_gf", isc.retarded_gf, np.array([0.3, 4.5])),
        ("bogoliubov_branches", isc.bogoliubov_branches, np.linspace(-3, 3, 7)),
        ("spin_z", isc.spin_z, np.linspace(-3, 3, 7)),
        ("matsubara_gf", isc.matsubara_gf, np.array([0.1, 1.0])),
    ],
)
def test_spectral_methods_equal_the_functions(sc, method, function, argument):
    """Identical numbers (one implementation): equality, not a tolerance."""
    kwargs = {"beta": sc.beta, "h": sc.h, "Delta": sc.Delta}
    if method in ("dos", "retarded_gf"):
        kwargs["Gamma"] = sc.Gamma
    np.testing.assert_array_equal(getattr(sc, method)(argument), function(argument, **kwargs))


@pytest.mark.parametrize(
    ("method", "function"),
    [
        ("conductivity", isc.conductivity),
        ("raman", isc.raman),
        ("conductivity_derivative", isc.conductivity_derivative),
        ("raman_derivative", isc.raman_derivative),
        ("tunnelling_conductance", isc.tunnelling_conductance),
    ],
)
def test_response_methods_equal_the_functions(sc, method, function):
    omega = np.linspace(0.05, 8.0, 160)
    np.testing.assert_array_equal(
        getattr(sc, method)(omega), function(omega, **STATE, Delta=sc.Delta)
    )


def test_scalar_methods(sc):
    assert sc.superfluid_weight() == isc.superfluid_weight(**STATE)
    assert sc.critical_temperature() == isc.critical_temperature(h=2.8, beta=4.0)
    assert sc.critical_field().transition == isc.critical_field(T=0.05, beta=4.0).transition
    keldysh = sc.keldysh_gf(np.array([0.5]))
    np.testing.assert_array_equal(
        keldysh,
        isc.keldysh_gf(np.array([0.5]), beta=4.0, h=2.8, Delta=sc.Delta, Gamma=0.05, T=0.05),
    )


def test_optical_features_method(sc):
    features = sc.optical_features("raman")
    assert features == isc.optical_features("raman", **STATE)
    assert {f.label for f in features} >= {"I"}


def test_pumped_methods_equal_the_functions():
    sc = isc.IsingSuperconductor(beta=4.0, T=0.05 * isc.TC0, Gamma=0.05 * isc.TC0, Delta=1.0)
    pumped = sc.pumped(Omega_m=8.4, h_m=0.01)
    om = np.array([0.2, 0.4])
    kw = {"Omega_m": 8.4, "h_m": 0.01, "beta": 4.0, "T": sc.T, "Gamma": sc.Gamma, "Delta": 1.0}
    np.testing.assert_array_equal(
        pumped.conductivity(om, method="perturbative"),
        isc.pumped_conductivity(om, **kw, method="perturbative"),
    )
    eps = np.linspace(1.0, 2.0, 5)
    np.testing.assert_array_equal(
        pumped.state(eps).occupation, isc.pumped_state(eps, **kw).occupation
    )
    pump_axis = np.array([8.4, 8.6])
    lasing = sc.pumped(Omega_m=pump_axis, h_m=0.01).lasing_map(
        om, method="perturbative", progress=False
    )
    expected = isc.lasing_map(
        om, **{**kw, "Omega_m": pump_axis}, method="perturbative", progress=False
    )
    np.testing.assert_array_equal(lasing["sigma_re"].values, expected["sigma_re"].values)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"T": -1.0}, "T"),
        ({"Gamma": 0.0}, "Gamma"),
        ({"Delta": -0.5}, "Delta"),
        ({"Delta": 11.0}, "Delta"),
        ({"h": float("nan")}, "h"),
        ({"beta": float("inf")}, "beta"),
    ],
)
def test_validation_names_the_field(kwargs, name):
    params = {"beta": 1.0, **kwargs}
    with pytest.raises(isc.ParameterError, match=f"'{name}'"):
        isc.IsingSuperconductor(**params)
