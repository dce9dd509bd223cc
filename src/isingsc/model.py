"""Validated, immutable parameters of an Ising superconductor, with convenience methods."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .core.constants import TC0
from .core.errors import ParameterError
from .core.validation import finite, nonnegative, positive
from .physics.dos import dos
from .physics.gap import GapSolution, solve_gap
from .physics.spectrum import gap_edges, optical_gaps

__all__ = ["IsingSuperconductor"]


@dataclass(frozen=True, kw_only=True)
class IsingSuperconductor:
    """One Ising superconductor at fixed β, h, T, Γ (all in units of Δ0).

    Parameters
    ----------
    beta
        Ising spin-orbit coupling β (K valley; K' has −β).
    h
        In-plane Zeeman energy μ_B B along x.
    T
        Temperature k_B T ≥ 0 (``0.01 * TC0`` is the paper's 0.01 Tc0).
    Gamma
        Dynes rate Γ > 0 for real-energy quantities (default 0.01 Tc0).
    Delta
        Order parameter; ``None`` (default) means the stable self-consistent Δ(T, h).

    Examples
    --------
    >>> from isingsc import IsingSuperconductor, TC0
    >>> sc = IsingSuperconductor(beta=4.0, h=2.8, T=0.01 * TC0)
    >>> round(sc.gap_edges()[0], 4) == round(0.81923 * sc.Delta, 4)
    True
    """

    beta: float
    h: float = 0.0
    T: float = 0.0
    Gamma: float = 0.01 * TC0
    Delta: float | None = None
    _solution: GapSolution | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.validate()
        if self.Delta is None:
            sol = solve_gap(T=self.T, h=self.h, beta=self.beta)
            object.__setattr__(self, "_solution", sol)
            object.__setattr__(self, "Delta", float(sol.Delta))

    def validate(self) -> None:
        """Raise :class:`~isingsc.errors.ParameterError` for any invalid field."""
        finite("beta", self.beta)
        finite("h", self.h)
        nonnegative("T", self.T)
        positive("Gamma", self.Gamma)
        if self.Delta is not None:
            nonnegative("Delta", self.Delta)
            if float(self.Delta) > 10:
                raise ParameterError("Delta", self.Delta, "0 <= Delta <= 10 (units of Δ0)")

    @property
    def delta(self) -> float:
        """The order parameter used (self-consistent unless given), units of Δ0."""
        return float(self.Delta)  # type: ignore[arg-type]

    @property
    def gap_solution(self) -> GapSolution | None:
        """All gap-equation solutions (only when Δ was solved for)."""
        return self._solution

    def gap_edges(self) -> tuple[float, float, float]:
        """(ordinary, mirage_minus, mirage_plus), units of Δ0."""
        return tuple(float(x) for x in gap_edges(beta=self.beta, h=self.h, Delta=self.delta))  # type: ignore[return-value]

    def optical_gaps(self) -> tuple[float, float, float]:
        """(Ω_I, Ω_II, Ω_III), units of Δ0."""
        return tuple(float(x) for x in optical_gaps(beta=self.beta, h=self.h, Delta=self.delta))  # type: ignore[return-value]

    def dos(self, eps: ArrayLike, **kwargs) -> NDArray[np.float64]:
        """N(ε)/N0 at this state; see :func:`isingsc.dos`."""
        return dos(eps, beta=self.beta, h=self.h, Delta=self.delta, Gamma=self.Gamma, **kwargs)
