"""isingsc: electronic and optical properties of two-dimensional Ising superconductors.

Units: every energy (β, h, Δ, ε, Ω, Γ and k_B T) is in units of Δ0, the BCS gap
at T = 0 and h = 0; ``TC0 = e^γ/π`` is the h = 0 critical temperature in these
units. See DESIGN.md (shipped with the sources) for the conventions.
"""

from .core.constants import TC0
from .core.errors import (
    ConvergenceError,
    ParameterError,
    ResolutionError,
    ResolutionWarning,
    UnitError,
)
from .io.provenance import package_version
from .materials import MATERIALS, Material, get_material
from .model import IsingSuperconductor
from .numerics.grids import uniform_energy_grid
from .paper import reproduce
from .physics.dos import dos
from .physics.experiment import raman_intensity, sheet_conductance, thin_film_transmission
from .physics.features import OpticalFeature, derivative_spectrum, optical_features
from .physics.gap import GapSolution, free_energy, gap_residual, order_parameter, solve_gap
from .physics.greens import (
    a9_components,
    advanced_gf,
    keldysh_gf,
    matsubara_gf,
    quasiclassical_gf,
    retarded_gf,
)
from .physics.phase import (
    CriticalFields,
    PhaseDiagram,
    critical_field,
    critical_temperature,
    phase_diagram,
    tricritical_point,
)
from .physics.response import (
    conductivity,
    conductivity_and_raman,
    conductivity_derivative,
    raman,
    raman_derivative,
    superfluid_weight,
)
from .physics.spectrum import bogoliubov_branches, gap_edges, hamiltonian, optical_gaps, spin_z
from .physics.tunnelling import tunnelling_conductance
from .pumping import PumpedState, lasing_map, pumped_conductivity, pumped_state
from .sweeps import open_sweep, sweep, sweep_from_spec
from .units import from_model, parse_quantity, to_model

__version__ = package_version()

__all__ = [
    "MATERIALS",
    "TC0",
    "ConvergenceError",
    "CriticalFields",
    "GapSolution",
    "IsingSuperconductor",
    "Material",
    "OpticalFeature",
    "ParameterError",
    "PhaseDiagram",
    "PumpedState",
    "ResolutionError",
    "ResolutionWarning",
    "UnitError",
    "__version__",
    "a9_components",
    "advanced_gf",
    "bogoliubov_branches",
    "conductivity",
    "conductivity_and_raman",
    "conductivity_derivative",
    "critical_field",
    "critical_temperature",
    "derivative_spectrum",
    "dos",
    "free_energy",
    "from_model",
    "gap_edges",
    "gap_residual",
    "get_material",
    "hamiltonian",
    "keldysh_gf",
    "lasing_map",
    "matsubara_gf",
    "open_sweep",
    "optical_features",
    "optical_gaps",
    "order_parameter",
    "parse_quantity",
    "phase_diagram",
    "pumped_conductivity",
    "pumped_state",
    "quasiclassical_gf",
    "raman",
    "raman_derivative",
    "raman_intensity",
    "reproduce",
    "retarded_gf",
    "sheet_conductance",
    "solve_gap",
    "spin_z",
    "superfluid_weight",
    "sweep",
    "sweep_from_spec",
    "thin_film_transmission",
    "to_model",
    "tricritical_point",
    "tunnelling_conductance",
    "uniform_energy_grid",
]
