"""Independent, deliberately naive references for the benchmarks.

Nothing here imports isingsc. The 4×4 matrices are built from the Pauli matrices
in Nambu (outer) ⊗ spin (inner) order, and the quasiclassical Green's function is
the matrix sign of

    Q(ω) = ω τ3 + Δ τ2 + iβ σz + ih τ3σx,

computed by a batched eigendecomposition, g = V sign(Re λ) V⁻¹ (numpy/LAPACK
``zgeev`` per matrix). Traces use Tr[X g] = Σ_k sign(Re λ_k) (V⁻¹ X V)_kk, so g
itself is never formed unless asked for.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "TAU2",
    "TAU3",
    "TC0_REF",
    "anomalous_amplitude",
    "normal_amplitude",
    "q_matrix",
    "sign_matrix",
    "sign_trace",
]

_PAULI = (
    np.eye(2, dtype=complex),
    np.array([[0, 1], [1, 0]], dtype=complex),
    np.array([[0, -1j], [1j, 0]], dtype=complex),
    np.array([[1, 0], [0, -1]], dtype=complex),
)


def _kron(i: int, j: int) -> NDArray[np.complex128]:
    """τ_i ⊗ σ_j (Nambu index outer)."""
    return np.kron(_PAULI[i], _PAULI[j])


TAU2 = _kron(2, 0)
TAU3 = _kron(3, 0)
SIGMA_Z = _kron(0, 3)
TAU3_SIGMA_X = _kron(3, 1)

#: Tc0 in units of Δ0 = π e^{-γ} Tc0, computed here (not taken from isingsc).
TC0_REF = float(np.exp(np.euler_gamma) / np.pi)


def q_matrix(omega: ArrayLike, Delta: float, beta: float, h: float) -> NDArray[np.complex128]:
    """Q(ω) for a 1-D array of (complex) frequencies, shape (n, 4, 4)."""
    w = np.atleast_1d(np.asarray(omega, dtype=complex))[:, None, None]
    return w * TAU3 + Delta * TAU2 + 1j * beta * SIGMA_Z + 1j * h * TAU3_SIGMA_X


def sign_trace(q: NDArray[np.complex128], vertex: NDArray[np.complex128]) -> NDArray[np.complex128]:
    """Tr[vertex · sign(q)]/4 for a stack of matrices q (n, 4, 4), by eigendecomposition."""
    lam, v = np.linalg.eig(q)
    vinv = np.linalg.inv(v)
    diag = np.einsum("nki,ij,njk->nk", vinv, vertex, v)
    return np.sum(diag * np.sign(lam.real), axis=-1) / 4


def sign_matrix(q: NDArray[np.complex128]) -> NDArray[np.complex128]:
    """sign(q) = V sign(Re λ) V⁻¹ for a stack (n, 4, 4)."""
    lam, v = np.linalg.eig(q)
    return (v * np.sign(lam.real)[:, None, :]) @ np.linalg.inv(v)


def anomalous_amplitude(omega: ArrayLike, Delta: float, beta: float, h: float) -> NDArray:
    """F(ω) = Tr[τ2 g(ω)]/4 at real ω > 0 (real; BCS: Δ/√(ω²+Δ²)), 1-D array."""
    return sign_trace(q_matrix(omega, Delta, beta, h), TAU2).real


def normal_amplitude(omega: ArrayLike, Delta: float, beta: float, h: float) -> NDArray:
    """Tr[τ3 g(ω)]/4 at complex ω; the DOS is its real part at ω = Γ − iε."""
    return sign_trace(q_matrix(omega, Delta, beta, h), TAU3)
