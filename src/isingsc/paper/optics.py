"""Data of the paper's optics figures 5a–d, from one table of specifications.

===========  ===============  ==========================================================
figure       quantity         layout
===========  ===============  ==========================================================
``fig5a``    conductivity     spectra: σ(Ω)/σn at a few fields (default h = ±2.8)
``fig5b``    conductivity     map: d Re σ/dΩ over (h, Ω)
``fig5c``    raman            spectra: χ(Ω)/χn at a few fields
``fig5d``    raman            map: d Im χ/dΩ over (h, Ω)
===========  ===============  ==========================================================

(:data:`OPTICS_FIGURES`; the names, units and long names of each quantity are in
:data:`QUANTITIES`.) Every figure carries the self-consistent Δ(h), the optical gaps
Ω_I, Ω_II, Ω_III (corrected ordinary gap) with the paper's erroneous Ω_I, and the
peaks of the derivative spectrum assigned to each gap by the one peak rule
:func:`isingsc.physics.features.assign_peaks`.

The two maps come from one pass of the response engine
(:func:`isingsc.physics.response.conductivity_and_raman`: σ and χ share every Green's
function); inside :func:`isingsc.paper.common.shared_results` (as in
:func:`isingsc.paper.reproduce`) that pass is made once for both figures.

Energies and k_B T in units of Δ0; σ in σn, χ in χn; physics convention e^{−iΩt}.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from ..core.constants import TC0
from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative, positive
from ..numerics.grids import uniform_energy_grid
from ..numerics.parallel import default_workers, map_threads, progress_bar
from ..physics.errata import paper_ordinary_gap
from ..physics.features import assign_peaks, derivative_spectrum
from ..physics.kernel import resolve_method
from ..physics.response import conductivity, conductivity_and_raman, raman
from ..physics.spectrum import optical_gaps
from .common import (
    StableGap,
    computed_once,
    energy_attrs,
    figure_attrs,
    gap_attrs,
    gap_variables,
    stable_gap,
)

__all__ = [
    "OPTICS_FIGURES",
    "QUANTITIES",
    "OpticsFigure",
    "Quantity",
    "fig5a_data",
    "fig5b_data",
    "fig5c_data",
    "fig5d_data",
    "optics_data",
]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Quantity:
    """How one response quantity is named and normalised in the Datasets.

    Attributes
    ----------
    name
        ``"conductivity"`` or ``"raman"`` (as :func:`isingsc.optical_features`).
    parts
        Variable names of the real and imaginary parts of the spectrum.
    long_names
        Their long names.
    unit
        Unit of the spectrum (``sigma_n``, ``chi_n``).
    derivative
        Variable name of the derivative map (the part whose peaks mark the gaps).
    derivative_long_name, derivative_unit
        Its long name and unit.
    normalisation
        The normal-state value, stated in the attributes.
    """

    name: str
    parts: tuple[str, str]
    long_names: tuple[str, str]
    unit: str
    derivative: str
    derivative_long_name: str
    derivative_unit: str
    normalisation: str


#: The two response quantities of Fig. 5.
QUANTITIES: dict[str, Quantity] = {
    "conductivity": Quantity(
        name="conductivity",
        parts=("sigma1", "sigma2"),
        long_names=("Re sigma/sigma_n (dissipative)", "Im sigma/sigma_n (inductive, > 0)"),
        unit="sigma_n",
        derivative="dRe_sigma_dOmega",
        derivative_long_name="d Re(sigma/sigma_n)/d Omega",
        derivative_unit="sigma_n/Delta0",
        normalisation="sigma/sigma_n = 1 in the normal state (every Omega)",
    ),
    "raman": Quantity(
        name="raman",
        parts=("chi_re", "chi_im"),
        long_names=("Re chi/chi_n", "Im chi/chi_n (Raman intensity, > 0)"),
        unit="chi_n",
        derivative="dIm_chi_dOmega",
        derivative_long_name="d Im(chi/chi_n)/d Omega",
        derivative_unit="chi_n/Delta0",
        normalisation="chi/chi_n = i in the normal state (every Omega)",
    ),
}


@dataclass(frozen=True)
class OpticsFigure:
    """One optics figure: which quantity, which layout, and its title.

    Attributes
    ----------
    quantity
        Key of :data:`QUANTITIES`.
    layout
        ``"spectra"`` (the complex response versus Ω at a few fields, with the peaks
        of its derivative) or ``"map"`` (the derivative over (h, Ω), with the peaks
        of each row).
    title
        The ``title`` attribute (ASCII).
    description
        One line for the documentation of ``<figure>_data``.
    """

    quantity: str
    layout: str
    title: str
    description: str


#: The one table of Figs. 5a–d: figure id → quantity × layout.
OPTICS_FIGURES: dict[str, OpticsFigure] = {
    "fig5a": OpticsFigure(
        quantity="conductivity",
        layout="spectra",
        title="Optical conductivity sigma(Omega)/sigma_n of the Ising superconductor",
        description="Optical conductivity σ(Ω)/σn at h = ±2.8 Δ0 (Fig. 5a)",
    ),
    "fig5b": OpticsFigure(
        quantity="conductivity",
        layout="map",
        title="Frequency derivative d Re sigma/d Omega over (h, Omega)",
        description="Map of d Re σ/dΩ over (h, Ω) with the optical-gap lines (Fig. 5b)",
    ),
    "fig5c": OpticsFigure(
        quantity="raman",
        layout="spectra",
        title="Raman susceptibility chi(Omega)/chi_n of the Ising superconductor",
        description="Raman susceptibility χ(Ω)/χn at h = ±2.8 Δ0 (Fig. 5c)",
    ),
    "fig5d": OpticsFigure(
        quantity="raman",
        layout="map",
        title="Frequency derivative d Im chi/d Omega over (h, Omega)",
        description="Map of d Im χ/dΩ over (h, Ω) with the optical-gap lines (Fig. 5d)",
    ),
}

#: Optical gaps, as labelled in the ``gap`` coordinate.
GAP_LABELS = ("I", "II", "III")
#: Energy-grid points per min(Γ, πT) of every response integral.
POINTS_PER_WIDTH = 4.0
#: Smallest peak prominence, relative to the range of the spectrum (or of the map row
#: near each gap), as :func:`isingsc.optical_features`.
PEAK_PROMINENCE = 0.02
#: Map rows: the prominence is measured within this many tolerances of each gap.
MAP_PEAK_WINDOW = 3.0
#: What each engine method does (the ``method`` attribute records the one used).
ENGINE_METHODS = {
    "fft": "dirty-limit Keldysh bilinear kernel, trapezoid on a uniform energy grid with "
    "step min(Gamma, pi T)/points_per_width evaluated for all Omega at once as FFT "
    "cross-correlations, local barycentric interpolation to the requested Omega, "
    "Gauss-Legendre tails beyond the window",
    "quad": "dirty-limit Keldysh bilinear kernel, composite Gauss-Legendre quadrature graded "
    "towards the gap edges, their Omega-shifted copies and the thermal points, at each "
    "Omega (exact at T = 0, where the thermal factor sign(eps) jumps)",
}
#: The derivative spectra and maps (the ``derivative_method`` attribute).
DERIVATIVE_METHOD = (
    "analytic derivative of the local barycentric interpolant of the FFT spectrum "
    "(method='fft'; no finite differences)"
)
#: Why the maps are computed with ``check_grid=False`` (the ``check_grid_reason`` attribute).
MAP_GRID_REASON = (
    "map sampling: each value is the derivative of a spectrum whose energy integrals "
    "resolve Gamma (step min(Gamma, pi T)/4) evaluated at that Omega, so it is accurate at "
    "any Omega; an Omega step coarser than Gamma only samples the peaks (width ~Gamma) "
    "sparsely in the picture (their heights on the map may be underestimated), it does not "
    "make the values wrong"
)


def _fields(h: ArrayLike | None, default: FloatArray) -> FloatArray:
    h_arr = default if h is None else np.atleast_1d(finite("h", h)).astype(float)
    if h_arr.ndim != 1 or h_arr.size == 0:
        raise ParameterError("h", h, "a non-empty 1-D sequence of fields")
    return h_arr


def _frequencies(Omega: ArrayLike) -> FloatArray:
    om = np.atleast_1d(finite("Omega", Omega)).astype(float)
    if om.ndim != 1 or om.size == 0 or np.any(om <= 0):
        raise ParameterError(
            "Omega", f"array of shape {om.shape}", "a non-empty 1-D array of frequencies > 0"
        )
    return om


def _gap_lines(beta: float, h: FloatArray, delta: FloatArray) -> dict[str, Any]:
    """Ω_I, Ω_II, Ω_III (NaN where Δ = 0) and the paper's Ω_I = 2Δ√(1 − h²/β²)."""
    normal = delta == 0
    gaps = [np.where(normal, np.nan, g) for g in optical_gaps(beta=beta, h=h, Delta=delta)]
    paper = np.where(normal, np.nan, 2 * paper_ordinary_gap(beta=beta, h=h, Delta=delta))
    long_names = (
        "optical gap I = 2 Delta_ord, Delta_ord = Delta*beta/sqrt(beta^2+h^2)",
        "optical gap II = Delta_ord + Delta_-",
        "optical gap III = Delta_ord + Delta_+",
    )
    out: dict[str, Any] = {
        f"Omega_{label}": (
            ("h",),
            np.asarray(values, float),
            {**energy_attrs(long), "comment": "NaN where Delta = 0"},
        )
        for label, long, values in zip(GAP_LABELS, long_names, gaps, strict=True)
    }
    out["Omega_I_paper_erratum"] = (
        ("h",),
        np.asarray(paper, float),
        {
            **energy_attrs("the paper's (wrong) Omega_I = 2 Delta sqrt(1 - h^2/beta^2)"),
            "comment": "for comparison only (isingsc.physics.errata.paper_ordinary_gap); "
            "NaN where Delta = 0 or |h| > beta",
        },
    )
    return out


