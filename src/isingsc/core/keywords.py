"""Keyword-only model parameters, with an error that says how to call.

Every public function takes its one spectral argument (ξ, ε, Ω, V, Ω_ph) positionally
and every model parameter (beta, h, Delta, T, Gamma, …) by keyword only, so that no
float is silently read as another. Python already refuses the positional call; the
:func:`keyword_only` decorator only makes its message name the keywords.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["keyword_only"]

F = TypeVar("F", bound=Callable[..., Any])


def keyword_only(func: F) -> F:
    """Wrap ``func`` so that too many positional arguments raise a helpful TypeError.

    The wrapper adds one length check per call; the signature seen by :mod:`inspect`,
    Sphinx and the sweep registry is the function's own (``functools.wraps``).
    """
    params = inspect.signature(func).parameters.values()
    positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
    keywords = [p.name for p in params if p.kind is p.KEYWORD_ONLY]
    n = len(positional)
    required = [p.name for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
    call = ", ".join([*positional, *(f"{k}=..." for k in required)])

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if len(args) > n:
            raise TypeError(
                f"{func.__qualname__}() takes {n} positional argument{'s' if n != 1 else ''} "
                f"({', '.join(positional) or 'none'}) but {len(args)} were given; the model "
                f"parameters are keyword-only: {func.__name__}({call}). "
                f"Keywords: {', '.join(keywords)}"
            )
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
