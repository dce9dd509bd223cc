"""What the figure-data modules of :mod:`isingsc.paper` share.

* :func:`figure_attrs`: the global attributes of every figure Dataset, built by
  :func:`isingsc.io.provenance` (version, units, Tc0, the method actually used, every
  parameter) plus the figure id, its title and the source;
* :func:`stable_gap` and :func:`gap_attrs`: the self-consistent Δ of a set of states
  with its diagnostics and the solver settings that produced it;
* :func:`shared_results` and :func:`computed_once`: a computation that two figures
  need (the response maps of Figs. 5b and 5d) is done once inside a
  :func:`shared_results` block, as :func:`isingsc.paper.reproduce` does.

Energies are in units of Δ0 (:data:`ENERGY`), temperatures are energies k_B T in Δ0.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..io.provenance import ENERGY_UNIT, netcdf_attr, provenance
from ..physics.gap import DELTA_MAX, solve_gap

__all__ = [
    "ENERGY",
    "GAP_METHOD",
    "SOURCE",
    "StableGap",
    "computed_once",
    "energy_attrs",
    "figure_attrs",
    "gap_attrs",
    "gap_variables",
    "shared_results",
    "stable_gap",
]

#: The unit string of every energy-like coordinate and variable.
ENERGY = ENERGY_UNIT
#: The ``source`` attribute of every figure Dataset.
SOURCE = (
    "isingsc: M. Silaev, 'Multiple optical gaps and laser with magnonic pumping in 2D Ising "
    "superconductors' (figures recomputed, errata corrected)"
)
#: How the stable self-consistent Δ is found (the ``gap_method`` attribute).
GAP_METHOD = (
    "isingsc.solve_gap (= isingsc.order_parameter with diagnostics): R/Delta scanned on "
    f"49 points in (0, {DELTA_MAX}], sign changes refined by Chandrupatla's method; the "
    "stable solution is the global free-energy minimum (0 = normal state); T = 0 exact "
    "(Matsubara sum replaced by its frequency integral)"
)

R = TypeVar("R")


def energy_attrs(long_name: str) -> dict[str, str]:
    """Variable attributes of an energy in units of Δ0."""
    return {"units": ENERGY, "long_name": long_name}


def figure_attrs(figure: str, title: str, *, method: str, **parameters: Any) -> dict[str, Any]:
    """Global attributes of a figure Dataset.

    Parameters
    ----------
    figure
        Figure id (``"fig5b"``).
    title
        One-line description of the data.
    method
        The public function(s) and numerical method actually used.
    **parameters
        Every physical parameter and setting (units of Δ0 unless the name says so).

    Returns
    -------
    dict
        :func:`isingsc.io.provenance` attributes plus ``figure``, ``title``, ``source``.
    """
    return provenance(method=method, figure=figure, title=title, source=SOURCE, **parameters)


@dataclass(frozen=True)
class StableGap:
    """The stable self-consistent Δ on a set of states, with its diagnostics.

    Attributes
    ----------
    Delta
        Stable order parameter (units of Δ0; 0 in the normal state).
    residual
        abs(R(Δ)) of the gap equation at that solution (0 in the normal state).
    converged
        1 where the root refinement met its tolerance, else 0.
    free_energy
        Free energy Ω_s − Ω_n of the stable solution (units of N0 Δ0²).
    """

    Delta: NDArray[np.float64]
    residual: NDArray[np.float64]
    converged: NDArray[np.int8]
    free_energy: NDArray[np.float64]


def stable_gap(*, T: ArrayLike, h: ArrayLike, beta: float) -> StableGap:
    """:func:`isingsc.solve_gap` on broadcast (T, h), reduced to the stable solution."""
    sol = solve_gap(T=T, h=h, beta=beta)
    delta = np.asarray(sol.Delta, float)
    # The stable Δ is one of the solutions, bit for bit.
    match = (sol.solutions == sol.Delta[..., None]) & (sol.Delta[..., None] > 0)
    resid = np.where(match, np.nan_to_num(sol.residual, nan=0.0), 0.0).max(axis=-1)
    return StableGap(
        Delta=delta,
        residual=resid,
        converged=sol.converged.astype(np.int8),
        free_energy=np.asarray(sol.free_energy, float),
    )


def gap_attrs(gap: StableGap) -> dict[str, Any]:
    """Attributes describing how Δ was solved: method, solver settings, diagnostics."""
    params = inspect.signature(solve_gap).parameters.values()
    settings = {
        f"gap_solver_{p.name}": netcdf_attr(p.default)
        for p in params
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is not inspect.Parameter.empty
    }
    return {
        "gap_method": GAP_METHOD,
        **settings,
        "gap_all_converged": bool(np.all(gap.converged == 1)),
        "gap_max_residual": float(np.max(gap.residual)) if gap.residual.size else 0.0,
    }


def gap_variables(dim: str, gap: StableGap) -> dict[str, Any]:
    """Data variables ``Delta``, ``gap_residual``, ``converged`` over dimension ``dim``."""
    return {
        "Delta": ((dim,), gap.Delta, energy_attrs("order parameter Delta(T, h)")),
        "gap_residual": ((dim,), gap.residual, energy_attrs("|R(Delta)| of the gap equation")),
        "converged": (
            (dim,),
            gap.converged,
            {"units": "1", "long_name": "root refinement converged"},
        ),
    }


_SHARED: ContextVar[dict[Hashable, Any] | None] = ContextVar("isingsc_paper_shared", default=None)


@contextmanager
def shared_results() -> Iterator[None]:
    """Within this block, :func:`computed_once` computes each key only once.

    Outside such a block every call computes afresh (nothing is kept in memory
    between unrelated calls). :func:`isingsc.paper.reproduce` runs all figures in one
    block, so Figs. 5b and 5d share one pass of the response engine.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def computed_once(key: Hashable, compute: Callable[[], R]) -> R:
    """``compute()``, or its earlier result for the same ``key`` inside :func:`shared_results`.

    ``key`` must contain every input of ``compute`` (parameters and grids, e.g. as
    bytes of the arrays): equal keys must mean equal results.
    """
    store = _SHARED.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]
