"""Figures: one Figure per dataset, labelled axes; matplotlib stays in the plotting layer."""

import subprocess
import sys

import pytest
from matplotlib.figure import Figure

from isingsc import datasets, figures


@pytest.mark.parametrize("fid", ["fig3a", "fig4a", "fig4b"])
def test_figure_has_labelled_axes_and_colorbar(fid):
    ds = getattr(datasets, f"{fid}_data")(quick=True)
    fig = getattr(figures, fid)(ds)
    assert isinstance(fig, Figure)
    main, *others = fig.axes
    assert r"\Delta_0" in main.get_xlabel()  # units on both axes
    assert r"\Delta_0" in main.get_ylabel() or "T_{c0}" in main.get_ylabel()
    assert any(ax.get_ylabel() for ax in others)  # the colour bar carries its label
    assert main.get_title()


def test_only_the_plotting_layer_imports_matplotlib():
    code = (
        "import sys, isingsc, isingsc.datasets, isingsc.cli; "
        "import isingsc.cli as c; c.main(['--version']); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "False"
