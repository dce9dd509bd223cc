"""Input validation shared by all public functions.

Each helper converts its argument to a float array (or float) and raises
:class:`~isingsc.errors.ParameterError` naming the parameter when the value is
NaN, infinite or outside the allowed range. Nothing downstream has to deal with
bad input, and nothing returns a silent NaN.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import ParameterError

__all__ = ["finite", "finite_complex", "nonnegative", "positive"]


def _describe(x: NDArray[np.generic]) -> object:
    """Short description of an offending value (the value for scalars)."""
    if x.size == 1:
        return x.item()
    bad = x[~np.isfinite(x)] if not np.all(np.isfinite(x)) else x
    return f"array containing {bad.flat[0]!r}"


def finite(name: str, x: ArrayLike) -> NDArray[np.float64]:
    """Return ``x`` as a float array, raising if any element is NaN or infinite."""
    try:
        a = np.asarray(x, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ParameterError(name, x, "a real number or an array of real numbers") from exc
    if not np.all(np.isfinite(a)):
        raise ParameterError(name, _describe(a), "finite real values (no NaN or inf)")
    return a


def finite_complex(name: str, x: ArrayLike) -> NDArray[np.complex128]:
    """Return ``x`` as a complex array, raising if any element is NaN or infinite."""
    a = np.asarray(x, dtype=complex)
    if not np.all(np.isfinite(a)):
        raise ParameterError(name, _describe(a), "finite values (no NaN or inf)")
    return a


def nonnegative(name: str, x: ArrayLike) -> NDArray[np.float64]:
    """Return ``x`` as a finite float array with every element ``>= 0``."""
    a = finite(name, x)
    if np.any(a < 0):
        raise ParameterError(name, _describe(a[a < 0]), f"{name} >= 0")
    return a


def positive(name: str, x: ArrayLike) -> NDArray[np.float64]:
    """Return ``x`` as a finite float array with every element ``> 0``."""
    a = finite(name, x)
    if np.any(a <= 0):
        raise ParameterError(name, _describe(a[a <= 0]), f"{name} > 0")
    return a
