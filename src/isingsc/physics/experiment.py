"""What experimentalists measure: sheet conductance, THz thin-film transmission, Raman intensity.

Inputs are the dimensionless spectra of :mod:`isingsc.physics.response` (σ/σn, χ/χn at
frequencies in units of Δ0); outputs are in SI units where a material scale enters
(the normal-state sheet resistance R_n in ohm). Time-dependence convention: the
physics convention e^{−iΩt} (σ = σ1 + iσ2) unless ``convention="engineering"``
(e^{+jωt}, σ1 − jσ2), which every function here accepts and states.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.keywords import keyword_only
from ..core.validation import finite_complex, nonnegative, positive
from .response import apply_convention

__all__ = ["Z0", "raman_intensity", "sheet_conductance", "thin_film_transmission"]

#: Impedance of free space μ0 c (ohm), CODATA 2018.
Z0 = 376.730313668

ComplexArray = NDArray[np.complex128]


@keyword_only
def sheet_conductance(
    sigma_ratio: ArrayLike, *, sheet_resistance: float, convention: str = "physics"
) -> ComplexArray:
    """Complex sheet conductance G = (σ/σn)/R_n of a film (siemens).

    Parameters
    ----------
    sigma_ratio
        σ/σn from :func:`isingsc.conductivity` (physics convention, σ1 + iσ2).
    sheet_resistance
        Normal-state sheet resistance R_n > 0 (ohm per square).
    convention
        ``"physics"`` (e^{−iΩt}, G1 + iG2, G2 > 0 inductive) or ``"engineering"``
        (e^{+jωt}, G1 − jG2, as kinetic-inductance tools use).

    Returns
    -------
    ndarray
        Complex sheet conductance in siemens. The kinetic inductance per square
        is L_k = 1/(ω G2) with ω the angular frequency in rad/s.
    """
    s = finite_complex("sigma_ratio", sigma_ratio)
    r = float(positive("sheet_resistance", sheet_resistance))
    return apply_convention(s / r, convention=convention)


@keyword_only
def thin_film_transmission(
    sigma_ratio: ArrayLike,
    *,
    sheet_resistance: float,
    n_substrate: float = 1.0,
    convention: str = "physics",
) -> tuple[ComplexArray, NDArray[np.float64]]:
    """THz transmission of a thin film on a thick substrate, relative to the bare substrate.

    Parameters
    ----------
    sigma_ratio
        σ/σn (physics convention).
    sheet_resistance
        Normal-state sheet resistance R_n (ohm).
    n_substrate
        Real refractive index of the substrate (1 for a free-standing film).
    convention
        Convention of the returned complex amplitude (``"physics"`` or
        ``"engineering"``); the power transmission is the same in both.

    Returns
    -------
    t, T : ndarray
        Complex amplitude t = (1 + n)/(1 + n + Z0 G) and power abs(t)².

    Notes
    -----
    Thin-film (Tinkham) formula for a film much thinner than the wavelength and
    the penetration depth, normal incidence, G the sheet conductance, Z0 = μ0 c;
    substrate reflections (etalon) are excluded.
    """
    g = sheet_conductance(sigma_ratio, sheet_resistance=sheet_resistance)
    n = float(positive("n_substrate", n_substrate))
    t = (1 + n) / (1 + n + Z0 * g)
    return apply_convention(t, convention=convention), np.abs(t) ** 2


@keyword_only
def raman_intensity(
    Omega: ArrayLike, chi_ratio: ArrayLike, *, T: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Stokes and anti-Stokes Raman intensities at shift Ω > 0 (arbitrary units).

    Parameters
    ----------
    Omega
        Raman shift ħΩ > 0 (units of Δ0).
    chi_ratio
        χ/χn at the same Ω (from :func:`isingsc.raman`, physics convention).
    T
        Temperature k_B T ≥ 0 (units of Δ0).

    Returns
    -------
    stokes, anti_stokes : ndarray
        I_S = [1 + n_B(Ω)] Im χ(Ω) and I_AS = n_B(Ω) Im χ(Ω), with the physical
        response Im χ(Ω) = Ω Im(χ/χn) in units of the normal-state coefficient
        χn/Ω; n_B = 1/(e^{Ω/T} − 1) (0 at T = 0). Their ratio is e^{Ω/T}
        (detailed balance), the usual thermometer.
    """
    om = positive("Omega", Omega)
    c = finite_complex("chi_ratio", chi_ratio)
    t = float(nonnegative("T", T))
    response = om * c.imag
    with np.errstate(over="ignore"):
        nb = np.zeros_like(om) if t == 0 else 1.0 / np.expm1(om / t)
    return (1 + nb) * response, nb * response
