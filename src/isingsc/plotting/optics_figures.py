"""Figs. 5a–d of the paper: optical spectra σ(Ω), χ(Ω) and their derivative maps.

One function, :func:`fig5`, draws any of the four from the figure's row of the table
:data:`isingsc.paper.optics.OPTICS_FIGURES` (spectra or map, conductivity or Raman), so
that a new optics figure is a new row there, not new drawing code. Energies are in units
of Δ0 (the BCS gap at T = 0, h = 0), temperatures in Tc0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr
from matplotlib import colors
from matplotlib.figure import Figure

from ..paper.optics import OPTICS_FIGURES, QUANTITIES
from .style import DIVERGING_CMAP, add_footer, is_uniform, new_figure

__all__ = ["MAP_QUANTILE", "fig5"]


# ----------------------------------------------------------------------------- Fig. 5
#: Roman labels of the optical gaps and the Dataset variables holding them.
_GAPS = (("I", "Omega_I"), ("II", "Omega_II"), ("III", "Omega_III"))
#: Line styles of the fields in Fig. 5a/5c (the second is drawn over the first).
_FIELD_STYLES = ("-", (0, (3, 2)), ":", "-.")
#: Colour limit of Fig. 5b/5d: this quantile of the II/III peak heights (beyond: saturated).
MAP_QUANTILE = 0.75


@dataclass(frozen=True)
class _OpticsStyle:
    """How a response quantity of Fig. 5 is labelled (its data names: ``QUANTITIES``)."""

    symbol: str  # TeX of the normalised response
    title: str
    slope: str  # TeX of the derivative whose peaks mark the gaps
    slope_unit: str
    slope_part: int  # 0: the peaks are on the real part, 1: on the imaginary part
    diverging: bool  # the imaginary part diverges at Ω → 0 (σ2 ~ D_s/Ω)


_OPTICS_STYLE = {
    "conductivity": _OpticsStyle(
        r"\sigma/\sigma_n",
        "Conductivity",
        r"d\,{\rm Re}\,\sigma/d\Omega",
        r"\sigma_n/\Delta_0",
        0,
        True,
    ),
    "raman": _OpticsStyle(
        r"\chi/\chi_n",
        "Raman susceptibility",
        r"d\,{\rm Im}\,\chi/d\Omega",
        r"\chi_n/\Delta_0",
        1,
        False,
    ),
}


def _mark_gaps(ax, gaps: dict[str, float], *, labels: bool = True) -> None:
    """Thin vertical lines at the optical gaps inside the x range, labelled at the top."""
    lo, hi = ax.get_xlim()
    for name, x in gaps.items():
        if not (np.isfinite(x) and lo <= x <= hi):
            continue
        ax.axvline(x, color="0.35", lw=0.7, ls=":", zorder=0)
        if labels:
            ax.annotate(
                name,
                xy=(x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                fontweight="bold",
                annotation_clip=False,
            )


def _fig5_spectra(ds: xr.Dataset, parts: tuple[str, str], look: _OpticsStyle) -> Figure:
    """Re and Im of a response at each field vs Ω: full range and a zoom on II, III."""
    re_name, im_name = parts
    symbol, diverging = look.symbol, look.diverging
    a = ds.attrs
    om = ds["Omega"].values
    h = ds["h"].values
    fig = new_figure(8.4, 3.9)
    main, zoom = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.45, 1]})
    colours = {re_name: "#1f5fa8", im_name: "#d1495b"}
    part_label = {re_name: rf"Re ${symbol}$", im_name: rf"Im ${symbol}$"}
    for i, hv in enumerate(h):
        for name in (re_name, im_name):
            y = ds[name].isel(h=i).values
            if i == 0:
                style = {"color": colours[name], "lw": 1.4, "label": f"{part_label[name]}"}
            else:  # further fields: thin dashes on top (they coincide when h → −h)
                style = {"color": "k", "lw": 0.7, "ls": _FIELD_STYLES[i % len(_FIELD_STYLES)]}
                style["label"] = f"$h$ = {hv:+g}" if name == re_name else None
            for ax in (main, zoom):
                ax.plot(om, y, **(style if ax is main else {**style, "label": None}))
    if h.size > 1:
        main.plot([], [], " ", label=f"(colours: $h$ = {h[0]:+g})")
    # optical gaps of the first field (h → −h symmetric: the same at the others)
    first = ds.isel(h=0)
    gaps = {lab: float(first[var]) for lab, var in _GAPS}
    main.set_xlim(0.0, om.max())
    _mark_gaps(main, gaps)
    # features: peaks of the derivative spectrum, marked on the curve whose slope peaks
    feat = first["feature_Omega"].values
    slope_var = parts[look.slope_part]
    slope_label = rf"peaks of ${look.slope}$"
    y0 = first[slope_var].values
    for ax in (main, zoom):
        ok = np.isfinite(feat)
        ax.plot(
            feat[ok],
            np.interp(feat[ok], om, y0),
            ls="none",
            marker="v",
            ms=5,
            mfc="k",
            mec="white",
            mew=0.5,
            zorder=5,
            label=slope_label if ax is main else None,
        )
    # y range: σ2 ~ D_s/Ω diverges at Ω → 0, so only its part above 1.5 Ω_I sets it
    lo = min(float(np.min(ds[name].values)) for name in (re_name, im_name))
    i_gap = gaps["I"] if np.isfinite(gaps["I"]) else 0.2
    hi = float(np.max(ds[re_name].values))
    im = ds[im_name].values
    hi = max(hi, float(np.max(im[:, om > 1.5 * i_gap] if diverging else im)))
    main.set_ylim(min(lo, 0.0) - 0.05 * hi, 1.15 * hi)
    main.set_xlabel(r"frequency $\hbar\Omega\,/\,\Delta_0$")
    main.set_ylabel(rf"${symbol}$")
    main.legend(loc="lower right", bbox_to_anchor=(1.0, 0.1), fontsize=6.5, framealpha=0.85)
    # zoom on the two mirage-gap features II and III
    if np.isfinite(gaps["II"]) and np.isfinite(gaps["III"]):
        pad = max(0.3, 0.6 * (gaps["III"] - gaps["II"]))
        x0, x1 = gaps["II"] - pad, gaps["III"] + pad
        zoom.set_xlim(x0, x1)
        sel = (om >= x0) & (om <= x1)
        if np.any(sel):
            vals = np.concatenate([ds[n].values[:, sel].ravel() for n in (re_name, im_name)])
            span = float(np.ptp(vals)) or 1.0
            zoom.set_ylim(float(vals.min()) - 0.08 * span, float(vals.max()) + 0.12 * span)
        _mark_gaps(zoom, gaps)
        zoom.set_title("II, III (zoom)", fontsize=8, pad=12)
    else:
        zoom.text(
            0.5,
            0.5,
            "normal state:\nno optical gaps",
            ha="center",
            va="center",
            transform=zoom.transAxes,
        )
    zoom.set_xlabel(r"$\hbar\Omega\,/\,\Delta_0$")
    delta = ", ".join(f"{d:.4f}" for d in np.unique(np.round(ds["Delta"].values, 12)))
    main.set_title(
        rf"{look.title}: $\beta$ = {a['beta']:g}, $T$ = {a['T_over_Tc0']:.3g} $T_{{c0}}$, "
        rf"$\Gamma$ = {a['Gamma_over_Tc0']:.3g} $T_{{c0}}$, $\Delta$ = {delta} (units $\Delta_0$)",
        fontsize=8,
        loc="left",
        pad=12,
    )
    if any(np.isfinite(v) for v in gaps.values()):
        # in the empty middle of the zoom (the curves there sit near 0 and near 1)
        zoom.text(
            0.5,
            0.5,
            "dotted: optical gaps\n"
            + ", ".join(f"{k} = {v:.4f}" for k, v in gaps.items() if np.isfinite(v))
            + "\n"
            + r"$\Omega_{\rm I} = 2\Delta_{\rm ord}$, $\Omega_{\rm II,III} = \Delta_{\rm ord}"
            + r" + \Delta_\mp$"
            + "\n"
            + r"corrected $\Delta_{\rm ord} = \Delta\beta/\sqrt{\beta^2+h^2}$",
            transform=zoom.transAxes,
            fontsize=7,
            color="0.2",
            ha="center",
            va="center",
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "0.8", "alpha": 0.9},
        )
    add_footer(fig, ds)
    return fig


def _colour_limit(ds: xr.Dataset, values: np.ndarray, quantile: float) -> float:
    """Symmetric colour limit of a derivative map (values beyond it saturate).

    The ``quantile`` of the heights of the II and III peaks (``peak_height``), so
    that those weak features show next to the Ω_I edge (20× stronger in d Im χ/dΩ);
    without such peaks, the same quantile of |values|.
    """
    heights = ds["peak_height"].values[:, 1:] if "peak_height" in ds else np.array([])
    heights = heights[np.isfinite(heights) & (heights > 0)]
    if heights.size:
        return float(np.quantile(heights, quantile))
    finite = np.abs(values[np.isfinite(values)])
    if finite.size == 0 or not np.any(finite > 0):
        return 1.0
    return float(np.quantile(finite, quantile)) or float(finite.max())


def _fig5_map(ds: xr.Dataset, var: str, cbar_label: str, title: str, quantile: float) -> Figure:
    a = ds.attrs
    h = ds["h"].values
    om = ds["Omega"].values
    z = ds[var].values  # (h, Omega)
    vmax = _colour_limit(ds, z, quantile)
    norm = colors.Normalize(vmin=-vmax, vmax=vmax, clip=False)
    fig = new_figure(6.4, 4.9)
    ax = fig.add_subplot()
    # half a cell beyond the first and last field (pixel edges)
    dh = float(np.min(np.abs(np.diff(h)))) / 2 if h.size > 1 else 0.5
    if is_uniform(h) and is_uniform(om):
        do = (om[-1] - om[0]) / max(om.size - 1, 1) / 2
        img = ax.imshow(
            z.T,
            origin="lower",
            aspect="auto",
            extent=(h[0] - dh, h[-1] + dh, om[0] - do, om[-1] + do),
            cmap=DIVERGING_CMAP,
            norm=norm,
            interpolation="nearest",
        )
    else:
        img = ax.pcolormesh(
            h, om, z.T, shading="nearest", cmap=DIVERGING_CMAP, norm=norm, rasterized=True
        )
    for k, (label, name) in enumerate(_GAPS):
        ax.plot(
            h,
            ds[name].values,
            color="k",
            lw=0.8,
            label=r"optical gaps $\Omega_{\rm I, II, III}(h)$" if k == 0 else None,
        )
        # label each line at the right edge
        y = ds[name].values
        ok = np.isfinite(y)
        if np.any(ok):
            j = np.flatnonzero(ok)[-1]
            dy = {"I": 0.0, "II": -0.12, "III": 0.12}[label]
            ax.annotate(
                label,
                xy=(h[j], y[j] + dy),
                xytext=(3, 0),
                textcoords="offset points",
                fontsize=8,
                fontweight="bold",
                va="center",
                ha="left",
                annotation_clip=False,
            )
    ax.plot(
        h,
        ds["Omega_I_paper_erratum"].values,
        color="0.25",
        lw=0.9,
        ls=(0, (1, 1.5)),
        label=r"paper's $\Omega_{\rm I} = 2\Delta\sqrt{1-h^2/\beta^2}$ (erratum)",
    )
    peaks = ds["peak_Omega"].values
    left = h < 0  # dashed peak ridges on one half only, the other half shows the bare map
    for k in range(peaks.shape[1]):
        ax.plot(
            h[left],
            peaks[left, k],
            color="#2ca02c",
            lw=1.0,
            ls=(0, (3, 2)),
            label="derivative peaks (h < 0 half)" if k == 0 else None,
        )
    for x in (-2.8, 2.8):
        if h.min() <= x <= h.max():
            ax.axvline(x, color="0.45", lw=0.7, ls="--", zorder=1)
    ax.set_xlim(h.min() - dh, h.max() + dh)
    ax.set_ylim(0.0, om.max())
    ax.set_xlabel(r"Zeeman energy $h\,/\,\Delta_0$")
    ax.set_ylabel(r"frequency $\hbar\Omega\,/\,\Delta_0$")
    ax.set_title(
        rf"{title}: $\beta$ = {a['beta']:g} $\Delta_0$, $T$ = {a['T_over_Tc0']:.3g} $T_{{c0}}$, "
        rf"$\Gamma$ = {a['Gamma_over_Tc0']:.3g} $T_{{c0}}$",
        fontsize=8.5,
    )
    ax.legend(loc="center left", fontsize=6.5, framealpha=0.85)
    cb = fig.colorbar(img, ax=ax, extend="both")
    cb.set_label(cbar_label + rf"  (clipped at $\pm${vmax:.2g})")
    add_footer(fig, ds)
    return fig


def fig5(ds: xr.Dataset, *, quantile: float = MAP_QUANTILE) -> Figure:
    """Figs. 5a–d: a response's spectra at a few fields, or its derivative map over (h, Ω).

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.optics.optics_data` (``fig5a_data`` … ``fig5d_data``);
        its ``figure`` attribute selects the row of
        :data:`isingsc.paper.optics.OPTICS_FIGURES`.
    quantile
        Maps only: the symmetric colour scale is clipped at this quantile of the heights
        of the II and III peaks over the fields (of abs(derivative) if there are none),
        so those weak peaks show next to the strong Ω_I edge.

    Returns
    -------
    matplotlib.figure.Figure
        Spectra (5a σ, 5c χ): left, Re and Im versus Ω/Δ0 for each field (h = −2.8
        dashed over h = +2.8: the response is even in h; σ2 ~ D_s/Ω is clipped at low
        Ω); dotted lines I, II, III: the optical gaps (corrected ordinary gap);
        triangles: the peaks of d Re σ/dΩ or d Im χ/dΩ; right, zoom on II and III.
        Maps (5b d Re σ/dΩ, 5d d Im χ/dΩ): colour map (red > 0, blue < 0) over
        (h/Δ0, Ω/Δ0); solid black: the optical gaps; dotted: the paper's erroneous Ω_I;
        dashed green (h < 0 half): the maxima of each row assigned to each gap; grey
        dashed verticals: the cuts h = ±2.8 of the spectra.
    """
    spec = OPTICS_FIGURES[ds.attrs["figure"]]
    q = QUANTITIES[spec.quantity]
    style = _OPTICS_STYLE[spec.quantity]
    if spec.layout == "spectra":
        return _fig5_spectra(ds, q.parts, style)
    label = rf"${style.slope}$  (${style.slope_unit}$)"
    return _fig5_map(ds, q.derivative, label, rf"${style.slope}$", quantile)
