"""Errors survive pickling (sweeps raise them in worker processes) with their fields."""

import pickle

import pytest

import isingsc as isc
from isingsc.core.errors import ResolutionError


@pytest.mark.parametrize("cls", [isc.ParameterError, ResolutionError, isc.UnitError])
def test_parameter_errors_pickle(cls):
    err = cls("T", -1.0, "T >= 0")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.name, back.value, back.allowed) == ("T", -1.0, "T >= 0")
    assert str(back) == str(err)
