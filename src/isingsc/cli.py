"""The ``isingsc`` command line.

::

    isingsc --version
    isingsc info --beta 4 --h 2.8 [--T 0.01] [--Delta D] [--material NAME]
    isingsc reproduce [--out DIR] [--quick] [--only FIG ...] [--overwrite]
    isingsc sweep SPEC.toml --out FILE.nc [--workers N] [--scheduler ADDRESS] [--overwrite]
    isingsc plot FILE.nc [--out PNG] [--var NAME] [--sel NAME=VALUE ...]

``info`` prints the order parameter, gap edges, optical gaps, Tc(h) and the
tricritical point of one state. ``reproduce`` recomputes the paper's figures
listed in :data:`FIGURES` and writes, per figure, ``<id>.nc`` (the data,
netCDF-4), ``<id>.png`` and ``<id>.pdf``, plus ``manifest.json``. ``sweep``
computes any public observable over a parameter grid (:mod:`isingsc.sweeps.sweep`;
resumable) and ``plot`` draws such a result (:func:`isingsc.plotting.figures.plot_dataset`).

Energies are in units of Δ0 (the BCS gap at T = 0, h = 0); on the command line the
temperature ``--T`` is in units of Tc0. Exit status: 0 on success, 2 for bad
arguments or inputs (including :class:`isingsc.ParameterError` and a refusal to
overwrite), 1 for other failures.

Adding a figure: write ``figNN_data`` in :mod:`isingsc.paper.datasets` and ``figNN`` in
:mod:`isingsc.plotting.figures`, then add one :class:`FigureSpec` entry to :data:`FIGURES`.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import functools
import hashlib
import importlib
import inspect
import json
import math
import platform
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .core.errors import ParameterError
from .io.files import atomic_write
from .units import MATERIALS, TC0, from_model, get_material, parse_quantity, split_quantity

__all__ = ["FIGURES", "FigureSpec", "main", "make_parser"]

PROG = "isingsc"
DEFAULT_OUT = "isingsc-figures"
MANIFEST = "manifest.json"
#: Output formats written for every figure (besides the ``.nc`` data file).
IMAGE_FORMATS = ("png", "pdf")
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


# ---------------------------------------------------------------------------- registry
@dataclass(frozen=True)
class FigureSpec:
    """One reproducible figure: how to compute its data and how to draw it.

    Attributes
    ----------
    data
        ``"module:function"`` (or a callable) returning an :class:`xarray.Dataset`;
        called as ``data(quick=bool)``, plus ``progress=`` (False, or None: a
        progress bar on a terminal) if the function takes a ``progress`` argument.
    plot
        ``"module:function"`` (or a callable) taking that Dataset and returning a
        :class:`matplotlib.figure.Figure`. Strings are imported only when used, so
        ``isingsc --version`` and ``isingsc info`` never import matplotlib.
    caption
        One-paragraph caption (written to ``manifest.json``).
    """

    data: str | Callable[..., Any]
    plot: str | Callable[..., Any]
    caption: str

    def compute(self, *, quick: bool = False, progress: bool | None = False) -> Any:
        """The figure's Dataset (``progress`` is passed on only where it is accepted)."""
        fn = _resolve(self.data)
        try:
            takes_progress = "progress" in inspect.signature(fn).parameters
        except (TypeError, ValueError):  # builtins, some C callables
            takes_progress = False
        return fn(quick=quick, progress=progress) if takes_progress else fn(quick=quick)

    def draw(self, ds: Any) -> Any:
        """The figure (a matplotlib Figure) drawn from its Dataset."""
        return _resolve(self.plot)(ds)


def _resolve(target: str | Callable[..., Any]) -> Callable[..., Any]:
    if callable(target):
        return target
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


