"""Magnon pumping: conductivity of the Ising superconductor under h(t) = h + h_m cos(Ω_m t).

Model (WIP for issue #5; see the tests for what is verified). The field h(t) points
along x. The superconductor is coupled to a bath that (i) broadens the spectral
functions by the Dynes rate Γ, and (ii) relaxes the quasiparticle distribution
towards the lab-frame equilibrium tanh(ε/2T): the bath self-energy is that of a
normal reservoir, Σ^R = −iΓ, Σ^K = −2iΓ tanh(ε/2T). For a homogeneous (dirty,
isotropic) state the Keldysh Green's function is then the matrix sign function of
the Keldysh-extended, Floquet-extended matrix

    Q̌ = [[Q^R, 2Γ F̂ τ3], [0, Q^A]],   Q^{R/A} = (±Γ − iε̂)τ3 + i V̂ τ3,

where ε̂ = ε + nΩ_m on harmonic n, F̂ = tanh(ε̂/2T) and V̂ couples harmonics
n ↔ n±1 through (h_m/2)σx. Static and unpumped, sign(Q̌) = [[g^R, g^K], [0, g^A]]
with g^K = (g^R − g^A)tanh (checked in the tests). The photon response is the
Keldysh bilinear form of :mod:`isingsc.response` on the (0, 0) Floquet block,
time-averaged over the pump period:

    σ/σn = −(1/4Ω) ∫dε Tr[τ3 (ǧ(ε+Ω) τ̌3 ǧ(ε))^K_{00}]/4.

Two evaluations:

* ``method="floquet"``: the sign of the truncated Floquet matrix (harmonics −N..N),
  non-perturbative in h_m;
* ``method="perturbative"``: second order in h_m by the linearised equations with
  the normalisation condition (the Fréchet derivatives of the sign function):
  g1 Q0 − Q0 g1 = δg0 − g0δ with g0g1 + g1g0 = 0, and g2 from
  g2 Q0 − Q0 g2 = δg1 − g1δ with g0g2 + g2g0 + g1g1 = 0 (paper App. C, C2–C7).
  σ_hh contains g0 τ3 g2 + g2 τ3 g0 **and** the cross terms Σ_k g1_{0k} τ3 g1_{k0}
  that the paper's Eq. C9 leaves out; ``cross_terms=False`` drops them.
"""

from __future__ import annotations

import warnings

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.signal import fftconvolve

from .algebra import TS
from .errors import ConvergenceError, ParameterError
from .response import _INTERP_POINTS, _interpolate, _state, conductivity
from .spectrum import gap_edges
from .validation import finite, nonnegative, positive

__all__ = ["pumped_conductivity"]

ComplexArray = NDArray[np.complex128]
_T3 = TS[3, 0]
_T3_K = np.kron(np.eye(2), _T3)  # τ̌3 in Keldysh space (block diagonal)
_PUMP = 1j * TS[0, 1] @ TS[3, 0]  # i σx τ3: the pump's entry in Q per unit field


def _vertex_matrix(beta, h, Delta):
    v = beta * TS[3, 3] + h * TS[0, 1] + Delta * TS[1, 0]
    return 1j * v @ _T3


def _keldysh_q(eps, iv, Gamma, T):
    """Static Keldysh-extended Q̌(ε), shape (n, 8, 8)."""
    n = eps.size
    q = np.zeros((n, 8, 8), complex)
    diag_r = (Gamma - 1j * eps)[:, None, None] * _T3
    diag_a = (-Gamma - 1j * eps)[:, None, None] * _T3
    t = np.tanh(eps / (2 * T)) if T > 0 else np.sign(eps)
    q[:, :4, :4] = diag_r + iv
    q[:, 4:, 4:] = diag_a + iv
    q[:, :4, 4:] = 2 * Gamma * t[:, None, None] * _T3
    return q


def _eig(q):
    w, u = np.linalg.eig(q)
    return w, u, np.linalg.inv(u), np.sign(w.real)


def _sign_from(eig):
    _, u, ui, s = eig
    return np.einsum("eij,ej,ejk->eik", u, s, ui)


