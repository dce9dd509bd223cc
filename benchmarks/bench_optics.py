"""Benchmark: optical response — spectra at 2000 frequencies, and the Fig. 5b map.

(a) Workload: ``isingsc.conductivity`` and ``isingsc.raman`` (default method="fft")
at 2000 arbitrary frequencies, uniform at random in [0.01, 8] (fixed seed, in random
order: scattered points, not a grid, so the Γ-resolution check does not apply),
β = 4, h = 2.8, Δ = 1, T = Γ = 0.01 Tc0. Target ≤ 1 s for both calls together.
Correctness: max |σ − σ_ref| and max |χ − χ_ref| < 1e-6 on 100 of the frequencies
(every 20th), the reference being method="quad" (composite Gauss–Legendre graded
towards every gap edge and its Ω-shifted copy: an independent quadrature, not the
FFT's trapezoid). Naive reference time: method="direct" (the trapezoid summed
separately at every frequency, O(N) each) timed on 50 of the frequencies and
**extrapolated** ×40 to 2000 (σ and χ).

The same 2000 frequencies through ``isingsc.physics.response.conductivity_and_raman``
(one pass of the engine for both spectra) are timed for the notes, with their largest
relative difference from the two separate calls (must be ≤ 1e-12).

(b) Workload: ``isingsc.paper.fig5b_data()`` — d Re σ/dΩ on 161 fields h ∈ [−4, 4]
× 1600 frequencies in (0, 8] with the self-consistent Δ(T, h) (one derivative call
per field over all Ω, fields on 2 threads). Target ≤ 60 s. Correctness: 4 rows
(h = −2.8, 0.5, 1.5, 3.5) at 40 frequencies each (every 40th Ω plus the grid points
nearest to Ω_I, Ω_II, Ω_III) against a fourth-order central difference of
method="quad" σ with step δ = Γ/32: max |error| < 1e-6 σn/Δ0 (the peaks are ~1–5).
The reference's own error is estimated as the change on halving δ (must be < 3e-7;
the truncation error falls ×16 per halving, so this bounds it by ~2e-8).
Naive reference time: **extrapolated** — the same map by central differences of
method="direct" σ at every (h, Ω) point (2 evaluations per point), at the per-
frequency cost measured in (a).

(c) Workload: one field of the Fig. 5b/5d maps —
``conductivity_and_raman(linspace(0.01, 8, 1600), derivative=True)`` at β = 4,
h = 2.8, Δ = 1, T = Γ = 0.01 Tc0 (dσ/dΩ and dχ/dΩ from one pass of the engine; the
maps make 161 such calls). Target ≤ 0.15 s. Correctness: the same numbers as the two
separate calls ``conductivity_derivative`` and ``raman_derivative`` (max relative
difference ≤ 1e-12; the naive reference time is those two calls, measured), and
d Re σ/dΩ at 10 of the frequencies within 1e-6 σn/Δ0 of the fourth-order central
difference of method="quad" σ used in (b).
"""

from __future__ import annotations

import sys

import numpy as np

import isingsc as isc
from _harness import Check, Row, log, main_for, time_call, time_once
from isingsc.paper import fig5b_data
from isingsc.physics.response import conductivity_and_raman

BETA, H, DELTA = 4.0, 2.8, 1.0
T = GAMMA = 0.01 * isc.TC0
N_OMEGA = 2000
OMEGA = np.random.default_rng(20240).uniform(0.01, 8.0, N_OMEGA)  # random order
REF_EVERY = 20  # 100 frequencies checked against method="quad"
DIRECT_EVERY = 40  # 50 frequencies timed with method="direct"
TARGET_SPECTRA_S = 1.0
TARGET_MAP_S = 60.0
TOLERANCE_SPECTRA = 1e-6
TOLERANCE_ONE_PASS = 1e-12  # relative: the one-pass engine gives the same numbers
TOLERANCE_MAP = 1e-6  # σn/Δ0 (the peaks are ~1-5)
TOLERANCE_MAP_REF = 3e-7  # change of the reference on halving its step
MAP_ROWS = (-2.8, 0.5, 1.5, 3.5)
FIELD_OMEGA = np.linspace(0.01, 8.0, 1600)  # one field of the Fig. 5b/5d maps
FIELD_CHECK_EVERY = 160  # 10 frequencies checked against the quad finite difference
TARGET_FIELD_S = 0.15
REPEAT = 5


