"""Test-side reference: golden-rule rate equations for the magnon-pumped populations.

Not package code. The derivation is in the docstring of ``test_pumping_kinetic.py``;
this module only implements it, with numpy over stacked ξ grids. Energies in units of
Δ0, the field along x, the K valley (K′ is the σx-rotated copy and gives the same).
Only the quasiclassical g of :mod:`isingsc.physics.greens` and H(ξ) of
:mod:`isingsc.physics.spectrum` are taken from the package; every kinetic ingredient
is computed here.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from isingsc.numerics.algebra import TS
from isingsc.physics.greens import quasiclassical_gf
from isingsc.physics.spectrum import hamiltonian

T3 = TS[3, 0]
SX = TS[0, 1]  # the pump in H: h_m cos(Ω_m t) τ0σx, like the static Zeeman term h τ0σx


def fermi(e, T):
    """Fermi function; T = 0 gives the step (1/2 at e = 0)."""
    e = np.asarray(e, float)
    if T == 0:
        return 0.5 * (1 - np.sign(e))
    return 0.5 * (1 - np.tanh(e / (2 * T)))


def lorentz(x, width):
    """Normalised Lorentzian of half-width ``width``."""
    return (width / np.pi) / (x * x + width * width)


def xi_grid(xi_max, dxi):
    """Midpoint grid on [−ξ_max, ξ_max] with an even number of points (skips ξ = 0,
    where E↑ = E↓ at h = 0) and its step."""
    n = 2 * int(np.ceil(xi_max / dxi))
    step = 2 * xi_max / n
    return -xi_max + (np.arange(n) + 0.5) * step, step


def bdg_states(xi, beta, h, Delta):
    """Eigenpairs of H(ξ), stacked over ξ.

    Returns E (n, 4) ascending, projectors P_a (n, 4, 4, 4), pump matrix elements
    |⟨a|σx|b⟩|² (n, 4, 4) and velocities dE_a/dξ = ⟨a|τ3|a⟩ (n, 4) (Hellmann–Feynman).
    """
    e, u = np.linalg.eigh(hamiltonian(np.asarray(xi, float), beta=beta, h=h, Delta=Delta))
    proj = np.einsum("xia,xja->xaij", u, u.conj())
    vx = np.abs(np.einsum("xia,ij,xjb->xab", u.conj(), SX, u)) ** 2
    vel = np.einsum("xia,ij,xja->xa", u.conj(), T3, u).real
    return e, proj, vx, vel


def xi_integrated_gf(eps, beta, h, Delta, Gamma, cutoff=50.0, n=10_001):
    """(i/π)∫dξ τ3 (ε + iΓ − H(ξ))⁻¹: trapezoid on [−L, L] plus the |ξ| > L tail.

    For |ξ| > L, G = (A − ξτ3)⁻¹ = −Σ_k (τ3A)^k τ3/ξ^{k+1} with A = ε + iΓ − (H − ξτ3);
    the odd-power terms k = 1, 3 give −2τ3Aτ3/L − (2/3L³)(τ3A)³τ3, the even ones cancel;
    the error is O(L⁻⁵).
    """
    xi = np.linspace(-cutoff, cutoff, n)
    e, proj, _, _ = bdg_states(xi, beta, h, Delta)
    z = eps + 1j * Gamma
    g = np.einsum("xa,xaij->xij", 1.0 / (z - e), proj)
    w = np.full(n, xi[1] - xi[0])
    w[[0, -1]] /= 2
    integral = np.einsum("x,xij->ij", w, g)
    ta = T3 @ (z * np.eye(4) - hamiltonian(0.0, beta=beta, h=h, Delta=Delta))
    integral -= 2 * ta @ T3 / cutoff + (2 / (3 * cutoff**3)) * ta @ ta @ ta @ T3
    return (1j / np.pi) * T3 @ integral


def response_weights(e, proj, Omega, damping, beta, h, Delta):
    """F_a(ξ) in δσ/σn = (1/4Ω) ∫dξ Σ_a δn_a(ξ) F_a(ξ):

    F_a = Tr[τ3 g(D − i(E_a + Ω)) P_a] + Tr[P_a τ3 g(−D − i(E_a − Ω))],

    D = ``damping``: 2Γ (the Dynes Γ of g^R plus the half-width Γ of the state's own
    spectral line, by residues), or 0⁺ in the Γ → 0 limit.
    """
    gr = quasiclassical_gf(damping - 1j * (e + Omega), beta=beta, h=h, Delta=Delta)
    ga = quasiclassical_gf(-damping - 1j * (e - Omega), beta=beta, h=h, Delta=Delta)
    first = np.einsum("ij,...ajk,...aki->...a", T3, gr, proj)
    second = np.einsum("...aij,jk,...aki->...a", proj, T3, ga)
    return first + second


def population_change(e, vx, Omega_m, h_m, T, Gamma):
    """δn_a = Σ_b W_ab (f_b − f_a)/(2Γ), W_ab = 2π(h_m/2)²|⟨a|σx|b⟩|² Σ_± L_2Γ(E_a − E_b ∓ Ω_m)."""
    f = fermi(e, T)
    de = e[..., :, None] - e[..., None, :]
    res = lorentz(de - Omega_m, 2 * Gamma) + lorentz(de + Omega_m, 2 * Gamma)
    w = 2 * np.pi * (h_m / 2) ** 2 * vx * res
    return np.einsum("...ab,...ab->...a", w, f[..., None, :] - f[..., :, None]) / (2 * Gamma)


def kinetic_sigma(Omega_ph, Omega_m, h_m, beta, T, Gamma, Delta, h=0.0, xi_max=20.0, dxi=None):
    """δσ/σn of the golden-rule populations at finite Γ (ξ midpoint rule, step Γ)."""
    xi, step = xi_grid(xi_max, Gamma if dxi is None else dxi)
    e, proj, vx, _ = bdg_states(xi, beta, h, Delta)
    dn = population_change(e, vx, Omega_m, h_m, T, Gamma)
    out = [
        np.sum(dn * response_weights(e, proj, om, 2 * Gamma, beta, h, Delta)) * step / (4 * om)
        for om in np.atleast_1d(Omega_ph)
    ]
    return np.array(out)


def resonances(Omega_m, beta, h, Delta, xi_max=40.0, n=20_001):
    """Roots (ξ, a, b) of E_a(ξ) − E_b(ξ) = Ω_m with E_a > 0 > E_b (pair breaking),
    for the ascending eigenvalue labels of :func:`bdg_states` (matrix elements may vanish)."""
    xi = np.linspace(-xi_max, xi_max, n)
    e = np.linalg.eigvalsh(hamiltonian(xi, beta=beta, h=h, Delta=Delta))
    out = []
    for a in (2, 3):
        for b in (0, 1):
            d = e[:, a] - e[:, b] - Omega_m

            def det(x, a=a, b=b):
                ev = np.linalg.eigvalsh(hamiltonian(x, beta=beta, h=h, Delta=Delta))
                return ev[a] - ev[b] - Omega_m

            for k in np.nonzero(np.sign(d[:-1]) != np.sign(d[1:]))[0]:
                out.append((brentq(det, xi[k], xi[k + 1], xtol=1e-14), a, b))
    return out


def kinetic_sigma_limit(Omega_ph, Omega_m, beta, T, Delta, h=0.0, damping=1e-9):
    """lim_{Γ→0} Γ δσ_kin/h_m² from the resonances alone.

    Γ δn_a → π(h_m/2)²|V_ab|²(f_b − f_a) δ(E_a − E_b − Ω_m), δn_b = −δn_a, and
    ∫dξ δ(D(ξ)) F = F(ξ_r)/|D′(ξ_r)| with D′ = v_a − v_b.
    """
    oms = np.atleast_1d(Omega_ph)
    out = np.zeros(oms.size, complex)
    for xi_r, a, b in resonances(Omega_m, beta, h, Delta):
        e, proj, vx, vel = (x[0] for x in bdg_states([xi_r], beta, h, Delta))
        f = fermi(e, T)
        weight = np.pi * 0.25 * vx[a, b] * (f[b] - f[a]) / abs(vel[a] - vel[b])
        for i, om in enumerate(oms):
            fa = response_weights(e, proj, om, damping, beta, h, Delta)
            out[i] += weight * (fa[a] - fa[b]) / (4 * om)
    return out


def occupation_kinetic(eps, Omega_m, h_m, beta, T, Gamma, Delta, h=0.0, xi_max=20.0, dxi=None):
    """δf(ε) of the rate equation: δn_a(ξ) on the state's own Lorentzian line,
    Σ_a∫dξ L_Γ(ε − E_a)δn_a / Σ_a∫dξ L_Γ(ε − E_a)."""
    xi, _ = xi_grid(xi_max, Gamma / 4 if dxi is None else dxi)
    e, _, vx, _ = bdg_states(xi, beta, h, Delta)
    dn = population_change(e, vx, Omega_m, h_m, T, Gamma)
    line = lorentz(np.asarray(eps, float)[:, None, None] - e[None], Gamma)
    return np.einsum("exa,xa->e", line, dn) / np.einsum("exa->e", line)


def occupation_resolved(eps, Omega_m, h_m, beta, T, Gamma, Delta, h=0.0, xi_max=20.0, dxi=None):
    """δf(ε) of the energy-resolved golden rule: a quasiparticle reaches ε from the lab
    energy ε ∓ Ω_m with weight L_Γ(ε − E_a) L_Γ(ε ∓ Ω_m − E_b) (product of the two
    spectral lines), occupation factor f(ε ∓ Ω_m) − f(ε), relaxed at 2Γ."""
    xi, _ = xi_grid(xi_max, Gamma / 4 if dxi is None else dxi)
    e, _, vx, _ = bdg_states(xi, beta, h, Delta)
    eps = np.asarray(eps, float)
    line = lorentz(eps[:, None, None] - e[None], Gamma)
    gain = np.zeros(eps.size)
    for s in (1, -1):
        src = lorentz(eps[:, None, None] - s * Omega_m - e[None], Gamma)
        occ = fermi(eps - s * Omega_m, T) - fermi(eps, T)
        gain += np.einsum("exa,exb,xab->e", line, src, vx) * occ
    gain *= 2 * np.pi * (h_m / 2) ** 2 / (2 * Gamma)
    return gain / np.einsum("exa->e", line)


def floquet_populations(xi, Omega_m, h_m, beta, h, Delta, T, Gamma, harmonics=2, window=30.0):
    """⟨a|ρ̄|a⟩ at one ξ from the Floquet–Keldysh Green's function (no golden rule).

    ρ̄ = ∫dε/2π Σ_k G^R_{0k} 2Γ f(ε + kΩ_m) G^R_{0k}†, the time-averaged density matrix
    with the bath Σ^R = −iΓ, Σ^< = 2iΓ f(lab energy) on every harmonic k; G^R is the
    inverse of (ε + kΩ_m + iΓ − H(ξ)) δ_kl − (h_m/2)σx δ_{|k−l|,1}. Trapezoid in ε with
    step Γ/5 on [−window, window] (the Lorentzian tails cancel in pumped − unpumped).
    """
    h0 = hamiltonian(float(xi), beta=beta, h=h, Delta=Delta)
    m = 2 * harmonics + 1
    eps = np.arange(-window, window, Gamma / 5)
    inv = np.zeros((eps.size, 4 * m, 4 * m), complex)
    occ = np.empty((eps.size, 4 * m))
    for i, k in enumerate(range(-harmonics, harmonics + 1)):
        blk = slice(4 * i, 4 * i + 4)
        inv[:, blk, blk] = (eps + k * Omega_m + 1j * Gamma)[:, None, None] * np.eye(4) - h0
        occ[:, blk] = fermi(eps + k * Omega_m, T)[:, None]
        if i + 1 < m:
            nxt = slice(4 * i + 4, 4 * i + 8)
            inv[:, blk, nxt] = inv[:, nxt, blk] = -(h_m / 2) * SX
    row = np.linalg.inv(inv)[:, 4 * harmonics : 4 * harmonics + 4, :]
    rho = np.einsum("eik,ek,ejk->ij", row, 2 * Gamma * occ, row.conj()) * (Gamma / 5) / (2 * np.pi)
    _, u = np.linalg.eigh(h0)
    return np.einsum("ia,ij,ja->a", u.conj(), rho, u).real