#: figure id → FigureSpec. Order is the order of ``reproduce``.
FIGURES: dict[str, FigureSpec] = {
    "fig2b": FigureSpec(
        data="isingsc.paper.datasets:fig2b_data",
        plot="isingsc.plotting.figures:fig2b",
        caption=(
            "Fig. 2b. The model's piecewise-constant Ising spin-orbit coupling "
            "beta(theta_Gamma) = beta sgn cos(3 theta_Gamma), beta = 4 Delta0: +beta on the "
            "three K pockets, -beta on the three K' pockets, odd under k -> -k as time "
            "reversal requires. Observables are K-pocket averages; K' gives the same."
        ),
    ),
    "fig3a": FigureSpec(
        data="isingsc.paper.datasets:fig3a_data",
        plot="isingsc.plotting.figures:fig3a",
        caption=(
            "Fig. 3a. Bogoliubov spectrum of the Ising superconductor (K valley) for "
            "beta = 3, h = 2, Delta = 1 (units of Delta0), coloured by the spin projection "
            "<S_z> from +1/2 (blue) to -1/2 (red). Dashed arrows I, II, III: pair-breaking "
            "transitions between the van Hove points, at the optical gaps Omega_I = "
            "2 Delta_ord, Omega_II = Delta_ord + Delta_-, Omega_III = Delta_ord + Delta_+. "
            "The ordinary gap is the corrected Delta*beta/sqrt(beta^2 + h^2), not the "
            "paper's Delta*sqrt(1 - h^2/beta^2)."
        ),
    ),
    "fig3b": FigureSpec(
        data="isingsc.paper.datasets:fig3b_data",
        plot="isingsc.plotting.figures:fig3b",
        caption=(
            "Fig. 3b. Lasing mechanism at h = 0, beta = 4 Delta0, T = Gamma = 0.01 Tc0: "
            "(a) the magnon pump h_m cos(Omega_m t) x, Omega_m = 8.4 Delta0, creates "
            "quasiparticle pairs (black arrows) where E_up + E_down = Omega_m, above the "
            "threshold 2 sqrt(beta^2 + Delta^2) (not 2 beta); (b) the time-averaged DOS and "
            "(c) the occupation f(eps) of the pumped state (Floquet-Keldysh, "
            "h_m = sqrt(Gamma Tc0)): hot spots (pink) at the pair energies, with f rising "
            "with energy above the gap edge: population inversion."
        ),
    ),
    "fig4a": FigureSpec(
        data="isingsc.paper.datasets:fig4a_data",
        plot="isingsc.plotting.figures:fig4a",
        caption=(
            "Fig. 4a. Stable self-consistent order parameter Delta(T, h)/Delta0 for beta = "
            "4 Delta0 over the in-plane Zeeman energy h/Delta0 and T/Tc0, with the "
            "critical temperature Tc(h) of the digamma law (red line); the dashed line is "
            "the Chandrasekhar-Clogston limit Delta0/sqrt(2) of an ordinary superconductor."
        ),
    ),
    "fig4b": FigureSpec(
        data="isingsc.paper.datasets:fig4b_data",
        plot="isingsc.plotting.figures:fig4b",
        caption=(
            "Fig. 4b. Density of states N(eps, h)/N0 at T = 0.01 Tc0 for beta = 4 Delta0 "
            "with Dynes rate Gamma = 0.01 Tc0 and the self-consistent Delta(T, h) "
            "(logarithmic, clipped colour scale). Markers: the ordinary gap edge "
            "Delta_ord and the mirage-gap edges Delta_-, Delta_+ at which the DOS peaks."
        ),
    ),
    "fig5a": FigureSpec(
        data="isingsc.paper.datasets:fig5a_data",
        plot="isingsc.plotting.figures:fig5a",
        caption=(
            "Fig. 5a. Optical conductivity sigma/sigma_n = sigma1 + i sigma2 (time dependence "
            "exp(-i Omega t), normal state = 1) versus Omega/Delta0 at h = +2.8 and -2.8 "
            "Delta0 (identical: the response is even in h) for beta = 4 Delta0, T = 0.01 Tc0, "
            "Dynes rate Gamma = 0.01 Tc0 (the paper does not state its Gamma) and the "
            "self-consistent Delta(T, h). Dotted lines: the optical gaps Omega_I = "
            "2 Delta_ord, Omega_II = Delta_ord + Delta_-, Omega_III = Delta_ord + Delta_+ "
            "with the corrected ordinary gap Delta_ord = Delta*beta/sqrt(beta^2 + h^2) (not "
            "the paper's Delta*sqrt(1 - h^2/beta^2)); triangles: the peaks of d Re sigma/"
            "d Omega. Right: zoom on the II and III features."
        ),
    ),
    "fig5b": FigureSpec(
        data="isingsc.paper.datasets:fig5b_data",
        plot="isingsc.plotting.figures:fig5b",
        caption=(
            "Fig. 5b. Frequency derivative d Re sigma/d Omega (sigma_n/Delta0; symmetric "
            "colour scale clipped at the upper quartile of the II/III peak heights) over "
            "the Zeeman energy h/Delta0 and Omega/Delta0, for beta = 4 Delta0, T = 0.01 Tc0, "
            "Gamma = 0.01 Tc0 and the self-consistent Delta(T, h). Black solid lines: the optical "
            "gaps Omega_I(h), Omega_II(h), Omega_III(h), with Omega_I = 2 Delta_ord from the "
            "corrected ordinary gap Delta*beta/sqrt(beta^2 + h^2); dotted: the paper's "
            "erroneous Omega_I = 2 Delta sqrt(1 - h^2/beta^2); green dashed (h < 0 only): "
            "the derivative peaks assigned to each gap; grey dashed: the cuts h = +-2.8 of "
            "Fig. 5a."
        ),
    ),
    "fig5c": FigureSpec(
        data="isingsc.paper.datasets:fig5c_data",
        plot="isingsc.plotting.figures:fig5c",
        caption=(
            "Fig. 5c. Raman susceptibility chi/chi_n (density vertex; normal state = i, "
            "Im chi > 0 the Raman intensity) versus Omega/Delta0 at h = +2.8 and -2.8 Delta0 "
            "for beta = 4 Delta0, T = 0.01 Tc0, Dynes rate Gamma = 0.01 Tc0 (not stated in "
            "the paper) and the self-consistent Delta(T, h). Dotted lines: the optical gaps "
            "I, II, III with Omega_I = 2 Delta_ord from the corrected ordinary gap "
            "Delta*beta/sqrt(beta^2 + h^2); triangles: the peaks of d Im chi/d Omega. "
            "Right: zoom on the II and III features."
        ),
    ),
    "fig5d": FigureSpec(
        data="isingsc.paper.datasets:fig5d_data",
        plot="isingsc.plotting.figures:fig5d",
        caption=(
            "Fig. 5d. Frequency derivative d Im chi/d Omega of the Raman susceptibility "
            "(chi_n/Delta0; symmetric colour scale clipped at the upper quartile of the II/III "
            "peak heights, so the Omega_I peak, ~20x stronger, saturates) over "
            "h/Delta0 and Omega/Delta0, for beta = 4 Delta0, T = 0.01 Tc0, Gamma = 0.01 Tc0 "
            "and the self-consistent Delta(T, h). Black solid lines: the optical gaps "
            "Omega_I(h), Omega_II(h), Omega_III(h) with the corrected ordinary gap "
            "Delta*beta/sqrt(beta^2 + h^2) in Omega_I = 2 Delta_ord; dotted: the paper's "
            "erroneous Omega_I; green dashed (h < 0 only): the derivative peaks; grey dashed: "
            "the cuts h = +-2.8 of Fig. 5c."
        ),
    ),
    "fig6": FigureSpec(
        data="isingsc.paper.datasets:fig6_data",
        plot="isingsc.plotting.figures:fig6",
        caption=(
            "Fig. 6. Re sigma(Omega_ph, Omega_m)/sigma_n of the Ising superconductor pumped by "
            "h(t) = h_m cos(Omega_m t) along x, h_m = sqrt(Gamma Tc0), beta = 4 Delta0, "
            "T = Gamma = 0.01 Tc0, equilibrium Delta. (a) second order in h_m as in the "
            "paper, but with the cross terms its Eq. C9 omits; (b) non-perturbative Floquet "
            "(harmonic truncation chosen automatically, N = 1; its N = 2 change, < 4e-3, is in "
            "the data attrs). Re sigma < 0 (blue) is gain (lasing); black: Re sigma = 0. At the "
            "paper's h_m = 10 Gamma second order overestimates the effect several-fold (the "
            "strongest gain of each method is in the data attrs). Dotted: the pair threshold "
            "2 sqrt(beta^2 + Delta^2), not 2 beta."
        ),
    ),
}


