"""Figure datasets (isingsc.paper): contents against the public API and independent routes,
the errata they show, the shared 5b/5d computation, and netCDF I/O."""

import numpy as np
import pytest
import xarray as xr

import isingsc as isc
from isingsc import TC0
from isingsc.io import write_netcdf
from isingsc.numerics.algebra import TS
from isingsc.paper import (
    fig2b_data,
    fig3a_data,
    fig3b_data,
    fig4a_data,
    fig4b_data,
    fig5a_data,
    fig5b_data,
    fig5c_data,
    fig5d_data,
    fig6_data,
    optics_data,
)
from isingsc.paper.common import shared_results
from isingsc.physics import errata

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
    ordinary, m_minus, m_plus = isc.gap_edges(beta=3.0, h=2.0, Delta=1.0)
    assert a["gap_ordinary"] == pytest.approx(float(ordinary), abs=1e-15)
    assert a["gap_mirage_minus"] == pytest.approx(float(m_minus), abs=1e-15)
    assert a["gap_mirage_plus"] == pytest.approx(float(m_plus), abs=1e-15)
    np.testing.assert_allclose(
        [a["Omega_I"], a["Omega_II"], a["Omega_III"]], isc.optical_gaps(beta=3.0, h=2.0, Delta=1.0)
    )
    # corrected Δβ/√(β²+h²) = 3/√13, not the paper's Δ√(1 − h²/β²) = √5/3
    assert a["gap_ordinary"] == pytest.approx(3 / np.sqrt(13), abs=1e-14)
    assert a["paper_ordinary_gap_erratum"] == pytest.approx(np.sqrt(5) / 3, abs=1e-14)
    assert a["isingsc_version"] == isc.__version__


def test_fig3a_branches_and_minimum(ds3a):
    xi = ds3a["xi"].values
    e_up, e_lo = isc.bogoliubov_branches(xi, beta=3.0, h=2.0, Delta=1.0)
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
    w, v = np.linalg.eigh(
        isc.hamiltonian(xi, beta=3.0, h=2.0, Delta=1.0)
    )  # ascending: −E_up, −E_lo, ...
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
    ref = isc.order_parameter(T=T[:, None], h=h[None, :], beta=4.0)
    np.testing.assert_allclose(ds4a["Delta"].sel(T=T, h=h), ref, atol=1e-12)


def test_fig4a_superconducting_exactly_below_tc_line(ds4a):
    # β = 4 has no tricritical point: Δ > 0 iff T < Tc(h) (second-order line).
    assert np.isnan(ds4a.attrs["tricritical_T"])
    tc = isc.critical_temperature(h=ds4a["h"].values, beta=4.0)
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
    delta = isc.order_parameter(T=0.01 * TC0, h=h, beta=4.0)
    np.testing.assert_allclose(ds4b["Delta"], delta, atol=1e-12)
    edges = isc.gap_edges(beta=4.0, h=h, Delta=delta)
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


# ----------------------------------------------------------------------------- Fig. 5
T5 = GAMMA5 = 0.01 * TC0
MAP_VAR = {"fig5b": "dRe_sigma_dOmega", "fig5d": "dIm_chi_dOmega"}
# II and III peaks of the derivative spectra sit within ~2Γ of their gaps (linear in Γ,
# test_features.py); the σ onset peak at Ω_I lies above Ω_I by O(√(ΓΩ_I)).
TOL_II_III = 3 * GAMMA5


def _tol_I(quantity, omega_I, step):
    if quantity == "fig5b":
        return 2 * np.sqrt(GAMMA5 * omega_I / 2) + step
    return 3 * GAMMA5 + step


@pytest.fixture(scope="module")
def ds5a():
    return fig5a_data(quick=True)


@pytest.fixture(scope="module")
def ds5c():
    return fig5c_data(quick=True)


@pytest.fixture(scope="module")
def maps():
    with shared_results():  # one pass of the response engine for both maps
        return {"fig5b": fig5b_data(quick=True), "fig5d": fig5d_data(quick=True)}


