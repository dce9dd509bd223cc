"""Bogoliubov spectrum of the Ising superconductor (paper Eq. 3) and its gap edges.

Model (K valley; K' has β → −β)::

    H(ξ) = τ3 (ξ + β σz) + h σx + Δ τ1

in the Nambu ⊗ spin basis of :mod:`isingsc.algebra`. All energies in units of Δ0.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative
from ..numerics.algebra import TS

__all__ = [
    "bogoliubov_branches",
    "gap_edges",
    "hamiltonian",
    "optical_gaps",
    "ordinary_gap_position",
    "spin_z",
]

FloatArray = NDArray[np.float64]


@keyword_only
def hamiltonian(xi: ArrayLike, *, beta: float, h: float, Delta: float) -> NDArray[np.complex128]:
    """The 4×4 Bogoliubov–de Gennes Hamiltonian H(ξ), batched over ``xi``.

    Parameters
    ----------
    xi
        Kinetic energy relative to the Fermi level, units of Δ0.
    beta, h, Delta
        Ising SOC, in-plane (x) Zeeman energy and order parameter, units of Δ0.

    Returns
    -------
    ndarray, shape ``(*xi.shape, 4, 4)``

    Notes
    -----
    H(ξ) = τ3 (ξ + β σz) + h σx + Δ τ1 (K valley). Its eigenvalues are ±E_upper, ±E_lower.
    """
    x = finite("xi", xi)[..., None, None]
    return (
        x * TS[3, 0]
        + finite("beta", beta) * TS[3, 3]
        + finite("h", h) * TS[0, 1]
        + nonnegative("Delta", Delta) * TS[1, 0]
    )


def _mu(xi: FloatArray, beta: FloatArray, h: FloatArray, Delta: FloatArray) -> FloatArray:
    """μ = sqrt(ξ²β² + h²(ξ² + Δ²)), half the splitting of E² between branches."""
    return np.sqrt(xi**2 * beta**2 + h**2 * (xi**2 + Delta**2))


@keyword_only
def bogoliubov_branches(
    xi: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Positive Bogoliubov energies of the two spin-split branches (paper Eq. 3).

    Parameters
    ----------
    xi
        Kinetic energy ξ_k, units of Δ0 (array).
    beta, h, Delta
        Ising SOC β, Zeeman energy h (in-plane), order parameter Δ ≥ 0; units of Δ0.
        All arguments broadcast.

    Returns
    -------
    E_upper, E_lower : ndarray
        ``E_upper ≥ E_lower ≥ 0``, units of Δ0.

    Notes
    -----
    E²_{upper/lower} = E_bdg² + β² + h² ± 2 sqrt(h² E_bdg² + ξ² β²), E_bdg² = ξ² + Δ².
    Identical in both valleys (β → −β). The lower branch is evaluated in the
    cancellation-free form E_lower² = [(E_bdg² + ρ²)² − 4μ²] / E_upper².
    """
    x, b, hh, d = (
        finite("xi", xi),
        finite("beta", beta),
        finite("h", h),
        nonnegative("Delta", Delta),
    )
    rho2 = b**2 + hh**2
    e_up2 = x**2 + d**2 + rho2 + 2 * _mu(x, b, hh, d)
    # E_up² E_lo² = (ξ² + Δ² − ρ²)² + 4Δ²β², a sum of squares: no cancellation.
    prod = (x**2 + d**2 - rho2) ** 2 + 4 * d**2 * b**2
    e_lo2 = np.divide(prod, e_up2, out=np.zeros_like(prod), where=e_up2 > 0)
    e_up = np.sqrt(e_up2)
    return e_up, np.minimum(np.sqrt(e_lo2), e_up)  # min: exact ordering at crossings