def spectra() -> tuple[np.ndarray, np.ndarray]:
    s = isc.conductivity(OMEGA, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA)
    c = isc.raman(OMEGA, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA)
    return s, c


def one_pass() -> tuple[np.ndarray, np.ndarray]:
    return conductivity_and_raman(OMEGA, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA)


def quad_derivative(om: np.ndarray, h: float, delta: float, step: float) -> np.ndarray:
    """d Re σ/dΩ by the fourth-order central difference of method='quad' σ."""

    def s(x):
        return isc.conductivity(
            x, beta=BETA, h=h, T=T, Gamma=GAMMA, Delta=delta, method="quad", check_grid=False
        ).real

    return (8 * (s(om + step) - s(om - step)) - (s(om + 2 * step) - s(om - 2 * step))) / (12 * step)


def run_spectra() -> tuple[Row, float]:
    log("bench_optics: sigma and chi at 2000 frequencies (fft) ...")
    timing, (s, c) = time_call(spectra, repeat=REPEAT)
    log("bench_optics: the same with conductivity_and_raman (one pass) ...")
    timing_one, (s1, c1) = time_call(one_pass, repeat=REPEAT)
    one_pass_diff = max(
        float(np.max(np.abs(s1 - s) / np.abs(s))), float(np.max(np.abs(c1 - c) / np.abs(c)))
    )
    log("bench_optics: method='quad' reference on 100 frequencies ...")
    sub = OMEGA[::REF_EVERY]
    s_ref = isc.conductivity(sub, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA, method="quad")
    c_ref = isc.raman(sub, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA, method="quad")
    err_s = np.abs(s[::REF_EVERY] - s_ref)
    err_c = np.abs(c[::REF_EVERY] - c_ref)
    log("bench_optics: method='direct' on 50 frequencies (naive time) ...")
    few = OMEGA[::DIRECT_EVERY]
    t_ds, _ = time_once(
        lambda: isc.conductivity(
            few, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA, method="direct"
        )
    )
    t_dc, _ = time_once(
        lambda: isc.raman(few, beta=BETA, h=H, T=T, Gamma=GAMMA, Delta=DELTA, method="direct")
    )
    per_frequency = t_ds / few.size  # σ alone, used for the map's naive estimate
    naive = (t_ds + t_dc) * N_OMEGA / few.size
    o1, o2, o3 = (float(x) for x in isc.optical_gaps(beta=BETA, h=H, Delta=DELTA))
    row = Row(
        name="optics: sigma+chi at 2000 Omega",
        timing=timing,
        naive=naive,
        target=TARGET_SPECTRA_S,
        checks=(
            Check("max|sigma-sigma_quad| (100 Omega)", float(err_s.max()), TOLERANCE_SPECTRA),
            Check("max|chi-chi_quad| (100 Omega)", float(err_c.max()), TOLERANCE_SPECTRA),
            Check("one pass vs separate: max rel diff", one_pass_diff, TOLERANCE_ONE_PASS),
        ),
        notes=(
            "frequencies uniform at random in [0.01, 8] (seed 20240), in random order: "
            "scattered points, so no grid check; beta = 4, h = 2.8, Delta = 1, "
            "T = Gamma = 0.01 Tc0",
            "reference: method='quad' (graded Gauss-Legendre) at every 20th frequency; "
            f"worst sigma error at Omega = {sub[int(np.argmax(err_s))]:.4f}, chi at "
            f"{sub[int(np.argmax(err_c))]:.4f} (optical gaps {o1:.4f}, {o2:.4f}, {o3:.4f})",
            f"one pass (conductivity_and_raman): {timing_one.steady:.3f} s steady "
            f"({timing_one.first:.3f} s first) for both spectra",
            f"naive time EXTRAPOLATED: method='direct' timed on 50 frequencies "
            f"(sigma {t_ds:.2f} s + chi {t_dc:.2f} s) x 40",
        ),
    )
    return row, per_frequency


