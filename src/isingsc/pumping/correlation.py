"""Energy-blocked evaluation and the FFT correlation of Keldysh traces on a uniform grid.

The time-averaged response of the pumped state is a bilinear form over energy,

    K(Ω) = Σ_pairs ∫dε Tr[τ3 (L(ε + Ω) τ̌3 R(ε))^K] / 4,

with L, R Keldysh matrices (triples, :mod:`isingsc.pumping.blocks`). On a uniform grid
ε_k = ε_0 + kδ and for all Ω = mδ at once this is a set of cross-correlations over k,
which an FFT computes in O(N log N) (:func:`keldysh_correlation`). The factors are
produced block by block over energy (:func:`energy_slices`, :func:`evaluate_blocks`) on
the package's worker threads (:func:`isingsc.numerics.parallel.map_threads`): numpy's
batched eig, matmul and array loops release the GIL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import fft as sp_fft
from scipy.fft import next_fast_len

from ..numerics.parallel import default_workers, map_threads
from .blocks import TAU3_DIAGONAL, KeldyshTriple

__all__ = ["BLOCK_SIZE", "energy_slices", "evaluate_blocks", "keldysh_correlation"]

#: Energies per block: the batched 4(2N+1)-square matrices of a block stay in cache.
BLOCK_SIZE = 2048

#: A factor pair (L, R) of the correlation.
FactorPair = tuple[KeldyshTriple, KeldyshTriple]


def energy_slices(n: int, size: int = BLOCK_SIZE) -> list[slice]:
    """Consecutive slices of ``range(n)`` of at most ``size`` energies each."""
    return [slice(i, min(i + size, n)) for i in range(0, n, size)]


def _run_blocks(
    fn: Callable[[slice], Any],
    n: int,
    first: Callable[[slice, Any], None],
    workers: int | None,
) -> None:
    """``fn`` on every energy block; ``first`` receives the first block's result (run alone,
    so that it may set up the storage the other blocks write into)."""
    slices = energy_slices(n)
    first(slices[0], fn(slices[0]))
    for _ in map_threads(fn, slices[1:], workers=workers):
        pass


def _allocate(tree: Any, n: int) -> Any:
    if isinstance(tree, tuple | list):
        return type(tree)(_allocate(x, n) for x in tree)
    return np.empty((n, *tree.shape[1:]), tree.dtype)


def _store(out: Any, sl: slice, tree: Any) -> None:
    if isinstance(tree, tuple | list):
        for o, x in zip(out, tree, strict=True):
            _store(o, sl, x)
    else:
        out[sl] = tree


def evaluate_blocks(fn: Callable[[slice], Any], n: int, *, workers: int | None = None) -> Any:
    """``fn(slice)`` over the energy blocks of ``range(n)``, joined along energy.

    Parameters
    ----------
    fn
        Maps a slice of the energy grid to nested tuples/lists of arrays whose first axis
        is energy (the same nesting for every slice).
    n
        Number of energies (≥ 1).
    workers
        Threads (:func:`isingsc.numerics.parallel.default_workers`).

    Returns
    -------
    The nesting of ``fn``'s result, each array of length ``n`` along its first axis
    (with one worker: ``fn(slice(0, n))`` itself, one block, nothing copied).
    """
    if default_workers(workers) == 1:
        return fn(slice(0, n))
    out: list[Any] = []

    def setup(sl: slice, tree: Any) -> None:
        out.append(_allocate(tree, n))
        _store(out[0], sl, tree)

    def run(sl: slice) -> Any:
        tree = fn(sl)
        if out:
            _store(out[0], sl, tree)
            return None
        return tree

    _run_blocks(run, n, setup, workers)
    return out[0]


def keldysh_correlation(
    pairs: Callable[[slice], Sequence[FactorPair]],
    *,
    n_total: int,
    n: int,
    n_shift: int,
    weights: NDArray[np.float64],
    masks: Sequence[NDArray[np.bool_] | None] | None = None,
    workers: int | None = None,
) -> NDArray[np.complex128]:
    """Σ_pairs Σ_k w_k Tr[τ3 (L(ε_k + mδ) τ̌3 R(ε_k))^K]/4 for m = 0..n_shift, by FFT.

    Parameters
    ----------
    pairs
        Maps a slice of the grid of ``n_total`` energies to the factor pairs (L, R) on it,
        each a Keldysh triple of 4×4 blocks; always the same number of pairs. R is used on
        the first ``n`` energies only, L on all (it is read at ε_k + mδ).
    n_total, n, n_shift
        Grid size, number of quadrature points (n + n_shift ≤ n_total), largest lag.
    weights
        Quadrature weights of the first ``n`` energies (units of energy).
    masks
        Per pair, a (4, 4) boolean array of the entries (p, q) of L that can be nonzero
        (and then R[q, p]); a symmetry zeroing the others halves the FFTs. None: all.
    workers
        Threads for the blocks and the FFTs (:func:`~isingsc.numerics.parallel.default_workers`).

    Returns
    -------
    ndarray, shape (n_shift + 1,)
        The correlation at lags 0..n_shift.

    Notes
    -----
    Tr[τ3(Lτ̌3R)_{12}] = Σ_pq (τ3 L11 τ3)_pq R12_qp + (τ3 L12 τ3)_pq R22_qp. Each block is
    written straight into zero-padded FFT buffers (one channel per kept (p, q) and Keldysh
    block); a circular correlation of length ≥ n + n_shift has no wrap-around at these
    lags, and the channel and pair sums are taken in the frequency domain, so only one
    inverse FFT is needed.
    """
    length = next_fast_len(n + n_shift, True)
    sgn = (TAU3_DIAGONAL[:, None] * TAU3_DIAGONAL[None, :]).ravel()
    buffers: list[tuple[NDArray[np.complex128], NDArray[np.complex128], NDArray[np.intp]]] = []

    def fill(sl: slice, result: Sequence[FactorPair]) -> None:
        r = slice(sl.start, min(sl.stop, n))
        k = max(r.stop - r.start, 0)
        for (left, right), (f, g, ch) in zip(result, buffers, strict=True):
            c = ch.size
            p, q = ch // 4, ch % 4
            sg = sgn[ch][:, None]
            f[:c, sl] = left[0][:, p, q].T * sg
            f[c:, sl] = left[1][:, p, q].T * sg
            if k:
                w = weights[r]
                g[:c, r] = np.conj(right[1][:k, q, p].T * w)
                g[c:, r] = np.conj(right[2][:k, q, p].T * w)

    def setup(sl: slice, result: Sequence[FactorPair]) -> None:
        pair_masks = [None] * len(result) if masks is None else masks
        for mask in pair_masks:
            ch = np.arange(16) if mask is None else np.flatnonzero(np.asarray(mask).ravel())
            f = np.empty((2 * ch.size, length), complex)
            g = np.empty((2 * ch.size, length), complex)
            f[:, n_total:] = 0
            g[:, n:] = 0
            buffers.append((f, g, ch))
        fill(sl, result)

    def run(sl: slice) -> Sequence[FactorPair] | None:
        result = pairs(sl)
        if buffers:
            fill(sl, result)
            return None
        return result

    _run_blocks(run, n_total, setup, workers)
    threads = default_workers(workers)
    acc = np.zeros(length, complex)
    for f, g, _ in buffers:
        ff = sp_fft.fft(f, axis=1, workers=threads, overwrite_x=True)
        gg = sp_fft.fft(g, axis=1, workers=threads, overwrite_x=True)
        acc += np.einsum("cq,cq->q", ff, np.conj(gg))
    full = sp_fft.ifft(acc, workers=threads)
    return full[: n_shift + 1] / 4