def _first_order(eig_row, eig_col, g_row, g_col, delta):
    """g1 with g1 Q_col − Q_row g1 = δ g_col − g_row δ, g_row g1 + g1 g_col = 0."""
    wr, ur, uri, sr = eig_row
    wc, uc, uci, sc = eig_col
    rhs = delta @ g_col - g_row @ delta
    x = uri @ rhs @ uc
    den = wc[:, None, :] - wr[:, :, None]
    opposite = sr[:, :, None] != sc[:, None, :]
    x = np.where(opposite, x / np.where(opposite, den, 1.0), 0.0)
    return ur @ x @ uci


def _second_order(eig0, g1_left, g1_right, delta):
    """g2_00 from the commutator equation and the normalisation condition."""
    w, u, ui, s = eig0
    rhs = sum(delta @ r - lft @ delta for lft, r in zip(g1_left, g1_right, strict=True))
    norm = sum(lft @ r for lft, r in zip(g1_left, g1_right, strict=True))
    x1 = ui @ rhs @ u
    xn = ui @ norm @ u
    den = w[:, None, :] - w[:, :, None]
    same = s[:, :, None] == s[:, None, :]
    x = np.where(same, -xn / (2 * s[:, :, None]), x1 / np.where(same, 1.0, den))
    return u @ x @ ui


def _perturbative_blocks(eps, iv, Gamma, T, h_m, Omega_m):
    """Per energy: g0, g2_00, and the first-order blocks g1_{0k}, g1_{k0} (k = ±1)."""
    delta = np.kron(np.eye(2), (h_m / 2) * _PUMP)
    e0 = _eig(_keldysh_q(eps, iv, Gamma, T))
    g0 = _sign_from(e0)
    left, right = [], []
    for k in (1, -1):
        ek = _eig(_keldysh_q(eps + k * Omega_m, iv, Gamma, T))
        gk = _sign_from(ek)
        left.append(_first_order(e0, ek, g0, gk, delta))  # g1_{0k}
        right.append(_first_order(ek, e0, gk, g0, delta))  # g1_{k0}
    g2 = _second_order(e0, left, right, delta)
    return g0, g2, left, right


def _floquet_blocks(eps, iv, Gamma, T, h_m, Omega_m, n_harm):
    """Row-0 and column-0 blocks of sign(Q̌_F), each a list over harmonics −N..N."""
    m = 2 * n_harm + 1
    size = 8 * m
    q = np.zeros((eps.size, size, size), complex)
    couple = np.kron(np.eye(2), (h_m / 2) * _PUMP)
    for a, n in enumerate(range(-n_harm, n_harm + 1)):
        q[:, 8 * a : 8 * a + 8, 8 * a : 8 * a + 8] = _keldysh_q(eps + n * Omega_m, iv, Gamma, T)
        if a + 1 < m:
            q[:, 8 * a : 8 * a + 8, 8 * a + 8 : 8 * a + 16] = couple
            q[:, 8 * a + 8 : 8 * a + 16, 8 * a : 8 * a + 8] = couple
    g = _sign_from(_eig(q))
    c = 8 * n_harm
    rows = [g[:, c : c + 8, 8 * a : 8 * a + 8] for a in range(m)]
    cols = [g[:, 8 * a : 8 * a + 8, c : c + 8] for a in range(m)]
    return rows, cols


def _keldysh_trace(left, right):
    """Tr[τ3 (L τ̌3 R)_K]/4 for batches of 8×8 Keldysh matrices (block (1,2))."""
    prod = left @ _T3_K @ right
    return np.einsum("ab,eba->e", _T3, prod[:, :4, 4:]) / 4


