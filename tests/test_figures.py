"""Figures: one Figure per dataset, labelled axes; matplotlib stays in the plotting layer."""

import subprocess
import sys

import numpy as np
import pytest
from matplotlib.figure import Figure

from isingsc import paper
from isingsc.paper.common import shared_results
from isingsc.plotting import optics_figures, paper_figures
from isingsc.plotting.datasets import plot_dataset


@pytest.mark.parametrize("fid", ["fig3a", "fig4a", "fig4b"])
def test_figure_has_labelled_axes_and_colorbar(fid):
    ds = getattr(paper, f"{fid}_data")(quick=True)
    fig = getattr(paper_figures, fid)(ds)
    assert isinstance(fig, Figure)
    main, *others = fig.axes
    assert r"\Delta_0" in main.get_xlabel()  # units on both axes
    assert r"\Delta_0" in main.get_ylabel() or "T_{c0}" in main.get_ylabel()
    assert any(ax.get_ylabel() for ax in others)  # the colour bar carries its label
    assert main.get_title()


# Fig. 5 on small grids (the quick maps take ~10 s each; the drawing code is the same)
SMALL_MAP = {"h": np.linspace(-4.0, 4.0, 9), "Omega": np.linspace(0.02, 8.0, 240)}


@pytest.fixture(scope="module")
def fig5_data():
    with shared_results():  # 5b and 5d from one pass of the response engine
        return {
            "fig5a": paper.fig5a_data(quick=True),
            "fig5c": paper.fig5c_data(quick=True),
            "fig5b": paper.fig5b_data(**SMALL_MAP),
            "fig5d": paper.fig5d_data(**SMALL_MAP),
        }


@pytest.mark.parametrize("fid", ["fig5a", "fig5c"])
def test_fig5ac_spectra_panels(fig5_data, fid):
    ds = fig5_data[fid]
    fig = optics_figures.fig5(ds)
    assert isinstance(fig, Figure)
    main, zoom = fig.axes
    assert r"\Delta_0" in main.get_xlabel() and r"\Delta_0" in zoom.get_xlabel()
    assert main.get_ylabel() and main.get_title(loc="left")
    # the curves drawn are the data: Re and Im at each field
    ys = [
        line.get_ydata() for line in main.get_lines() if len(line.get_xdata()) == ds.sizes["Omega"]
    ]
    assert len(ys) == 2 * ds.sizes["h"]
    # optical gaps marked I, II, III above the main panel, at their frequencies
    marks = {t.get_text(): t.xy[0] for t in main.texts if t.get_text() in ("I", "II", "III")}
    assert set(marks) == {"I", "II", "III"}
    first = ds.isel(h=0)
    for label, var in (("I", "Omega_I"), ("II", "Omega_II"), ("III", "Omega_III")):
        assert marks[label] == pytest.approx(float(first[var]))
    # the zoom shows II and III
    lo, hi = zoom.get_xlim()
    assert lo < float(first["Omega_II"]) < float(first["Omega_III"]) < hi


@pytest.mark.parametrize("fid", ["fig5b", "fig5d"])
def test_fig5bd_map_with_gap_lines(fig5_data, fid):
    ds = fig5_data[fid]
    fig = optics_figures.fig5(ds)
    main, cbar = fig.axes
    assert "h" in main.get_xlabel() and r"\Delta_0" in main.get_xlabel()
    assert r"\Omega" in main.get_ylabel() and cbar.get_ylabel()
    img = main.get_images()[0]
    vmin, vmax = img.norm.vmin, img.norm.vmax
    assert vmin == pytest.approx(-vmax) and vmax > 0  # symmetric colour scale
    # clipped: it saturates on the strong Ω_I edge
    assert np.nanmax(np.abs(ds[next(iter(ds.data_vars))].values)) > vmax
    # the three optical-gap lines, solid black, drawn at Ω_I(h), Ω_II(h), Ω_III(h)
    black = [
        line for line in main.get_lines() if line.get_color() == "k" and line.get_linestyle() == "-"
    ]
    assert len(black) == 3
    for line, var in zip(black, ("Omega_I", "Omega_II", "Omega_III"), strict=True):
        np.testing.assert_allclose(line.get_ydata(), ds[var].values)


def test_only_the_plotting_layer_imports_matplotlib():
    code = (
        "import sys, isingsc, isingsc.paper, isingsc.paper.reproduce, isingsc.cli; "
        "import isingsc.cli as c; c.main(['--version']); "
        "isingsc.paper.fig3a_data(quick=True); c.main(['reproduce', '--list']); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_fig5_spectra_mark_the_peaks_of_the_right_part(fig5_data):
    # σ: peaks of d Re σ/dΩ on Re σ; χ: peaks of d Im χ/dΩ on Im χ
    for fid, part in (("fig5a", "sigma1"), ("fig5c", "chi_im")):
        ds = fig5_data[fid]
        main = optics_figures.fig5(ds).axes[0]
        (marks,) = [line for line in main.get_lines() if line.get_marker() == "v"]
        feat = ds["feature_Omega"].isel(h=0).values
        np.testing.assert_allclose(marks.get_xdata(), feat[np.isfinite(feat)])
        expected = np.interp(marks.get_xdata(), ds["Omega"].values, ds[part].isel(h=0).values)
        np.testing.assert_allclose(marks.get_ydata(), expected)


def test_figures_have_their_own_agg_canvas():
    # no pyplot and no global backend switch: each figure carries an Agg canvas
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    backend = matplotlib.get_backend()
    fig = paper_figures.fig2b(paper.fig2b_data())
    assert isinstance(fig.canvas, FigureCanvasAgg)
    assert matplotlib.get_backend() == backend


def test_plot_dataset_draws_a_labelled_curve():
    import xarray as xr

    ds = xr.Dataset({"y": ("x", np.arange(5.0), {"units": "1"})}, coords={"x": np.arange(5.0)})
    assert isinstance(plot_dataset(ds), Figure)