def _peak_table(
    om: FloatArray, rows: FloatArray, gaps: FloatArray, Gamma: float, *, map_rows: bool
) -> tuple[FloatArray, FloatArray, list[list[float]]]:
    """Assigned peak positions and heights (h, gap) and the unassigned positions per row."""
    position = np.full((rows.shape[0], 3), np.nan)
    height = np.full((rows.shape[0], 3), np.nan)
    extra: list[list[float]] = []
    for i, (row, row_gaps) in enumerate(zip(rows, gaps, strict=True)):
        found = (
            []
            if not np.all(np.isfinite(row_gaps))
            else assign_peaks(
                om,
                values=row,
                gaps=row_gaps,
                Gamma=Gamma,
                prominence=PEAK_PROMINENCE,
                window=MAP_PEAK_WINDOW if map_rows else None,
                refine=not map_rows,
            )
        )
        extra.append([f.omega for f in found if f.label is None])
        for f in found:
            if f.label is not None:
                k = GAP_LABELS.index(f.label)
                position[i, k], height[i, k] = f.omega, f.height
    return position, height, extra


def _common_attrs(
    b: float, t: float, gam: float, quick: bool, h: FloatArray, om: FloatArray, gap: StableGap
) -> dict[str, Any]:
    """Parameters, grid description and gap diagnostics shared by the four figures."""
    step = float(np.max(np.abs(np.diff(om)))) if om.size > 1 else float("nan")
    return {
        "beta": b,
        "T": t,
        "T_over_Tc0": t / TC0,
        "Gamma": gam,
        "Gamma_over_Tc0": gam / TC0,
        "Gamma_note": "the paper does not state its Dynes rate; Gamma = 0.01 Tc0 is this "
        "package's default (features sharpen as Gamma -> 0)",
        "quick": quick,
        "n_h": int(h.size),
        "n_Omega": int(om.size),
        "Omega_step": step,
        "Omega_points_per_Gamma": gam / step if step > 0 else float("nan"),
        "points_per_width": POINTS_PER_WIDTH,
        "convention": "physics: time dependence exp(-i Omega t)",
        **gap_attrs(gap),
        "optical_gaps_formula": "Omega_I = 2 Delta_ord, Omega_II = Delta_ord + Delta_-, "
        "Omega_III = Delta_ord + Delta_+, Delta_ord = Delta*|beta|/sqrt(beta^2+h^2) "
        "(corrected; isingsc.optical_gaps)",
    }


