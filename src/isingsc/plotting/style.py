"""Shared styling of the package's figures: new figures, footer, colour maps, grid checks.

Figures are :class:`matplotlib.figure.Figure` objects made here with their own Agg
canvas: no pyplot, no global state, no backend switch for the user's session, so
drawing works headless (and inside a GUI session without disturbing it).
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["DIVERGING_CMAP", "SPIN_CMAP", "add_footer", "is_uniform", "new_figure"]

#: Diverging colormap for ⟨S_z⟩: −1/2 red … +1/2 blue (paper Fig. 3a).
SPIN_CMAP = "RdBu"
#: Diverging colour map of signed data (0 white, positive red, negative blue).
DIVERGING_CMAP = "RdBu_r"


def new_figure(width: float = 5.6, height: float = 4.2) -> Figure:
    """A constrained-layout Figure (inches) on its own Agg canvas (PNG; PDF on save)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def add_footer(fig: Figure, ds: xr.Dataset) -> None:
    """The isingsc version that made the data, small and grey in the lower right corner."""
    fig.text(
        0.995,
        0.003,
        f"isingsc {ds.attrs.get('isingsc_version', '?')}",
        ha="right",
        va="bottom",
        fontsize=6,
        color="0.5",
    )


def is_uniform(x: np.ndarray) -> bool:
    """Strictly increasing with equal steps (to 1e-6 relative): drawable as an image."""
    if x.size < 3:
        return True
    dx = np.diff(x)
    return bool(np.all(dx > 0) and np.ptp(dx) <= 1e-6 * np.abs(dx).max())