@keyword_only
def spin_z(
    xi: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Spin projection ⟨S_z⟩ of the quasiparticles of the two branches (K valley).

    Parameters
    ----------
    xi, beta, h, Delta
        As in :func:`bogoliubov_branches` (units of Δ0, broadcast).

    Returns
    -------
    Sz_upper, Sz_lower : ndarray
        In units of ħ, between −1/2 and +1/2; ``Sz_lower = −Sz_upper``.

    Notes
    -----
    For the positive-energy eigenstate of branch s = ±1 the projector is
    Π = ¼(1 + sM/2μ)(1 + H/E), with H² = E_bdg² + ρ² + M and M² = 4μ². Taking
    Tr[σz Π] gives ⟨σz⟩ = s ξβ/μ, so ⟨S_z⟩ = ± ξβ / (2 sqrt(ξ²β² + h²(ξ² + Δ²))).
    Far from the Fermi level (abs(ξ) ≫ Δ) it tends to ±β/(2ρ), the normal-state spin
    along (h, 0, β); near the ordinary edge at h ≪ β it is ≈ ±1/2; at ξ = 0 (mirage
    gap) it is 0.
    At the exact branch crossing (h = 0 and ξ = 0, or ξ = h = 0) the spin is not
    defined by the branch and 0 is returned. In the K' valley the sign flips.
    """
    x, b, hh, d = (
        finite("xi", xi),
        finite("beta", beta),
        finite("h", h),
        nonnegative("Delta", Delta),
    )
    mu = _mu(x, b, hh, d)
    num = 0.5 * x * b
    sz = np.divide(num, mu, out=np.zeros(np.broadcast(num, mu).shape), where=mu > 0)
    return sz, np.negative(sz, out=np.empty_like(sz))


@keyword_only
def ordinary_gap_position(*, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike) -> FloatArray:
    """abs(ξ) at which the lower branch has its minimum (the ordinary gap edge).

    Notes
    -----
    With ρ² = β² + h², minimising E_lower²(x = ξ² + Δ²) gives
    ξ*² = ρ² − h²Δ²/ρ² when ρ² > abs(h)Δ; otherwise the minimum sits at ξ = 0.
    (The paper's ξ = Δ sqrt(β² − h²)/β is wrong, see DESIGN.md §2.)
    """
    b, hh, d = finite("beta", beta), finite("h", h), nonnegative("Delta", Delta)
    rho2 = b**2 + hh**2
    xi2 = np.divide(rho2**2 - hh**2 * d**2, rho2, out=np.zeros_like(rho2 + d), where=rho2 > 0)
    return np.sqrt(np.maximum(xi2, 0.0))


@keyword_only
def gap_edges(
    *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Gap edges of the spectrum: ordinary gap and the two mirage-gap edges.

    Parameters
    ----------
    beta, h, Delta
        Ising SOC, Zeeman energy, order parameter (units of Δ0; broadcast).

    Returns
    -------
    ordinary, mirage_minus, mirage_plus : ndarray
        Units of Δ0. ``ordinary`` = min over ξ of E_lower; ``mirage_minus`` and
        ``mirage_plus`` are the lower and upper branch at ξ = 0.

    Notes
    -----
    With ρ = sqrt(β² + h²):

    * ordinary = Δ abs(β)/ρ when ρ² ≥ abs(h)Δ (minimum at ξ*² = ρ² − h²Δ²/ρ²);
      otherwise the minimum is at ξ = 0 and ordinary = mirage_minus. The two
      expressions coincide at ρ² = abs(h)Δ. This corrects the paper's
      Δ sqrt(1 − h²/β²): the spectrum stays gapped at h > β while Δ, β ≠ 0.
    * mirage_∓ = Δ_∓ = sqrt((abs(h) ∓ Δ)² + β²) (paper, correct).

    At β = 0 this is the Zeeman-split BCS gap max(Δ − abs(h), 0).
    """
    b, hh, d = np.abs(finite("beta", beta)), np.abs(finite("h", h)), nonnegative("Delta", Delta)
    rho2 = b**2 + hh**2
    m_minus = np.sqrt((hh - d) ** 2 + b**2)
    m_plus = np.sqrt((hh + d) ** 2 + b**2)
    interior = rho2 > hh * d
    ord_interior = np.divide(d * b, np.sqrt(rho2), out=np.zeros_like(rho2 + d), where=interior)
    ordinary = np.where(interior, ord_interior, m_minus)
    ordinary, m_minus, m_plus = np.broadcast_arrays(ordinary, m_minus, m_plus)
    return ordinary.copy(), m_minus.copy(), m_plus.copy()


@keyword_only
def optical_gaps(
    *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Optical gaps Ω_I, Ω_II, Ω_III: pair-breaking thresholds between van Hove points.

    Returns
    -------
    Omega_I, Omega_II, Omega_III : ndarray
        ``2 Δ_ord``, ``Δ_ord + Δ−``, ``Δ_ord + Δ+`` in units of Δ0, with the
        corrected ordinary gap of :func:`gap_edges`.

    Notes
    -----
    Process I breaks a singlet pair into two quasiparticles at the ordinary edge;
    II and III put one at the ordinary edge and one at a mirage edge (ξ = 0),
    where the pairing is mostly triplet.
    """
    o, dm, dp = gap_edges(beta=beta, h=h, Delta=Delta)
    return 2 * o, o + dm, o + dp