def _coords(h: FloatArray, om: FloatArray) -> dict[str, Any]:
    return {
        "h": ("h", h, energy_attrs("in-plane Zeeman energy h")),
        "Omega": ("Omega", om, energy_attrs("frequency hbar*Omega")),
        "gap": ("gap", np.array(GAP_LABELS), {"long_name": "optical gap"}),
    }


def _spectra(
    figure: str,
    spec: OpticsFigure,
    b: float,
    t: float,
    gam: float,
    h: ArrayLike | None,
    Omega: ArrayLike | None,
    quick: bool,
    progress: bool | None,
    workers: int | None,
) -> xr.Dataset:
    """σ(Ω) or χ(Ω) at a few fields, with optical gaps and the located features."""
    q = QUANTITIES[spec.quantity]
    h_arr = _fields(h, np.array([2.8, -2.8]))
    if Omega is None:
        # step <= Gamma/2 (Gamma if quick): every feature of width ~Gamma is resolved
        om = uniform_energy_grid(0.02, 8.0, Gamma=gam, points_per_width=1 if quick else 2)
    else:
        om = _frequencies(Omega)
    gap = stable_gap(T=t, h=h_arr, beta=b)
    method = resolve_method("auto", T=t)  # recorded: the method actually used
    response = conductivity if q.name == "conductivity" else raman

    def field(k: int) -> tuple[NDArray[np.complex128], FloatArray]:
        hv, dv = float(h_arr[k]), float(gap.Delta[k])
        kw = {"beta": b, "h": hv, "T": t, "Gamma": gam, "Delta": dv}
        values = response(om, method=method, points_per_width=POINTS_PER_WIDTH, **kw)
        slope = derivative_spectrum(q.name, om, **kw) if dv > 0 else np.zeros_like(om)
        return values, slope

    n_workers = default_workers(workers)
    rows = list(
        progress_bar(
            map_threads(field, range(h_arr.size), workers=n_workers),
            progress=progress,
            total=h_arr.size,
            desc=figure,
            unit="field",
            leave=False,
        )
    )
    values = np.stack([r[0] for r in rows])
    slopes = np.stack([r[1] for r in rows])
    lines = _gap_lines(b, h_arr, gap.Delta)
    gaps = np.stack([lines[f"Omega_{label}"][1] for label in GAP_LABELS], axis=-1)
    position, height, extra = _peak_table(om, slopes, gaps, gam, map_rows=False)
    n_extra = max(1, max(len(e) for e in extra))
    extra_arr = np.full((h_arr.size, n_extra), np.nan)
    for i, e in enumerate(extra):
        extra_arr[i, : len(e)] = e
    attrs = figure_attrs(
        figure,
        spec.title,
        method=f"isingsc.{q.name}(method={method!r}): {ENGINE_METHODS[method]}",
        **_common_attrs(b, t, gam, quick, h_arr, om, gap),
        response_method=method,
        derivative_method=DERIVATIVE_METHOD,
        workers=n_workers,
        normalisation=q.normalisation,
        feature_method="isingsc.physics.features.assign_peaks on this Omega grid (as "
        f"isingsc.optical_features): peaks of the derivative spectrum ({q.derivative_long_name}) "
        f"with prominence >= {PEAK_PROMINENCE} of its range, positions refined by a parabola, "
        "assigned to the nearest optical gap within its default tolerance",
    )
    re_name, im_name = q.parts
    re_long, im_long = q.long_names
    data_vars: dict[str, Any] = {
        re_name: (("h", "Omega"), values.real, {"units": q.unit, "long_name": re_long}),
        im_name: (("h", "Omega"), values.imag, {"units": q.unit, "long_name": im_long}),
        **gap_variables("h", gap),
        **lines,
        "feature_Omega": (
            ("h", "gap"),
            position,
            {
                **energy_attrs(f"peak of {q.derivative_long_name} assigned to each optical gap"),
                "comment": "NaN: no peak found within the tolerance (or Delta = 0)",
            },
        ),
        "feature_height": (
            ("h", "gap"),
            height,
            {"units": q.derivative_unit, "long_name": "height of that peak"},
        ),
        "unassigned_peak_Omega": (
            ("h", "extra_peak"),
            extra_arr,
            {
                **energy_attrs(f"peaks of {q.derivative_long_name} not assigned to an optical gap"),
                "comment": "NaN padded",
            },
        ),
    }
    return xr.Dataset(data_vars=data_vars, coords=_coords(h_arr, om), attrs=attrs)


