"""The sweepable quantities: every public observable, its outputs and its spectral axis.

A :class:`Quantity` wraps one public function of :mod:`isingsc` and names its output
variables (:class:`Output`); :data:`QUANTITIES` maps the function's name to it. To make
a new observable sweepable, add one entry to :data:`QUANTITIES` (and its energy
parameters to :data:`ENERGY_PARAMETERS` if they are new).

Functions are called the way every public function is meant to be called: the one
spectral argument (ξ, ε, Ω, V, Ω_ph) positionally, every model parameter and option
by keyword. The spectral argument is read off the signature (the function's one
positional parameter), which :func:`inspect.signature` finds through the
:func:`~isingsc.core.keywords.keyword_only` wrapper.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..core.errors import ParameterError
from ..io.provenance import ENERGY_UNIT
from ..physics.dos import dos
from ..physics.gap import free_energy, gap_residual, order_parameter
from ..physics.phase import critical_field, critical_temperature, tricritical_point
from ..physics.response import (
    conductivity,
    conductivity_derivative,
    raman,
    raman_derivative,
    superfluid_weight,
)
from ..physics.spectrum import bogoliubov_branches, gap_edges, optical_gaps, spin_z
from ..physics.tunnelling import tunnelling_conductance
from ..pumping import pumped_conductivity

__all__ = ["ENERGY_PARAMETERS", "QUANTITIES", "Output", "Quantity", "SweepPointError"]

#: The energy parameters of the public functions (units of Δ0), with a description.
#: Only these accept units and can be swept; other parameters are options.
ENERGY_PARAMETERS: dict[str, str] = {
    "beta": "Ising spin-orbit coupling beta",
    "h": "in-plane Zeeman energy h",
    "T": "temperature k_B T",
    "Delta": "order parameter Delta",
    "Gamma": "Dynes relaxation rate Gamma",
    "eps": "quasiparticle energy epsilon",
    "xi": "normal-state energy xi",
    "Omega": "frequency hbar*Omega",
    "Omega_ph": "photon frequency hbar*Omega_ph",
    "Omega_m": "pump (magnon) frequency hbar*Omega_m",
    "h_m": "pump amplitude h_m",
    "V": "bias voltage eV",
    "broadening": "tip broadening",
}

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


class SweepPointError(ParameterError):
    """The quantity rejected a parameter at one grid point (named in the message)."""


@dataclass(frozen=True)
class Output:
    """One output variable of a quantity.

    Attributes
    ----------
    name
        Variable name in the Dataset.
    units
        Its unit (``"Delta0"``, ``"sigma_n"``, …).
    long_name
        Description.
    source
        Where it is in the function's result: None (the result itself), a tuple
        index, or a dataclass field name.
    """

    name: str
    units: str
    long_name: str
    source: int | str | None = None

    def pick(self, result: Any) -> Any:
        """This output's part of ``result``."""
        if self.source is None:
            return result
        if isinstance(self.source, int):
            return result[self.source]
        return getattr(result, self.source)


@dataclass(frozen=True)
class Quantity:
    """A sweepable public function of isingsc.

    Attributes
    ----------
    function
        The public function: at most one positional (spectral) parameter, every
        other parameter keyword-only.
    outputs
        Its output variables.

    Raises
    ------
    TypeError
        If ``function`` has more than one positional parameter, or one that is not
        an energy (:data:`ENERGY_PARAMETERS`).
    """

    function: Callable[..., Any]
    outputs: tuple[Output, ...]

    def __post_init__(self) -> None:
        positional = [p.name for p in self.parameters.values() if p.kind in _POSITIONAL]
        if len(positional) > 1 or not set(positional) <= set(ENERGY_PARAMETERS):
            raise TypeError(
                f"{self.name}: a sweepable function takes at most one positional (spectral) "
                f"energy argument, the rest keyword-only; it has positional {positional}"
            )

    @property
    def name(self) -> str:
        """The function's name (the key of :data:`QUANTITIES`)."""
        return self.function.__name__

    @cached_property
    def parameters(self) -> Mapping[str, inspect.Parameter]:
        """The function's parameters, from its signature (through ``__wrapped__``)."""
        return inspect.signature(self.function).parameters

    @cached_property
    def spectral(self) -> str | None:
        """The spectral (vectorised) parameter, or None.

        It is the function's one positional parameter (ε of ``dos``, Ω of
        ``conductivity``, …). Swept values of it are passed as one array per call
        and become the last dimension of the outputs.
        """
        return next((p.name for p in self.parameters.values() if p.kind in _POSITIONAL), None)

    def evaluate(self, kwargs: Mapping[str, Any]) -> dict[str, NDArray[Any]]:
        """Call the function once; each output reshaped to the spectral argument's shape.

        Parameters
        ----------
        kwargs
            Every argument by name; the spectral one (if present) is passed
            positionally, the others by keyword.

        Raises
        ------
        SweepPointError
            If the function raises :class:`~isingsc.ParameterError`; the message
            gives the scalar arguments of the call.
        """
        keywords = dict(kwargs)
        args = (keywords.pop(self.spectral),) if self.spectral in keywords else ()
        shape = np.shape(args[0]) if args else ()
        try:
            result = self.function(*args, **keywords)
        except ParameterError as exc:
            point = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if np.ndim(v) == 0)
            raise SweepPointError(
                exc.name, exc.value, f"{exc.allowed} (at {self.name}({point}))"
            ) from None
        return {o.name: np.reshape(np.asarray(o.pick(result)), shape) for o in self.outputs}


