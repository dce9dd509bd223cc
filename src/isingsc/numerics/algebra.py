"""Nambu (τ) ⊗ spin (σ) algebra: Pauli matrices, the 16 basis matrices, traces.

Convention: a 4×4 matrix is ``np.kron(tau_i, sigma_j)``; the Nambu index is the
outer (slow) index. Batched arrays carry the two matrix indices last.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["PAULI", "TS", "pauli_components"]

#: Pauli matrices σ0, σx, σy, σz (also used for τ0..τ3).
PAULI: tuple[NDArray[np.complex128], ...] = (
    np.eye(2, dtype=complex),
    np.array([[0, 1], [1, 0]], dtype=complex),
    np.array([[0, -1j], [1j, 0]], dtype=complex),
    np.array([[1, 0], [0, -1]], dtype=complex),
)


def _ts(i: int, j: int) -> NDArray[np.complex128]:
    m = np.kron(PAULI[i], PAULI[j])
    m.setflags(write=False)
    return m


#: ``TS[i, j]`` = τ_i ⊗ σ_j, i, j ∈ {0, 1, 2, 3} (read-only).
TS: dict[tuple[int, int], NDArray[np.complex128]] = {
    (i, j): _ts(i, j) for i in range(4) for j in range(4)
}
_BASIS = np.array([TS[i, j] for i in range(4) for j in range(4)]).reshape(4, 4, 4, 4)


def pauli_components(g: NDArray[np.complex128]) -> NDArray[np.complex128]:
    """Coefficients c_ij of ``g = Σ c_ij τ_i ⊗ σ_j``.

    Parameters
    ----------
    g
        Array of shape ``(..., 4, 4)``.

    Returns
    -------
    ndarray, shape ``(..., 4, 4)``
        ``c[..., i, j] = Tr[(τ_i σ_j) g] / 4``.
    """
    return np.einsum("ijab,...ba->...ij", _BASIS, g) / 4.0
