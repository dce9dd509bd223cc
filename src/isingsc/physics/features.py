"""Optical-gap features: peaks of dReσ/dΩ and dImχ/dΩ assigned to Ω_I, Ω_II, Ω_III.

:func:`assign_peaks` is the one peak rule (on a spectrum already sampled);
:func:`optical_features` computes the derivative spectrum of one state and applies it.
"""

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

__all__ = ["OpticalFeature", "assign_peaks", "derivative_spectrum", "optical_features"]

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
    return assign_peaks(
        om, values=y, gaps=gaps, Gamma=gam, prominence=prominence, tolerance=tolerance
    )


@keyword_only
def assign_peaks(
    Omega: ArrayLike,
    *,
    values: ArrayLike,
    gaps: ArrayLike,
    Gamma: float,
    prominence: float = 0.02,
    tolerance: float | None = None,
    window: float | None = None,
    refine: bool = True,
) -> list[OpticalFeature]:
    """Find the peaks of a sampled derivative spectrum and assign them to optical gaps.

    The one peak rule of the package: :func:`optical_features` applies it to the
    spectrum it computes, the Fig. 5 maps (:mod:`isingsc.paper.optics`) to each row.

    Parameters
    ----------
    Omega
        Increasing frequencies (units of Δ0), 1-D.
    values
        The derivative spectrum at ``Omega`` (d Re σ/dΩ or d Im χ/dΩ, any unit).
    gaps
        The optical gaps Ω_I, Ω_II, Ω_III (units of Δ0); a NaN gap takes no peak.
    Gamma
        Dynes rate Γ > 0 (units of Δ0): sets the default tolerance.
    prominence
        Smallest peak prominence, relative to the range of ``values`` (the whole
        spectrum, or the window around the gap if ``window`` is given).
    tolerance
        Largest distance between a peak and the gap it is assigned to; default
        max(8Γ, 4 × largest step, 2√(ΓΩ_k/2)) for gap Ω_k. (The Ω_I peak of d Re σ/dΩ
        approaches Ω_I like √Γ because σ1 rises linearly from the threshold; the other
        peaks approach their gaps linearly in Γ.)
    window
        None (default): prominence relative to the range of the whole spectrum. A
        number w: relative to the range within w tolerances of each gap, so that a
        weak peak next to a strong one (the Ω_I peak of d Im χ/dΩ is ~20× the II and
        III peaks) still counts near its own gap.
    refine
        True: positions and heights from a parabola through the top 3 points. False:
        the grid point of the maximum and its value.

    Returns
    -------
    list of OpticalFeature
        Sorted by frequency: every assigned peak (``label`` "I", "II" or "III") and
        the unassigned maxima whose prominence reaches ``prominence`` times the
        range of the whole spectrum (``label=None``).

    Notes
    -----
    Each optical gap takes the nearest unassigned peak within its tolerance, closest
    pairs first (ties: the lower gap, then the lower frequency). As Γ → 0 the
    assigned peaks converge to the gaps.
    """
    om = np.asarray(Omega, float)
    y = np.asarray(values, float)
    targets = [float(g) for g in np.asarray(gaps, float)]
    if y.size < 3:
        return []
    idx, props = find_peaks(y, prominence=0.0)
    prom = props["prominences"]
    peaks = [_peak(om, y, int(i)) if refine else (float(om[i]), float(y[i])) for i in idx]
    step = float(np.max(np.diff(om)))
    if tolerance is None:
        tol = [max(8 * Gamma, 4 * step, 2 * np.sqrt(Gamma * g / 2)) for g in targets]
    else:
        tol = [float(tolerance)] * len(targets)
    whole = float(np.ptp(y))
    pairs = []
    for k, g in enumerate(targets):
        if not np.isfinite(g):
            continue
        if window is None:
            span = whole
        else:
            near = np.abs(om - g) <= window * tol[k]
            span = float(np.ptp(y[near])) if np.any(near) else 0.0
        for j, (x0, _) in enumerate(peaks):
            dist = abs(x0 - g)
            if dist <= tol[k] and prom[j] >= prominence * span and (window is None or span > 0):
                pairs.append((dist, k, j))
    label: dict[int, int] = {}
    used: set[int] = set()
    for _, k, j in sorted(pairs):
        if k not in used and j not in label:
            label[j] = k
            used.add(k)
    return [
        OpticalFeature(
            omega=x0,
            height=y0,
            label=_LABELS[label[j]] if j in label else None,
            expected=targets[label[j]] if j in label else None,
        )
        for j, (x0, y0) in enumerate(peaks)
        if j in label or prom[j] >= prominence * whole
    ]


def _peak(om: NDArray[np.float64], y: NDArray[np.float64], i: int) -> tuple[float, float]:
    """Position and height of the maximum at grid index ``i``, refined by a parabola."""
    x0, y0 = om[i], y[i]
    if 0 < i < om.size - 1:
        ym, yp = y[i - 1], y[i + 1]
        denom = ym - 2 * y0 + yp
        shift = 0.5 * (ym - yp) / denom if denom != 0 else 0.0
        x0 = x0 + shift * (om[i + 1] - om[i - 1]) / 2
        y0 = y0 - 0.25 * (ym - yp) * shift
    return float(x0), float(y0)
