"""Errors survive pickling (sweeps raise them in worker processes); sampling warns, grids raise."""

import pickle
import warnings

import numpy as np
import pytest

import isingsc as isc
from isingsc.core.errors import ResolutionError, ResolutionWarning
from isingsc.numerics.grids import check_sampling


@pytest.mark.parametrize("cls", [isc.ParameterError, ResolutionError, isc.UnitError])
def test_parameter_errors_pickle(cls):
    err = cls("T", -1.0, "T >= 0")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert (back.name, back.value, back.allowed) == ("T", -1.0, "T >= 0")
    assert str(back) == str(err)


def test_resolution_warning_is_a_user_warning():
    # not a RuntimeWarning: pyproject turns isingsc RuntimeWarnings into test errors
    assert issubclass(ResolutionWarning, UserWarning)
    assert not issubclass(ResolutionWarning, RuntimeWarning)


def test_check_sampling_warns_for_sampling_and_raises_for_quadrature_grids():
    grid = np.linspace(0.0, 1.0, 20)  # step 0.0526
    with pytest.warns(ResolutionWarning, match=r"step 0\.0526 > Gamma = 0\.01") as record:
        check_sampling(grid, scale=0.01, name="Omega")
    assert "'Omega'" in str(record[0].message) and "check_grid=False" in str(record[0].message)
    assert record[0].filename == __file__  # attributed to the caller
    with pytest.raises(ResolutionError, match="check_grid=False") as info:
        check_sampling(grid, scale=0.01, scale_name="T", name="eps", strict=True)
    assert info.value.name == "eps" and "T/1" in info.value.allowed
    with pytest.warns(ResolutionWarning, match=r"> T/4 = 0\.025"):
        check_sampling(grid, scale=0.1, scale_name="T", points_per_width=4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_sampling(grid[:15], scale=0.01)  # too short: scattered points
        check_sampling(grid[np.random.default_rng(0).permutation(20)], scale=0.01)  # unsorted
        check_sampling(grid.reshape(4, 5), scale=0.01)  # not 1-D
        check_sampling(grid, scale=1 / 19)  # resolved (linspace rounding tolerated)
        check_sampling(grid[::-1], scale=0.06, strict=True)