def _outputs(units: str, *names_long: tuple[str, str, int | str | None]) -> tuple[Output, ...]:
    return tuple(Output(name, units, long, source) for name, long, source in names_long)


_SIGMA, _CHI = "sigma_n", "chi_n"  # normal-state conductivity, Raman susceptibility

#: name → :class:`Quantity`: every public observable that can be swept.
QUANTITIES: dict[str, Quantity] = {
    q.name: q
    for q in (
        Quantity(
            order_parameter,
            _outputs(ENERGY_UNIT, ("Delta", "stable self-consistent order parameter", None)),
        ),
        Quantity(
            critical_temperature,
            _outputs(
                ENERGY_UNIT, ("Tc", "critical temperature k_B Tc(h), second-order line", None)
            ),
        ),
        Quantity(
            critical_field,
            _outputs(
                ENERGY_UNIT,
                ("h_second_order", "field where the normal state becomes unstable", "second_order"),
                ("h_first_order", "first-order transition field (NaN: none)", "first_order"),
                ("h_transition", "thermodynamic transition field", "transition"),
            ),
        ),
        Quantity(
            tricritical_point,
            _outputs(
                ENERGY_UNIT,
                ("T_tcp", "tricritical temperature k_B T", 0),
                ("h_tcp", "tricritical field", 1),
            ),
        ),
        Quantity(
            gap_edges,
            _outputs(
                ENERGY_UNIT,
                ("gap_ordinary", "ordinary gap edge Delta_ord", 0),
                ("gap_mirage_minus", "mirage gap edge Delta_-", 1),
                ("gap_mirage_plus", "mirage gap edge Delta_+", 2),
            ),
        ),
        Quantity(
            optical_gaps,
            _outputs(
                ENERGY_UNIT,
                ("Omega_I", "optical gap I = 2 Delta_ord", 0),
                ("Omega_II", "optical gap II = Delta_ord + Delta_-", 1),
                ("Omega_III", "optical gap III = Delta_ord + Delta_+", 2),
            ),
        ),
        Quantity(
            bogoliubov_branches,
            _outputs(
                ENERGY_UNIT,
                ("E_upper", "upper Bogoliubov branch", 0),
                ("E_lower", "lower Bogoliubov branch", 1),
            ),
        ),
        Quantity(
            spin_z,
            _outputs(
                "hbar",
                ("Sz_upper", "spin projection <S_z>, upper branch", 0),
                ("Sz_lower", "spin projection <S_z>, lower branch", 1),
            ),
        ),
        Quantity(dos, _outputs("N0", ("N", "density of states N(eps)", None))),
        Quantity(
            free_energy,
            _outputs("N0*Delta0^2", ("F", "free energy Omega_s(Delta) - Omega_n", None)),
        ),
        Quantity(gap_residual, _outputs(ENERGY_UNIT, ("R", "residual of the gap equation", None))),
        Quantity(conductivity, _outputs(_SIGMA, ("sigma", "conductivity sigma", None))),
        Quantity(raman, _outputs(_CHI, ("chi", "Raman susceptibility chi", None))),
        Quantity(
            conductivity_derivative,
            _outputs(f"{_SIGMA}/Delta0", ("dsigma_dOmega", "d sigma/d Omega", None)),
        ),
        Quantity(
            raman_derivative,
            _outputs(f"{_CHI}/Delta0", ("dchi_dOmega", "d chi/d Omega", None)),
        ),
        Quantity(
            superfluid_weight,
            _outputs(
                f"{_SIGMA}*Delta0",
                ("D_s", "superfluid weight lim Omega sigma_2(Omega)", None),
            ),
        ),
        Quantity(
            tunnelling_conductance,
            _outputs("G_N", ("G", "N-I-S differential conductance G(V)", None)),
        ),
        Quantity(
            pumped_conductivity,
            _outputs(_SIGMA, ("sigma", "time-averaged conductivity sigma under pumping", None)),
        ),
    )
}
