"""The paper's figures, drawn from the Datasets of :mod:`isingsc.paper`.

Each function takes the Dataset of one figure and returns a
:class:`matplotlib.figure.Figure` (made by :func:`isingsc.plotting.style.new_figure`:
no pyplot, no global state), which the caller saves::

    from isingsc.paper import fig4a_data
    from isingsc.plotting.paper_figures import fig4a
    fig4a(fig4a_data(quick=True)).savefig("fig4a.png", dpi=200)

Figs. 5a–d are drawn by one function, :func:`fig5`, from the figure's row of the table
:data:`isingsc.paper.optics.OPTICS_FIGURES` (spectra or map, conductivity or Raman).
Energies are in units of Δ0 (the BCS gap at T = 0, h = 0), temperatures in Tc0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr
from matplotlib import colors
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..paper.optics import OPTICS_FIGURES, QUANTITIES
from .style import DIVERGING_CMAP, SPIN_CMAP, add_footer, is_uniform, new_figure

__all__ = ["MAP_QUANTILE", "fig2b", "fig3a", "fig3b", "fig4a", "fig4b", "fig5", "fig6"]

#: Gap-edge overlays of Fig. 4b: label, colour, marker.
_EDGE_STYLE = {
    "gap_ordinary": (r"$\Delta_{\rm ord}$", "#7fdbff", "o"),
    "gap_mirage_minus": (r"$\Delta_-$", "#7fffd4", "v"),
    "gap_mirage_plus": (r"$\Delta_+$", "#ffd166", "^"),
}
#: Number of markers per gap-edge curve (sparse, so the DOS peaks stay visible).
_EDGE_MARKERS = 24


# ----------------------------------------------------------------------------- Fig. 2b
def fig2b(ds: xr.Dataset) -> Figure:
    """Fig. 2b: the piecewise-constant Ising SOC β(θ_Γ) with the K / K′ pockets.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.spectrum.fig2b_data`.

    Returns
    -------
    matplotlib.figure.Figure
        β(θ_Γ)/Δ0 versus θ_Γ over one turn; shaded K (β > 0) and K′ (β < 0) sectors.
    """
    theta = ds["theta"].values
    beta = ds["beta_soc"].values
    b = abs(float(ds.attrs["beta"])) or 1.0
    fig = new_figure(5.6, 3.2)
    ax = fig.add_subplot()
    ax.plot(np.degrees(theta), beta, color="k", lw=1.8)
    for angle, valley in zip(ds["pocket_angle"].values, ds["pocket_valley"].values, strict=True):
        centre = float(np.degrees(angle))
        colour = "#cfe3ff" if valley == "K" else "#ffd9d2"
        for lo in (centre - 30, centre - 30 + 360):
            ax.axvspan(max(lo, 0), min(lo + 60, 360), color=colour, zorder=0, lw=0)
        ax.text(centre, 1.18 * b, valley, ha="center", va="center", fontsize=10)
    ax.axhline(0, color="0.6", lw=0.6)
    ax.set_xlim(0, 360)
    ax.set_ylim(-1.4 * b, 1.4 * b)
    ax.set_xticks(np.arange(0, 361, 60))
    ax.set_xlabel(r"momentum direction $\theta_\Gamma$ (degrees)")
    ax.set_ylabel(r"$\beta(\theta_\Gamma)\,/\,\Delta_0$")
    ax.set_title(
        r"Ising SOC of the model: $\beta(\theta_\Gamma) = \beta\,{\rm sgn}\,\cos 3\theta_\Gamma$,"
        r" odd under $\mathbf{k} \to -\mathbf{k}$",
        fontsize=9,
    )
    add_footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 3a
def fig3a(ds: xr.Dataset) -> Figure:
    """Fig. 3a: Bogoliubov spectrum E(ξ) coloured by ⟨S_z⟩, with the optical transitions.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.spectrum.fig3a_data`.

    Returns
    -------
    matplotlib.figure.Figure
        Branches ±E_upper, ±E_lower versus ξ/Δ0, coloured from ⟨S_z⟩ = +1/2 (blue)
        to −1/2 (red). Dashed arrows I, II, III join the van Hove points: from the
        occupied ordinary edge (−Δ_ord at ±ξ*) to +Δ_ord (I), to the mirage edge
        Δ₋ at ξ = 0 (II) and to Δ₊ at ξ = 0 (III), so their lengths are the optical
        gaps Ω_I = 2Δ_ord, Ω_II = Δ_ord + Δ₋, Ω_III = Δ_ord + Δ₊.
    """
    a = ds.attrs
    xi = ds["xi"].values
    norm = colors.Normalize(vmin=-0.5, vmax=0.5)
    fig = new_figure(5.6, 4.6)
    ax = fig.add_subplot()
    for sign in ds["sign"].values:
        for branch in ds["branch"].values:
            e = ds["energy"].sel(sign=sign, branch=branch).values
            s = ds["Sz"].sel(sign=sign, branch=branch).values
            # grey casing: keeps the near-white ⟨S_z⟩ ≈ 0 stretches visible
            ax.plot(xi, e, color="0.45", lw=3.6, solid_capstyle="round", zorder=1.9)
            pts = np.column_stack([xi, e])
            segs = np.stack([pts[:-1], pts[1:]], axis=1)
            lc = LineCollection(segs, cmap=SPIN_CMAP, norm=norm, linewidths=2.4, zorder=2)
            lc.set_array(0.5 * (s[:-1] + s[1:]))
            lc.set_capstyle("round")
            ax.add_collection(lc)
    d_ord, d_m, d_p = a["gap_ordinary"], a["gap_mirage_minus"], a["gap_mirage_plus"]
    xs = a["xi_ordinary"]
    ymax = 1.45 * d_p
    xmax = min(float(np.max(np.abs(xi))), max(1.8 * xs, 1.5 * d_p, 4.0))
    ax.set_xlim(-xmax, xmax)
    ax.set_ylim(-ymax, ymax)
    ax.axhline(0, color="0.75", lw=0.6, zorder=0)
    ax.axvline(0, color="0.75", lw=0.6, zorder=0)

    # van Hove points and the three pair-breaking transitions
    arrow = {
        "arrowstyle": "-|>",
        "linestyle": (0, (4, 2)),
        "lw": 1.3,
        "color": "k",
        "shrinkA": 0,
        "shrinkB": 0,
        "mutation_scale": 12,
    }
    # (label, start, end, side): the label sits beside the arrow, on the side facing
    # the gap region (side = +1: clockwise normal, −1: counter-clockwise).
    transitions = [
        ("I", (xs, -d_ord), (xs, d_ord), 1),
        ("II", (-xs, -d_ord), (0.0, d_m), 1),
        ("III", (xs, -d_ord), (0.0, d_p), -1),
    ]
    for label, start, end, side in transitions:
        ax.annotate("", xy=end, xytext=start, arrowprops=arrow, zorder=5)
        dx, dy = end[0] - start[0], end[1] - start[1]
        norm_len = float(np.hypot(dx, dy)) or 1.0
        offset = (14 * side * dy / norm_len, -14 * side * dx / norm_len)
        anchor = (start[0] + 0.45 * dx, start[1] + 0.45 * dy)
        ax.annotate(
            label,
            xy=anchor,
            xytext=offset,
            textcoords="offset points",
            fontsize=11,
            fontweight="bold",
            ha="center",
            va="center",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=6,
        )
    vh_x = [xs, -xs, xs, -xs, 0.0, 0.0, 0.0, 0.0]
    vh_y = [d_ord, d_ord, -d_ord, -d_ord, d_m, d_p, -d_m, -d_p]
    ax.plot(vh_x, vh_y, "o", ms=4.5, mfc="white", mec="k", mew=1.0, zorder=7)
    for y in (d_ord, d_m, d_p):
        ax.axhline(y, color="0.6", lw=0.5, ls=":", zorder=0)
    right = ax.secondary_yaxis("right")
    right.set_yticks(
        [d_ord, d_m, d_p],
        labels=[r"$\Delta_{\rm ord}$", r"$\Delta_-$", r"$\Delta_+$"],
        fontsize=8,
    )
    ax.text(
        0.02,
        0.02,
        rf"$\Delta_{{\rm ord}}$ = {d_ord:.4f}, $\Delta_-$ = {d_m:.4f}, "
        rf"$\Delta_+$ = {d_p:.4f}"
        "\n"
        rf"$\Omega_{{\rm I}}$ = {a['Omega_I']:.4f}, $\Omega_{{\rm II}}$ = {a['Omega_II']:.4f}, "
        rf"$\Omega_{{\rm III}}$ = {a['Omega_III']:.4f}",
        transform=ax.transAxes,
        fontsize=7,
        va="bottom",
        color="0.2",
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
    )
    ax.set_xlabel(r"kinetic energy $\xi\,/\,\Delta_0$")
    ax.set_ylabel(r"quasiparticle energy $E\,/\,\Delta_0$")
    ax.set_title(
        rf"Bogoliubov spectrum (K valley): $\beta$ = {a['beta']:g}, $h$ = {a['h']:g}, "
        rf"$\Delta$ = {a['Delta']:g} (units of $\Delta_0$)",
        fontsize=9,
    )
    cb = fig.colorbar(lc, ax=ax, ticks=[-0.5, -0.25, 0, 0.25, 0.5])
    cb.set_label(r"spin $\langle S_z \rangle$ ($\hbar$)")
    add_footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 3b
def fig3b(ds: xr.Dataset) -> Figure:
    """Fig. 3b: pair creation by the magnon pump and the pumped distribution.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.pumping.fig3b_data`.

    Returns
    -------
    matplotlib.figure.Figure
        (a) the h = 0 branches ±E↑, ±E↓ versus ξ with the pump transitions
        −E↑ → E↓ of length Ω_m at ±ξ_res and the hot spots (shaded); (b) the
        time-averaged DOS of the pumped state; (c) its occupation f(ε) beside the
        Fermi function (log scale), in the continuum (DOS > 0.05).
    """
    a = ds.attrs
    xi = ds["xi"].values
    fig = new_figure(11.0, 4.2)
    ax, ax_dos, ax_f = fig.subplots(1, 3, width_ratios=[1.2, 1, 1])
    for name, colour, label in (("E_up", "tab:blue", "spin up"), ("E_down", "tab:red", "down")):
        e = ds[name].values
        ax.plot(xi, e, color=colour, lw=2, label=label)
        ax.plot(xi, -e, color=colour, lw=2)
    x_r, e_lo, e_hi = a["xi_resonance"], a["E_down_resonance"], a["E_up_resonance"]
    for x in (-x_r, x_r):
        ax.annotate(
            "",
            xy=(x, e_lo if x > 0 else e_hi),
            xytext=(x, -(e_hi if x > 0 else e_lo)),
            arrowprops={"arrowstyle": "-|>", "lw": 1.4, "color": "k"},
        )
    for x, e in ((x_r, e_lo), (-x_r, e_hi), (-x_r, e_lo), (x_r, e_hi)):
        ax.plot(x, e, "o", ms=9, color="#ff69b4", alpha=0.55, zorder=5)
    ax.axhline(0, color="0.7", lw=0.6)
    ax.set_ylim(-1.15 * e_hi, 1.15 * e_hi)
    ax.set_xlabel(r"$\xi\,/\,\Delta_0$")
    ax.set_ylabel(r"$E\,/\,\Delta_0$")
    ax.set_title(rf"(a) pump $\Omega_m$ = {a['Omega_m']:g} creates pairs", fontsize=9)
    ax.legend(fontsize=7, loc="lower left")

    eps = ds["eps"].values
    dos = ds["dos"].values
    ax_dos.plot(eps, dos, color="k", lw=1)
    ax_dos.set_xlabel(r"$\varepsilon\,/\,\Delta_0$")
    ax_dos.set_ylabel(r"$N(\varepsilon)/N_0$ (pumped, time-averaged)")
    ax_dos.set_title("(b) density of states", fontsize=9)
    band = dos > 0.05
    ax_f.semilogy(
        eps[band], ds["occupation"].values[band], ".", ms=2, color="#c2185b", label="pumped"
    )
    ax_f.semilogy(eps, ds["occupation_eq"].values, color="0.4", lw=1, ls="--", label="equilibrium")
    ax_f.set_ylim(1e-6, 1)
    ax_f.set_xlabel(r"$\varepsilon\,/\,\Delta_0$")
    ax_f.set_ylabel(r"occupation $f(\varepsilon)$")
    ax_f.set_title("(c) hot spots: population inversion", fontsize=9)
    ax_f.legend(fontsize=7)
    for axis in (ax_dos, ax_f):
        for e in (e_lo, e_hi):
            axis.axvline(e, color="#ff69b4", lw=0.8, ls=":")
    fig.suptitle(
        rf"Magnon pumping at $h$ = 0: $\beta$ = {a['beta']:g}, $\Delta$ = {a['Delta']:.3f}, "
        rf"$h_m$ = {a['h_m']:.3g}, $T = \Gamma$ = {a['T'] / a['TC0']:.2g} $T_{{c0}}$; "
        rf"pair threshold $2\sqrt{{\beta^2+\Delta^2}}$ = {a['pair_threshold']:.3f}",
        fontsize=9,
    )
    add_footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 4a
def fig4a(ds: xr.Dataset) -> Figure:
    """Fig. 4a: Δ(T, h)/Δ0 over (h/Δ0, T/Tc0) with the Tc(h) line.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.phase.fig4a_data`.
    """
    a = ds.attrs
    h = ds["h"].values
    t = ds["T_over_Tc0"].values
    fig = new_figure()
    ax = fig.add_subplot()
    mesh = ax.pcolormesh(
        h,
        t,
        ds["Delta"].values,
        shading="gouraud",
        cmap="viridis",
        vmin=0.0,
        vmax=1.0,
        rasterized=True,
    )
    levels = [0.1, 0.3, 0.5, 0.7, 0.9]
    cs = ax.contour(
        h, t, ds["Delta"].values, levels=levels, colors="white", linewidths=0.5, alpha=0.7
    )
    ax.clabel(cs, fmt="%.1f", fontsize=6)
    ax.plot(
        ds["h_line"].values,
        ds["Tc_over_Tc0"].values,
        color="#ff4f4f",
        lw=1.6,
        label=r"$T_c(h)$ (digamma law)",
    )
    if np.isfinite(a.get("tricritical_T", np.nan)):
        ax.plot(
            a["tricritical_h"],
            a["tricritical_T"] / a["TC0"],
            "*",
            color="#ff4f4f",
            ms=10,
            label="tricritical point",
        )
    beta = a["beta"]
    ax.axvline(1 / np.sqrt(2), color="0.85", lw=0.8, ls="--")
    ax.text(
        1 / np.sqrt(2) - 0.04,
        0.45,
        r"Clogston limit $\Delta_0/\sqrt{2}$",
        color="0.15",
        fontsize=7,
        rotation=90,
        ha="right",
        va="center",
    )
    ax.set_xlim(h[0], h[-1])
    ax.set_ylim(t[0], t[-1])
    ax.set_xlabel(r"Zeeman energy $h\,/\,\Delta_0$")
    ax.set_ylabel(r"temperature $T\,/\,T_{c0}$")
    ax.set_title(rf"Order parameter $\Delta(T, h)$, $\beta$ = {beta:g} $\Delta_0$", fontsize=9)
    ax.legend(loc="upper right", fontsize=7, framealpha=0.8)
    cb = fig.colorbar(mesh, ax=ax)
    cb.set_label(r"$\Delta\,/\,\Delta_0$")
    add_footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 4b
def fig4b(ds: xr.Dataset, *, vmin: float = 0.03, vmax: float = 10.0) -> Figure:
    """Fig. 4b: density of states N(ε, h) with the gap-edge lines.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.dos.fig4b_data`.
    vmin, vmax
        Limits of the logarithmic colour scale of N/N0 (values outside are clipped
        to the end colours): the peaks (N ≫ 1) and the gap (N ≈ Γ/Δ ≪ 1) both show.

    Returns
    -------
    matplotlib.figure.Figure
        Colour map over (h/Δ0, ε/Δ0); the ordinary edge Δ_ord and the mirage edges
        Δ₋, Δ₊ from :func:`isingsc.gap_edges` with the self-consistent Δ(h) are
        overlaid (thin lines, only where Δ > 0), so the DOS peaks can be checked
        against them.
    """
    a = ds.attrs
    h = ds["h"].values
    eps = ds["eps"].values
    n = ds["N"].values  # (h, eps)
    norm = colors.LogNorm(vmin=vmin, vmax=vmax, clip=True)
    fig = new_figure(6.2, 4.6)
    ax = fig.add_subplot()
    if is_uniform(h) and is_uniform(eps):
        dh = (h[-1] - h[0]) / max(h.size - 1, 1) / 2
        de = (eps[-1] - eps[0]) / max(eps.size - 1, 1) / 2
        img = ax.imshow(
            n.T,
            origin="lower",
            aspect="auto",
            extent=(h[0] - dh, h[-1] + dh, eps[0] - de, eps[-1] + de),
            cmap="magma",
            norm=norm,
            interpolation="antialiased",
            interpolation_stage="data",
        )
    else:
        img = ax.pcolormesh(
            h, eps, n.T, shading="nearest", cmap="magma", norm=norm, rasterized=True
        )
    every = max(h.size // _EDGE_MARKERS, 1)
    for k, (name, (label, color, marker)) in enumerate(_EDGE_STYLE.items()):
        sel = slice(k * every // 3, None, every)  # staggered, so markers do not overlap
        ax.plot(
            h[sel],
            ds[name].values[sel],
            ls="none",
            marker=marker,
            ms=3.5,
            mfc="none",
            mec=color,
            mew=0.8,
            alpha=0.95,
            label=label,
        )
    ax.set_xlim(h.min(), h.max())
    ax.set_ylim(eps.min(), eps.max())
    ax.set_xlabel(r"Zeeman energy $h\,/\,\Delta_0$")
    ax.set_ylabel(r"energy $\varepsilon\,/\,\Delta_0$")
    ax.set_title(
        rf"Density of states: $\beta$ = {a['beta']:g} $\Delta_0$, "
        rf"$T$ = {a['T_over_Tc0']:.3g} $T_{{c0}}$, $\Gamma$ = {a['Gamma_over_Tc0']:.3g} $T_{{c0}}$",
        fontsize=9,
    )
    leg = ax.legend(
        loc="upper left",
        fontsize=7,
        title="gap edges",
        title_fontsize=7,
        facecolor="0.15",
        labelcolor="white",
        framealpha=0.7,
    )
    leg.get_title().set_color("white")
    cb = fig.colorbar(img, ax=ax, extend="both")
    cb.set_label(r"$N(\varepsilon)\,/\,N_0$  (log scale, clipped)")
    add_footer(fig, ds)
    return fig


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


def fig6(ds: xr.Dataset) -> Figure:
    """Fig. 6: Re σ(Ω_ph, Ω_m) under pumping, second order (as the paper) beside Floquet.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.pumping.fig6_data`.

    Returns
    -------
    matplotlib.figure.Figure
        Two maps over (Ω_m/Δ0, Ω_ph/Δ0), diverging colour scale clipped at the 97 %
        quantile of abs(Re σ) (the Ω_ph → 0 spike saturates); black: Re σ = 0, the
        edge of the gain region; dotted: the pair threshold 2√(β² + Δ²).
    """

    fig = new_figure(11.0, 4.4)
    axes = fig.subplots(1, 2, sharey=True)
    om_m, om_ph = ds["Omega_m"].values, ds["Omega_ph"].values
    panels = (
        ("sigma_re_perturbative", "(a) second order in $h_m$ (with cross terms)"),
        ("sigma_re_floquet", "(b) Floquet, non-perturbative"),
    )
    for ax, (var, title) in zip(axes, panels, strict=True):
        z = ds[var].values.T
        lim = float(np.nanquantile(np.abs(z), 0.97)) or 1.0  # clip the Ω_ph → 0 spike
        norm = colors.TwoSlopeNorm(vmin=-lim, vcenter=0.0, vmax=lim)
        mesh = ax.pcolormesh(om_m, om_ph, z, cmap=DIVERGING_CMAP, norm=norm, shading="nearest")
        if np.nanmin(z) < 0 < np.nanmax(z):
            ax.contour(om_m, om_ph, z, levels=[0.0], colors="k", linewidths=0.8)
        ax.axvline(ds.attrs["pair_threshold"], color="0.3", ls=":", lw=1)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(r"pump frequency $\hbar\Omega_m/\Delta_0$")
        fig.colorbar(mesh, ax=ax, label=r"Re $\sigma/\sigma_n$ (< 0: gain)")
    axes[0].set_ylabel(r"photon frequency $\hbar\Omega_{ph}/\Delta_0$")
    fig.suptitle(
        rf"Magnon pumping: $\beta$ = {ds.attrs['beta']:g}, $h_m$ = {ds.attrs['h_m']:.3g}, "
        r"$T = \Gamma = 0.01\,T_{c0}$; dotted: pair threshold $2\sqrt{\beta^2+\Delta^2}$",
        fontsize=10,
    )
    add_footer(fig, ds)
    return fig
