"""The package's energy scale: every energy is in units of Δ0 (k_B = ħ = 1).

Δ0 is the BCS gap at T = 0 and h = 0. In weak coupling Δ0 = π e^{-γ} k_B Tc0, so the
h = 0 critical temperature in these units is ``TC0 = e^γ/π ≈ 0.5669``; the paper's
"T = 0.01 Tc0" is ``T = 0.01 * TC0``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["DELTA0", "TC0"]

#: Critical temperature at h = 0 in units of Δ0 (k_B = 1): e^γ/π.
TC0: float = float(np.exp(np.euler_gamma) / np.pi)

#: The energy unit itself (the BCS gap at T = 0, h = 0).
DELTA0: float = 1.0
