"""Quasiclassical Green's function of the Ising superconductor, in closed form.

Convention (see DESIGN.md §1). With V = β τ3σz + h σx + Δ τ1 the ξ-independent
part of H(ξ) = ξ τ3 + V, the quasiclassical function at a complex frequency ω
(Re ω ≠ 0) is the matrix sign function

    g(ω) = sign(Q),   Q = (ω + iV) τ3 = ω τ3 + Δ τ2 + iβ σz + ih τ3σx,

equivalently g = (i/π) ∫dξ τ3 G(ξ), G = (iω − H(ξ))^{-1}. It obeys g² = 1,
g → sign(Re ω) τ3 for abs(ω) → ∞, and for BCS g = (ωτ3 + Δτ2)/sqrt(ω² + Δ²).

Real energies: g^R(ε) = g(Γ − iε), g^A(ε) = g(−Γ − iε) (Dynes rate Γ > 0, i.e.
ε → ε ± iΓ), and in equilibrium g^K = (g^R − g^A) tanh(ε/2T).

Closed form. Q² = s + 2iM with s = ω² + Δ² − ρ², ρ² = β² + h² and
M = ωβ τ3σz + ωh σx + Δβ τ2σz, M² = m² = ω²ρ² + Δ²β². With λ± the principal
square roots of s ± 2im (the eigenvalues of Q²),

    g = Q [A − 2i B M],   A = (λ+ + λ−)/(2λ+λ−),   B = 1/(λ+λ−(λ+ + λ−)),

which is even in the branch of m and regular at m = 0. Two scalar traces follow:
Tr[τ3 g]/4 = ω(A + 2ρ²B) (density of states) and Tr[τ2 g]/4 = Δ(A + 2β²B) (the
singlet anomalous amplitude F of the gap equation). The paper's Eqs. A6–A8 are not
used: as printed, A6/A7 are half the contour values (with Im E₁,₂ < 0,
∫dξ/((ξ² − E₁²)(ξ² − E₂²)) = iπ/(E₁E₂(E₁ + E₂)), ∫ξ²dξ/(…) = −iπ/(E₁ + E₂)) and
the branch of E₁,₂ is not stated; the form above is checked against the matrix sign
function and against brute-force ξ integration in the tests.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, finite_complex, nonnegative, positive
from ..numerics.algebra import TS, pauli_components
from ..numerics.thermal import thermal_factor

__all__ = [
    "COMPONENTS",
    "TAU3_SIGNS",
    "a9_components",
    "advanced_gf",
    "anomalous_amplitude",
    "gf_components",
    "keldysh_gf",
    "matsubara_gf",
    "normal_amplitude",
    "quasiclassical_gf",
    "real_axis_components",
    "retarded_gf",
    "roots",
]

#: (τ, σ) indices of the six nonzero Pauli components of g, in the order used by
#: :func:`gf_components`: τ3, τ2 (singlet), σz, τ3σx, τ2σx, τ1σy.
COMPONENTS: tuple[tuple[int, int], ...] = ((3, 0), (2, 0), (0, 3), (3, 1), (2, 1), (1, 2))
#: η_c = ±1 with τ3 P_c τ3 = η_c P_c for the matrices P_c of :data:`COMPONENTS`
#: (−1 for the components containing τ1 or τ2). The advanced components are
#: g^A_c = −η_c conj(g^R_c), and η is the sign pattern of the current vertex τ3.
TAU3_SIGNS: NDArray[np.float64] = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
TAU3_SIGNS.setflags(write=False)

ComplexArray = NDArray[np.complex128]


@keyword_only
def roots(
    omega: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> tuple[ComplexArray, ComplexArray]:
    """λ± = sqrt(s ± 2im), the eigenvalues of sqrt(Q²) (unvalidated: callers validate).

    At real ω > 0 they are complex conjugates and λ+ + λ− is real.
    """
    w = np.asarray(omega)
    b2 = np.square(beta)
    rho = np.sqrt(b2 + np.square(h))
    d2 = np.square(Delta)
    m = np.sqrt(w * w * rho * rho + d2 * b2 + 0j)
    # s ± 2im = (ω ± iσρ)² + Δ² ± 2i(m − σωρ), σ = sign Re ω, with
    # m − σωρ = Δ²β²/(m + σωρ): no cancellation of O(ρ²) terms near the mirage edges
    # (Re(m + σωρ) ≥ |Re ω|ρ > 0 since Re m ≥ 0).
    sig = np.where(np.real(w) < 0, -1.0, 1.0)
    rho = sig * rho
    num = d2 * b2
    den = m + w * rho
    corr = np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape, complex), where=num != 0)
    return np.sqrt((w + 1j * rho) ** 2 + d2 + 2j * corr), np.sqrt(
        (w - 1j * rho) ** 2 + d2 - 2j * corr
    )


def _ab(
    omega: ArrayLike, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> tuple[ComplexArray, ComplexArray]:
    lp, lm = roots(omega, beta=beta, h=h, Delta=Delta)
    prod = lp * lm
    total = lp + lm
    return total / (2 * prod), 1.0 / (prod * total)


@keyword_only
def anomalous_amplitude(
    omega: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> ComplexArray:
    """Singlet anomalous amplitude F(ω) = Tr[τ2 g(ω)]/4 = Δ(A + 2β²B) (unvalidated).

    Real and even for real ω; BCS: Δ/sqrt(ω² + Δ²).
    """
    a, b = _ab(omega, beta, h, Delta)
    return np.asarray(Delta) * (a + 2 * np.square(beta) * b)


@keyword_only
def normal_amplitude(
    omega: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> ComplexArray:
    """Tr[τ3 g(ω)]/4 = ω(A + 2ρ²B) (unvalidated: callers validate). BCS: ω/sqrt(ω² + Δ²)."""
    a, b = _ab(omega, beta, h, Delta)
    return np.asarray(omega) * (a + 2 * (np.square(beta) + np.square(h)) * b)


@keyword_only
def gf_components(
    omega: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> ComplexArray:
    """The six nonzero Pauli components of g(ω) in closed form (unvalidated: callers validate).

    Returns
    -------
    ndarray, shape ``(6, *broadcast_shape)``
        Coefficients of the matrices listed in :data:`COMPONENTS`:

        * τ3:    ω(A + 2ρ²B)
        * τ2:    Δ(A + 2β²B)
        * σz:    iβ(A − 2B(ω² + Δ²))
        * τ3σx:  ih(A − 2Bω²)
        * τ2σx:  −2iBωΔh
        * τ1σy:  −2BhΔβ

    obtained by expanding g = Q[A − 2iBM] (module docstring). A Pauli component
    c of the advanced function is −η c̄ of the retarded one, η = ±1 as τ3 P τ3 = ηP.

    The components are written in place into one array (no stacking copy). Every
    complex product is taken in a fixed operand order, so a value does not depend on
    the size of the array it is computed in (numpy's complex product is not bitwise
    commutative, and in an expression it reuses large temporaries in place, swapping
    the operands, but not small ones).
    """
    w = np.asarray(omega)
    b, hh, d = np.asarray(beta), np.asarray(h), np.asarray(Delta)
    a, bb = _ab(w, b, hh, d)
    w2 = w * w
    out = np.empty((6, *np.broadcast_shapes(w.shape, b.shape, hh.shape, d.shape)), complex)
    c0, c1, c2, c3, c4, c5 = out
    # τ3: ω(A + 2ρ²B)
    np.multiply(bb, 2 * (b * b + hh * hh), out=c0)
    c0 += a
    c0 *= w
    # τ2: Δ(A + 2β²B)
    np.multiply(bb, 2 * b * b, out=c1)
    c1 += a
    c1 *= d
    # σz: iβ(A − 2B(ω² + Δ²))
    np.multiply(bb, 2.0, out=c2)
    c2 *= w2 + d * d
    np.subtract(a, c2, out=c2)
    c2 *= 1j * b
    # τ3σx: ih(A − 2Bω²)
    np.multiply(bb, 2.0, out=c3)
    c3 *= w2
    np.subtract(a, c3, out=c3)
    c3 *= 1j * hh
    # τ2σx: −2iBωΔh
    np.multiply(bb, -2j, out=c4)
    c4 *= w
    c4 *= d
    c4 *= hh
    # τ1σy: −2BhΔβ
    np.multiply(bb, -2.0, out=c5)
    c5 *= hh
    c5 *= d
    c5 *= b
    return out


@keyword_only
def quasiclassical_gf(
    omega: ArrayLike, *, beta: ArrayLike, h: ArrayLike, Delta: ArrayLike
) -> ComplexArray:
    """g(ω) = sign((ω + iV)τ3) at complex frequencies with Re ω ≠ 0 (4×4, batched).

    Parameters
    ----------
    omega
        Complex frequency (units of Δ0), any shape, Re ω ≠ 0.
    beta, h, Delta
        Broadcast against ``omega``; units of Δ0.

    Returns
    -------
    ndarray, shape ``(*broadcast_shape, 4, 4)``
    """
    w = finite_complex("omega", omega)
    if np.any(w.real == 0):
        raise ParameterError("omega", "value with Re(omega) = 0", "Re(omega) != 0")
    b, hh, d = finite("beta", beta), finite("h", h), nonnegative("Delta", Delta)
    w, b, hh, d = np.broadcast_arrays(w, b, hh, d)
    a, bb = _ab(w, b, hh, d)
    e = (..., None, None)
    q = w[e] * TS[3, 0] + d[e] * TS[2, 0] + 1j * b[e] * TS[0, 3] + 1j * hh[e] * TS[3, 1]
    mm = (w * b)[e] * TS[3, 3] + (w * hh)[e] * TS[0, 1] + (d * b)[e] * TS[2, 3]
    return q @ (a[e] * TS[0, 0] - 2j * bb[e] * mm)


@keyword_only
def matsubara_gf(omega: ArrayLike, *, beta: float, h: float, Delta: float) -> ComplexArray:
    """Matsubara quasiclassical Green's function g(ω_n), 4×4, batched over ``omega``.

    Parameters
    ----------
    omega
        Real, nonzero Matsubara frequencies (units of Δ0); ω_n = (2n+1)πT.
    beta, h, Delta
        Ising SOC, Zeeman energy (along x), order parameter; units of Δ0.

    Returns
    -------
    ndarray, shape ``(*omega.shape, 4, 4)``
        g(ω) with g² = 1 and g → sign(ω) τ3 at large abs(ω) (module docstring).
    """
    w = finite("omega", omega)
    if np.any(w == 0):
        raise ParameterError("omega", 0.0, "omega != 0 (fermionic Matsubara frequencies)")
    return quasiclassical_gf(w.astype(complex), beta=beta, h=h, Delta=Delta)


def _real_axis(eps: ArrayLike, Gamma: float, sign: int, beta: float, h: float, Delta: float):
    e = finite("eps", eps)
    gam = positive("Gamma", Gamma)
    return quasiclassical_gf(sign * gam - 1j * e, beta=beta, h=h, Delta=Delta)


@keyword_only
def retarded_gf(
    eps: ArrayLike, *, beta: float, h: float, Delta: float, Gamma: float
) -> ComplexArray:
    """Retarded function g^R(ε) = g(ω = Γ − iε), 4×4, batched over ``eps``.

    Parameters
    ----------
    eps
        Real energies (units of Δ0).
    beta, h, Delta
        Units of Δ0.
    Gamma
        Dynes relaxation rate Γ > 0 (units of Δ0): ε → ε + iΓ.

    Returns
    -------
    ndarray, shape ``(*eps.shape, 4, 4)``

    Notes
    -----
    Normal state: g^R = τ3. BCS: (ε τ3 + iΔ τ2)/sqrt(ε² − Δ²) (ε → ε + iΓ).
    The density of states is Re Tr[τ3 g^R]/4.
    """
    return _real_axis(eps, Gamma, +1, beta, h, Delta)


@keyword_only
def advanced_gf(
    eps: ArrayLike, *, beta: float, h: float, Delta: float, Gamma: float
) -> ComplexArray:
    """Advanced function g^A(ε) = g(ω = −Γ − iε) = −τ3 (g^R)† τ3; see :func:`retarded_gf`."""
    return _real_axis(eps, Gamma, -1, beta, h, Delta)


@keyword_only
def keldysh_gf(
    eps: ArrayLike, *, beta: float, h: float, Delta: float, Gamma: float, T: float
) -> ComplexArray:
    """Equilibrium Keldysh function g^K = (g^R − g^A) tanh(ε/2T).

    Parameters
    ----------
    eps, beta, h, Delta, Gamma
        As in :func:`retarded_gf`.
    T
        Temperature k_B T ≥ 0 in units of Δ0 (T = 0: tanh → sign ε).
    """
    t = float(nonnegative("T", T))
    e = finite("eps", eps)
    n = thermal_factor(e, T=t)
    return (
        retarded_gf(e, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
        - advanced_gf(e, beta=beta, h=h, Delta=Delta, Gamma=Gamma)
    ) * n[..., None, None]


@keyword_only
def real_axis_components(
    eps: ArrayLike, *, beta: float, h: float, Delta: float, Gamma: float, T: float
) -> tuple[ComplexArray, ComplexArray, ComplexArray]:
    """Pauli components of g^R, g^A and the equilibrium g^K at real energies (unvalidated).

    The engine of the Keldysh response integrals (:mod:`isingsc.physics.response`):
    one closed-form evaluation gives all three functions.

    Parameters
    ----------
    eps
        Real energies ε, 1-D (units of Δ0).
    beta, h, Delta
        Units of Δ0.
    Gamma
        Dynes rate Γ > 0 (units of Δ0).
    T
        Temperature k_B T ≥ 0 (units of Δ0); T = 0: tanh → sign ε.

    Returns
    -------
    R, A, K : ndarray, shape ``(6, len(eps))``
        Coefficients of the matrices of :data:`COMPONENTS` in g^R(ε) = g(Γ − iε)
        (:func:`gf_components`), g^A = −η conj(g^R) (η = :data:`TAU3_SIGNS`) and
        g^K = (g^R − g^A) tanh(ε/2T). Inputs are not validated (callers do).
    """
    e = np.asarray(eps)
    r = gf_components(Gamma - 1j * e, beta=beta, h=h, Delta=Delta)
    # A_c = −η_c conj(R_c), so R_c − A_c is 2 Re R_c (η_c = +1) or 2i Im R_c (η_c = −1):
    # one part of K_c is exactly zero and the other is 2·tanh(ε/2T) times a part of R_c.
    a = np.conj(r)
    k = np.zeros(r.shape, complex)
    twice_n = 2 * thermal_factor(e, T=T)
    for c, eta in enumerate(TAU3_SIGNS):
        if eta > 0:
            np.negative(a[c], out=a[c])
            np.multiply(r[c].real, twice_n, out=k[c].real)
        else:
            np.multiply(r[c].imag, twice_n, out=k[c].imag)
    return r, a, k


#: (name in the paper's Eq. A9, package (τ, σ) index, sign) after the gauge map.
_A9 = (
    ("g_z0", (0, 3), 1.0),
    ("g_y2", (1, 2), -1.0),
    ("g_01", (2, 0), 1.0),
    ("g_x1", (2, 1), 1.0),
    ("g_03", (3, 0), 1.0),
    ("g_x3", (3, 1), 1.0),
)


def a9_components(g: ArrayLike) -> dict[str, ComplexArray]:
    """The six components of the paper's Eq. A9, and the norm of everything else.

    The paper writes the pairing as Δτ2 in H (Δτ1 in its Λ); the package writes
    Δτ1 in H. The gauge rotation U = exp(iπτ3/4) maps one onto the other
    (τ2 → τ1, τ1 → −τ2, τ3 and σ untouched), so in the paper's gauge

        g = g_z0 σzτ0 + g_y2 σyτ2 + (g_01 + g_x1 σx) τ1 + (g_03 + g_x3 σx) τ3

    with g_z0 = c[0,3], g_y2 = −c[1,2], g_01 = c[2,0], g_x1 = c[2,1],
    g_03 = c[3,0], g_x3 = c[3,1] where c = :func:`~isingsc.algebra.pauli_components`.

    Parameters
    ----------
    g
        Green's function(s), shape ``(..., 4, 4)``.

    Returns
    -------
    dict
        Keys ``g_z0, g_y2, g_01, g_x1, g_03, g_x3`` (paper's names) and ``rest``,
        the root-sum-square of all other components (zero for the equilibrium g).
    """
    c = pauli_components(np.asarray(g, dtype=complex))
    out = {name: sign * c[..., i, j] for name, (i, j), sign in _A9}
    mask = np.ones((4, 4), bool)
    for _, ij, _ in _A9:
        mask[ij] = False
    out["rest"] = np.sqrt(np.sum(np.abs(c[..., mask]) ** 2, axis=-1))
    return out
