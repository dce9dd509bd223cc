"""Figure datasets: contents against the public API and independent routes, and netCDF I/O."""

import numpy as np
import pytest
import xarray as xr

import isingsc as isc
from isingsc import TC0
from isingsc.algebra import TS
from isingsc.datasets import fig3a_data, fig4a_data, fig4b_data, write_netcdf

# Closed forms vs. LAPACK eigenvectors: both at rounding level (1e-12 is generous).
TOL_EIG = 1e-12
# Δ roots are refined to ~1e-13 relative (solve_gap default); T = 0, h = 0 is exactly BCS.
TOL_GAP = 1e-9
# |N − 1| at ε = 8 with every gap edge ≤ 6.7: the Dynes tails fall off like (Δ/ε)²·… ;
# observed ≤ 0.008 on the paper's parameters.
TOL_DOS_TAIL = 0.02


@pytest.fixture(scope="module")
def ds3a():
    return fig3a_data()


@pytest.fixture(scope="module")
def ds4a():
    return fig4a_data(quick=True)


@pytest.fixture(scope="module")
def ds4b():
    return fig4b_data(quick=True)


# ----------------------------------------------------------------------------- Fig. 3a
def test_fig3a_gap_edges_are_the_corrected_ones(ds3a):
    a = ds3a.attrs
    assert (a["beta"], a["h"], a["Delta"]) == (3.0, 2.0, 1.0)  # the paper's Fig. 3a
    ordinary, m_minus, m_plus = isc.gap_edges(3.0, 2.0, 1.0)
    assert a["gap_ordinary"] == pytest.approx(float(ordinary), abs=1e-15)
    assert a["gap_mirage_minus"] == pytest.approx(float(m_minus), abs=1e-15)
    assert a["gap_mirage_plus"] == pytest.approx(float(m_plus), abs=1e-15)
    np.testing.assert_allclose(
        [a["Omega_I"], a["Omega_II"], a["Omega_III"]], isc.optical_gaps(3.0, 2.0, 1.0)
    )
    # corrected Δβ/√(β²+h²) = 3/√13, not the paper's Δ√(1 − h²/β²) = √5/3
    assert a["gap_ordinary"] == pytest.approx(3 / np.sqrt(13), abs=1e-14)
    assert a["paper_ordinary_gap_erratum"] == pytest.approx(np.sqrt(5) / 3, abs=1e-14)
    assert a["isingsc_version"] == isc.__version__


def test_fig3a_branches_and_minimum(ds3a):
    xi = ds3a["xi"].values
    e_up, e_lo = isc.bogoliubov_branches(xi, 3.0, 2.0, 1.0)
    np.testing.assert_array_equal(ds3a["energy"].sel(sign=1, branch="upper"), e_up)
    np.testing.assert_array_equal(ds3a["energy"].sel(sign=1, branch="lower"), e_lo)
    np.testing.assert_array_equal(ds3a["energy"].sel(sign=-1), -ds3a["energy"].sel(sign=1))
    # the lower branch's minimum on the grid sits at the stored ordinary edge
    k = int(np.argmin(e_lo))
    assert abs(abs(xi[k]) - ds3a.attrs["xi_ordinary"]) <= 1.01 * (xi[1] - xi[0])
    assert e_lo[k] == pytest.approx(ds3a.attrs["gap_ordinary"], abs=1e-4)
    assert ds3a["xi"].attrs["units"] == "Delta0"
    assert ds3a["energy"].attrs["units"] == "Delta0"


def test_fig3a_spin_of_all_four_states_matches_diagonalisation(ds3a):
    xi = ds3a["xi"].values[::40]
    w, v = np.linalg.eigh(isc.hamiltonian(xi, 3.0, 2.0, 1.0))  # ascending: −E_up, −E_lo, ...
    sz = np.einsum("...ia,ij,...ja->...a", v.conj(), TS[0, 3] / 2, v).real
    sub = ds3a.isel(xi=slice(None, None, 40))
    order = [(-1, "upper"), (-1, "lower"), (1, "lower"), (1, "upper")]
    for col, (sign, branch) in enumerate(order):
        np.testing.assert_allclose(
            sub["energy"].sel(sign=sign, branch=branch), w[:, col], atol=TOL_EIG
        )
        np.testing.assert_allclose(
            sub["Sz"].sel(sign=sign, branch=branch), sz[:, col], atol=TOL_EIG
        )
    assert np.all(np.abs(ds3a["Sz"].values) <= 0.5)


def test_fig3a_quick_grid_is_coarser():
    assert fig3a_data(quick=True).sizes["xi"] < fig3a_data().sizes["xi"]


# ----------------------------------------------------------------------------- Fig. 4a
def test_fig4a_bcs_corner_and_grid(ds4a):
    assert ds4a.sizes["T"] == 24 and ds4a.sizes["h"] == 24
    assert float(ds4a["Delta"].sel(T=0.0, h=0.0)) == pytest.approx(1.0, abs=TOL_GAP)
    assert float(ds4a["T"].max()) == pytest.approx(TC0)
    np.testing.assert_allclose(ds4a["T_over_Tc0"], ds4a["T"] / TC0)
    assert float(ds4a["h"].max()) == 6.0
    assert ds4a.attrs["beta"] == 4.0
    assert ds4a.attrs["gap_all_converged"] == 1
    assert ds4a["Delta"].attrs["units"] == "Delta0"


