"""Lasing maps (isingsc.lasing_map): rows are pumped_conductivity calls, the gain and
lasing mask follow from Re σ, the Floquet truncation is chosen and reported."""

import numpy as np
import pytest

import isingsc as isc
from isingsc.core.errors import ParameterError

# Coarser than the paper (T = Γ = 0.05 Tc0 instead of 0.01): 5× fewer energy points.
BETA, DELTA = 4.0, 1.0
T = GAMMA = 0.05 * isc.TC0
H_M = 0.02
OM_PH = np.array([0.1, 0.3, 0.6])
OM_M = np.array([8.0, 8.5, 9.2])


@pytest.fixture(scope="module")
def floquet_map():
    return isc.lasing_map(
        OM_PH, Omega_m=OM_M, h_m=H_M, beta=BETA, T=T, Gamma=GAMMA, Delta=DELTA, progress=False
    )


def test_rows_are_pumped_conductivity(floquet_map):
    """Each row is exactly one pumped_conductivity call at the chosen truncation."""
    n = floquet_map.attrs["floquet_harmonics"]
    for w in OM_M:
        row = isc.pumped_conductivity(
            OM_PH, Omega_m=w, h_m=H_M, beta=BETA, T=T, Gamma=GAMMA, Delta=DELTA, harmonics=n
        )
        sel = floquet_map.sel(Omega_m=w)
        np.testing.assert_array_equal(sel["sigma_re"], row.real)
        np.testing.assert_array_equal(sel["sigma_im"], row.imag)


def test_gain_mask_and_summary(floquet_map):
    ds = floquet_map
    np.testing.assert_array_equal(ds["gain"], -ds["sigma_re"])
    np.testing.assert_array_equal(ds["lasing"], (ds["sigma_re"] < 0).astype(np.int8))
    k = np.unravel_index(int(np.argmax(ds["gain"].values)), ds["gain"].shape)
    assert ds.attrs["max_gain"] == ds["gain"].values[k]
    assert ds.attrs["max_gain_Omega_m"] == OM_M[k[0]]
    assert ds.attrs["max_gain_Omega_ph"] == OM_PH[k[1]]
    assert ds.attrs["pair_threshold"] == pytest.approx(2 * np.sqrt(BETA**2 + DELTA**2))
    # just above the pair threshold 8.246: gain; below it only the Lorentzian (Dynes)
    # tail of the pair creation pumps: 8.0 is 9Γ below, and its gain is < 5 % of 8.5's
    gain = ds["gain"].values
    assert ds["lasing"].sel(Omega_m=8.5).sum() > 0
    assert gain[0].max() < 0.05 * gain[1].max()
    assert ds.attrs["lasing_fraction"] == pytest.approx(float(ds["lasing"].mean()))


def test_truncation_is_checked(floquet_map):
    """'auto' accepts N only if N → N+1 changes σ by less than tol on the sample rows."""
    assert floquet_map.attrs["floquet_harmonics"] == 1
    change = floquet_map.attrs["floquet_truncation_change"]
    assert 0 < change < 1e-2
    with pytest.raises(isc.ConvergenceError, match="max_harmonics"):
        isc.lasing_map(
            OM_PH,
            Omega_m=OM_M[:1],
            h_m=H_M,
            beta=BETA,
            T=T,
            Gamma=GAMMA,
            Delta=DELTA,
            tol=1e-14,
            max_harmonics=2,
            progress=False,
        )


def test_perturbative_map():
    ds = isc.lasing_map(
        OM_PH,
        Omega_m=OM_M[1:2],
        h_m=H_M,
        beta=BETA,
        T=T,
        Gamma=GAMMA,
        Delta=DELTA,
        method="perturbative",
        progress=False,
    )
    row = isc.pumped_conductivity(
        OM_PH,
        Omega_m=OM_M[1],
        h_m=H_M,
        beta=BETA,
        T=T,
        Gamma=GAMMA,
        Delta=DELTA,
        method="perturbative",
    )
    np.testing.assert_array_equal(ds["sigma_re"].values[0], row.real)
    assert ds.attrs["method"] == "perturbative"
    assert np.isnan(ds.attrs["floquet_truncation_change"])
    # provenance (isingsc.io.provenance): version, units and every parameter
    assert ds.attrs["isingsc_version"] == isc.__version__
    assert ds.attrs["energy_unit"].startswith("Delta0")
    assert ds.attrs["h_m"] == H_M and ds.attrs["cross_terms"] == 1


def test_rows_do_not_depend_on_the_threads(floquet_map):
    one = isc.lasing_map(
        OM_PH,
        Omega_m=OM_M,
        h_m=H_M,
        beta=BETA,
        T=T,
        Gamma=GAMMA,
        Delta=DELTA,
        progress=False,
        workers=1,
    )
    np.testing.assert_allclose(one["sigma_re"], floquet_map["sigma_re"], rtol=1e-13, atol=0)
    assert one.attrs["floquet_truncation_change"] == pytest.approx(
        floquet_map.attrs["floquet_truncation_change"], rel=1e-9
    )


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"Omega_m": [0.0, 8.0]}, "Omega_m"),
        ({"Omega_m": []}, "Omega_m"),
        ({"Omega_ph": [-0.1]}, "Omega_ph"),
        ({"Omega_ph": [np.nan]}, "Omega_ph"),
        ({"h_m": -0.1}, "h_m"),
        ({"method": "exact"}, "method"),
        ({"harmonics": 0}, "harmonics"),
        ({"harmonics": "many"}, "harmonics"),
    ],
)
def test_bad_input(kwargs, name):
    args = {
        "Omega_ph": OM_PH,
        "Omega_m": OM_M,
        "h_m": H_M,
        "beta": BETA,
        "T": T,
        "Gamma": GAMMA,
        "Delta": DELTA,
        "progress": False,
    }
    args.update(kwargs)
    with pytest.raises(ParameterError, match=name):
        isc.lasing_map(**args)