def _derivative_maps(
    b: float,
    t: float,
    gam: float,
    h: FloatArray,
    delta: FloatArray,
    om: FloatArray,
    *,
    desc: str,
    progress: bool | None,
    workers: int,
) -> dict[str, FloatArray]:
    """d Re σ/dΩ and d Im χ/dΩ over (h, Ω) from one engine pass per field.

    Computed once per set of inputs inside :func:`isingsc.paper.common.shared_results`.
    """

    def field(k: int) -> tuple[FloatArray, FloatArray]:
        # check_grid=False: each value is the exact derivative of the (Γ-resolved)
        # spectrum at that Ω; a coarse Ω sampling only thins the picture.
        sigma, chi = conductivity_and_raman(
            om,
            beta=b,
            h=float(h[k]),
            T=t,
            Gamma=gam,
            Delta=float(delta[k]),
            derivative=True,
            method="fft",
            points_per_width=POINTS_PER_WIDTH,
            check_grid=False,
        )
        return sigma.real, chi.imag

    def compute() -> dict[str, FloatArray]:
        rows = list(
            progress_bar(
                map_threads(field, range(h.size), workers=workers),
                progress=progress,
                total=h.size,
                desc=desc,
                unit="field",
                leave=False,
            )
        )
        return {
            "conductivity": np.stack([r[0] for r in rows]),
            "raman": np.stack([r[1] for r in rows]),
        }

    key = ("fig5 maps", b, t, gam, POINTS_PER_WIDTH, h.tobytes(), delta.tobytes(), om.tobytes())
    return computed_once(key, compute)