def test_fig4a_matches_order_parameter(ds4a):
    T, h = ds4a["T"].values[[0, 5, 13]], ds4a["h"].values[[0, 7, 15, 20]]
    ref = isc.order_parameter(T[:, None], h[None, :], 4.0)
    np.testing.assert_allclose(ds4a["Delta"].sel(T=T, h=h), ref, atol=1e-12)


def test_fig4a_superconducting_exactly_below_tc_line(ds4a):
    # β = 4 has no tricritical point: Δ > 0 iff T < Tc(h) (second-order line).
    assert np.isnan(ds4a.attrs["tricritical_T"])
    tc = isc.critical_temperature(ds4a["h"].values, 4.0)
    T = ds4a["T"].values[:, None]
    delta = ds4a["Delta"].values
    assert np.all(delta[T < 0.98 * tc] > 0)
    assert np.all(delta[T > 1.02 * tc] == 0)
    assert float(ds4a["Tc_over_Tc0"].sel(h_line=0.0)) == pytest.approx(1.0)


# ----------------------------------------------------------------------------- Fig. 4b
def test_fig4b_dos_tends_to_one(ds4b):
    n = ds4b["N"]
    assert float(np.abs(n.isel(eps=-1) - 1).max()) < TOL_DOS_TAIL
    assert float(ds4b["eps"].max()) == pytest.approx(8.0)
    normal = ds4b["Delta"].values == 0
    assert normal.any()  # h up to 6 passes the transition at T = 0.01 Tc0 (h_c ≈ 5.33)
    np.testing.assert_allclose(n.values[normal], 1.0, atol=1e-8)


def test_fig4b_grid_resolves_gamma(ds4b):
    a = ds4b.attrs
    assert a["Gamma"] == pytest.approx(0.01 * TC0) and a["T"] == pytest.approx(0.01 * TC0)
    step = np.diff(ds4b["eps"].values)
    assert step.max() <= a["Gamma"] / 2 * (1 + 1e-12)


def test_fig4b_delta_and_edges(ds4b):
    h = ds4b["h"].values
    delta = isc.order_parameter(0.01 * TC0, h, 4.0)
    np.testing.assert_allclose(ds4b["Delta"], delta, atol=1e-12)
    edges = isc.gap_edges(4.0, h, delta)
    sc = delta > 0
    for name, ref in zip(
        ["gap_ordinary", "gap_mirage_minus", "gap_mirage_plus"], edges, strict=True
    ):
        np.testing.assert_allclose(ds4b[name].values[sc], ref[sc])
        assert np.all(np.isnan(ds4b[name].values[~sc]))


@pytest.mark.parametrize("h", [1.0, 2.0, 3.0])
def test_fig4b_peaks_at_gap_edges(ds4b, h):
    # van Hove peaks at the ordinary and both mirage edges; half the states gapped between.
    row = ds4b.sel(h=h)
    e, n, gam = ds4b["eps"].values, row["N"].values, ds4b.attrs["Gamma"]

    def window(lo, hi):
        return n[(e >= lo) & (e <= hi)]

    o, dm, dp = (float(row[k]) for k in ("gap_ordinary", "gap_mirage_minus", "gap_mirage_plus"))
    assert window(o - 5 * gam, o + 5 * gam).max() > 2.0
    assert window(dm - 5 * gam, dm + gam).max() > 1.5
    assert window(dp - gam, dp + 5 * gam).max() > 1.5
    assert n[np.argmin(np.abs(e - (dm + dp) / 2))] == pytest.approx(0.5, abs=0.1)
    assert window(0, 0.5 * o).max() < 0.1


# ----------------------------------------------------------------------------- netCDF
def test_write_netcdf_roundtrip_and_refusal(tmp_path, ds3a):
    path = tmp_path / "sub" / "fig3a.nc"
    assert write_netcdf(ds3a, path) == path
    with xr.open_dataset(path, engine="h5netcdf") as back:
        xr.testing.assert_identical(back.load(), ds3a)
        assert back.attrs["isingsc_version"] == isc.__version__
    before = path.read_bytes()
    with pytest.raises(FileExistsError, match="overwrite"):
        write_netcdf(ds3a.isel(xi=slice(0, 10)), path)
    assert path.read_bytes() == before
    write_netcdf(ds3a.isel(xi=slice(0, 10)), path, overwrite=True)
    with xr.open_dataset(path, engine="h5netcdf") as back:
        assert back.sizes["xi"] == 10
    assert sorted(p.name for p in path.parent.iterdir()) == ["fig3a.nc"]  # no temp files


def test_write_netcdf_leaves_nothing_on_failure(tmp_path, ds3a):
    bad = ds3a.assign_attrs(unwritable={"a": 1})  # dict attributes are not netCDF
    with pytest.raises((TypeError, ValueError)):
        write_netcdf(bad, tmp_path / "bad.nc")
    assert list(tmp_path.iterdir()) == []
