"""The paper's figures: for each figure id, its data function, its drawing and its caption.

:data:`FIGURES` is the one list of reproducible figures; :func:`isingsc.paper.reproduce`,
``isingsc reproduce`` and the documentation gallery (``docs/update_gallery.py``) read it.

Adding a figure: write ``figNN_data`` (keyword-only parameters, a labelled Dataset with
:func:`isingsc.paper.common.figure_attrs`) in the module of its family here in
:mod:`isingsc.paper`, the drawing ``figNN(ds) -> Figure`` in
:mod:`isingsc.plotting.paper_figures`, and one :class:`FigureSpec` entry below.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import xarray as xr

__all__ = ["FIGURES", "FigureSpec", "resolve"]


def resolve(target: str | Callable[..., Any]) -> Callable[..., Any]:
    """A callable, or the one named ``"package.module:function"`` (imported now)."""
    if callable(target):
        return target
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class FigureSpec:
    """One reproducible figure: how to compute its data and how to draw it.

    Attributes
    ----------
    data
        ``"module:function"`` (or a callable) returning an :class:`xarray.Dataset`;
        called as ``data(quick=bool)``, plus ``progress=`` if it takes a ``progress``
        argument.
    plot
        ``"module:function"`` (or a callable) taking that Dataset and returning a
        :class:`matplotlib.figure.Figure`. A name is imported only when the figure is
        drawn, so computing data never imports matplotlib (the drawing lives in
        :mod:`isingsc.plotting`, the layer above this one).
    caption
        One-paragraph caption (written to ``manifest.json`` and the gallery).
    """

    data: str | Callable[..., xr.Dataset]
    plot: str | Callable[..., Any]
    caption: str

    def compute(self, *, quick: bool = False, progress: bool | None = False) -> xr.Dataset:
        """The figure's Dataset (``progress`` is passed on only where it is accepted)."""
        fn = resolve(self.data)
        try:
            takes_progress = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):  # builtins, some C callables
            takes_progress = False
        return fn(quick=quick, progress=progress) if takes_progress else fn(quick=quick)

    def draw(self, ds: xr.Dataset) -> Any:
        """The figure (a matplotlib Figure) drawn from its Dataset."""
        return resolve(self.plot)(ds)


_DATA = "isingsc.paper"
_PLOT = "isingsc.plotting.paper_figures"

