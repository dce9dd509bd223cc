"""Choice of the Floquet truncation N: the smallest N whose N → N+1 change is below a tolerance."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from ..core.errors import ConvergenceError, ParameterError

__all__ = ["truncation_search"]


def truncation_search(
    evaluate: Callable[[int], NDArray[np.generic]],
    tol: float,
    max_harmonics: int,
    on_unconverged: str = "raise",
) -> tuple[int, NDArray[np.generic], float]:
    """Smallest Floquet truncation N whose N → N+1 change is below ``tol``.

    Parameters
    ----------
    evaluate
        N ↦ result at truncation N (any array; compared elementwise).
    tol
        Tolerance on max abs(evaluate(N + 1) − evaluate(N)) (units of the result).
    max_harmonics
        Largest N + 1 evaluated (≥ 2).
    on_unconverged
        ``"raise"`` (:class:`~isingsc.errors.ConvergenceError`) or ``"warn"``
        (RuntimeWarning; the last pair is returned) if no N < max_harmonics passes.

    Returns
    -------
    (N, evaluate(N + 1), change)
        The accepted N, the result at N + 1 and the change between the two.
    """
    if int(max_harmonics) < 2:
        raise ParameterError("max_harmonics", max_harmonics, "max_harmonics >= 2")
    previous = evaluate(1)
    for n in range(1, int(max_harmonics)):
        current = evaluate(n + 1)
        change = float(np.max(np.abs(current - previous)))
        if change < tol:
            return n, current, change
        previous = current
    message = (
        f"Floquet truncation not converged: N = {max_harmonics - 1} → {max_harmonics} "
        f"changes σ by {change:.3g} > tol = {tol:g}; raise max_harmonics or tol"
    )
    if on_unconverged == "raise":
        raise ConvergenceError(message)
    warnings.warn(message, RuntimeWarning, stacklevel=3)
    return n, current, change