# ----------------------------------------------------------------------------- parser
def _finite_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _nonnegative_float(text: str) -> float:
    value = _finite_float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative (must be >= 0)")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be > 0")
    return value


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``isingsc`` command: info, reproduce, sweep, plot."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Ising superconductors: spectrum, gap edges, optical gaps, self-consistent "
            "order parameter, and the paper's figures. Energies are in units of Delta0, "
            "the BCS gap at T = 0, h = 0 (Delta0 = 1.764 k_B Tc0)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    info = sub.add_parser(
        "info",
        help="print Delta, gap edges, optical gaps, Tc(h) of one state",
        description=(
            "Print the order parameter, the gap edges (ordinary, mirage-, mirage+), the "
            "optical gaps I, II, III, Tc(h) and the tricritical point of one state. "
            "Energies in units of Delta0; the temperature --T in units of Tc0."
        ),
    )
    info.add_argument(
        "--beta",
        required=True,
        metavar="BETA",
        help="Ising spin-orbit coupling beta: a number in units of Delta0 (e.g. 4) or a "
        "value with a unit ('76 meV'; needs --material)",
    )
    info.add_argument(
        "--h",
        default="0",
        metavar="H",
        help="in-plane Zeeman energy h = g mu_B B / 2: a number in units of Delta0 "
        "(default 0) or a value with a unit ('10 T', '0.3 meV'; needs --material)",
    )
    info.add_argument(
        "--T",
        default="0.01",
        metavar="T",
        help="temperature: a plain number is in units of Tc0 (NOT Delta0; default 0.01, "
        "the paper's T = 0.01 Tc0; 0 is exact), or a value with a unit ('1.5 K')",
    )
    info.add_argument(
        "--Delta",
        default=None,
        metavar="DELTA",
        help="use this order parameter (units of Delta0, or with a unit) for the gap "
        "edges and optical gaps instead of the self-consistent Delta(T, h)",
    )
    info.add_argument(
        "--material",
        default=None,
        metavar="NAME",
        help="material preset for physical units (isingsc.MATERIALS: "
        + ", ".join(MATERIALS)
        + "); also prints the results in meV, THz, K and tesla",
    )

    rep = sub.add_parser(
        "reproduce",
        help="recompute the paper's figures (PNG, PDF, netCDF data, manifest.json)",
        description=(
            "Recompute the paper's figures and write <id>.png, <id>.pdf, <id>.nc (data "
            "with every parameter) per figure and manifest.json into --out. Existing "
            "files are never replaced without --overwrite."
        ),
    )
    rep.add_argument(
        "--out",
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"output directory (default: {DEFAULT_OUT}; created if missing)",
    )
    rep.add_argument(
        "--quick",
        action="store_true",
        help="fast low-resolution run (coarser grids; for tests and previews)",
    )
    rep.add_argument(
        "--only",
        nargs="+",
        choices=list(FIGURES),
        metavar="FIG",
        help=f"figures to make (default: all of {', '.join(FIGURES)})",
    )
    rep.add_argument("--overwrite", action="store_true", help="replace existing output files")
    rep.add_argument(
        "--dpi", type=_positive_int, default=200, help="resolution of the PNG files (default 200)"
    )
    rep.add_argument(
        "--list",
        action="store_true",
        help="list the available figures with their captions and exit",
    )
    rep.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar or progress messages"
    )
    _add_sweep_parsers(sub)
    return parser


