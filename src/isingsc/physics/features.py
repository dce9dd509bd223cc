"""Optical-gap features: peaks of dReσ/dΩ and dImχ/dΩ assigned to Ω_I, Ω_II, Ω_III."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import find_peaks

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from .gap import equilibrium_state
from .response import conductivity_derivative, raman_derivative
from .spectrum import optical_gaps

__all__ = ["OpticalFeature", "derivative_spectrum", "optical_features"]

_LABELS = ("I", "II", "III")


@dataclass(frozen=True)
class OpticalFeature:
    """One peak of a derivative spectrum.

    Attributes
    ----------
    omega
        Peak position (units of Δ0), refined by a parabola through the top 3 points.
    height
        Peak value of the derivative spectrum (σ/σn or χ/χn per Δ0).
    label
        ``"I"``, ``"II"``, ``"III"`` if assigned to an optical gap, else ``None``.
    expected
        The optical gap it was assigned to (units of Δ0), else ``None``.
    """

    omega: float
    height: float
    label: str | None
    expected: float | None


@keyword_only
def derivative_spectrum(
    quantity: str,
    Omega: ArrayLike,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
) -> NDArray[np.float64]:
    """d Re σ/dΩ (``quantity="conductivity"``) or d Im χ/dΩ (``"raman"``), per Δ0."""
    if quantity == "conductivity":
        return conductivity_derivative(Omega, beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta).real
    if quantity == "raman":
        return raman_derivative(Omega, beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta).imag
    raise ParameterError("quantity", quantity, "'conductivity' or 'raman'")


@keyword_only
def optical_features(
    quantity: str,
    *,
    beta: float,
    h: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    Omega: ArrayLike | None = None,
    prominence: float = 0.02,
    tolerance: float | None = None,
) -> list[OpticalFeature]:
    """Locate the peaks of a derivative spectrum and assign them to Ω_I, Ω_II, Ω_III.

    Parameters
    ----------
    quantity
        ``"conductivity"`` (peaks of d Re σ/dΩ) or ``"raman"`` (d Im χ/dΩ).
    beta, h, T, Gamma, Delta
        As in :func:`isingsc.conductivity` (Δ = None: self-consistent).
    Omega
        Frequency grid (units of Δ0); default from 0.02 to 1.2 Ω_III + 20Γ with
        step Γ/2.
    prominence
        Minimum peak prominence relative to the spectrum's range.
    tolerance
        Largest distance between a peak and the gap it is assigned to; default
        max(8Γ, 4 × grid step, 2 sqrt(Γ Ω_k/2)) for gap Ω_k. (The Ω_I peak of
        d Re σ/dΩ approaches Ω_I like sqrt(Γ) because σ1 rises linearly from the
        threshold; the other peaks approach their gaps linearly in Γ.)

    Returns
    -------
    list of OpticalFeature
        Sorted by frequency; unassigned peaks are reported with ``label=None``.

    Notes
    -----
    Each optical gap takes the nearest unassigned peak within ``tolerance``
    (closest pairs first). As Γ → 0 the assigned peaks converge to the gaps.
    """
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    gaps = [float(x) for x in optical_gaps(beta=b, h=hh, Delta=d)]
    if Omega is None:
        top = 1.2 * max(gaps) + 20 * gam
        om = np.arange(0.02, top, gam / 2)
    else:
        om = np.asarray(Omega, float)
    y = derivative_spectrum(quantity, om, beta=b, h=hh, T=t, Gamma=gam, Delta=d)
    span = float(np.ptp(y)) if y.size else 0.0
    idx, _ = find_peaks(y, prominence=prominence * span)
    peaks = []
    for i in idx:
        x0, y0 = om[i], y[i]
        if 0 < i < om.size - 1:
            ym, yp = y[i - 1], y[i + 1]
            denom = ym - 2 * y0 + yp
            shift = 0.5 * (ym - yp) / denom if denom != 0 else 0.0
            x0 = x0 + shift * (om[i + 1] - om[i - 1]) / 2
            y0 = y0 - 0.25 * (ym - yp) * shift
        peaks.append((float(x0), float(y0)))
    step = float(np.max(np.diff(om))) if om.size > 1 else gam
    if tolerance is None:
        tol = [max(8 * gam, 4 * step, 2 * np.sqrt(gam * g / 2)) for g in gaps]
    else:
        tol = [float(tolerance)] * len(gaps)
    pairs = sorted((abs(p[0] - g), k, j) for k, g in enumerate(gaps) for j, p in enumerate(peaks))
    label: dict[int, int] = {}
    used: set[int] = set()
    for dist, k, j in pairs:
        if dist <= tol[k] and k not in used and j not in label:
            label[j] = k
            used.add(k)
    return [
        OpticalFeature(
            omega=p[0],
            height=p[1],
            label=_LABELS[label[j]] if j in label else None,
            expected=gaps[label[j]] if j in label else None,
        )
        for j, p in enumerate(peaks)
    ]