def test_fig5a_spectra_match_the_api(ds5a):
    a = ds5a.attrs
    assert (a["beta"], a["T"], a["Gamma"]) == (4.0, T5, GAMMA5)
    assert "not state" in a["Gamma_note"]
    np.testing.assert_array_equal(ds5a["h"], [2.8, -2.8])
    delta = isc.order_parameter(T=T5, h=2.8, beta=4.0)
    np.testing.assert_allclose(ds5a["Delta"], delta, atol=1e-12)
    om = ds5a["Omega"].values
    assert np.diff(om).max() <= GAMMA5 * (1 + 1e-9)  # quick: step ≤ Γ
    sub = om[::97]  # scattered points: no grid check
    ref = isc.conductivity(sub, beta=4.0, h=2.8, T=T5, Gamma=GAMMA5, Delta=delta)
    np.testing.assert_allclose(ds5a["sigma1"].sel(h=2.8).values[::97], ref.real, atol=1e-9)
    np.testing.assert_allclose(ds5a["sigma2"].sel(h=2.8).values[::97], ref.imag, atol=1e-9)
    # even in h
    np.testing.assert_allclose(
        ds5a["sigma1"].sel(h=-2.8), ds5a["sigma1"].sel(h=2.8), rtol=0, atol=1e-8
    )
    # inductive superconductor, dissipation only above the gap, σ → σn at high Ω
    s1, s2 = ds5a["sigma1"].sel(h=2.8).values, ds5a["sigma2"].sel(h=2.8).values
    assert np.all(s2[om < 4] > 0)
    assert s1[om < 0.25].max() < 0.05
    assert abs(s1[-1] - 1) < 0.05 and abs(s2[-1]) < 0.05


@pytest.mark.parametrize("name", ["ds5a", "ds5c"])
def test_fig5ac_features_sit_at_the_corrected_gaps(name, request):
    ds = request.getfixturevalue(name)
    delta = float(ds["Delta"].sel(h=2.8))
    gaps = isc.optical_gaps(beta=4.0, h=2.8, Delta=delta)
    for var, ref in zip(("Omega_I", "Omega_II", "Omega_III"), gaps, strict=True):
        np.testing.assert_allclose(ds[var], ref, rtol=1e-14)
    step = float(np.diff(ds["Omega"].values).max())
    fid = "fig5b" if name == "ds5a" else "fig5d"
    for hv in (2.8, -2.8):
        feat = ds["feature_Omega"].sel(h=hv).values
        assert np.all(np.isfinite(feat))  # all three found at both fields
        assert abs(feat[0] - gaps[0]) <= _tol_I(fid, gaps[0], step)
        assert np.all(np.abs(feat[1:] - np.asarray(gaps[1:])) <= TOL_II_III + step)
        # and not at the paper's ordinary gap Δ√(1 − h²/β²)
        paper = float(ds["Omega_I_paper_erratum"].sel(h=hv))
        assert abs(feat[0] - gaps[0]) < abs(feat[0] - paper)


def test_fig5c_raman_is_positive_and_tends_to_normal(ds5c):
    om = ds5c["Omega"].values
    chi_im = ds5c["chi_im"].values
    assert np.all(chi_im > 0)  # Im χ > 0 for Ω > 0
    np.testing.assert_allclose(ds5c["chi_im"].isel(Omega=-1), 1.0, atol=0.05)
    np.testing.assert_allclose(ds5c["chi_re"].isel(Omega=-1), 0.0, atol=0.05)
    np.testing.assert_allclose(chi_im[0], chi_im[1], atol=1e-8)  # even in h
    ref = isc.raman(om[::101], beta=4.0, h=2.8, T=T5, Gamma=GAMMA5, Delta=float(ds5c["Delta"][0]))
    np.testing.assert_allclose(ds5c["chi_im"].values[0, ::101], ref.imag, atol=1e-9)


@pytest.mark.parametrize("fn", [fig5a_data, fig5c_data])
def test_fig5ac_normal_above_tc(fn):
    # above Tc(h) (and above the critical field at low T) Δ = 0: exactly the normal
    # state σ/σn = 1, χ/χn = i, no optical gaps and no features
    h = 2.8
    T = 1.05 * float(isc.critical_temperature(h=h, beta=4.0))
    ds = fn(T=T, h=[h, 6.0], quick=True)
    np.testing.assert_array_equal(ds["Delta"], 0.0)
    if fn is fig5a_data:
        re, im = ds["sigma1"].values, ds["sigma2"].values
        np.testing.assert_allclose(re, 1.0, atol=1e-9)
        np.testing.assert_allclose(im, 0.0, atol=1e-9)
    else:
        re, im = ds["chi_re"].values, ds["chi_im"].values
        np.testing.assert_allclose(re, 0.0, atol=1e-9)
        np.testing.assert_allclose(im, 1.0, atol=1e-9)
    for var in ("Omega_I", "Omega_II", "Omega_III", "feature_Omega"):
        assert np.all(np.isnan(ds[var].values))