def _add_sweep_parsers(sub: Any) -> None:
    """The ``sweep`` and ``plot`` subcommands."""
    swp = sub.add_parser(
        "sweep",
        help="compute any observable over a parameter grid (TOML spec -> netCDF)",
        description=(
            "Compute a public observable of isingsc over the parameter grid of SPEC (a "
            "TOML file: quantity, optional material, [fixed] and [grid]; see the README, "
            "'Parameter sweeps') and write an xarray Dataset to --out (netCDF-4; complex "
            "values as NAME_re/NAME_im). Finished chunks are kept in FILE.partial/: an "
            "interrupted sweep resumes when the same command is run again. Plain numbers "
            "are in units of Delta0 (k_B T included)."
        ),
    )
    swp.add_argument("spec", metavar="SPEC", help="sweep specification (TOML file)")
    swp.add_argument("--out", required=True, metavar="FILE", help="netCDF file to write")
    swp.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="local worker processes (default: one per core; 1: in this process)",
    )
    swp.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on the dask.distributed scheduler at ADDRESS (e.g. tcp://host:8786)",
    )
    swp.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing FILE (and discard a partial sweep of another SPEC)",
    )
    swp.add_argument("-q", "--quiet", action="store_true", help="no progress bar or messages")

    plot = sub.add_parser(
        "plot",
        help="draw a sweep result (lines, maps) as PNG",
        description=(
            "Draw a netCDF file written by 'isingsc sweep': 1-D data as lines, 2-D as a "
            "map with a colour bar (curves if one dimension has only a few values), 3-D "
            "as faceted maps; complex values as real and imaginary parts. Select values "
            "of extra dimensions with --sel."
        ),
    )
    plot.add_argument("file", metavar="FILE", help="netCDF file written by 'isingsc sweep'")
    plot.add_argument("--out", default=None, metavar="PNG", help="image file (default FILE.png)")
    plot.add_argument("--var", default=None, metavar="NAME", help="variable to draw (default all)")
    plot.add_argument(
        "--sel",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fix a dimension at the nearest value, in the units of its coordinate (repeatable)",
    )
    plot.add_argument(
        "--dpi", type=_positive_int, default=150, help="resolution of the PNG (default 150)"
    )
    plot.add_argument("--overwrite", action="store_true", help="replace an existing PNG")