def _pumped_fixed(
    Omega_ph: ArrayLike,
    Omega_m: float,
    h_m: float,
    beta: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    h: float = 0.0,
    *,
    method: str = "floquet",
    harmonics: int = 1,
    cross_terms: bool = True,
    points_per_width: float = 4.0,
    chunk: int = 4000,
) -> ComplexArray:
    """Time-averaged σ(Ω_ph)/σn of the superconductor pumped by h_m cos(Ω_m t) along x.

    Parameters
    ----------
    Omega_ph
        Photon frequencies (units of Δ0), nonzero.
    Omega_m
        Pump (magnon) frequency > 0 (units of Δ0).
    h_m
        Pump amplitude ≥ 0 (units of Δ0).
    beta, T, Gamma
        Ising SOC, temperature, Dynes/relaxation rate Γ > 0 (units of Δ0).
    Delta
        Order parameter; None: the equilibrium self-consistent Δ(T, h).
    h
        Static in-plane field h0 (units of Δ0).
    method
        ``"floquet"`` (non-perturbative, harmonics −N..N) or ``"perturbative"``
        (σ_eq + second order in h_m).
    harmonics
        N for ``"floquet"``.
    cross_terms
        ``"perturbative"`` only: include Σ_k g1_{0k}τ3g1_{k0} (omitted in the
        paper's Eq. C9).

    Returns
    -------
    ndarray
        σ/σn, physics convention e^{−iΩt} (σ1 + iσ2); the unpumped limit is
        :func:`isingsc.conductivity`.

    Notes
    -----
    The pumped correction (pumped minus unpumped integrand, on the same grid so
    that discretisation errors cancel) is integrated on a uniform grid with step
    min(Γ, πT)/points_per_width over a window containing every gap edge and its
    shifts by Ω_ph and ±Ω_m, for all Ω_ph at once as FFT cross-correlations of the
    needed Floquet blocks, then interpolated to the requested Ω_ph. The equilibrium
    part is :func:`isingsc.conductivity` (with its ε⁻³ tails).
    """
    om = finite("Omega_ph", Omega_ph)
    if np.any(om == 0):
        raise ParameterError("Omega_ph", 0.0, "Omega_ph != 0")
    w_m = float(positive("Omega_m", Omega_m))
    hm = float(nonnegative("h_m", h_m))
    b, hh, t, gam, d = _state(beta, h, T, Gamma, Delta)
    if method not in ("floquet", "perturbative"):
        raise ParameterError("method", method, "'floquet' or 'perturbative'")
    if int(harmonics) < 1:
        raise ParameterError("harmonics", harmonics, "harmonics >= 1")
    sigma_eq = conductivity(np.abs(om), b, hh, t, gam, d, check_grid=False)
    if hm == 0:
        return np.where(om > 0, sigma_eq, np.conj(sigma_eq))
    iv = _vertex_matrix(b, hh, d)
    step = (min(gam, np.pi * t) if t > 0 else gam) / points_per_width
    # the perturbative grid must not depend on h_m (σ_hh/h_m² is then exactly h_m-free)
    pump = hm if method == "floquet" else 0.0
    w_max = float(np.max(np.abs(om)))
    reach = 2 * float(gap_edges(b, abs(hh) + pump, d)[2]) + w_max
    n_reach = 2 if method == "perturbative" else int(harmonics) + 1
    window = reach + n_reach * w_m + 40 * t + 50 * gam
    n = int(np.ceil(2 * window / step)) + 1
    n_shift = int(np.ceil(w_max / step)) + _INTERP_POINTS
    eps = -window + step * np.arange(n + n_shift)

    def pairs(e):
        """(left, right) factor pairs whose Keldysh traces sum to the pumped minus
        the unpumped integrand (the latter on the same grid, so grid errors cancel)."""
        if method == "perturbative":
            g0, g2, left, right = _perturbative_blocks(e, iv, gam, t, hm, w_m)
            out = [(g0, g2), (g2, g0)]
            if cross_terms:
                out += list(zip(left, right, strict=True))
            return out
        rows, cols = _floquet_blocks(e, iv, gam, t, hm, w_m, int(harmonics))
        g0 = _sign_from(_eig(_keldysh_q(e, iv, gam, t)))
        return [*zip(rows, cols, strict=True), (g0, -g0)]

    k_grid = np.zeros(n_shift + 1, complex)
    weights = np.full(n, step)
    weights[[0, -1]] /= 2
    for left, right in pairs(eps):  # all energies at once: memory ~ 16·64·len(eps) bytes/pair
        k_grid += _correlate(left, right, n, n_shift, weights)
    p = _INTERP_POINTS
    ext = np.concatenate((-np.conj(k_grid[p:0:-1]), k_grid))
    k = _interpolate(step, ext, np.abs(om), offset=p)
    sig = sigma_eq - k / (4 * np.abs(om))
    return np.where(om > 0, sig, np.conj(sig)).reshape(om.shape)