def run_map(per_frequency: float) -> Row:
    log("bench_optics: Fig. 5b map, 161 x 1600, self-consistent Delta (2 runs) ...")
    timing, ds = time_call(fig5b_data, repeat=1)
    om = ds["Omega"].values
    z = ds["dRe_sigma_dOmega"]
    errors, ref_errors, where = [], [], []
    for hv in MAP_ROWS:
        row = ds.sel(h=hv, method="nearest")
        gaps = [float(row[v]) for v in ("Omega_I", "Omega_II", "Omega_III")]
        idx = np.unique(
            np.concatenate(
                (np.arange(20, om.size, 40)[:37], [int(np.argmin(np.abs(om - g))) for g in gaps])
            )
        )
        x = om[idx]
        log(f"bench_optics: quad reference for the row h = {float(row['h']):+.2f} ...")
        ref = quad_derivative(x, float(row["h"]), float(row["Delta"]), GAMMA / 32)
        ref_half = quad_derivative(x, float(row["h"]), float(row["Delta"]), GAMMA / 64)
        err = np.abs(z.sel(h=row["h"]).values[idx] - ref)
        errors.append(float(err.max()))
        ref_errors.append(float(np.abs(ref - ref_half).max()))
        where.append((float(row["h"]), float(x[int(np.argmax(err))])))
    k = int(np.argmax(errors))
    n_points = ds.sizes["h"] * ds.sizes["Omega"]
    naive = 2 * n_points * per_frequency
    return Row(
        name="optics: Fig. 5b map 161x1600",
        timing=timing,
        naive=naive,
        target=TARGET_MAP_S,
        checks=(
            Check("max|dResig/dOm - quad FD| (4 rows)", max(errors), TOLERANCE_MAP),
            Check("ref: FD change on halving step", max(ref_errors), TOLERANCE_MAP_REF),
        ),
        notes=(
            f"isingsc.paper.fig5b_data() defaults: {ds.sizes['h']} fields x "
            f"{ds.sizes['Omega']} frequencies, Delta(T, h) self-consistent (included), "
            f"{ds.attrs['workers']} worker threads",
            "reference: 4th-order central difference of method='quad' Re sigma, step "
            f"Gamma/32, at 40 frequencies on rows h = {', '.join(f'{h:g}' for h in MAP_ROWS)}; "
            f"worst at h = {where[k][0]:+.2f}, Omega = {where[k][1]:.4f}",
            "naive time EXTRAPOLATED: 2 method='direct' sigma evaluations (central "
            f"difference) at each of the {n_points} points, at {per_frequency * 1e3:.1f} ms "
            "per frequency (measured in the row above)",
        ),
    )


def run_field() -> Row:
    log("bench_optics: one field of the Fig. 5b/5d maps (1600 Omega, derivatives) ...")
    kw = {"beta": BETA, "h": H, "T": T, "Gamma": GAMMA, "Delta": DELTA, "check_grid": False}
    timing, (ds, dc) = time_call(
        lambda: conductivity_and_raman(FIELD_OMEGA, derivative=True, **kw), repeat=REPEAT
    )
    t_separate, (s_sep, c_sep) = time_once(
        lambda: (
            isc.conductivity_derivative(FIELD_OMEGA, **kw),
            isc.raman_derivative(FIELD_OMEGA, **kw),
        )
    )
    one_pass_diff = max(
        float(np.max(np.abs(ds - s_sep)) / np.max(np.abs(s_sep))),
        float(np.max(np.abs(dc - c_sep)) / np.max(np.abs(c_sep))),
    )
    x = FIELD_OMEGA[FIELD_CHECK_EVERY // 2 :: FIELD_CHECK_EVERY]
    log("bench_optics: quad finite-difference reference at 10 frequencies ...")
    err = np.abs(
        ds[FIELD_CHECK_EVERY // 2 :: FIELD_CHECK_EVERY].real
        - quad_derivative(x, H, DELTA, GAMMA / 32)
    )
    return Row(
        name="optics: one Fig. 5b/5d field, 1600 Omega",
        timing=timing,
        naive=t_separate,
        target=TARGET_FIELD_S,
        checks=(
            Check("one pass vs separate: max rel diff", one_pass_diff, TOLERANCE_ONE_PASS),
            Check("max|dResig/dOm - quad FD| (10 Omega)", float(err.max()), TOLERANCE_MAP),
        ),
        notes=(
            "conductivity_and_raman(linspace(0.01, 8, 1600), derivative=True), beta = 4, "
            "h = 2.8, Delta = 1, T = Gamma = 0.01 Tc0: the per-field call of the Fig. 5b/5d "
            "maps (sigma and chi derivatives from one pass)",
            "naive reference MEASURED: conductivity_derivative + raman_derivative (two "
            f"passes of the engine); worst FD error at Omega = {x[int(np.argmax(err))]:.4f}",
        ),
    )


def run() -> list[Row]:
    spectra_row, per_frequency = run_spectra()
    return [spectra_row, run_field(), run_map(per_frequency)]


if __name__ == "__main__":
    sys.exit(main_for(run))
