"""Exceptions and warnings of isingsc.

Every bad input raises :class:`ParameterError` (a :class:`ValueError`), whose
message names the parameter, its value and the allowed range, so that a user can
fix the call without reading the source.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConvergenceError",
    "ParameterError",
    "ResolutionError",
    "ResolutionWarning",
    "UnitError",
]


class ParameterError(ValueError):
    """A parameter is outside its allowed range (or not finite).

    Parameters
    ----------
    name
        Name of the offending parameter as the user passed it.
    value
        The offending value (or a short description of it for arrays).
    allowed
        Human-readable allowed range, e.g. ``"T >= 0"``.
    """

    def __init__(self, name: str, value: Any, allowed: str) -> None:
        self.name = name
        self.value = value
        self.allowed = allowed
        super().__init__(f"parameter {name!r} = {value!r} is not allowed; allowed: {allowed}")

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuild from the three fields: the error survives pickling (worker processes)
        return (type(self), (self.name, self.value, self.allowed))


class ResolutionError(ParameterError):
    """A grid used for quadrature or differencing is too coarse for a physical scale (Γ or T).

    Raised only where the user's grid itself enters the computation (the result would
    be wrong); sparse evaluation points of an exact function give
    :class:`ResolutionWarning` instead.
    """


class ResolutionWarning(UserWarning):
    """A sorted grid of evaluation points is coarser than a physical scale (Γ, T, …).

    Every value is exact at its own point; only a curve drawn through the samples
    can miss features narrower than the step. The message names the step and the
    scale; ``check_grid=False`` silences it (or use :mod:`warnings` filters).
    """


class UnitError(ParameterError):
    """A physical unit is unknown, needs a material that was not given, or a value is not finite.

    Raised by the conversions of :mod:`isingsc.units`; the message lists the allowed units.
    """


class ConvergenceError(RuntimeError):
    """A numerical procedure did not reach its requested accuracy."""
