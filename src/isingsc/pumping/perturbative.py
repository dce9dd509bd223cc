"""Second order in the pump amplitude h_m: the linearised Keldysh equations (paper App. C).

Expanding ǧ = sign(Q̌ + δ̌) in the pump δ = (h_m/2) iσxτ3 (which couples harmonics n and
n ± 1), the normalisation condition ǧ² = 1 and the commutator equation give, order by order
(paper Eqs. C2–C7),

    g1 Q0 − Q0 g1 = δ g0 − g0 δ,   g0 g1 + g1 g0 = 0,
    g2 Q0 − Q0 g2 = δ g1 − g1 δ,   g0 g2 + g2 g0 + g1 g1 = 0,

the Fréchet derivatives of the sign function. In the sheared frame
(:mod:`isingsc.pumping.blocks`) the unperturbed eigenbasis is block diagonal,
diag(U^R_n, U^A_n), and δ becomes δ'_{nm} = [[δ, (t_n − t_m)δ], [0, δ]]
(t_n = tanh((ε + nΩ_m)/2T)), so every 8×8 product splits into 4×4 blocks of a
block-upper-triangular algebra; the first order is the Daleckii–Krein formula and the
second order adds the normalisation term on the diagonal in eigen coordinates.

The time-averaged response at O(h_m²) contains g0 τ3 g2 + g2 τ3 g0 **and** the cross terms
Σ_k g1_{0k} τ3 g1_{k0} that the paper's Eq. C9 leaves out (:func:`second_order_pairs`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..numerics.thermal import thermal_factor
from .blocks import (
    PUMP_VERTEX,
    TAU3_DIAGONAL,
    KeldyshTriple,
    adjoint_basis,
    block_product,
    dk_coefficients,
    equilibrium_blocks,
    harmonic_mask,
    lab_blocks,
    retarded_eig,
)
from .correlation import evaluate_blocks

__all__ = ["second_order_masks", "second_order_pairs"]


def _take(tree: Any, sl: slice) -> Any:
    if isinstance(tree, tuple | list):
        return type(tree)(_take(x, sl) for x in tree)
    return tree[sl]


def _eigen_data(eps, d, beta, h, Delta, Gamma, T):
    """At energies ``eps``: the retarded eigenbasis, its advanced adjoint, tanh(ε/2T), and
    the pump matrix ``d`` applied to both bases (δu, δu_a)."""
    r = retarded_eig(eps, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    adj = adjoint_basis(*r, TAU3_DIAGONAL)
    return r, adj, thermal_factor(eps, T=T), (d @ r[0], d @ adj[0])


def _to_lab(x, a, b):
    """Lab-frame triple of eigen-coordinate blocks ``x`` between the bases ``a`` and ``b``."""
    ((ua, _, _, _), (uaa, _, _, _), ta, _) = a
    ((_, uib, _, _), (_, uaib, _, _), tb, _) = b
    return lab_blocks(ua @ x[0] @ uib, ua @ x[1] @ uaib, uaa @ x[2] @ uaib, ta, tb)


def _first_order_pair(lo, hi):
    """First order for the harmonic pair (ε, ε + Ω_m), both orderings.

    ``lo``, ``hi`` are :func:`_eigen_data` at ε and ε + Ω_m. Returns
    ((D̃', X̃, g1) for lo→hi, the same for hi→lo): the pump δ in eigen coordinates
    (RR, RA, AA blocks of the sheared frame), the first-order solution
    X̃ = D̃' ∘ (s_b − s_a)/(w_b − w_a) (Daleckii–Krein; opposite signs only) and g1 in
    the lab frame. The advanced eigenvalues are −w*, so the AA factor is the complex
    conjugate of the RR one, and the hi→lo factors are the transposes of lo→hi.
    The k = −1 pair of ε is the k = +1 pair of ε − Ω_m with the orderings swapped,
    so on a grid where Ω_m is a whole number of steps each pair is computed once.
    """
    (_, ui_l, w_l, s_l), (_, uai_l, wa_l, sa_l), t_l, (du_l, dua_l) = lo
    (_, ui_h, w_h, s_h), (_, uai_h, wa_h, sa_h), t_h, (du_h, dua_h) = hi
    c_rr = dk_coefficients(w_l, s_l, w_h, s_h)
    c_aa = np.conj(c_rr)
    dt = (t_l - t_h)[:, None, None]
    up = (ui_l @ du_h, dt * (ui_l @ dua_h), uai_l @ dua_h)
    x_up = (up[0] * c_rr, up[1] * dk_coefficients(w_l, s_l, wa_h, sa_h), up[2] * c_aa)
    down = (ui_h @ du_l, -dt * (ui_h @ dua_l), uai_h @ dua_l)
    x_down = (
        down[0] * np.swapaxes(c_rr, 1, 2),
        down[1] * dk_coefficients(w_h, s_h, wa_l, sa_l),
        down[2] * np.swapaxes(c_aa, 1, 2),
    )
    return (up, x_up, _to_lab(x_up, lo, hi)), (down, x_down, _to_lab(x_down, hi, lo))


def _second_order(base, pairs):
    """g2_00 and the first-order blocks g1_{0k}, g1_{k0} (k = ±1) at the energies of ``base``.

    ``base`` is :func:`_eigen_data` at ε; ``pairs[k]`` = ((D̃'_{0k}, X̃_{0k}, g1_{0k}),
    (D̃'_{k0}, X̃_{k0}, g1_{k0})) from :func:`_first_order_pair`.
    """
    x1 = xn = None
    left, right = [], []
    for k in (1, -1):
        (d0k, x0k, g0k), (dk0, xk0, gk0) = pairs[k]
        t1 = block_product(d0k, xk0)
        t2 = block_product(x0k, dk0)
        t3 = block_product(x0k, xk0)
        r1 = tuple(p - q for p, q in zip(t1, t2, strict=True))
        x1 = r1 if x1 is None else tuple(p + q for p, q in zip(x1, r1, strict=True))
        xn = t3 if xn is None else tuple(p + q for p, q in zip(xn, t3, strict=True))
        left.append(g0k)
        right.append(gk0)
    (_, _, w0, s0), (_, _, wa0, sa0), _, _ = base

    def second(x1b, xnb, wr, sr, wc, sc):
        same = sr[:, :, None] == sc[:, None, :]
        den = np.where(same, 1.0, wc[:, None, :] - wr[:, :, None])
        return np.where(same, -xnb / (2 * sr[:, :, None]), x1b / den)

    x2 = (
        second(x1[0], xn[0], w0, s0, w0, s0),
        second(x1[1], xn[1], w0, s0, wa0, sa0),
        second(x1[2], xn[2], wa0, sa0, wa0, sa0),
    )
    return _to_lab(x2, base, base), left, right


def second_order_masks(h: float, cross_terms: bool) -> list[NDArray[np.bool_] | None]:
    """The nonzero entries of each factor pair of :func:`second_order_pairs`
    (:func:`~isingsc.pumping.blocks.harmonic_mask`; None: all)."""
    masks = [harmonic_mask(0, h)] * 2
    return masks + [harmonic_mask(1, h)] * 2 if cross_terms else masks


def second_order_pairs(
    eps_ext: NDArray[np.float64],
    shift: int,
    *,
    beta: float,
    h: float,
    Delta: float,
    Gamma: float,
    T: float,
    h_m: float,
    cross_terms: bool = True,
    workers: int | None = None,
) -> Callable[[slice], Sequence[tuple[KeldyshTriple, KeldyshTriple]]]:
    """Factor pairs of the O(h_m²) correction to the response integrand, on a grid.

    Parameters
    ----------
    eps_ext
        Uniform energy grid ε_j, j = −shift .. n + shift − 1 (units of Δ0), whose step
        divides Ω_m exactly ``shift`` times; the pairs are given on its inner n energies
        ε_0 .. ε_{n−1}, the outer ones carry the harmonics ε ± Ω_m.
    shift
        Ω_m / step (a whole number ≥ 1): the bases at ε ± Ω_m are those at ε, shifted.
    beta, h, Delta, Gamma, T
        Static state (units of Δ0).
    h_m
        Pump amplitude (units of Δ0).
    cross_terms
        Include the pairs (g1_{0k}, g1_{k0}), k = ±1, omitted in the paper's Eq. C9.
    workers
        Threads for the precomputation (:func:`~isingsc.numerics.parallel.default_workers`).

    Returns
    -------
    callable
        ``pairs(slice)`` of the grid ↦ [(g0, g2), (g2, g0)] (+ [(g1_{0,1}, g1_{1,0}),
        (g1_{0,−1}, g1_{−1,0})]): lab-frame Keldysh triples whose correlations
        (:func:`~isingsc.pumping.correlation.keldysh_correlation`) sum to the O(h_m²) part of
        the kernel. The eigenbases on the grid extended by Ω_m on both sides and the
        first-order blocks of every pair (ε, ε + Ω_m) are computed here, once.
    """
    eps = eps_ext[shift : eps_ext.size - shift]
    d = (h_m / 2) * PUMP_VERTEX
    eig = evaluate_blocks(
        lambda sl: _eigen_data(eps_ext[sl], d, beta, h, Delta, Gamma, T),
        eps_ext.size,
        workers=workers,
    )
    # first-order data of the pair (ε_j, ε_j + Ω_m), j = −shift .. n − 1
    first = evaluate_blocks(
        lambda sl: _first_order_pair(
            _take(eig, sl), _take(eig, slice(sl.start + shift, sl.stop + shift))
        ),
        eps.size + shift,
        workers=workers,
    )

    def pairs(sl: slice) -> list[tuple[KeldyshTriple, KeldyshTriple]]:
        here = slice(sl.start + shift, sl.stop + shift)
        up, down = _take(first, here), _take(first, sl)
        g2, left, right = _second_order(_take(eig, here), {1: up, -1: down[::-1]})
        g0 = equilibrium_blocks(eps[sl], beta=beta, h=h, Delta=Delta, Gamma=Gamma, T=T)
        out = [(g0, g2), (g2, g0)]
        if cross_terms:
            out += list(zip(left, right, strict=True))
        return out

    return pairs
