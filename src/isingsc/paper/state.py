"""The paper's numbers for one state: Δ, gap edges, optical gaps, Tc(h), critical fields.

:func:`state_report` collects, from the public functions of :mod:`isingsc.physics`,
what ``isingsc info`` prints, and :meth:`StateReport.text` renders it (with every
result in a material's physical units too). It lives here, beside the figure data,
because it is the same kind of thing: the paper's results for given parameters, with
the paper's errata shown beside the corrected values; the command line only parses
arguments and prints.

Energies and k_B T in units of Δ0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.constants import TC0
from ..core.errors import ParameterError
from ..core.validation import finite, nonnegative
from ..io.provenance import package_version
from ..materials import Material
from ..physics.errata import paper_ordinary_gap
from ..physics.gap import order_parameter
from ..physics.phase import critical_field, critical_temperature, tricritical_point
from ..physics.spectrum import gap_edges, optical_gaps, ordinary_gap_position
from ..units import from_model

__all__ = ["StateReport", "state_report"]


@dataclass(frozen=True)
class StateReport:
    """The paper's results for one state (units of Δ0; NaN where a value does not exist).

    Attributes
    ----------
    beta, h, T
        Ising SOC, in-plane Zeeman energy, temperature k_B T.
    Delta_zero_T
        Δ(T → 0, h), the stable self-consistent order parameter at T = 0 (exact).
    Delta_T
        Δ(T, h) (0 in the normal state).
    Delta
        The Δ used for the gap edges and optical gaps: the given one, else Δ(T, h).
    Delta_given
        Whether ``Delta`` was given rather than solved.
    gap_ordinary, xi_ordinary
        Ordinary gap edge Δabs(β)/√(β² + h²) (corrected) and its position abs(ξ*).
    gap_mirage_minus, gap_mirage_plus
        Mirage-gap edges Δ∓ = √((h ∓ Δ)² + β²) at ξ = 0.
    Omega_I, Omega_II, Omega_III
        Optical gaps 2Δ_ord, Δ_ord + Δ−, Δ_ord + Δ+.
    paper_ordinary_gap
        The paper's (wrong) Δ√(1 − h²/β²) (:mod:`isingsc.physics.errata`).
    Tc
        Tc(h) of the second-order line (k_B Tc in Δ0).
    critical_field
        The transition field h_c(T) at this temperature.
    first_order
        Whether that transition is first order.
    tricritical_T, tricritical_h
        The tricritical point (NaN: the transition is second order everywhere).
    """

    beta: float
    h: float
    T: float
    Delta_zero_T: float
    Delta_T: float
    Delta: float
    Delta_given: bool
    gap_ordinary: float
    xi_ordinary: float
    gap_mirage_minus: float
    gap_mirage_plus: float
    Omega_I: float
    Omega_II: float
    Omega_III: float
    paper_ordinary_gap: float
    Tc: float
    critical_field: float
    first_order: bool
    tricritical_T: float
    tricritical_h: float

    def text(self, material: Material | None = None) -> str:
        """The report as printed by ``isingsc info`` (with physical units if ``material``)."""
        lines = self._model_lines()
        if material is not None:
            lines += ["", *self._physical_lines(material)]
        return "\n".join(line.rstrip() for line in lines)

    def _model_lines(self) -> list[str]:
        def row(label: str, value: float, unit: str = "Δ0", note: str = "") -> str:
            return f"  {label:<24}{value:>12.6f} {unit:<4}{('  ' + note) if note else ''}"

        lines = [
            f"isingsc {package_version()}: β = {self.beta:g} Δ0, h = {self.h:g} Δ0, "
            f"T = {self.T:g} Δ0 (= {self.T / TC0:g} Tc0)",
            "units: Δ0 = BCS gap at T = 0, h = 0 = 1.764 k_B Tc0",
            "",
            "order parameter (stable self-consistent solution)",
            row("Δ(T → 0, h)", self.Delta_zero_T, note="T = 0, exact"),
            row("Δ(T, h)", self.Delta_T, note="normal state" if self.Delta_T == 0 else ""),
        ]
        if self.Delta_given:
            lines.append(row("Δ used below", self.Delta, note="given by --Delta"))
        lines += ["", f"gap edges (Δ = {self.Delta:.6g} Δ0)"]
        if self.Delta == 0:
            lines.append("  normal state (Δ = 0): no gap; N(ε) = 1")
        else:
            where = f"at |ξ| = {self.xi_ordinary:.6f} Δ0"
            lines += [
                row("ordinary  Δ_ord", self.gap_ordinary, note=where),
                row("mirage    Δ−", self.gap_mirage_minus, note="at ξ = 0"),
                row("mirage    Δ+", self.gap_mirage_plus, note="at ξ = 0"),
            ]
            if math.isfinite(self.paper_ordinary_gap):
                lines.append(
                    f"  (the paper's Δ√(1 − h²/β²) = {self.paper_ordinary_gap:.6f} is an "
                    "erratum; Δ_ord = Δ|β|/√(β² + h²))"
                )
            lines += [
                "",
                "optical gaps",
                row("Ω_I   = 2 Δ_ord", self.Omega_I),
                row("Ω_II  = Δ_ord + Δ−", self.Omega_II),
                row("Ω_III = Δ_ord + Δ+", self.Omega_III),
            ]
        order = "first order" if self.first_order else "second order"
        lines += [
            "",
            f"phase diagram (β = {self.beta:g} Δ0)",
            row(
                "Tc(h) / Tc0",
                self.Tc / TC0,
                unit="",
                note=f"Tc(h) = {self.Tc:.6g} Δ0 (second-order line)",
            ),
            row("h_c(T)", self.critical_field, note=order),
        ]
        if math.isfinite(self.tricritical_T):
            lines.append(
                f"  {'tricritical point':<24}T = {self.tricritical_T:.6f} Δ0 "
                f"(= {self.tricritical_T / TC0:.6f} Tc0), h = {self.tricritical_h:.6f} Δ0"
            )
        else:
            lines.append(f"  {'tricritical point':<24}none (the transition is second order)")
        return lines

    def _physical_lines(self, material: Material) -> list[str]:
        """Every result of the report in meV (and K, tesla, THz, cm⁻¹ where they apply)."""

        def conv(x: float, unit: str) -> float:
            return float(from_model(x, unit, material=material))

        def energy(label: str, x: float, *extra: str) -> str:
            text = f"  {label:<24}{conv(x, 'meV'):>12.4g} meV"
            return text + "".join(f"  = {conv(x, u):.4g} {u}" for u in extra)

        def temperature(label: str, x: float) -> str:
            return f"  {label:<24}{conv(x, 'K'):>12.4g} K"

        lines = [
            f"in physical units ({material.name}: Tc0 = {material.Tc0_K:g} K, "
            f"g = {material.g_factor:g}; Δ0 = {material.delta0_meV:.4g} meV)",
            energy("β", self.beta),
            energy("h", self.h, "T"),
            temperature("T", self.T),
            energy("Δ(T → 0, h)", self.Delta_zero_T),
            energy("Δ(T, h)", self.Delta_T),
        ]
        if self.Delta_given:
            lines.append(energy("Δ used", self.Delta))
        if self.Delta > 0:
            lines += [
                energy("Δ_ord", self.gap_ordinary),
                energy("|ξ*| of Δ_ord", self.xi_ordinary),
                energy("Δ−", self.gap_mirage_minus),
                energy("Δ+", self.gap_mirage_plus),
            ]
            if math.isfinite(self.paper_ordinary_gap):
                lines.append(energy("paper's Δ√(1 − h²/β²)", self.paper_ordinary_gap))
            lines += [
                energy(label, x, "THz", "cm-1")
                for label, x in (
                    ("Ω_I", self.Omega_I),
                    ("Ω_II", self.Omega_II),
                    ("Ω_III", self.Omega_III),
                )
            ]
        lines += [
            temperature("Tc(h)", self.Tc),
            energy("h_c(T)", self.critical_field, "T"),
        ]
        if math.isfinite(self.tricritical_T):
            lines += [
                temperature("tricritical T", self.tricritical_T),
                energy("tricritical h", self.tricritical_h, "T"),
            ]
        return lines


def state_report(
    *, beta: float, h: float = 0.0, T: float = 0.01 * TC0, Delta: float | None = None
) -> StateReport:
    """The paper's results for one state, from the public functions of isingsc.physics.

    Parameters
    ----------
    beta, h
        Ising SOC and in-plane Zeeman energy (units of Δ0).
    T
        Temperature k_B T ≥ 0 (units of Δ0); default the paper's 0.01 Tc0.
    Delta
        Order parameter for the gap edges and optical gaps (units of Δ0); None
        (default): the stable self-consistent Δ(T, h).

    Returns
    -------
    StateReport
        Δ(T → 0, h), Δ(T, h), gap edges, optical gaps, the paper's erroneous
        ordinary gap, Tc(h), h_c(T) and the tricritical point.
    """
    b = float(finite("beta", beta))
    hh = float(finite("h", h))
    t = float(nonnegative("T", T))
    given = Delta is not None
    if given and not math.isfinite(float(Delta)):
        raise ParameterError("Delta", Delta, "a finite Delta >= 0 (or None: self-consistent)")
    delta_T = float(order_parameter(T=t, h=hh, beta=b))
    delta = float(nonnegative("Delta", Delta)) if given else delta_T
    ordinary, m_minus, m_plus = (float(x) for x in gap_edges(beta=b, h=hh, Delta=delta))
    o1, o2, o3 = (float(x) for x in optical_gaps(beta=b, h=hh, Delta=delta))
    fields = critical_field(T=t, beta=b)
    t_tcp, h_tcp = tricritical_point(beta=b)
    return StateReport(
        beta=b,
        h=hh,
        T=t,
        Delta_zero_T=float(order_parameter(T=0.0, h=hh, beta=b)),
        Delta_T=delta_T,
        Delta=delta,
        Delta_given=given,
        gap_ordinary=ordinary,
        xi_ordinary=float(ordinary_gap_position(beta=b, h=hh, Delta=delta)),
        gap_mirage_minus=m_minus,
        gap_mirage_plus=m_plus,
        Omega_I=o1,
        Omega_II=o2,
        Omega_III=o3,
        paper_ordinary_gap=float(paper_ordinary_gap(beta=b, h=hh, Delta=delta)),
        Tc=float(critical_temperature(h=hh, beta=b)),
        critical_field=float(np.asarray(fields.transition).ravel()[0]),
        first_order=bool(np.isfinite(np.asarray(fields.first_order).ravel()[0])),
        tricritical_T=float(t_tcp),
        tricritical_h=float(h_tcp),
    )
