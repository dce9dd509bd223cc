"""Benchmark: Tc(h) of the second-order line for 1000 fields at β = 4.

Workload: ``isingsc.critical_temperature(h, 4.0)``, h = linspace(0, 6, 1000).
Target ≤ 1 s steady state.

Correctness: a naive per-field loop of ``scipy.optimize.brentq`` on the digamma law

    ln(Tc/Tc0) = −(h²/ρ²)[Re ψ(½ + iρ/2πTc) − ψ(½)],   ρ = √(β² + h²),

solved for ln Tc in [ln(1e-12 Tc0), ln Tc0] (for β > 0 the root is unique; at
h = 0 the upper end is the root). Max relative error < 1e-10. The loop's time is
the naive reference time. Both sides use the same formula (DESIGN.md §2), so this
checks the vectorised bracketing and root refinement, not the formula.
"""

from __future__ import annotations

import sys

import numpy as np
from scipy.optimize import brentq
from scipy.special import digamma

import isingsc as isc
from _harness import Check, Row, log, main_for, time_call, time_once
from _reference import TC0_REF

BETA = 4.0
H_GRID = np.linspace(0.0, 6.0, 1000)
TARGET_S = 1.0
TOLERANCE = 1e-10  # max |Tc/Tc_ref − 1|
REPEAT = 20
_PSI_HALF = float(digamma(0.5))


def workload() -> np.ndarray:
    return np.asarray(isc.critical_temperature(h=H_GRID, beta=BETA))


def digamma_law(log_t: float, h: float, beta: float) -> float:
    """ln(T/Tc0) + (h²/ρ²)[Re ψ(½ + iρ/2πT) − ψ(½)]: zero at Tc, negative below."""
    rho2 = beta * beta + h * h
    if rho2 == 0:
        return log_t - np.log(TC0_REF)
    t = np.exp(log_t)
    psi = digamma(0.5 + 1j * np.sqrt(rho2) / (2 * np.pi * t)).real
    return log_t - np.log(TC0_REF) + (h * h / rho2) * (psi - _PSI_HALF)


def reference(h_values: np.ndarray, beta: float) -> np.ndarray:
    lo, hi = np.log(1e-12 * TC0_REF), np.log(TC0_REF)
    out = np.empty(h_values.size)
    for k, h in enumerate(h_values):
        out[k] = np.exp(brentq(digamma_law, lo, hi, args=(float(h), beta), xtol=1e-15, rtol=1e-15))
    return out


def run() -> list[Row]:
    log("bench_tc: timing critical_temperature on 1000 fields ...")
    timing, tc = time_call(workload, repeat=REPEAT)
    log("bench_tc: naive brentq loop ...")
    naive = min(time_once(lambda: reference(H_GRID, BETA))[0] for _ in range(3))
    ref = reference(H_GRID, BETA)
    rel = np.abs(tc / ref - 1)
    worst = int(np.argmax(rel))
    return [
        Row(
            name="tc: critical_temperature x1000",
            timing=timing,
            naive=naive,
            target=TARGET_S,
            checks=(Check("max|Tc/Tc_ref-1| (1000 h)", float(np.max(rel)), TOLERANCE),),
            notes=(
                "reference: per-field scipy brentq on the digamma law in ln T (xtol 1e-15), "
                f"naive time measured for all 1000 fields (best of 3); Tc/Tc0 spans "
                f"[{ref.min() / TC0_REF:.4g}, {ref.max() / TC0_REF:.4g}]; worst at "
                f"h = {H_GRID[worst]:.4f}",
            ),
        )
    ]


if __name__ == "__main__":
    sys.exit(main_for(run))
