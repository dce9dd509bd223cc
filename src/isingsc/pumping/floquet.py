"""Floquet–Keldysh Green's function of the pumped superconductor (non-perturbative in h_m).

The pump h_m cos(Ω_m t) σx couples Floquet harmonics n ↔ n ± 1. Truncated to harmonics
−N..N, the Keldysh-extended Floquet matrix is

    Q̌_F = [[Q^R_F, 2Γ F̂ τ3], [0, Q^A_F]],
    (Q^R_F)_{nn} = (Γ − i(ε + nΩ_m))τ3 + iVτ3,   (Q^R_F)_{n,n±1} = (h_m/2) iσxτ3,

with F̂ = tanh((ε + nΩ_m)/2T) on harmonic n, and the time-averaged Green's function is the
(0, 0) block of ǧ_F = sign(Q̌_F). In the sheared frame (:mod:`isingsc.pumping.blocks`)
one eigen-decomposition of the 4(2N+1)-square Q^R_F gives everything: g^R = u s u⁻¹,
g^A from the adjoint basis and g^K from the Daleckii–Krein solution for the commutator
[F̂, pump].

Symmetries. S = τ1σx anticommutes with every term of Q̌_F (τ3, σz, the pairing, the field
and the pump alike), so sign(Q̌_F) = −S sign(Q̌_F) S (S is a permutation, index p ↔ 3 − p
on every harmonic). At h = 0 the parity Π = (−1)^n σz also commutes with Q̌_F (σz commutes
with every static term and anticommutes with the pump σx, which changes n by one), so
Q̌_F is block diagonal on the two eigenspaces of Π, and S maps one onto the other: only
one matrix of size 2(2N+1) is decomposed instead of one of 4(2N+1), the other sector
being its negative (:func:`parity_sectors`). The entries (p, q) of a block between
harmonics 0 and n then vanish unless σz_p σz_q = (−1)^n
(:func:`isingsc.pumping.blocks.harmonic_mask`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..numerics.thermal import thermal_factor
from .blocks import (
    PUMP_VERTEX,
    SIGMA_Z_DIAGONAL,
    TAU3_DIAGONAL,
    KeldyshTriple,
    adjoint_basis,
    dk_coefficients,
    lab_blocks,
    numeric_eig,
    vertex_matrix,
)

__all__ = ["FloquetBlocks", "floquet_blocks", "parity_sectors"]

#: (rows, cols): lab-frame Keldysh triples of the (0, n) and (n, 0) blocks, n = −N..N.
FloquetBlocks = tuple[list[KeldyshTriple], list[KeldyshTriple]]


def parity_sectors(harmonics: int, h: float) -> list[NDArray[np.intp]]:
    """Index sets of the 4(2N+1) Floquet basis on which Q̌_F is block diagonal.

    Parameters
    ----------
    harmonics
        Truncation N (harmonics −N..N; index 4(n + N) + p for basis state p of harmonic n).
    h
        Static field along x (units of Δ0).

    Returns
    -------
    list of index arrays
        At h = 0 the eigenspaces of Π = (−1)^n σz, Π = +1 first (ascending) and Π = −1 in
        the partner order S = τ1σx (4(n + N) + p ↦ 4(n + N) + 3 − p), in which Q̌_F on the
        second is minus Q̌_F on the first. Otherwise one set, every index.
    """
    m = 2 * harmonics + 1
    if h != 0:
        return [np.arange(4 * m)]
    harmonic = np.repeat(np.arange(-harmonics, harmonics + 1), 4)
    even = np.flatnonzero(np.tile(SIGMA_Z_DIAGONAL, m) * (-1.0) ** harmonic > 0)
    return [even, even - even % 4 + 3 - even % 4]


def floquet_blocks(
    eps: NDArray[np.float64],
    *,
    beta: float,
    h: float,
    Delta: float,
    Gamma: float,
    T: float,
    h_m: float,
    Omega_m: float,
    harmonics: int,
) -> FloquetBlocks:
    """Row-0 and column-0 blocks of sign(Q̌_F) at energies ``eps`` (lab frame).

    Parameters
    ----------
    eps
        Energies of harmonic 0, 1-D (units of Δ0).
    beta, h, Delta, Gamma, T
        Static state (units of Δ0); Γ > 0 is the Dynes and relaxation rate of the bath.
    h_m, Omega_m
        Pump amplitude and frequency (units of Δ0).
    harmonics
        Truncation N ≥ 1.

    Returns
    -------
    FloquetBlocks
        ``rows[a]`` = (g^R, g^K, g^A) of the block (0, n) and ``cols[a]`` that of (n, 0),
        n = a − N, each of shape (len(eps), 4, 4).
    """
    n_harm = int(harmonics)
    m = 2 * n_harm + 1
    size = 4 * m
    n = eps.size
    tt = thermal_factor(eps[:, None] + np.arange(-n_harm, n_harm + 1)[None, :] * Omega_m, T=T)
    om = Gamma - 1j * (eps[:, None] + np.arange(-n_harm, n_harm + 1)[None, :] * Omega_m)
    couple = np.eye(m, k=1) + np.eye(m, k=-1)
    pump = np.kron(couple, (h_m / 2) * PUMP_VERTEX)
    static = np.kron(np.eye(m), vertex_matrix(beta=beta, h=h, Delta=Delta)) + pump
    t3 = np.tile(TAU3_DIAGONAL, m)
    harm = np.repeat(np.arange(m), 4)
    centre = 4 * n_harm
    row = [np.zeros((n, 4, size), complex) for _ in range(3)]
    col = [np.zeros((n, size, 4), complex) for _ in range(3)]
    sectors = parity_sectors(n_harm, h)
    idx = sectors[0]
    hx, t3x = harm[idx], t3[idx]
    box = np.ix_(idx, idx)
    diag = np.arange(idx.size)
    q = np.empty((n, idx.size, idx.size), complex)
    q[:] = static[box]
    q[:, diag, diag] += om[:, hx] * t3x
    tx = tt[:, hx]
    cp = (tx[:, :, None] - tx[:, None, :]) * pump[box]
    u, ui, w, s = numeric_eig(q)
    ua, uai, wa, sa = adjoint_basis(u, ui, w, s, t3x)  # of Q^R_F† (the advanced part)
    kt = (ui @ cp @ ua) * dk_coefficients(w, s, wa, sa)
    c = np.flatnonzero(hx == n_harm)  # the sector's states of harmonic 0
    t0 = tt[:, n_harm]
    gr_row = (u[:, c, :] * s[:, None, :]) @ ui
    gr_col = (u * s[:, None, :]) @ ui[:, :, c]
    # g^A = −τ3 (g^R)† τ3
    ga_row = -t3x[c][:, None] * np.conj(np.swapaxes(gr_col, 1, 2)) * t3x[None, :]
    ga_col = -t3x[:, None] * np.conj(np.swapaxes(gr_row, 1, 2)) * t3x[c][None, :]
    r_blocks = lab_blocks(gr_row, u[:, c, :] @ kt @ uai, ga_row, t0, tx)
    c_blocks = lab_blocks(gr_col, u @ (kt @ uai[:, :, c]), ga_col, tx, t0)
    for sign, part in zip((1.0, -1.0), sectors, strict=False):  # the partner sector: −ǧ
        rows_c, cols_c = np.ix_(part[c] - centre, part), np.ix_(part, part[c] - centre)
        for out, block in zip(row, r_blocks, strict=True):
            out[:, rows_c[0], rows_c[1]] = sign * block
        for out, block in zip(col, c_blocks, strict=True):
            out[:, cols_c[0], cols_c[1]] = sign * block
    rows = [tuple(x[:, :, 4 * a : 4 * a + 4] for x in row) for a in range(m)]
    cols = [tuple(x[:, 4 * a : 4 * a + 4, :] for x in col) for a in range(m)]
    return rows, cols  # type: ignore[return-value]
