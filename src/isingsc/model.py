"""The model object: one Ising superconductor, its Δ solved once, every observable a method.

:class:`IsingSuperconductor` sits on top of :mod:`isingsc.physics` and
:mod:`isingsc.pumping` (that is why it is not in :mod:`isingsc.core`, which those
packages import). Each method calls the plain public function of the same name with
this state's keywords, so the two APIs share one implementation and give identical
numbers::

    sc = IsingSuperconductor(beta=4.0, h=2.8, T=0.01 * TC0, Gamma=0.01 * TC0)
    sc.conductivity(Omega) == isingsc.conductivity(Omega, beta=4.0, h=2.8,
                                                   T=0.01 * TC0, Gamma=0.01 * TC0)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from .core.constants import TC0
from .core.errors import ParameterError
from .core.keywords import keyword_only
from .physics.dos import dos
from .physics.features import OpticalFeature, optical_features
from .physics.gap import GapSolution, equilibrium_state, solve_gap
from .physics.greens import keldysh_gf, matsubara_gf, retarded_gf
from .physics.phase import CriticalFields, critical_field, critical_temperature
from .physics.response import (
    conductivity,
    conductivity_derivative,
    raman,
    raman_derivative,
    superfluid_weight,
)
from .physics.spectrum import bogoliubov_branches, gap_edges, optical_gaps, spin_z
from .physics.tunnelling import tunnelling_conductance
from .pumping import PumpedState, lasing_map, pumped_conductivity, pumped_state

__all__ = ["IsingSuperconductor", "PumpedIsingSuperconductor"]

FloatArray = NDArray[np.float64]
ComplexArray = NDArray[np.complex128]


@dataclass(frozen=True, kw_only=True)
class IsingSuperconductor:
    """One Ising superconductor at fixed β, h, T, Γ (all in units of Δ0).

    Parameters
    ----------
    beta
        Ising spin–orbit coupling β of the K valley (K′ has −β), units of Δ0.
    h
        In-plane Zeeman energy h = g μ_B B/2 along x, units of Δ0.
    T
        Temperature k_B T ≥ 0, units of Δ0 (``0.01 * TC0`` is the paper's 0.01 Tc0).
    Gamma
        Dynes rate Γ > 0 of the real-energy quantities, units of Δ0 (default 0.01 Tc0).
    Delta
        Order parameter, units of Δ0. ``None`` (default): the stable self-consistent
        Δ(T, h), solved once when the object is made; afterwards ``Delta`` holds that
        number and :attr:`gap_solution` the solver's diagnostics.

    Notes
    -----
    The object is immutable; :meth:`replace` makes a new state. A self-consistent Δ is
    solved again for the new parameters unless ``Delta`` is given. Every method
    forwards its keyword options (``method=``, ``points_per_width=``,
    ``check_grid=``, …) to the plain function of the same name.

    Examples
    --------
    >>> from isingsc import IsingSuperconductor, TC0
    >>> sc = IsingSuperconductor(beta=4.0, h=2.8, T=0.01 * TC0)
    >>> round(sc.gap_edges()[0] / sc.Delta, 5)
    0.81923
    >>> sc.replace(h=0.0).Delta
    1.0
    """

    beta: float
    h: float = 0.0
    T: float = 0.0
    Gamma: float = 0.01 * TC0
    Delta: float | None = None
    _solution: GapSolution | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        b, hh, t, gam, _ = equilibrium_state(
            beta=self.beta, h=self.h, T=self.T, Gamma=self.Gamma, Delta=0.0
        )
        for name, value in (("beta", b), ("h", hh), ("T", t), ("Gamma", gam)):
            object.__setattr__(self, name, value)
        if self.Delta is None:
            sol = solve_gap(T=t, h=hh, beta=b)
            object.__setattr__(self, "_solution", sol)
            object.__setattr__(self, "Delta", float(sol.Delta))
            return
        _, _, _, _, delta = equilibrium_state(beta=b, h=hh, T=t, Gamma=gam, Delta=self.Delta)
        if delta > 10:
            raise ParameterError("Delta", self.Delta, "0 <= Delta <= 10 (units of Δ0)")
        object.__setattr__(self, "Delta", delta)

    # ------------------------------------------------------------------ state
    @property
    def self_consistent(self) -> bool:
        """True when Δ was solved for (not given)."""
        return self._solution is not None

    @property
    def gap_solution(self) -> GapSolution | None:
        """Every gap-equation solution with residuals and iteration counts (None if Δ given)."""
        return self._solution

    def replace(self, **changes: Any) -> IsingSuperconductor:
        """A new state with some parameters changed (Δ re-solved unless given or kept fixed).

        Parameters
        ----------
        **changes
            Any of ``beta``, ``h``, ``T``, ``Gamma``, ``Delta``. A self-consistent
            state stays self-consistent; a state with a given Δ keeps that Δ.
        """
        unknown = set(changes) - {"beta", "h", "T", "Gamma", "Delta"}
        if unknown:
            raise TypeError(
                f"replace() got unexpected parameter(s) {sorted(unknown)}; "
                "allowed: beta, h, T, Gamma, Delta"
            )
        if self.self_consistent and "Delta" not in changes:
            changes["Delta"] = None
        return dataclasses.replace(self, **changes)

    def _params(self) -> dict[str, float]:
        return {"beta": self.beta, "h": self.h, "T": self.T, "Gamma": self.Gamma}

    def _bhd(self) -> dict[str, float]:
        return {"beta": self.beta, "h": self.h, "Delta": float(self.Delta)}  # type: ignore[arg-type]

    # --------------------------------------------------------------- spectrum
    def bogoliubov_branches(self, xi: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """(E_upper, E_lower) at ξ (units of Δ0); see :func:`isingsc.bogoliubov_branches`."""
        return bogoliubov_branches(xi, **self._bhd())

    def spin_z(self, xi: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """⟨S_z⟩ of the two branches at ξ; see :func:`isingsc.spin_z`."""
        return spin_z(xi, **self._bhd())

    def gap_edges(self) -> tuple[float, float, float]:
        """(ordinary, mirage_minus, mirage_plus), units of Δ0; see :func:`isingsc.gap_edges`."""
        return tuple(float(x) for x in gap_edges(**self._bhd()))  # type: ignore[return-value]

    def optical_gaps(self) -> tuple[float, float, float]:
        """(Ω_I, Ω_II, Ω_III), units of Δ0; see :func:`isingsc.optical_gaps`."""
        return tuple(float(x) for x in optical_gaps(**self._bhd()))  # type: ignore[return-value]

    # -------------------------------------------------------- Green's functions
    def matsubara_gf(self, omega: ArrayLike) -> ComplexArray:
        """g(ω) at Matsubara frequencies ω (units of Δ0); see :func:`isingsc.matsubara_gf`."""
        return matsubara_gf(omega, **self._bhd())

    def retarded_gf(self, eps: ArrayLike) -> ComplexArray:
        """g^R(ε) with the Dynes rate Γ; see :func:`isingsc.retarded_gf`."""
        return retarded_gf(eps, **self._bhd(), Gamma=self.Gamma)

    def keldysh_gf(self, eps: ArrayLike) -> ComplexArray:
        """Equilibrium g^K(ε) at temperature T; see :func:`isingsc.keldysh_gf`."""
        return keldysh_gf(eps, **self._bhd(), Gamma=self.Gamma, T=self.T)

    # ------------------------------------------------------------ observables
    def dos(self, eps: ArrayLike, **options: Any) -> FloatArray:
        """N(ε)/N0 (normal state = 1); see :func:`isingsc.dos`."""
        return dos(eps, **self._bhd(), Gamma=self.Gamma, **options)

    def tunnelling_conductance(self, V: ArrayLike, **options: Any) -> FloatArray:
        """N–I–S G(V)/G_N at bias eV (Δ0); see :func:`isingsc.tunnelling_conductance`."""
        return tunnelling_conductance(V, **self._params(), Delta=self.Delta, **options)

    def conductivity(self, Omega: ArrayLike, **options: Any) -> ComplexArray:
        """σ(Ω)/σn = σ1 + iσ2 (e^{−iΩt}); see :func:`isingsc.conductivity`."""
        return conductivity(Omega, **self._params(), Delta=self.Delta, **options)

    def raman(self, Omega: ArrayLike, **options: Any) -> ComplexArray:
        """χ(Ω)/χn (= i in the normal state); see :func:`isingsc.raman`."""
        return raman(Omega, **self._params(), Delta=self.Delta, **options)

    def conductivity_derivative(self, Omega: ArrayLike, **options: Any) -> ComplexArray:
        """dσ/dΩ (per Δ0); see :func:`isingsc.conductivity_derivative`."""
        return conductivity_derivative(Omega, **self._params(), Delta=self.Delta, **options)

    def raman_derivative(self, Omega: ArrayLike, **options: Any) -> ComplexArray:
        """dχ/dΩ (per Δ0); see :func:`isingsc.raman_derivative`."""
        return raman_derivative(Omega, **self._params(), Delta=self.Delta, **options)

    def superfluid_weight(self) -> float:
        """Superfluid weight lim Ω σ2(Ω)/σn, units of Δ0; see :func:`isingsc.superfluid_weight`."""
        return superfluid_weight(**self._params(), Delta=self.Delta)

    def optical_features(
        self, quantity: str = "conductivity", **options: Any
    ) -> list[OpticalFeature]:
        """Peaks of d Re σ/dΩ or d Im χ/dΩ assigned to Ω_I, Ω_II, Ω_III.

        See :func:`isingsc.optical_features`.
        """
        return optical_features(quantity, **self._params(), Delta=self.Delta, **options)

    # ---------------------------------------------------------- phase diagram
    def critical_temperature(self) -> float:
        """Tc at this field and β (second-order line), units of Δ0."""
        return float(critical_temperature(h=self.h, beta=self.beta))

    def critical_field(self) -> CriticalFields:
        """Transition field(s) at this temperature and β; see :func:`isingsc.critical_field`."""
        return critical_field(T=self.T, beta=self.beta)

    # ---------------------------------------------------------------- pumping
    @keyword_only
    def pumped(self, *, Omega_m: ArrayLike, h_m: float) -> PumpedIsingSuperconductor:
        """This state driven by a magnon pump h_m cos(Ω_m t) along x (units of Δ0).

        ``Omega_m`` is one pump frequency (for the pumped σ and state) or an array of
        them (the pump axis of :meth:`PumpedIsingSuperconductor.lasing_map`).
        """
        return PumpedIsingSuperconductor(base=self, Omega_m=Omega_m, h_m=h_m)

    def _pump_params(self) -> dict[str, float]:
        return {
            "beta": self.beta,
            "T": self.T,
            "Gamma": self.Gamma,
            "Delta": float(self.Delta),  # type: ignore[arg-type]
            "h": self.h,
        }


@dataclass(frozen=True, kw_only=True)
class PumpedIsingSuperconductor:
    """An :class:`IsingSuperconductor` under the magnon pump h_m cos(Ω_m t) along x.

    Made by :meth:`IsingSuperconductor.pumped`. Δ is the equilibrium one of ``base``
    (the pump is weak: its effect on Δ is not included). Energies in units of Δ0;
    ``Omega_m`` is one pump frequency, or an array of them for :meth:`lasing_map`.
    """

    base: IsingSuperconductor
    Omega_m: ArrayLike
    h_m: float

    def conductivity(self, Omega_ph: ArrayLike, **options: Any) -> ComplexArray:
        """Time-averaged probe conductivity σ(Ω_ph)/σn; see :func:`isingsc.pumped_conductivity`."""
        return pumped_conductivity(
            Omega_ph, Omega_m=self.Omega_m, h_m=self.h_m, **self.base._pump_params(), **options
        )

    def lasing_map(self, Omega_ph: ArrayLike, **options: Any) -> xr.Dataset:
        """Re σ(Ω_ph, Ω_m) over the pump frequencies ``Omega_m`` with the gain region.

        See :func:`isingsc.lasing_map`.
        """
        return lasing_map(
            Omega_ph, Omega_m=self.Omega_m, h_m=self.h_m, **self.base._pump_params(), **options
        )

    def state(self, eps: ArrayLike, **options: Any) -> PumpedState:
        """Time-averaged DOS and occupation under the pump; see :func:`isingsc.pumped_state`."""
        return pumped_state(
            eps, Omega_m=self.Omega_m, h_m=self.h_m, **self.base._pump_params(), **options
        )


# dataclass(kw_only=True) already refuses positional parameters; this names the keywords
IsingSuperconductor.__init__ = keyword_only(IsingSuperconductor.__init__)  # type: ignore[method-assign]
PumpedIsingSuperconductor.__init__ = keyword_only(PumpedIsingSuperconductor.__init__)  # type: ignore[method-assign]