def _map(
    figure: str,
    spec: OpticsFigure,
    b: float,
    t: float,
    gam: float,
    h: ArrayLike | None,
    Omega: ArrayLike | None,
    quick: bool,
    progress: bool | None,
    workers: int | None,
) -> xr.Dataset:
    """The derivative map over (h, Ω) with the optical-gap lines (Fig. 5b, 5d)."""
    q = QUANTITIES[spec.quantity]
    # exactly symmetric fields (linspace(−4, 4, n) is not, by rounding): h ↔ −h pairs
    positive_h = np.linspace(0.0, 4.0, 21 if quick else 81)
    h_arr = _fields(h, np.concatenate((-positive_h[:0:-1], positive_h)))
    n_om = 400 if quick else 1600
    om = np.linspace(8.0 / n_om, 8.0, n_om) if Omega is None else _frequencies(Omega)
    n_workers = default_workers(workers)
    gap = stable_gap(T=t, h=h_arr, beta=b)
    values = _derivative_maps(
        b, t, gam, h_arr, gap.Delta, om, desc=figure, progress=progress, workers=n_workers
    )[q.name]
    lines = _gap_lines(b, h_arr, gap.Delta)
    gaps = np.stack([lines[f"Omega_{label}"][1] for label in GAP_LABELS], axis=-1)
    position, height, _ = _peak_table(om, values, gaps, gam, map_rows=True)
    attrs = figure_attrs(
        figure,
        spec.title,
        method="isingsc.physics.response.conductivity_and_raman(derivative=True, "
        f"method='fft'), sigma and chi from one pass: {ENGINE_METHODS['fft']}; "
        f"{DERIVATIVE_METHOD}",
        **_common_attrs(b, t, gam, quick, h_arr, om, gap),
        check_grid=False,
        check_grid_reason=MAP_GRID_REASON,
        response_method="fft",
        derivative_method=DERIVATIVE_METHOD,
        workers=n_workers,
        normalisation=q.normalisation,
        peak_method="isingsc.physics.features.assign_peaks per field: local maxima of the row "
        f"with prominence >= {PEAK_PROMINENCE} of the row's range within "
        f"{MAP_PEAK_WINDOW:g} tolerances of the gap, each optical gap taking the nearest "
        "within the tolerance max(8 Gamma, 4 Omega_step, 2 sqrt(Gamma Omega_k/2)); "
        "positions are grid points (no sub-grid refinement)",
    )
    data_vars: dict[str, Any] = {
        q.derivative: (
            ("h", "Omega"),
            values,
            {"units": q.derivative_unit, "long_name": q.derivative_long_name},
        ),
        **gap_variables("h", gap),
        **lines,
        "peak_Omega": (
            ("h", "gap"),
            position,
            {
                **energy_attrs("local maximum of the row assigned to each optical gap"),
                "comment": "NaN: none within the tolerance (or Delta = 0)",
            },
        ),
        "peak_height": (
            ("h", "gap"),
            height,
            {"units": q.derivative_unit, "long_name": "value at that maximum"},
        ),
    }
    return xr.Dataset(data_vars=data_vars, coords=_coords(h_arr, om), attrs=attrs)


