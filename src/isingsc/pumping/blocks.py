"""Keldysh block algebra and eigen-decompositions shared by the Floquet and second-order methods.

Notation. A Keldysh matrix is block upper triangular, ǧ = [[g^R, g^K], [0, g^A]], and is
kept as the *Keldysh triple* ``(RR, RA, AA)`` of its three nonzero blocks, each a batch
of square matrices over energy (first axis). The pumping engine works in the *sheared
frame* of the bath: with F̂ = tanh(ε̂/2T) on every harmonic, the Keldysh-extended matrix
Q̌ = [[Q^R, 2ΓF̂τ3], [0, Q^A]] becomes block diagonal up to the commutator of F̂ with the
pump, so that

* the retarded part Q^R = (Γ − iε̂)τ3 + iV̂τ3 has an eigen-decomposition
  Q^R = u diag(w) u⁻¹ (closed form for 4×4, :func:`retarded_eig`);
* the advanced part Q^A = −τ3 (Q^R)† τ3 is diagonalised by the *adjoint basis*
  (:func:`adjoint_basis`, eigenvalues −w*);
* a first-order change X of the argument changes sign(Q) by the Daleckii–Krein formula
  (u⁻¹ δsign u)_{ij} = (u⁻¹ X u)_{ij} (s_j − s_i)/(w_j − w_i), with s = sign Re w
  (:func:`dk_coefficients`; zero between eigenvalues on the same side);
* the lab-frame Keldysh block is recovered from the sheared-frame blocks by
  :func:`lab_blocks`: g^K = F_col g^R + g^{RA} − F_row g^A.

Static and unpumped, the lab-frame triple is (g^R, g^K, g^A) of
:mod:`isingsc.physics.greens` (:func:`equilibrium_blocks`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..numerics.algebra import TS
from ..numerics.thermal import thermal_factor
from ..physics.greens import advanced_gf, retarded_gf, roots

__all__ = [
    "PUMP_VERTEX",
    "SIGMA_Z_DIAGONAL",
    "TAU3_DIAGONAL",
    "EigenBasis",
    "KeldyshTriple",
    "adjoint_basis",
    "block_product",
    "dk_coefficients",
    "equilibrium_blocks",
    "harmonic_mask",
    "lab_blocks",
    "numeric_eig",
    "retarded_eig",
    "vertex_matrix",
]

ComplexArray = NDArray[np.complex128]
#: (u, u⁻¹, w, s): eigenvectors (columns), their inverse, eigenvalues, sign Re w; batched.
EigenBasis = tuple[ComplexArray, ComplexArray, ComplexArray, NDArray[np.float64]]
#: (RR, RA, AA): the three nonzero blocks of a block-upper-triangular Keldysh matrix.
KeldyshTriple = tuple[ComplexArray, ComplexArray, ComplexArray]

#: The pump's entry in Q = (ω + iV)τ3 per unit field along x: i σx τ3 (4×4).
PUMP_VERTEX: ComplexArray = 1j * TS[0, 1] @ TS[3, 0]
#: Diagonal of τ3 in the package basis (Nambu ⊗ spin).
TAU3_DIAGONAL: NDArray[np.float64] = np.diag(TS[3, 0]).real.copy()
#: Diagonal of σz in the package basis (Nambu ⊗ spin).
SIGMA_Z_DIAGONAL: NDArray[np.float64] = np.diag(TS[0, 3]).real.copy()


def vertex_matrix(*, beta: float, h: float, Delta: float) -> ComplexArray:
    """i V τ3, the ε-independent part of Q = (ω + iV)τ3 (4×4).

    V = β τ3σz + h σx + Δ τ1 (units of Δ0); Q^R(ε) = (Γ − iε)τ3 + iVτ3.
    """
    v = beta * TS[3, 3] + h * TS[0, 1] + Delta * TS[1, 0]
    return 1j * v @ TS[3, 0]


def numeric_eig(q: ComplexArray) -> EigenBasis:
    """Eigen-decomposition (u, u⁻¹, w, sign Re w) of a batch of square matrices (numpy eig)."""
    w, u = np.linalg.eig(q)
    return u, np.linalg.inv(u), w, np.where(w.real > 0, 1.0, -1.0)


def adjoint_basis(
    u: ComplexArray,
    ui: ComplexArray,
    w: ComplexArray,
    s: NDArray[np.float64],
    t3: NDArray[np.float64],
) -> EigenBasis:
    """Eigenbasis of −τ3 X† τ3 from that of X = u diag(w) u⁻¹.

    Parameters
    ----------
    u, ui, w, s
        Eigen-decomposition of X (batched over the first axis).
    t3
        Diagonal of τ3 on the basis of X (±1 entries; tiled over harmonics for Floquet).

    Returns
    -------
    (u_a, u_a⁻¹, w_a, s_a)
        u_a = τ3 (u⁻¹)†, u_a⁻¹ = u† τ3, eigenvalues −w*, signs −s. Applied to Q^R it gives
        the advanced Q^A without a second decomposition.
    """
    ua = t3[:, None] * np.conj(np.swapaxes(ui, -1, -2))
    uai = np.conj(np.swapaxes(u, -1, -2)) * t3[None, :]
    return ua, uai, -np.conj(w), -s


def retarded_eig(
    eps: NDArray[np.float64], *, beta: float, h: float, Delta: float, Gamma: float
) -> EigenBasis:
    """Eigen-decomposition (u, u⁻¹, w, sign Re w) of Q^R(ε) = (Γ − iε)τ3 + iVτ3 (4×4).

    Parameters
    ----------
    eps
        Real energies, 1-D (units of Δ0).
    beta, h, Delta, Gamma
        Units of Δ0; Γ > 0.

    Returns
    -------
    EigenBasis
        Shapes (n, 4, 4), (n, 4, 4), (n, 4), (n, 4).

    Notes
    -----
    Closed form: Q² = s + 2iM with M² = m², so the spectral projectors are
    P_{σν} = (1 + σg)(1 + νM/m)/4 with eigenvalue σλ_ν (λ_ν = sqrt(s + 2iνm), g = sign Q,
    :func:`isingsc.physics.greens.roots`), each of rank 1: P = u vᵀ with u a column and vᵀ
    the matching row over the pivot. Falls back to :func:`numeric_eig` when λ+ ≈ λ−
    (M → 0, e.g. β = h = 0).
    """
    om = Gamma - 1j * eps
    rho2 = beta * beta + h * h
    m = np.sqrt(om * om * rho2 + Delta * Delta * beta * beta + 0j)
    if eps.size == 0 or np.min(np.abs(m)) < 1e-6 * (1.0 + np.max(np.abs(om))):
        iv = vertex_matrix(beta=beta, h=h, Delta=Delta)
        return numeric_eig(om[:, None, None] * TS[3, 0] + iv)
    lp, lm = roots(om, beta=beta, h=h, Delta=Delta)
    prod = lp * lm
    a = (lp + lm) / (2 * prod)
    b = 1.0 / (prod * (lp + lm))
    e = (slice(None), None, None)
    q = om[e] * TS[3, 0] + Delta * TS[2, 0] + 1j * beta * TS[0, 3] + 1j * h * TS[3, 1]
    mm = (om * beta)[e] * TS[3, 3] + (om * h)[e] * TS[0, 1] + Delta * beta * TS[2, 3]
    g = q @ (a[e] * TS[0, 0] - 2j * b[e] * mm)
    mh = mm / m[e]
    gm = g @ mh
    n = eps.size
    u = np.empty((n, 4, 4), complex)
    ui = np.empty((n, 4, 4), complex)
    w = np.empty((n, 4), complex)
    s = np.empty((n, 4))
    idx = np.arange(n)
    eye = np.eye(4)
    for k, (sg, nu) in enumerate(((1, 1), (1, -1), (-1, 1), (-1, -1))):
        p = (eye + sg * g + nu * mh + (sg * nu) * gm) / 4
        j = np.argmax(np.abs(np.diagonal(p, axis1=1, axis2=2)), axis=1)
        u[:, :, k] = p[idx, :, j]
        ui[:, k, :] = p[idx, j, :] / p[idx, j, j][:, None]
        w[:, k] = sg * (lp if nu > 0 else lm)
        s[:, k] = sg
    return u, ui, w, s


def dk_coefficients(
    w_row: ComplexArray, s_row: NDArray[np.float64], w_col: ComplexArray, s_col: NDArray[np.float64]
) -> ComplexArray:
    """Daleckii–Krein factors (s_c − s_r)/(w_c − w_r) between opposite signs, else 0.

    Parameters
    ----------
    w_row, s_row
        Eigenvalues and signs (n, a) indexing the rows.
    w_col, s_col
        Eigenvalues and signs (n, b) indexing the columns.

    Returns
    -------
    ndarray, shape (n, a, b)
        Multiplied elementwise with u_row⁻¹ X u_col, gives the first-order change of the
        sign function in eigen coordinates (the solution of the commutator equation with
        the normalisation condition g δg + δg g = 0).
    """
    opposite = s_row[:, :, None] != s_col[:, None, :]
    den = np.where(opposite, w_col[:, None, :] - w_row[:, :, None], 1.0)
    return np.where(opposite, 2 * s_col[:, None, :] / den, 0.0)  # s_c − s_r = 2 s_c


def lab_blocks(
    rr: ComplexArray,
    ra: ComplexArray,
    aa: ComplexArray,
    t_row: NDArray[np.float64],
    t_col: NDArray[np.float64],
) -> KeldyshTriple:
    """Lab-frame Keldysh triple from sheared-frame blocks (RR, RA, AA).

    Parameters
    ----------
    rr, ra, aa
        Sheared-frame blocks, shape (n, a, b).
    t_row, t_col
        tanh(ε/2T) of the row and column energies: shape (n,) (one energy per block
        side) or (n, a) and (n, b) (one per row / column index).

    Returns
    -------
    KeldyshTriple
        (RR, t_col RR + RA − t_row AA, AA): the middle block is g^K.
    """
    tr = t_row[:, :, None] if t_row.ndim == 2 else t_row[:, None, None]
    tc = t_col[:, None, :] if t_col.ndim == 2 else t_col[:, None, None]
    return rr, tc * rr + ra - tr * aa, aa


def block_product(x: KeldyshTriple, y: KeldyshTriple) -> KeldyshTriple:
    """Product of two block-upper-triangular Keldysh matrices given as triples."""
    return x[0] @ y[0], x[0] @ y[1] + x[1] @ y[2], x[2] @ y[2]


def equilibrium_blocks(
    eps: NDArray[np.float64], *, beta: float, h: float, Delta: float, Gamma: float, T: float
) -> KeldyshTriple:
    """Lab-frame triple (g^R, g^K, g^A) of the static, unpumped state (4×4, batched).

    g^R, g^A from :func:`isingsc.physics.greens.retarded_gf` / ``advanced_gf``,
    g^K = (g^R − g^A) tanh(ε/2T) (:func:`isingsc.numerics.thermal.thermal_factor`).
    """
    gr = retarded_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ga = advanced_gf(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    tt = thermal_factor(eps, T=T)
    return lab_blocks(gr, np.zeros_like(gr), ga, tt, tt)


def harmonic_mask(n: int, h: float) -> NDArray[np.bool_] | None:
    """Entries (p, q) of a Keldysh block between Floquet harmonics 0 and n that can be nonzero.

    At h = 0 the parity (−1)^n σz is conserved (σz commutes with every static term of Q,
    the pump σx anticommutes with σz and changes n by one), so the block is nonzero only
    where σz_p σz_q = (−1)^n; at h ≠ 0 every entry can be (None).

    Parameters
    ----------
    n
        Harmonic index of the block (0 for the static and second-order blocks).
    h
        Static field along x (units of Δ0).

    Returns
    -------
    ndarray of bool, shape (4, 4), or None
    """
    if h != 0:
        return None
    return np.outer(SIGMA_Z_DIAGONAL, SIGMA_Z_DIAGONAL) == (-1.0) ** n