def test_fig5a_sigma_approaches_normal_as_T_nears_tc():
    # σ/σn → 1 continuously as T → Tc(h) from below (second-order line at β = 4)
    h = 2.8
    tc = float(isc.critical_temperature(h=h, beta=4.0))
    om = np.linspace(0.1, 3.0, 600)
    dev = []
    for ratio in (0.97, 0.99, 0.999):
        ds = fig5a_data(T=ratio * tc, h=[h], Omega=om)
        assert float(ds["Delta"][0]) > 0
        sigma = ds["sigma1"].values[0] + 1j * ds["sigma2"].values[0]
        dev.append(float(np.abs(sigma - 1).max()))
    assert dev[0] > dev[1] > dev[2]
    assert dev[2] < 0.05  # Δ ≈ 0.02 Δ0 at 0.999 Tc


@pytest.mark.parametrize("fid", ["fig5b", "fig5d"])
def test_fig5bd_map_grid_and_api(maps, fid):
    ds = maps[fid]
    var = MAP_VAR[fid]
    assert ds[var].dims == ("h", "Omega") and ds[var].shape == (41, 400)
    assert float(ds["h"].min()) == -4.0 and float(ds["h"].max()) == 4.0
    assert float(ds["Omega"].max()) == pytest.approx(8.0)
    a = ds.attrs
    assert a["Gamma"] == pytest.approx(GAMMA5) and a["T"] == pytest.approx(T5)
    assert a["check_grid"] == 0 and "Gamma" in a["check_grid_reason"]
    h = ds["h"].values
    np.testing.assert_allclose(ds["Delta"], isc.order_parameter(T=T5, h=h, beta=4.0), atol=1e-12)
    for var_gap, ref in zip(
        ("Omega_I", "Omega_II", "Omega_III"),
        isc.optical_gaps(beta=4.0, h=h, Delta=ds["Delta"].values),
        strict=True,
    ):
        np.testing.assert_allclose(ds[var_gap], ref, rtol=1e-14)
    # rows equal the public derivative spectrum at scattered Ω (to the ~1e-9 relative
    # accuracy of the FFT engine: its energy window depends on the largest Ω requested)
    quantity = "conductivity" if fid == "fig5b" else "raman"
    om = ds["Omega"].values[[3, 77, 150, 241, 333]]
    for k in (4, 20, 33):
        ref = isc.derivative_spectrum(
            quantity, om, beta=4.0, h=h[k], T=T5, Gamma=GAMMA5, Delta=float(ds["Delta"][k])
        )
        got = ds[var].isel(h=k).sel(Omega=om).values
        np.testing.assert_allclose(got, ref, rtol=0, atol=1e-8 * np.abs(ds[var]).max())


@pytest.mark.parametrize("fid", ["fig5b", "fig5d"])
def test_fig5bd_map_is_even_in_h(maps, fid):
    ds = maps[fid]
    z = ds[MAP_VAR[fid]].values
    np.testing.assert_array_equal(ds["h"].values, -ds["h"].values[::-1])
    np.testing.assert_allclose(z[::-1], z, rtol=0, atol=1e-7 * np.abs(z).max())
    np.testing.assert_allclose(ds["peak_Omega"].values[::-1], ds["peak_Omega"].values)


@pytest.mark.parametrize("fid", ["fig5b", "fig5d"])
@pytest.mark.parametrize("h", [-3.0, -1.0, 1.0, 2.0, 3.0])
def test_fig5bd_peaks_follow_the_corrected_gap_lines(maps, fid, h):
    ds = maps[fid].sel(h=h)
    om = maps[fid]["Omega"].values
    step = float(om[1] - om[0])
    y = ds[MAP_VAR[fid]].values
    gaps = [float(ds[v]) for v in ("Omega_I", "Omega_II", "Omega_III")]
    peaks = ds["peak_Omega"].values
    assert np.all(np.isfinite(peaks))
    assert abs(peaks[0] - gaps[0]) <= _tol_I(fid, gaps[0], step)
    assert np.all(np.abs(peaks[1:] - gaps[1:]) <= TOL_II_III + step)
    # a real maximum: above the row on both sides of the gap, 0.15 Δ0 away
    for p, g in zip(peaks, gaps, strict=True):
        value = y[np.argmin(np.abs(om - p))]
        side = y[np.argmin(np.abs(om - (g - 0.15)))], y[np.argmin(np.abs(om - (g + 0.15)))]
        assert value > max(side)
    # the Ω_I peak follows 2Δβ/√(β²+h²), not the paper's 2Δ√(1 − h²/β²)
    paper = float(ds["Omega_I_paper_erratum"])
    assert abs(peaks[0] - gaps[0]) < abs(peaks[0] - paper)