@keyword_only
def optics_data(
    figure: str,
    *,
    beta: float = 4.0,
    T: float = 0.01 * TC0,
    Gamma: float = 0.01 * TC0,
    h: ArrayLike | None = None,
    Omega: ArrayLike | None = None,
    quick: bool = False,
    progress: bool | None = False,
    workers: int | None = None,
) -> xr.Dataset:
    """The data of one optics figure of :data:`OPTICS_FIGURES` (Figs. 5a–d).

    Parameters
    ----------
    figure
        ``"fig5a"``, ``"fig5b"``, ``"fig5c"`` or ``"fig5d"``.
    beta
        Ising SOC (units of Δ0); the paper uses β = 4Δ0.
    T
        Temperature k_B T ≥ 0 (units of Δ0); default the paper's 0.01 Tc0.
    Gamma
        Dynes rate Γ > 0 (units of Δ0). The paper does not state it; default
        0.01 Tc0 (recorded in the attributes).
    h
        Zeeman energies (units of Δ0). Default: spectra (2.8, −2.8), the paper's
        cuts; maps 161 points on [−4, 4], step 0.05 (41, step 0.2, if ``quick``),
        exactly symmetric about 0.
    Omega
        Frequencies > 0 (units of Δ0). Default: spectra uniform on [0.02, 8] with
        step ≤ Γ/2 (≤ Γ if ``quick``); maps 1600 points on (0, 8] (400 if
        ``quick``). Every value is exact at its Ω; a grid coarser than Γ only
        samples the peaks sparsely (the maps are not checked against Γ at all, see
        their ``check_grid_reason`` attribute).
    quick
        Coarser default grids.
    progress
        Progress bar over the fields: False (default) none, True always, None only
        on a terminal.
    workers
        Threads computing the fields (:func:`isingsc.numerics.parallel.default_workers`);
        the result does not depend on it.

    Returns
    -------
    xarray.Dataset
        Over ``h`` (and ``Omega``): ``Delta(h)`` (self-consistent, with
        ``gap_residual``, ``converged``); ``Omega_I(h)``, ``Omega_II(h)``,
        ``Omega_III(h)`` (corrected ordinary gap; NaN where Δ = 0) and the paper's
        ``Omega_I_paper_erratum(h)``. Spectra: the real and imaginary parts of the
        response (``sigma1``, ``sigma2`` or ``chi_re``, ``chi_im``) and the peaks of
        its derivative, ``feature_Omega(h, gap)``, ``feature_height(h, gap)`` (NaN if
        not found) and ``unassigned_peak_Omega(h, extra_peak)`` (NaN padded). Maps:
        the derivative (``dRe_sigma_dOmega`` or ``dIm_chi_dOmega``) and the local
        maximum of each row assigned to each gap, ``peak_Omega(h, gap)``,
        ``peak_height(h, gap)``.

    Notes
    -----
    At h = 0 the response is BCS's, so the II and III features vanish there; they
    grow with abs(h). The maps are even in h (computed at every field, not mirrored).
    With Dynes broadening d Re σ/dΩ has a weak extra peak near Ω ≈ Δ_ord (absorption
    from the in-gap Dynes states at the Fermi level to the gap edge), reported as
    unassigned; it vanishes as Γ → 0.
    """
    if figure not in OPTICS_FIGURES:
        raise ParameterError("figure", figure, f"one of {', '.join(OPTICS_FIGURES)}")
    spec = OPTICS_FIGURES[figure]
    b = float(finite("beta", beta))
    t = float(nonnegative("T", T))
    gam = float(positive("Gamma", Gamma))
    build = _spectra if spec.layout == "spectra" else _map
    return build(figure, spec, b, t, gam, h, Omega, quick, progress, workers)


def _figure_function(figure: str) -> Callable[..., xr.Dataset]:
    """``optics_data(figure, ...)`` as a function of its own, with the same keywords."""
    spec = OPTICS_FIGURES[figure]

    def data(**kwargs: Any) -> xr.Dataset:
        return optics_data(figure, **kwargs)

    signature = inspect.signature(optics_data)
    data.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p for p in signature.parameters.values() if p.name != "figure"]
    )
    data.__name__ = data.__qualname__ = f"{figure}_data"
    data.__doc__ = (
        f"{spec.description}: :func:`optics_data` with ``figure={figure!r}``.\n\n"
        f"Keyword-only parameters, defaults and variables as :func:`optics_data` "
        f"({spec.quantity}, {spec.layout}).\n"
    )
    return keyword_only(data)


fig5a_data = _figure_function("fig5a")
fig5b_data = _figure_function("fig5b")
fig5c_data = _figure_function("fig5c")
fig5d_data = _figure_function("fig5d")
