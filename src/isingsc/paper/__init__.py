"""isingsc.paper: the paper's figures as data, and :func:`reproduce` to write them all.

One module per figure family, each returning labelled :class:`xarray.Dataset` objects
(pure: they compute, they neither draw nor write):

=================  ==========================================================
module             figures
=================  ==========================================================
``spectrum``       2b (Ising SOC β(θ)), 3a (Bogoliubov spectrum, ⟨S_z⟩)
``pumping``        3b (lasing mechanism, pumped state), 6 (pumped Re σ map)
``phase``          4a (Δ(T, h) and Tc(h))
``dos``            4b (N(ε, h) with the gap edges)
``optics``         5a–d (σ and χ spectra, dσ/dΩ and dχ/dΩ maps; one table)
=================  ==========================================================

:mod:`~isingsc.paper.registry` lists every figure with its caption and drawing;
:func:`reproduce` (:mod:`~isingsc.paper.reproduce`) writes data, PNG, PDF and a
manifest; :func:`state_report` (:mod:`~isingsc.paper.state`) gives the numbers that
``isingsc info`` prints. Energies are in units of Δ0 (k_B T included).
"""

from .dos import fig4b_data
from .optics import fig5a_data, fig5b_data, fig5c_data, fig5d_data, optics_data
from .phase import fig4a_data
from .pumping import fig3b_data, fig6_data
from .registry import FIGURES, FigureSpec
from .reproduce import reproduce
from .spectrum import fig2b_data, fig3a_data
from .state import StateReport, state_report

__all__ = [
    "FIGURES",
    "FigureSpec",
    "StateReport",
    "fig2b_data",
    "fig3a_data",
    "fig3b_data",
    "fig4a_data",
    "fig4b_data",
    "fig5a_data",
    "fig5b_data",
    "fig5c_data",
    "fig5d_data",
    "fig6_data",
    "optics_data",
    "reproduce",
    "state_report",
]