def _correlate(left, right, n, n_shift, weights):
    """Σ_k w_k Tr[τ3 (L(ε_k+mδ) τ̌3 R(ε_k))_K]/4 for m = 0..n_shift, by FFT.

    Tr[τ3(Lτ̌3R)_{12}] = Σ_pq (τ3 L11 τ3)_pq R12_qp + (τ3 L12 τ3)_pq R22_qp.
    """
    t3 = np.diag(_T3).real
    l11 = t3[None, :, None] * left[:, :4, :4] * t3[None, None, :]
    l12 = t3[None, :, None] * left[:, :4, 4:] * t3[None, None, :]
    r12 = np.swapaxes(right[:n, :4, 4:], 1, 2) * weights[:, None, None]
    r22 = np.swapaxes(right[:n, 4:, 4:], 1, 2) * weights[:, None, None]
    f = np.concatenate((l11.reshape(-1, 16), l12.reshape(-1, 16)), axis=1).T
    g = np.concatenate((r12.reshape(-1, 16), r22.reshape(-1, 16)), axis=1).T
    full = fftconvolve(f, g[:, ::-1], axes=1).sum(axis=0)
    return full[n - 1 : n + n_shift] / 4


def pumped_conductivity(
    Omega_ph: ArrayLike,
    Omega_m: float,
    h_m: float,
    beta: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    h: float = 0.0,
    *,
    method: str = "floquet",
    harmonics: int | str = "auto",
    tol: float = 1e-4,
    max_harmonics: int = 6,
    on_unconverged: str = "raise",
    cross_terms: bool = True,
    points_per_width: float = 4.0,
) -> ComplexArray:
    """Time-averaged σ(Ω_ph)/σn of the superconductor pumped by h_m cos(Ω_m t) along x.

    Parameters
    ----------
    Omega_ph
        Photon frequencies (units of Δ0), nonzero.
    Omega_m
        Pump (magnon) frequency > 0 (units of Δ0).
    h_m
        Pump amplitude ≥ 0 (units of Δ0).
    beta, T, Gamma
        Ising SOC, temperature, Dynes/relaxation rate Γ > 0 (units of Δ0).
    Delta
        Order parameter; None: the equilibrium self-consistent Δ(T, h).
    h
        Static in-plane field h0 (units of Δ0).
    method
        ``"floquet"`` (non-perturbative) or ``"perturbative"`` (σ_eq + O(h_m²)).
    harmonics
        Floquet truncation N (harmonics −N..N), or ``"auto"``: N = 1, 2, … until
        two successive results differ by less than ``tol`` (absolute, σn).
    tol, max_harmonics
        Convergence tolerance and largest N tried by ``"auto"``.
    on_unconverged
        ``"raise"`` (:class:`~isingsc.errors.ConvergenceError`) or ``"warn"``
        (RuntimeWarning with the estimate; the last result is returned).
    cross_terms
        ``"perturbative"`` only: include Σ_k g1_{0k}τ3g1_{k0} (omitted in the
        paper's Eq. C9).
    points_per_width
        Energy-grid points per min(Γ, πT).

    Returns
    -------
    ndarray
        σ/σn, physics convention e^{−iΩt} (σ1 + iσ2); Re σ < 0 means gain (lasing).
        With h_m = 0 it is :func:`isingsc.conductivity`.

    Notes
    -----
    See the module docstring for the bath model and the two methods. The pumped
    correction scales as h_m²/Γ in the perturbative regime (h_m ≲ Γ/2); beyond it
    only ``"floquet"`` is valid.
    """
    kw = {"cross_terms": cross_terms, "points_per_width": points_per_width}
    args = (Omega_ph, Omega_m, h_m, beta, T, Gamma, Delta, h)
    if on_unconverged not in ("raise", "warn"):
        raise ParameterError("on_unconverged", on_unconverged, "'raise' or 'warn'")
    if method != "floquet" or harmonics != "auto":
        if method == "floquet" and isinstance(harmonics, str):
            raise ParameterError("harmonics", harmonics, "an integer >= 1 or 'auto'")
        n = 1 if isinstance(harmonics, str) else int(harmonics)
        return _pumped_fixed(*args, method=method, harmonics=n, **kw)
    previous = _pumped_fixed(*args, method="floquet", harmonics=1, **kw)
    change = np.inf
    for n in range(2, int(max_harmonics) + 1):
        current = _pumped_fixed(*args, method="floquet", harmonics=n, **kw)
        change = float(np.max(np.abs(current - previous)))
        if change < tol:
            return current
        previous = current
    message = (
        f"Floquet truncation not converged: N = {max_harmonics - 1} → {max_harmonics} "
        f"changes σ by {change:.3g} > tol = {tol:g}; raise max_harmonics or tol"
    )
    if on_unconverged == "raise":
        raise ConvergenceError(message)
    warnings.warn(message, RuntimeWarning, stacklevel=2)
    return previous