def test_fig5bd_no_mirage_features_at_zero_field(maps):
    # at h = 0 every quasiclassical observable is BCS's (DESIGN.md §2): only Ω_I = 2Δ
    for fid in MAP_VAR:
        ds = maps[fid].sel(h=0.0)
        assert float(ds["Delta"]) == pytest.approx(1.0, abs=1e-6)
        assert float(ds["Omega_I"]) == pytest.approx(2.0, abs=1e-6)
        assert np.all(np.isnan(ds["peak_Omega"].values[1:]))


@pytest.mark.parametrize("fn", [fig5b_data, fig5d_data])
def test_fig5bd_normal_state_rows_vanish(fn):
    # beyond the critical field (h_c ≈ 5.33 at 0.01 Tc0) σ = σn, χ = iχn: zero derivative
    ds = fn(h=[5.8, 6.0], Omega=np.linspace(0.05, 8.0, 120))
    np.testing.assert_array_equal(ds["Delta"], 0.0)
    var = "dRe_sigma_dOmega" if fn is fig5b_data else "dIm_chi_dOmega"
    np.testing.assert_allclose(ds[var], 0.0, atol=1e-8)
    assert np.all(np.isnan(ds["Omega_I"])) and np.all(np.isnan(ds["peak_Omega"]))


def test_fig5b_progress_and_workers(capsys):
    kw = {"h": [-2.0, 0.5, 2.0], "Omega": np.linspace(0.05, 8.0, 64)}
    one = fig5b_data(workers=1, progress=True, **kw)
    err = capsys.readouterr().err
    assert "fig5b" in err and "/3 [" in err and "field" in err  # the bar, over the fields
    two = fig5b_data(workers=2, **kw)
    assert capsys.readouterr().err == ""  # progress=False (default): silent
    xr.testing.assert_identical(one.drop_attrs(), two.drop_attrs())
    with pytest.raises(isc.ParameterError, match="workers"):
        fig5b_data(workers=0, **kw)


def test_fig5_map_netcdf_roundtrip(tmp_path, maps):
    path = write_netcdf(maps["fig5d"], tmp_path / "fig5d.nc")
    with xr.open_dataset(path, engine="h5netcdf") as back:
        xr.testing.assert_identical(back.load(), maps["fig5d"])


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


def test_fig6_pumping_map_small():
    """A 3 × 6 corner of Fig. 6: lasing (Re σ < 0) just above the pair threshold in both
    methods, and second order overestimating the Floquet result at the paper's h_m."""
    ds = fig6_data(Omega_m=[8.0, 8.6, 9.6], Omega_ph=np.linspace(0.05, 0.5, 6), quick=True)
    assert ds.attrs["pair_threshold"] == pytest.approx(2 * np.sqrt(16 + 1), rel=1e-12)
    fl = ds["sigma_re_floquet"].sel(Omega_m=8.6).values
    pt = ds["sigma_re_perturbative"].sel(Omega_m=8.6).values
    assert fl.min() < 0 and pt.min() < 0
    assert np.abs(pt).max() > 2 * np.abs(fl).max()
    assert np.isnan(ds.attrs["floquet_truncation_change"])  # quick: N = 1, not checked
    assert ds.attrs["floquet_harmonics"] == 1
    np.testing.assert_array_equal(ds["gain_floquet"], -ds["sigma_re_floquet"])