#: figure id → FigureSpec, in the order of ``reproduce``.
FIGURES: dict[str, FigureSpec] = {
    "fig2b": FigureSpec(
        data=f"{_DATA}.spectrum:fig2b_data",
        plot=f"{_PLOT}:fig2b",
        caption=(
            "Fig. 2b. The model's piecewise-constant Ising spin-orbit coupling "
            "beta(theta_Gamma) = beta sgn cos(3 theta_Gamma), beta = 4 Delta0: +beta on the "
            "three K pockets, -beta on the three K' pockets, odd under k -> -k as time "
            "reversal requires. Observables are K-pocket averages; K' gives the same."
        ),
    ),
    "fig3a": FigureSpec(
        data=f"{_DATA}.spectrum:fig3a_data",
        plot=f"{_PLOT}:fig3a",
        caption=(
            "Fig. 3a. Bogoliubov spectrum of the Ising superconductor (K valley) for "
            "beta = 3, h = 2, Delta = 1 (units of Delta0), coloured by the spin projection "
            "<S_z> from +1/2 (blue) to -1/2 (red). Dashed arrows I, II, III: pair-breaking "
            "transitions between the van Hove points, at the optical gaps Omega_I = "
            "2 Delta_ord, Omega_II = Delta_ord + Delta_-, Omega_III = Delta_ord + Delta_+. "
            "The ordinary gap is the corrected Delta*beta/sqrt(beta^2 + h^2), not the "
            "paper's Delta*sqrt(1 - h^2/beta^2)."
        ),
    ),
    "fig3b": FigureSpec(
        data=f"{_DATA}.pumping:fig3b_data",
        plot=f"{_PLOT}:fig3b",
        caption=(
            "Fig. 3b. Lasing mechanism at h = 0, beta = 4 Delta0, T = Gamma = 0.01 Tc0: "
            "(a) the magnon pump h_m cos(Omega_m t) x, Omega_m = 8.4 Delta0, creates "
            "quasiparticle pairs (black arrows) where E_up + E_down = Omega_m, above the "
            "threshold 2 sqrt(beta^2 + Delta^2) (not 2 beta); (b) the time-averaged DOS and "
            "(c) the occupation f(eps) of the pumped state (Floquet-Keldysh, "
            "h_m = sqrt(Gamma Tc0)): hot spots (pink) at the pair energies, with f rising "
            "with energy above the gap edge: population inversion."
        ),
    ),
    "fig4a": FigureSpec(
        data=f"{_DATA}.phase:fig4a_data",
        plot=f"{_PLOT}:fig4a",
        caption=(
            "Fig. 4a. Stable self-consistent order parameter Delta(T, h)/Delta0 for beta = "
            "4 Delta0 over the in-plane Zeeman energy h/Delta0 and T/Tc0, with the "
            "critical temperature Tc(h) of the digamma law (red line); the dashed line is "
            "the Chandrasekhar-Clogston limit Delta0/sqrt(2) of an ordinary superconductor."
        ),
    ),
    "fig4b": FigureSpec(
        data=f"{_DATA}.dos:fig4b_data",
        plot=f"{_PLOT}:fig4b",
        caption=(
            "Fig. 4b. Density of states N(eps, h)/N0 at T = 0.01 Tc0 for beta = 4 Delta0 "
            "with Dynes rate Gamma = 0.01 Tc0 and the self-consistent Delta(T, h) "
            "(logarithmic, clipped colour scale). Markers: the ordinary gap edge "
            "Delta_ord and the mirage-gap edges Delta_-, Delta_+ at which the DOS peaks."
        ),
    ),
    "fig5a": FigureSpec(
        data=f"{_DATA}.optics:fig5a_data",
        plot="isingsc.plotting.optics_figures:fig5",
        caption=(
            "Fig. 5a. Optical conductivity sigma/sigma_n = sigma1 + i sigma2 (time dependence "
            "exp(-i Omega t), normal state = 1) versus Omega/Delta0 at h = +2.8 and -2.8 "
            "Delta0 (identical: the response is even in h) for beta = 4 Delta0, T = 0.01 Tc0, "
            "Dynes rate Gamma = 0.01 Tc0 (the paper does not state its Gamma) and the "
            "self-consistent Delta(T, h). Dotted lines: the optical gaps Omega_I = "
            "2 Delta_ord, Omega_II = Delta_ord + Delta_-, Omega_III = Delta_ord + Delta_+ "
            "with the corrected ordinary gap Delta_ord = Delta*beta/sqrt(beta^2 + h^2) (not "
            "the paper's Delta*sqrt(1 - h^2/beta^2)); triangles: the peaks of d Re sigma/"
            "d Omega. Right: zoom on the II and III features."
        ),
    ),
    "fig5b": FigureSpec(
        data=f"{_DATA}.optics:fig5b_data",
        plot="isingsc.plotting.optics_figures:fig5",
        caption=(
            "Fig. 5b. Frequency derivative d Re sigma/d Omega (sigma_n/Delta0; symmetric "
            "colour scale clipped at the upper quartile of the II/III peak heights) over "
            "the Zeeman energy h/Delta0 and Omega/Delta0, for beta = 4 Delta0, T = 0.01 Tc0, "
            "Gamma = 0.01 Tc0 and the self-consistent Delta(T, h). Black solid lines: the optical "
            "gaps Omega_I(h), Omega_II(h), Omega_III(h), with Omega_I = 2 Delta_ord from the "
            "corrected ordinary gap Delta*beta/sqrt(beta^2 + h^2); dotted: the paper's "
            "erroneous Omega_I = 2 Delta sqrt(1 - h^2/beta^2); green dashed (h < 0 only): "
            "the derivative peaks assigned to each gap; grey dashed: the cuts h = +-2.8 of "
            "Fig. 5a."
        ),
    ),
    "fig5c": FigureSpec(
        data=f"{_DATA}.optics:fig5c_data",
        plot="isingsc.plotting.optics_figures:fig5",
        caption=(
            "Fig. 5c. Raman susceptibility chi/chi_n (density vertex; normal state = i, "
            "Im chi > 0 the Raman intensity) versus Omega/Delta0 at h = +2.8 and -2.8 Delta0 "
            "for beta = 4 Delta0, T = 0.01 Tc0, Dynes rate Gamma = 0.01 Tc0 (not stated in "
            "the paper) and the self-consistent Delta(T, h). Dotted lines: the optical gaps "
            "I, II, III with Omega_I = 2 Delta_ord from the corrected ordinary gap "
            "Delta*beta/sqrt(beta^2 + h^2); triangles: the peaks of d Im chi/d Omega. "
            "Right: zoom on the II and III features."
        ),
    ),
    "fig5d": FigureSpec(
        data=f"{_DATA}.optics:fig5d_data",
        plot="isingsc.plotting.optics_figures:fig5",
        caption=(
            "Fig. 5d. Frequency derivative d Im chi/d Omega of the Raman susceptibility "
            "(chi_n/Delta0; symmetric colour scale clipped at the upper quartile of the II/III "
            "peak heights, so the Omega_I peak, ~20x stronger, saturates) over "
            "h/Delta0 and Omega/Delta0, for beta = 4 Delta0, T = 0.01 Tc0, Gamma = 0.01 Tc0 "
            "and the self-consistent Delta(T, h). Black solid lines: the optical gaps "
            "Omega_I(h), Omega_II(h), Omega_III(h) with the corrected ordinary gap "
            "Delta*beta/sqrt(beta^2 + h^2) in Omega_I = 2 Delta_ord; dotted: the paper's "
            "erroneous Omega_I; green dashed (h < 0 only): the derivative peaks; grey dashed: "
            "the cuts h = +-2.8 of Fig. 5c."
        ),
    ),
    "fig6": FigureSpec(
        data=f"{_DATA}.pumping:fig6_data",
        plot=f"{_PLOT}:fig6",
        caption=(
            "Fig. 6. Re sigma(Omega_ph, Omega_m)/sigma_n of the Ising superconductor pumped by "
            "h(t) = h_m cos(Omega_m t) along x, h_m = sqrt(Gamma Tc0), beta = 4 Delta0, "
            "T = Gamma = 0.01 Tc0, equilibrium Delta. (a) second order in h_m as in the "
            "paper, but with the cross terms its Eq. C9 omits; (b) non-perturbative Floquet "
            "(harmonic truncation chosen automatically, N = 1; its N = 2 change, < 4e-3, is in "
            "the data attrs). Re sigma < 0 (blue) is gain (lasing); black: Re sigma = 0. At the "
            "paper's h_m = 10 Gamma second order overestimates the effect several-fold (the "
            "strongest gain of each method is in the data attrs). Dotted: the pair threshold "
            "2 sqrt(beta^2 + Delta^2), not 2 beta."
        ),
    ),
}
