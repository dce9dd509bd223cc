"""isingsc.pumping: the superconductor under a magnon pump h(t) = h + h_m cos(Ω_m t).

Modules, lowest first: :mod:`~isingsc.pumping.blocks` (Keldysh block algebra and
eigen-decompositions), :mod:`~isingsc.pumping.correlation` (energy blocks and the FFT
correlation of Keldysh traces), :mod:`~isingsc.pumping.floquet` (non-perturbative
Floquet–Keldysh), :mod:`~isingsc.pumping.perturbative` (second order in h_m),
:mod:`~isingsc.pumping.truncation` (Floquet truncation search),
:mod:`~isingsc.pumping.conductivity` (the time-averaged probe conductivity),
:mod:`~isingsc.pumping.state` (pumped DOS and occupation) and
:mod:`~isingsc.pumping.lasing` (maps over pump and photon frequency).
"""

from .conductivity import pumped_conductivity, pumped_kernel
from .lasing import lasing_map
from .state import PumpedState, pumped_state
from .truncation import truncation_search

__all__ = [
    "PumpedState",
    "lasing_map",
    "pumped_conductivity",
    "pumped_kernel",
    "pumped_state",
    "truncation_search",
]
