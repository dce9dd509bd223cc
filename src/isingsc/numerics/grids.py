"""Energy grids chosen from the physical scales, and the check that sampled points resolve them.

A spectral feature of the Dynes-broadened Green's function has width ~Γ and a
thermal factor has width ~T. Two cases differ:

* **Sampling.** Values that are exact at each point (N(ε), σ(Ω), χ(Ω), G(V)) are
  never wrong, however sparse the points; a sorted grid coarser than the feature
  width only draws a curve that can miss features. :func:`check_sampling` then
  warns (:class:`~isingsc.core.errors.ResolutionWarning`, naming the step and the scale).
* **Quadrature or differencing.** Where the user's grid itself enters a sum or a
  finite difference, a coarse grid gives wrong numbers: ``check_sampling(...,
  strict=True)`` raises :class:`~isingsc.core.errors.ResolutionError`.

Both name the opt-out ``check_grid=False`` of the calling function.
"""

from __future__ import annotations

import os
import sys
import warnings
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError, ResolutionError, ResolutionWarning
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive

__all__ = [
    "MIN_GRID_POINTS",
    "POINTS_PER_WIDTH",
    "check_sampling",
    "gauss_legendre_01",
    "uniform_energy_grid",
]

#: The package directory: warnings are attributed to the first caller outside it.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


@cache
def gauss_legendre_01(order: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Gauss–Legendre nodes and weights on [0, 1].

    Parameters
    ----------
    order
        Number of nodes; the rule is exact for polynomials of degree ≤ 2·order − 1.

    Returns
    -------
    x, w : ndarray
        Nodes in (0, 1) and weights summing to 1 (cached: do not modify).
    """
    x, w = np.polynomial.legendre.leggauss(order)
    return (x + 1) / 2, w / 2


#: Points per feature width (Γ, T, …) that a sorted grid must have at least.
POINTS_PER_WIDTH = 1.0
#: Arrays shorter than this are treated as scattered evaluation points, not grids.
MIN_GRID_POINTS = 16


def _external_stacklevel() -> int:
    """``stacklevel`` for :func:`warnings.warn` called in the caller's frame that
    points at the first frame outside the package (the user's call)."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


@keyword_only
def check_sampling(
    x: ArrayLike,
    *,
    scale: float,
    scale_name: str = "Gamma",
    name: str = "eps",
    points_per_width: float = POINTS_PER_WIDTH,
    strict: bool = False,
) -> None:
    """Warn (or raise) if a sorted grid is too coarse for a feature width.

    Parameters
    ----------
    x
        Points (energies or frequencies, units of Δ0). Only 1-D strictly monotonic
        arrays with at least :data:`MIN_GRID_POINTS` points are treated as grids;
        scattered points are not checked.
    scale
        Narrowest feature width the grid should resolve, units of Δ0 (e.g. Γ); the
        largest step must be ≤ scale / points_per_width.
    scale_name
        How the scale is named in the message, e.g. ``"Gamma"`` or
        ``"max(Gamma, T, broadening)"``.
    name
        Name of the user's parameter holding the grid (for the message).
    points_per_width
        Required number of points per ``scale``.
    strict
        False (sampling of values exact at each point): issue a
        :class:`~isingsc.core.errors.ResolutionWarning`. True (the grid is itself a
        quadrature or differencing grid): raise
        :class:`~isingsc.core.errors.ResolutionError`.

    Notes
    -----
    A relative slack of 1e-9 absorbs the rounding of ``linspace`` steps.
    """
    e = np.asarray(x, dtype=float)
    if e.ndim != 1 or e.size < MIN_GRID_POINTS:
        return
    step = np.diff(e)
    if not (np.all(step > 0) or np.all(step < 0)):
        return
    largest = float(np.max(np.abs(step)))
    limit = float(scale) / points_per_width
    if largest <= limit * (1 + 1e-9):
        return
    if strict:
        raise ResolutionError(
            name,
            f"grid with step {largest:.3g}",
            f"step <= {scale_name}/{points_per_width:g} = {limit:.3g} to resolve "
            f"{scale_name} (refine the grid, or pass check_grid=False)",
        )
    bound = scale_name if points_per_width == 1 else f"{scale_name}/{points_per_width:g}"
    warnings.warn(
        f"{name!r} is a sorted grid with step {largest:.3g} > {bound} = {limit:.3g}: every "
        "value is exact at its point, but a curve through these samples can miss features "
        f"of width ~{scale_name} (refine the grid to step <= {limit:.3g}, or pass "
        "check_grid=False to silence this warning)",
        ResolutionWarning,
        stacklevel=_external_stacklevel(),
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
    if T is not None:
        t = float(nonnegative("T", T))
        if t > 0:
            width = min(width, t)
    if hi <= lo:
        raise ParameterError("emax", hi, f"emax > emin = {lo}")
    n = int(np.ceil((hi - lo) * points_per_width / width)) + 1
    return np.linspace(lo, hi, n)
