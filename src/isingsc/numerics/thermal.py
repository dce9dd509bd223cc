"""Equilibrium thermal factors of fermions: tanh(ε/2T) and the Fermi window −∂f/∂ε.

With the Fermi function f(ε) = 1/(e^{ε/T} + 1) (energies and k_B T in the same unit,
Δ0 in this package):

* the Keldysh distribution 1 − 2f(ε) = tanh(ε/2T), which enters the equilibrium
  Keldysh function g^K = (g^R − g^A) tanh(ε/2T) and tends to sign ε at T = 0;
* the Fermi window −∂f/∂ε = 1/(4T cosh²(ε/2T)), the thermal smearing kernel of a
  tunnel junction (even, unit weight, poles at ε = ±iπT).

These are the only definitions of the two factors in the package.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError
from ..core.keywords import keyword_only

__all__ = ["fermi_window", "thermal_factor"]


@keyword_only
def thermal_factor(eps: ArrayLike, *, T: float) -> NDArray[np.float64]:
    """tanh(ε/2T) = 1 − 2f(ε), with its limit sign(ε) at T = 0 (unvalidated).

    Parameters
    ----------
    eps
        Real energies ε (any shape; units of Δ0).
    T
        Temperature k_B T ≥ 0 (units of Δ0).

    Returns
    -------
    ndarray
        The shape of ``eps``; exactly ±1 far from ε = 0 (no overflow warning when
        ε/2T overflows), 0 at ε = 0.
    """
    e = np.asarray(eps)
    if T == 0:
        return np.sign(e)
    with np.errstate(over="ignore"):
        return np.tanh(e / (2 * T))


@keyword_only
def fermi_window(eps: ArrayLike, *, T: float) -> NDArray[np.float64]:
    """−∂f/∂ε = 1/(4T cosh²(ε/2T)) at T > 0, overflow-free.

    Parameters
    ----------
    eps
        Real energies ε (any shape; units of Δ0).
    T
        Temperature k_B T > 0 (units of Δ0); at T = 0 the window is δ(ε), which has
        no pointwise values.

    Returns
    -------
    ndarray
        e^{−|ε|/T} / (T (1 + e^{−|ε|/T})²), the shape of ``eps``: even in ε, unit
        integral, maximum 1/(4T) at ε = 0.
    """
    if not T > 0:
        raise ParameterError("T", T, "T > 0 (the Fermi window at T = 0 is a delta function)")
    e = np.exp(-np.abs(np.asarray(eps, float)) / T)
    return e / (T * (1.0 + e) ** 2)