def test_fig2b_soc_is_odd_and_piecewise_constant():
    ds = fig2b_data(beta=4.0)
    theta, b = ds["theta"].values, ds["beta_soc"].values
    assert set(np.unique(b)) <= {-4.0, 0.0, 4.0}  # 0 only on the sector borders
    half = (theta.size - 1) // 2  # theta[half] = π: a shift by π is a roll by half
    assert theta[half] == pytest.approx(np.pi, rel=1e-15)
    shifted = np.roll(b[:-1], -half)
    inside = np.abs(np.cos(3 * theta[:-1])) > 1e-6  # away from the sector borders
    np.testing.assert_array_equal(shifted[inside], -b[:-1][inside])
    assert list(ds["pocket_valley"].values) == ["K", "K'"] * 3


def test_fig3b_pair_resonance_and_population_inversion():
    """The pump resonance satisfies E↑ + E↓ = Ω_m; the pumped occupation at the lower
    hot spot exceeds the one at the gap edge (inversion), which no Fermi function does."""
    ds = fig3b_data(quick=True)
    a = ds.attrs
    assert a["E_down_resonance"] + a["E_up_resonance"] == pytest.approx(a["Omega_m"], rel=1e-12)
    assert a["pair_threshold"] == pytest.approx(2 * np.sqrt(16 + a["Delta"] ** 2), rel=1e-12)
    eps, f = ds["eps"].values, ds["occupation"].values
    edge = eps[np.argmax(ds["dos"].values)]  # the coherence peak at ε ≈ Δ
    f_edge = f[np.argmin(np.abs(eps - edge - 0.05))]
    f_hot = f[np.argmin(np.abs(eps - a["E_down_resonance"]))]
    assert f_hot > 10 * f_edge
    with pytest.raises(isc.ParameterError, match="Omega_m"):
        fig3b_data(Omega_m=8.0)  # below the pair threshold 8.246


# ----------------------------------------------------------------- Fig. 5: one table
def test_optics_figures_are_one_function():
    # fig5X_data is optics_data("fig5X"), with the same keyword-only signature
    import inspect

    for fid, fn in {"fig5a": fig5a_data, "fig5b": fig5b_data, "fig5c": fig5c_data}.items():
        assert fn.__name__ == f"{fid}_data"
        params = inspect.signature(fn).parameters
        assert all(p.kind is p.KEYWORD_ONLY for p in params.values())
        assert {"beta", "T", "Gamma", "h", "Omega", "quick", "progress", "workers"} == set(params)
    with pytest.raises(TypeError, match="keyword"):
        fig5b_data(4.0)
    with pytest.raises(isc.ParameterError, match="figure"):
        optics_data("fig5e")


def test_fig5bd_maps_share_one_engine_pass(monkeypatch):
    """Inside shared_results the σ and χ maps come from one conductivity_and_raman call
    per field, and each file keeps its own numbers, equal to the public derivatives."""
    from isingsc.paper import optics

    calls = []
    engine = optics.conductivity_and_raman

    def counted(*args, **kwargs):
        calls.append(kwargs["h"])
        return engine(*args, **kwargs)

    monkeypatch.setattr(optics, "conductivity_and_raman", counted)
    kw = {"h": [-1.0, 2.0], "Omega": np.linspace(0.05, 8.0, 80)}
    with shared_results():
        b, d = fig5b_data(**kw), fig5d_data(**kw)
    assert calls == [-1.0, 2.0]
    fig5b_data(**kw)  # outside a shared block: computed afresh
    assert len(calls) == 4
    om = kw["Omega"]
    for k, hv in enumerate(kw["h"]):
        state = {"beta": 4.0, "h": hv, "T": T5, "Gamma": GAMMA5, "Delta": float(b["Delta"][k])}
        sigma = isc.conductivity_derivative(om, check_grid=False, **state).real
        chi = isc.raman_derivative(om, check_grid=False, **state).imag
        np.testing.assert_allclose(b["dRe_sigma_dOmega"][k], sigma, rtol=1e-12, atol=0)
        np.testing.assert_allclose(d["dIm_chi_dOmega"][k], chi, rtol=1e-12, atol=0)


def test_map_peaks_use_the_one_peak_rule(maps):
    # the map rows' peaks are isingsc.physics.features.assign_peaks with a window
    from isingsc.physics.features import assign_peaks

    ds = maps["fig5d"]
    om = ds["Omega"].values
    for hv in (-3.0, 1.0, 2.0):
        row = ds.sel(h=hv)
        gaps = [float(row[v]) for v in ("Omega_I", "Omega_II", "Omega_III")]
        found = assign_peaks(
            om,
            values=row["dIm_chi_dOmega"].values,
            gaps=gaps,
            Gamma=GAMMA5,
            window=3.0,
            refine=False,
        )
        got = {f.label: f.omega for f in found if f.label}
        np.testing.assert_array_equal(
            row["peak_Omega"].values, [got.get(k, np.nan) for k in ("I", "II", "III")]
        )