# ------------------------------------------------------------------------------- info
def _ensure_printable() -> None:
    """Keep Greek letters from crashing output on a non-UTF-8 stream."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "Δβ±→".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="replace")


def _info(args: argparse.Namespace) -> int:
    import numpy as np

    from .physics.gap import order_parameter
    from .physics.phase import critical_field, critical_temperature, tricritical_point
    from .physics.spectrum import gap_edges, optical_gaps, ordinary_gap_position

    material = get_material(args.material) if args.material else None

    def read(name: str, text: str, plain_unit: str = "Delta0") -> float:
        value, unit = split_quantity(text, name=f"--{name}")
        return float(
            parse_quantity(
                {"value": value, "unit": unit or plain_unit}, material=material, name=f"--{name}"
            )
        )

    beta, h = read("beta", args.beta), read("h", args.h)
    T = read("T", args.T, plain_unit="Tc0")
    if T < 0:
        raise ParameterError("--T", args.T, "T >= 0")
    given_delta = None if args.Delta is None else read("Delta", args.Delta)
    if given_delta is not None and given_delta < 0:
        raise ParameterError("--Delta", args.Delta, "Delta >= 0")
    delta0 = float(order_parameter(T=0.0, h=h, beta=beta))
    delta_T = float(order_parameter(T=T, h=h, beta=beta))
    given = given_delta is not None
    delta = given_delta if given else delta_T
    ordinary, m_minus, m_plus = (float(x) for x in gap_edges(beta=beta, h=h, Delta=delta))
    o1, o2, o3 = (float(x) for x in optical_gaps(beta=beta, h=h, Delta=delta))
    xi_star = float(ordinary_gap_position(beta=beta, h=h, Delta=delta))
    tc = float(critical_temperature(h=h, beta=beta))
    hc = critical_field(T=T, beta=beta)
    t_tcp, h_tcp = tricritical_point(beta=beta)

    def row(label: str, value: float, unit: str = "Δ0", note: str = "") -> str:
        return f"  {label:<24}{value:>12.6f} {unit:<4}{('  ' + note) if note else ''}".rstrip()

    lines = [
        f"isingsc {__version__}: β = {beta:g} Δ0, h = {h:g} Δ0, T = {T / TC0:g} Tc0 (= {T:.6g} Δ0)",
        "units: Δ0 = BCS gap at T = 0, h = 0 = 1.764 k_B Tc0",
        "",
        "order parameter (stable self-consistent solution)",
        row("Δ(T → 0, h)", delta0, note="T = 0, exact"),
        row("Δ(T, h)", delta_T, note="normal state" if delta_T == 0 else ""),
    ]
    if given:
        lines.append(row("Δ used below", delta, note="given by --Delta"))
    lines += ["", f"gap edges (Δ = {delta:.6g} Δ0)"]
    if delta == 0:
        lines.append("  normal state (Δ = 0): no gap; N(ε) = 1")
    else:
        lines += [
            row("ordinary  Δ_ord", ordinary, note=f"at |ξ| = {xi_star:.6f} Δ0"),
            row("mirage    Δ−", m_minus, note="at ξ = 0"),
            row("mirage    Δ+", m_plus, note="at ξ = 0"),
        ]
        if beta != 0 and abs(h) <= abs(beta):
            paper = delta * math.sqrt(1 - h * h / (beta * beta))
            lines.append(
                f"  (the paper's Δ√(1 − h²/β²) = {paper:.6f} is an erratum; "
                "Δ_ord = Δ|β|/√(β² + h²))"
            )
        lines += [
            "",
            "optical gaps",
            row("Ω_I   = 2 Δ_ord", o1),
            row("Ω_II  = Δ_ord + Δ−", o2),
            row("Ω_III = Δ_ord + Δ+", o3),
        ]
    lines += [
        "",
        f"phase diagram (β = {beta:g} Δ0)",
        row("Tc(h) / Tc0", tc / TC0, unit="", note=f"Tc(h) = {tc:.6g} Δ0 (second-order line)"),
        row(
            "h_c(T)",
            float(hc.transition[0]),
            note="first order" if np.isfinite(hc.first_order[0]) else "second order",
        ),
    ]
    if math.isfinite(t_tcp):
        lines.append(f"  {'tricritical point':<24}T = {t_tcp / TC0:.6f} Tc0, h = {h_tcp:.6f} Δ0")
    else:
        lines.append(f"  {'tricritical point':<24}none (the transition is second order)")
    if material is not None:
        lines += ["", *_physical_lines(material, beta, h, T, delta, (ordinary, o1, o2, o3), tc)]
    print("\n".join(line.rstrip() for line in lines))
    return EXIT_OK


def _physical_lines(material, beta, h, T, delta, gaps, tc) -> list[str]:
    """The state of ``info`` in the material's physical units."""
    ordinary, o1, o2, o3 = gaps

    def conv(x: float, unit: str) -> float:
        return float(from_model(x, unit, material=material))

    lines = [
        f"in physical units ({material.name}: Tc0 = {material.Tc0_K:g} K, "
        f"g = {material.g_factor:g}; Δ0 = {material.delta0_meV:.4g} meV)",
        f"  {'β':<24}{conv(beta, 'meV'):>12.4g} meV",
        f"  {'h':<24}{conv(h, 'meV'):>12.4g} meV  = {conv(h, 'T'):.4g} T",
        f"  {'T':<24}{conv(T, 'K'):>12.4g} K",
        f"  {'Δ':<24}{conv(delta, 'meV'):>12.4g} meV",
        f"  {'Tc(h)':<24}{conv(tc, 'K'):>12.4g} K",
    ]
    if delta > 0:
        lines.append(f"  {'Δ_ord':<24}{conv(ordinary, 'meV'):>12.4g} meV")
        for label, x in (("Ω_I", o1), ("Ω_II", o2), ("Ω_III", o3)):
            lines.append(
                f"  {label:<24}{conv(x, 'meV'):>12.4g} meV  = {conv(x, 'THz'):.4g} THz"
                f" = {conv(x, 'cm-1'):.4g} cm⁻¹"
            )
    return lines


