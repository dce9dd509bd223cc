"""Energy grids chosen from the physical scales, and the check that a grid resolves them.

A spectral feature of the Dynes-broadened Green's function has width ~Γ and a
thermal factor has width ~T. A uniform grid with step larger than these scales
aliases the features (peaks are missed, sums are wrong); such grids are refused
with :class:`~isingsc.errors.ResolutionError`, which names the opt-out.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ResolutionError
from ..core.keywords import keyword_only
from ..core.validation import finite, positive

__all__ = ["POINTS_PER_WIDTH", "require_resolved", "uniform_energy_grid"]


@cache
def gauss_legendre_01(order: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Gauss–Legendre nodes and weights on [0, 1] (cached, read-only use)."""
    x, w = np.polynomial.legendre.leggauss(order)
    return (x + 1) / 2, w / 2


#: Points per Γ (or per T) that a uniform grid must have at least.
POINTS_PER_WIDTH = 1.0
#: Arrays shorter than this are treated as scattered evaluation points, not grids.
_MIN_GRID_POINTS = 16


@keyword_only
def require_resolved(
    eps: ArrayLike,
    *,
    Gamma: float,
    T: float | None = None,
    name: str = "eps",
    points_per_width: float = POINTS_PER_WIDTH,
) -> None:
    """Raise :class:`ResolutionError` if a sorted energy grid is too coarse for Γ (and T).

    Parameters
    ----------
    eps
        Energies (units of Δ0). Only 1-D monotonic arrays with ≥ 16 points are
        treated as grids; scattered points are not checked.
    Gamma
        Dynes rate, units of Δ0; the step must be ≤ Γ / points_per_width.
    T
        Temperature (units of Δ0) if the grid is used in thermal integrals:
        then also step ≤ T / points_per_width (T = 0 is not checked).
    name
        Parameter name used in the message.
    points_per_width
        Required number of points per Γ (or T).
    """
    e = np.asarray(eps, dtype=float)
    if e.ndim != 1 or e.size < _MIN_GRID_POINTS:
        return
    step = np.diff(e)
    if not (np.all(step > 0) or np.all(step < 0)):
        return
    largest = float(np.max(np.abs(step)))
    widths = {"Gamma": float(Gamma)}
    if T is not None and T > 0:
        widths["T"] = float(T)
    for label, width in widths.items():
        if largest > width / points_per_width * (1 + 1e-9):  # slack for linspace rounding
            raise ResolutionError(
                name,
                f"grid with step {largest:.3g}",
                f"step <= {label}/{points_per_width:g} = {width / points_per_width:.3g} "
                f"to resolve {label} (refine the grid, or pass check_grid=False)",
            )


@keyword_only
def uniform_energy_grid(
    emin: float, emax: float, *, Gamma: float, T: float | None = None, points_per_width: float = 4.0
) -> NDArray[np.float64]:
    """Uniform grid on [emin, emax] whose step resolves Γ (and T if given).

    Parameters
    ----------
    emin, emax
        Window, units of Δ0 (emax > emin).
    Gamma
        Dynes rate (> 0), units of Δ0.
    T
        Optional temperature, units of Δ0.
    points_per_width
        Points per min(Γ, T); default 4.

    Returns
    -------
    ndarray
        Step ≤ min(Γ, T)/points_per_width.
    """
    lo, hi = float(finite("emin", emin)), float(finite("emax", emax))
    width = float(positive("Gamma", Gamma))
    if T is not None and T > 0:
        width = min(width, float(T))
    if hi <= lo:
        raise ResolutionError("emax", hi, f"emax > emin = {lo}")
    n = int(np.ceil((hi - lo) * points_per_width / width)) + 1
    return np.linspace(lo, hi, n)