# ----------------------------------------------------------------------- provenance
@pytest.mark.parametrize(
    ("T", "method"), [(0.01 * TC0, "fft"), (0.0, "quad")], ids=["T>0: fft", "T=0: quad"]
)
def test_fig5a_records_the_method_actually_used(T, method):
    ds = fig5a_data(T=T, h=[2.8], Omega=np.arange(1.0, 2.5, 0.005))  # step < Gamma
    assert ds.attrs["response_method"] == method
    assert f"method={method!r}" in ds.attrs["method"]
    ref = isc.conductivity(
        ds["Omega"].values,
        beta=4.0,
        h=2.8,
        T=T,
        Gamma=GAMMA5,
        Delta=float(ds["Delta"][0]),
        method=method,
    )
    np.testing.assert_array_equal(ds["sigma1"].values[0], ref.real)


def test_every_figure_has_the_provenance_record(ds3a, ds4a, ds4b, ds5a, maps):
    from isingsc.io import provenance

    keys = set(provenance(method="x"))
    for ds in (fig2b_data(), ds3a, ds4a, ds4b, ds5a, *maps.values()):
        assert keys <= set(ds.attrs), ds.attrs["figure"]
        assert ds.attrs["isingsc_version"] == isc.__version__
        assert ds.attrs["method"] and ds.attrs["title"] and ds.attrs["source"]


# ------------------------------------------------------------------------- errata
def test_errata_shown_in_the_data_come_from_one_place(ds3a, ds5a, maps):
    a = ds3a.attrs
    paper = errata.paper_ordinary_gap(beta=3.0, h=2.0, Delta=1.0)
    assert a["paper_ordinary_gap_erratum"] == paper == a["paper_ordinary_gap_position_erratum"]
    for ds in (ds5a, maps["fig5b"]):
        h, delta = ds["h"].values, ds["Delta"].values
        ref = 2 * errata.paper_ordinary_gap(beta=4.0, h=h, Delta=delta)
        np.testing.assert_array_equal(ds["Omega_I_paper_erratum"], np.where(delta > 0, ref, np.nan))


def test_errata_functions():
    # DESIGN.md §2: β = 4, h = 2.8, Δ = 1: the paper's 0.71414 against the correct 0.81923
    assert errata.paper_ordinary_gap(beta=4.0, h=2.8, Delta=1.0) == pytest.approx(
        np.sqrt(1 - 0.7**2), rel=1e-15
    )
    assert float(isc.gap_edges(beta=4.0, h=2.8, Delta=1.0)[0]) == pytest.approx(0.81923, abs=1e-5)
    # no real value beyond |h| = |β| (the paper's "gapless" claim), nor at β = 0
    got = errata.paper_ordinary_gap(beta=4.0, h=np.array([-4.0, 4.5, 0.0]), Delta=1.0)
    np.testing.assert_array_equal(got, [0.0, np.nan, 1.0])
    assert np.isnan(errata.paper_ordinary_gap(beta=0.0, h=0.0, Delta=1.0))
    # pair threshold: 2√(β² + Δ²) = min(E↑ + E↓) at h = 0, not the paper's 2β
    xi = np.linspace(-6, 6, 120001)
    branches = np.sqrt((np.abs(xi) + 4) ** 2 + 1) + np.sqrt((np.abs(xi) - 4) ** 2 + 1)
    assert errata.pair_threshold(beta=4.0, Delta=1.0) == pytest.approx(branches.min(), rel=1e-12)
    assert errata.paper_pair_threshold(beta=-4.0) == 8.0
    with pytest.raises(isc.ParameterError, match="Delta"):
        errata.pair_threshold(beta=4.0, Delta=-1.0)


def test_pumping_figures_show_the_pair_threshold_erratum():
    ds = fig3b_data(quick=True)
    assert ds.attrs["pair_threshold"] == errata.pair_threshold(beta=4.0, Delta=ds.attrs["Delta"])
    assert ds.attrs["paper_pair_threshold_erratum"] == 8.0