# -------------------------------------------------------------------------- reproduce
class _UsageError(Exception):
    """A problem with the user's request (exit status 2)."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _jsonable(value: Any) -> Any:
    """Attributes → JSON values (numpy scalars to Python, non-finite floats to None)."""
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int | str | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "tolist"):
        return _jsonable(value.tolist())
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


def _planned_files(fid: str) -> list[str]:
    return [f"{fid}.nc", *(f"{fid}.{ext}" for ext in IMAGE_FORMATS)]


def _load_manifest(path: Path, overwrite: bool) -> dict[str, Any]:
    """The existing manifest (to keep entries of figures not remade), or {}."""
    if not path.exists():
        return {}
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(old, dict):
            raise ValueError("not a JSON object")
        return old
    except (OSError, ValueError) as exc:
        if overwrite:
            return {}
        raise _UsageError(
            f"{path} exists but is not a readable isingsc manifest ({exc}); "
            "pass --overwrite to replace it"
        ) from None


def _reproduce(args: argparse.Namespace, argv: Sequence[str]) -> int:
    if args.list:
        for fid, spec in FIGURES.items():
            print(f"{fid}: {spec.caption}")
        return EXIT_OK
    ids = list(dict.fromkeys(args.only)) if args.only else list(FIGURES)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise _UsageError(f"--out {out}: exists and is not a directory")
    existing = [name for fid in ids for name in _planned_files(fid) if (out / name).exists()]
    if existing and not args.overwrite:
        raise _UsageError(
            f"refusing to overwrite existing output in {out}: {', '.join(existing)} "
            "(pass --overwrite to replace them, or choose another --out)"
        )
    manifest_path = out / MANIFEST
    old_manifest = _load_manifest(manifest_path, args.overwrite)
    out.mkdir(parents=True, exist_ok=True)

    import matplotlib

    matplotlib.use("Agg")
    from tqdm import tqdm

    from .paper.datasets import write_netcdf

    say = (lambda msg: None) if args.quiet else tqdm.write
    say(
        f"isingsc {__version__}: reproducing {', '.join(ids)} into {out}"
        f"{' (quick, low resolution)' if args.quick else ''}"
    )
    figures: dict[str, Any] = {}
    start = time.perf_counter()
    # disable=None: the bar is drawn only on a terminal (no control characters in logs).
    bar = tqdm(ids, desc="figures", unit="fig", disable=True if args.quiet else None, leave=False)
    for fid in bar:
        spec = FIGURES[fid]
        t0 = time.perf_counter()
        say(f"[{fid}] computing data ...")
        # inner progress bars (the maps' fields): on a terminal only, never with --quiet
        ds = spec.compute(quick=args.quick, progress=False if args.quiet else None)
        nc = out / f"{fid}.nc"
        write_netcdf(ds, nc, overwrite=args.overwrite)
        say(f"[{fid}] wrote {nc}; drawing ...")
        fig = spec.draw(ds)
        written = [nc]
        for ext in IMAGE_FORMATS:
            dest = out / f"{fid}.{ext}"
            meta = (
                {"Software": f"isingsc {__version__}", "Title": fid, "Description": spec.caption}
                if ext == "png"
                else {"Creator": f"isingsc {__version__}", "Title": fid, "CreationDate": None}
            )
            atomic_write(
                dest, functools.partial(fig.savefig, format=ext, dpi=args.dpi, metadata=meta)
            )
            written.append(dest)
        elapsed = time.perf_counter() - t0
        figures[fid] = {
            "caption": spec.caption,
            "parameters": _jsonable(dict(ds.attrs)),
            "isingsc_version": str(ds.attrs.get("isingsc_version", __version__)),
            "quick": bool(args.quick),
            "seconds": round(elapsed, 3),
            "files": [
                {
                    "path": p.name,
                    "figure": fid,
                    "format": "netcdf4" if p.suffix == ".nc" else p.suffix[1:],
                    "bytes": p.stat().st_size,
                    "sha256": _sha256(p),
                }
                for p in written
            ],
        }
        say(f"[{fid}] wrote {', '.join(p.name for p in written)} ({elapsed:.1f} s)")

    kept = {
        fid: entry
        for fid, entry in (old_manifest.get("figures") or {}).items()
        if fid not in figures
        and isinstance(entry, dict)
        and all((out / f.get("path", "")).is_file() for f in entry.get("files", []))
    }
    all_figures = {**kept, **figures}
    manifest = {
        "generator": f"isingsc {__version__}",
        "isingsc_version": __version__,
        "created_utc": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(shlex.quote(a) for a in [PROG, *argv]),
        "python": platform.python_version(),
        "units": "energies in Delta0 (BCS gap at T = 0, h = 0); T also in Delta0 with "
        "T/Tc0 alongside; TC0 = exp(euler_gamma)/pi",
        "figures": all_figures,
        "files": [f for entry in all_figures.values() for f in entry.get("files", [])],
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    atomic_write(manifest_path, lambda p: p.write_text(text, encoding="utf-8"))
    total = time.perf_counter() - start
    say(
        f"done: {len(figures) * (1 + len(IMAGE_FORMATS))} files and {MANIFEST} in {out} "
        f"({total:.1f} s)"
    )
    return EXIT_OK


# ------------------------------------------------------------------------- sweep, plot
def _sweep(args: argparse.Namespace) -> int:
    import logging

    from .sweeps.sweep import read_spec, sweep_from_spec

    try:
        spec = read_spec(args.spec)
    except OSError as exc:
        raise _UsageError(f"SPEC {args.spec}: {exc.strerror or exc}") from None
    logger = logging.getLogger("isingsc")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{PROG}: %(message)s"))
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.WARNING if args.quiet else logging.INFO)
    try:
        ds = sweep_from_spec(
            spec,
            out=args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=False if args.quiet else None,
            overwrite=args.overwrite,
        )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    if not args.quiet:
        dims = " x ".join(f"{d} ({n})" for d, n in ds.sizes.items()) or "one point"
        print(f"{args.out}: {ds.attrs['quantity']} ({', '.join(ds.data_vars)}) over {dims}")
    return EXIT_OK


def _parse_selection(items: Sequence[str]) -> dict[str, Any]:
    """``["h=2.5", "method=fft"]`` → ``{"h": 2.5, "method": "fft"}``."""
    selection: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise _UsageError(f"--sel {item!r}: expected NAME=VALUE")
        try:
            selection[name.strip()] = float(value)
        except ValueError:
            selection[name.strip()] = value.strip()
    return selection


def _plot(args: argparse.Namespace) -> int:
    from .plotting.figures import plot_dataset
    from .sweeps.sweep import open_sweep

    path = Path(args.file)
    if not path.is_file():
        raise _UsageError(f"FILE {path}: no such file")
    out = Path(args.out) if args.out else path.with_suffix(".png")
    if out.exists() and not args.overwrite:
        raise _UsageError(f"refusing to overwrite {out} (pass --overwrite to replace it)")
    selection = _parse_selection(args.sel)
    try:
        ds = open_sweep(path)
    except (OSError, ValueError) as exc:
        raise _UsageError(f"FILE {path}: not a readable netCDF file ({exc})") from None
    fig = plot_dataset(ds, args.var, sel=selection)
    meta = {"Software": f"isingsc {__version__}", "Source": str(path)}
    atomic_write(out, functools.partial(fig.savefig, format="png", dpi=args.dpi, metadata=meta))
    print(f"wrote {out}")
    return EXIT_OK


# ------------------------------------------------------------------------------- main
def _error(message: str, code: int) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``isingsc`` command; returns the exit status (0, 1 or 2)."""
    _ensure_printable()
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version, or a usage error (status 2)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_usage(sys.stderr)
        return _error(
            "a command is required (info, reproduce, sweep or plot); see 'isingsc --help'",
            EXIT_USAGE,
        )
    try:
        if args.command == "info":
            return _info(args)
        if args.command == "sweep":
            return _sweep(args)
        if args.command == "plot":
            return _plot(args)
        return _reproduce(args, args_list)
    except (ParameterError, _UsageError, FileExistsError) as exc:
        return _error(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _error("interrupted", 130)
    except (OSError, RuntimeError) as exc:
        return _error(f"{type(exc).__name__}: {exc}", EXIT_FAILURE)


if __name__ == "__main__":
    raise SystemExit(main())
