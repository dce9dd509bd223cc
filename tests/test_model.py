"""The validated parameter object."""

import dataclasses

import pytest

import isingsc as isc


def test_self_consistent_delta_and_derived_quantities():
    sc = isc.IsingSuperconductor(beta=4.0, h=2.8, T=0.01 * isc.TC0)
    assert sc.delta == isc.order_parameter(T=0.01 * isc.TC0, h=2.8, beta=4.0)
    assert sc.gap_edges() == tuple(float(x) for x in isc.gap_edges(beta=4.0, h=2.8, Delta=sc.delta))
    assert sc.optical_gaps()[0] == pytest.approx(2 * sc.gap_edges()[0], rel=1e-15)
    assert sc.gap_solution is not None and bool(sc.gap_solution.converged)
    assert sc.dos([0.0])[0] < 0.05  # gapped


def test_given_delta_is_used_and_object_is_frozen():
    sc = isc.IsingSuperconductor(beta=4.0, h=2.8, Delta=1.0)
    assert sc.gap_edges()[0] == pytest.approx(0.81923, abs=1e-5)
    assert sc.gap_solution is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.h = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"T": -1.0}, "T"),
        ({"Gamma": 0.0}, "Gamma"),
        ({"Delta": -0.5}, "Delta"),
        ({"h": float("nan")}, "h"),
    ],
)
def test_validation_names_the_field(kwargs, name):
    with pytest.raises(isc.ParameterError, match=f"'{name}'"):
        isc.IsingSuperconductor(beta=1.0, **kwargs)
