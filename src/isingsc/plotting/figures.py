"""The paper's figures, drawn from the Datasets of :mod:`isingsc.paper.datasets`.

This is the only module of isingsc that imports matplotlib. It uses
:class:`matplotlib.figure.Figure` directly (no pyplot, no global state, no
backend choice), so it works headless; each function takes a Dataset and returns
a Figure, which the caller saves (``fig.savefig("fig4a.png")``)::

    from isingsc.paper import datasets
    from isingsc.plotting import figures
    fig = figures.fig4a(datasets.fig4a_data(quick=True))
    fig.savefig("fig4a.png", dpi=200)

Energies are in units of Δ0 (the BCS gap at T = 0, h = 0), temperatures in Tc0.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib import colors
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

__all__ = [
    "fig2b",
    "fig3a",
    "fig3b",
    "fig4a",
    "fig4b",
    "fig5a",
    "fig5b",
    "fig5c",
    "fig5d",
    "plot_dataset",
]

#: Diverging colormap for ⟨S_z⟩: −1/2 red … +1/2 blue (paper Fig. 3a).
SPIN_CMAP = "RdBu"
#: Gap-edge overlays of Fig. 4b: label, colour, marker.
_EDGE_STYLE = {
    "gap_ordinary": (r"$\Delta_{\rm ord}$", "#7fdbff", "o"),
    "gap_mirage_minus": (r"$\Delta_-$", "#7fffd4", "v"),
    "gap_mirage_plus": (r"$\Delta_+$", "#ffd166", "^"),
}
#: Number of markers per gap-edge curve (sparse, so the DOS peaks stay visible).
_EDGE_MARKERS = 24


def _new_figure(width: float = 5.6, height: float = 4.2) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


def _footer(fig: Figure, ds: xr.Dataset) -> None:
    fig.text(
        0.995,
        0.003,
        f"isingsc {ds.attrs.get('isingsc_version', '?')}",
        ha="right",
        va="bottom",
        fontsize=6,
        color="0.5",
    )


# ----------------------------------------------------------------------------- Fig. 2b
def fig2b(ds: xr.Dataset) -> Figure:
    """Fig. 2b: the piecewise-constant Ising SOC β(θ_Γ) with the K / K′ pockets.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig2b_data`.

    Returns
    -------
    matplotlib.figure.Figure
        β(θ_Γ)/Δ0 versus θ_Γ over one turn; shaded K (β > 0) and K′ (β < 0) sectors.
    """
    theta = ds["theta"].values
    beta = ds["beta_soc"].values
    b = abs(float(ds.attrs["beta"])) or 1.0
    fig = _new_figure(5.6, 3.2)
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
    _footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 3a
def fig3a(ds: xr.Dataset) -> Figure:
    """Fig. 3a: Bogoliubov spectrum E(ξ) coloured by ⟨S_z⟩, with the optical transitions.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig3a_data`.

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
    fig = _new_figure(5.6, 4.6)
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
    _footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 3b
def fig3b(ds: xr.Dataset) -> Figure:
    """Fig. 3b: pair creation by the magnon pump and the pumped distribution.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig3b_data`.

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
    fig = _new_figure(11.0, 4.2)
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
    _footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 4a
def fig4a(ds: xr.Dataset) -> Figure:
    """Fig. 4a: Δ(T, h)/Δ0 over (h/Δ0, T/Tc0) with the Tc(h) line.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig4a_data`.
    """
    a = ds.attrs
    h = ds["h"].values
    t = ds["T_over_Tc0"].values
    fig = _new_figure()
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
    _footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 4b
def _is_uniform(x: np.ndarray) -> bool:
    if x.size < 3:
        return True
    dx = np.diff(x)
    return bool(np.all(dx > 0) and np.ptp(dx) <= 1e-6 * np.abs(dx).max())


def fig4b(ds: xr.Dataset, *, vmin: float = 0.03, vmax: float = 10.0) -> Figure:
    """Fig. 4b: density of states N(ε, h) with the gap-edge lines.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig4b_data`.
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
    fig = _new_figure(6.2, 4.6)
    ax = fig.add_subplot()
    if _is_uniform(h) and _is_uniform(eps):
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
    _footer(fig, ds)
    return fig


# ----------------------------------------------------------------------------- Fig. 5
#: Roman labels of the optical gaps and the Dataset variables holding them.
_GAPS = (("I", "Omega_I"), ("II", "Omega_II"), ("III", "Omega_III"))
#: Line styles of the fields in Fig. 5a/5c (the second is drawn over the first).
_FIELD_STYLES = ("-", (0, (3, 2)), ":", "-.")


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


def _fig5_spectra(
    ds: xr.Dataset, re_name: str, im_name: str, symbol: str, title: str, diverging: bool
) -> Figure:
    """Re and Im of a response at each field vs Ω: full range and a zoom on II, III."""
    a = ds.attrs
    om = ds["Omega"].values
    h = ds["h"].values
    fig = _new_figure(8.4, 3.9)
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
    slope_var = re_name if re_name == "sigma1" else im_name
    slope_label = (
        r"peaks of $d\,{\rm Re}\,\sigma/d\Omega$"
        if slope_var == "sigma1"
        else r"peaks of $d\,{\rm Im}\,\chi/d\Omega$"
    )
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
        rf"{title}: $\beta$ = {a['beta']:g}, $T$ = {a['T_over_Tc0']:.3g} $T_{{c0}}$, "
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
    _footer(fig, ds)
    return fig


def fig5a(ds: xr.Dataset) -> Figure:
    """Fig. 5a: σ1(Ω) and σ2(Ω) (units of σn) at h = ±2.8 Δ0 with the optical gaps.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig5a_data`.

    Returns
    -------
    matplotlib.figure.Figure
        Left: Re σ and Im σ versus Ω/Δ0 for each field (h = −2.8 dashed over
        h = +2.8: the response is even in h); σ2 ~ D_s/Ω is clipped at low Ω.
        Dotted lines I, II, III: the optical gaps (corrected ordinary gap);
        triangles: the peaks of d Re σ/dΩ found by :func:`isingsc.optical_features`.
        Right: zoom on the II and III features.
    """
    return _fig5_spectra(ds, "sigma1", "sigma2", r"\sigma/\sigma_n", "Conductivity", True)


def fig5c(ds: xr.Dataset) -> Figure:
    """Fig. 5c: Re χ(Ω) and Im χ(Ω) (units of χn) at h = ±2.8 Δ0 with the optical gaps.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig5c_data`.

    Returns
    -------
    matplotlib.figure.Figure
        As :func:`fig5a` for the Raman susceptibility (normal state χ/χn = i);
        triangles mark the peaks of d Im χ/dΩ.
    """
    return _fig5_spectra(ds, "chi_re", "chi_im", r"\chi/\chi_n", "Raman susceptibility", False)


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
    fig = _new_figure(6.4, 4.9)
    ax = fig.add_subplot()
    # half a cell beyond the first and last field (pixel edges)
    dh = float(np.min(np.abs(np.diff(h)))) / 2 if h.size > 1 else 0.5
    if _is_uniform(h) and _is_uniform(om):
        do = (om[-1] - om[0]) / max(om.size - 1, 1) / 2
        img = ax.imshow(
            z.T,
            origin="lower",
            aspect="auto",
            extent=(h[0] - dh, h[-1] + dh, om[0] - do, om[-1] + do),
            cmap=MAP_CMAP,
            norm=norm,
            interpolation="nearest",
        )
    else:
        img = ax.pcolormesh(
            h, om, z.T, shading="nearest", cmap=MAP_CMAP, norm=norm, rasterized=True
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
    _footer(fig, ds)
    return fig


#: Diverging colour map of the derivative maps (0 white, peaks red, dips blue).
MAP_CMAP = "RdBu_r"
#: Colour limit of Fig. 5b/5d: this quantile of the II/III peak heights (beyond: saturated).
MAP_QUANTILE = 0.75


def fig5b(ds: xr.Dataset, *, quantile: float = MAP_QUANTILE) -> Figure:
    """Fig. 5b: d Re σ/dΩ over (h, Ω) with the optical-gap lines Ω_I, Ω_II, Ω_III.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig5b_data`.
    quantile
        The symmetric colour scale is clipped at this quantile of the heights of
        the II and III peaks over the fields (of abs(d Re σ/dΩ) if there are none),
        so those weak peaks show next to the strong Ω_I edge.

    Returns
    -------
    matplotlib.figure.Figure
        Colour map (red > 0, blue < 0) over (h/Δ0, Ω/Δ0); solid black: the optical
        gaps with the corrected ordinary gap; dotted: the paper's erroneous Ω_I;
        dashed green (h < 0 half): the local maxima of each row assigned to each gap;
        grey dashed verticals: the cuts h = ±2.8 of Fig. 5a.
    """
    return _fig5_map(
        ds,
        "dRe_sigma_dOmega",
        r"$d\,{\rm Re}\,\sigma/d\Omega$  ($\sigma_n/\Delta_0$)",
        r"$d\,{\rm Re}\,\sigma/d\Omega$",
        quantile,
    )


def fig5d(ds: xr.Dataset, *, quantile: float = MAP_QUANTILE) -> Figure:
    """Fig. 5d: d Im χ/dΩ over (h, Ω) with the optical-gap lines.

    Parameters
    ----------
    ds
        Output of :func:`isingsc.paper.datasets.fig5d_data`.
    quantile
        As in :func:`fig5b`.

    Returns
    -------
    matplotlib.figure.Figure
        As :func:`fig5b`, for the Raman susceptibility.
    """
    return _fig5_map(
        ds,
        "dIm_chi_dOmega",
        r"$d\,{\rm Im}\,\chi/d\Omega$  ($\chi_n/\Delta_0$)",
        r"$d\,{\rm Im}\,\chi/d\Omega$",
        quantile,
    )


def fig6(ds: xr.Dataset) -> Figure:
    """Re σ(Ω_ph, Ω_m) under pumping: second order (as the paper) beside Floquet."""
    from matplotlib.colors import TwoSlopeNorm

    fig = _new_figure(11.0, 4.4)
    axes = fig.subplots(1, 2, sharey=True)
    om_m, om_ph = ds["Omega_m"].values, ds["Omega_ph"].values
    panels = (
        ("sigma_re_perturbative", "(a) second order in $h_m$ (with cross terms)"),
        ("sigma_re_floquet", "(b) Floquet, non-perturbative"),
    )
    for ax, (var, title) in zip(axes, panels, strict=True):
        z = ds[var].values.T
        lim = float(np.nanquantile(np.abs(z), 0.97)) or 1.0  # clip the Ω_ph → 0 spike
        norm = TwoSlopeNorm(vmin=-lim, vcenter=0.0, vmax=lim)
        mesh = ax.pcolormesh(om_m, om_ph, z, cmap="RdBu_r", norm=norm, shading="nearest")
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
    _footer(fig, ds)
    return fig


# ------------------------------------------------------------------ any sweep result
#: Largest number of values of a third dimension drawn as facets by :func:`plot_dataset`.
MAX_FACETS = 12
#: 2-D data whose shorter dimension has at most this many values is drawn as curves.
MAX_CURVES = 6


def _label(da: xr.DataArray, name: str | None = None) -> str:
    """``long_name [units]`` of a variable or coordinate."""
    text = da.attrs.get("long_name") or name or str(da.name)
    units = da.attrs.get("units")
    return f"{text} [{units}]" if units else text


def _is_geometric(x: np.ndarray) -> bool:
    """Positive, at least 3 points and equally spaced in log (a ``scale = "log"`` grid)."""
    return x.size >= 3 and bool(np.all(x > 0)) and _is_uniform(np.log(np.sort(x)))


def _set_scale(ax, axis: str, coord: xr.DataArray) -> None:
    if _is_geometric(np.asarray(coord.values, dtype=float)):
        getattr(ax, f"set_{axis}scale")("log")


def _value_label(dim: str, value: object, coord: xr.DataArray) -> str:
    return f"{dim} = {value:.4g} {coord.attrs.get('units', '')}".rstrip()


def _scalar_coords(da: xr.DataArray) -> str:
    """``beta = 1.5 meV (1.41 Delta0), T = 0.1 Delta0`` from the scalar coordinates."""
    parts = []
    for name, c in da.coords.items():
        if c.ndim == 0 and np.issubdtype(c.dtype, np.number) and not str(name).endswith("_Delta0"):
            text = _value_label(str(name), float(c), c)
            model = da.coords.get(f"{name}_Delta0")
            if model is not None and model.ndim == 0:
                text += f" ({float(model):.4g} Delta0)"
            parts.append(text)
    return ", ".join(parts)


def _panels(ds: xr.Dataset, names: list[str]) -> dict[tuple[str, str], list[xr.DataArray]]:
    """Real DataArrays grouped by (units, part): complex data → "Re" and "Im" parts."""
    groups: dict[tuple[str, str], list[xr.DataArray]] = {}
    for name in names:
        da = ds[name]
        parts = [("Re", da.real), ("Im", da.imag)] if np.iscomplexobj(da) else [("", da)]
        for part, piece in parts:
            piece = piece.assign_attrs(da.attrs)
            if part:
                piece.attrs["long_name"] = f"{part} {da.attrs.get('long_name', name)}"
            groups.setdefault((str(da.attrs.get("units", "")), part), []).append(piece)
    return groups


def _curves(fig: Figure, groups, x: str, family: str | None) -> None:
    """Lines against ``x``: a panel per group, a line per variable (and value of ``family``)."""
    axes = fig.subplots(1, len(groups), squeeze=False)[0]
    for ax, ((units, part), members) in zip(axes, groups.items(), strict=True):
        for da in members:
            da = da.sortby(x)
            for value in da[family].values if family else [None]:
                line = da if value is None else da.sel({family: value})
                label = [str(da.name)] if len(members) > 1 else []
                if family:
                    label.append(_value_label(family, value, da[family]))
                marker = "." if line.size <= 40 else None
                ax.plot(line[x].values, line.values, marker=marker, label=" ".join(label) or None)
        ax.set_ylabel(_label(members[0]) if len(members) == 1 else f"{part} [{units}]".strip())
        ax.set_xlabel(_label(members[0][x], x))
        _set_scale(ax, "x", members[0][x])
        if len(members) > 1 or family:
            ax.legend(fontsize=8)
        ax.grid(alpha=0.3)


#: Colour limits: the 2 % and 98 % quantiles when the full range is more than this
#: many times wider (a few extreme values, e.g. σ2 ∝ 1/Ω at Ω → 0), else the range.
OUTLIER_RANGE = 3.0


def _norm(values: np.ndarray) -> colors.Normalize:
    """Colour scale: diverging around 0 for data of both signs, outliers clipped."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return colors.Normalize(0.0, 1.0)
    lo, hi = float(finite.min()), float(finite.max())
    q_lo, q_hi = (float(q) for q in np.quantile(finite, [0.02, 0.98]))
    if hi - lo > OUTLIER_RANGE * (q_hi - q_lo):
        lo, hi = q_lo, q_hi
    if lo < 0 < hi:
        return colors.TwoSlopeNorm(vcenter=0.0, vmin=lo, vmax=hi)
    return colors.Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1.0)


def _map(fig: Figure, ax, da: xr.DataArray, norm: colors.Normalize) -> None:
    """``pcolormesh`` of 2-D ``da`` (last dimension on x) with a colour bar."""
    y, x = da.dims
    da = da.sortby([y, x])
    cmap = "RdBu_r" if isinstance(norm, colors.TwoSlopeNorm) else "viridis"
    mesh = ax.pcolormesh(
        da[x].values, da[y].values, da.values, norm=norm, cmap=cmap, shading="nearest"
    )
    ax.set_xlabel(_label(da[x], x))
    ax.set_ylabel(_label(da[y], y))
    _set_scale(ax, "x", da[x])
    _set_scale(ax, "y", da[y])
    finite = da.values[np.isfinite(da.values)]
    clipped = (bool(np.any(finite < norm.vmin)), bool(np.any(finite > norm.vmax)))
    extend = {(True, True): "both", (True, False): "min", (False, True): "max"}
    fig.colorbar(mesh, ax=ax, label=_label(da), extend=extend.get(clipped, "neither"))


def plot_dataset(
    ds: xr.Dataset, var: str | None = None, *, sel: dict[str, object] | None = None
) -> Figure:
    """Draw any sweep result (:func:`isingsc.sweep`): curves, maps or faceted maps.

    Parameters
    ----------
    ds
        Dataset, e.g. from :func:`isingsc.open_sweep`.
    var
        Variable to draw; None: every data variable (they must share dimensions).
    sel
        Dimension → value to fix before drawing (nearest value for numbers, in
        the units of the coordinate). Dimensions of length 1 are dropped.

    Returns
    -------
    matplotlib.figure.Figure
        One dimension: lines against it, a panel per unit (variables of one unit
        share a panel). Two dimensions: a map (``pcolormesh``, last dimension on x,
        with a colour bar) per variable, or, if one dimension has at most
        :data:`MAX_CURVES` values, a curve per value. Three dimensions: maps faceted
        over the shortest dimension if it has at most :data:`MAX_FACETS` values.
        Complex variables get a panel for the real and one for the imaginary part.
        Axes are labelled ``long_name [units]``; geometric grids get log axes; the
        fixed parameters are listed in the title.

    Raises
    ------
    isingsc.ParameterError
        Unknown ``var`` or ``sel`` dimension, variables of different dimensions, a
        single value, or more dimensions than can be drawn (the message names those
        to select).
    """
    from ..core.errors import ParameterError

    for dim, value in (sel or {}).items():
        if dim not in ds.dims:
            allowed = f"a dimension of the data: {', '.join(map(str, ds.dims))}"
            raise ParameterError("sel", dim, allowed)
        numeric = np.issubdtype(ds[dim].dtype, np.number)
        ds = ds.sel({dim: value}, method="nearest" if numeric else None)
    names = list(ds.data_vars) if var is None else [var]
    for name in names:
        if name not in ds.data_vars:
            raise ParameterError("var", name, f"one of {', '.join(map(str, ds.data_vars))}")
    if not names:
        raise ParameterError("var", None, "a dataset with data variables")
    data = ds[names].squeeze()
    if len({data[n].dims for n in names}) > 1:
        raise ParameterError(
            "var", ", ".join(names), "variables of the same dimensions: choose one (--var NAME)"
        )
    dims = data[names[0]].dims
    sizes = {d: data.sizes[d] for d in dims}
    shortest = min(sizes, key=sizes.__getitem__) if sizes else None
    if not sizes or len(sizes) > 3 or (len(sizes) == 3 and sizes[shortest] > MAX_FACETS):
        keep = ", ".join(f"{d} ({n})" for d, n in sizes.items()) or "none"
        raise ParameterError(
            "sel",
            None,
            f"1 or 2 dimensions, or 3 with at most {MAX_FACETS} values in one; dimensions "
            f"left: {keep}: fix the others, e.g. "
            + " ".join(f"--sel {d}=VALUE" for d in list(sizes)[2:] or list(sizes)),
        )
    groups = _panels(data, names)
    if len(sizes) == 1 or (len(sizes) == 2 and sizes[shortest] <= MAX_CURVES):
        family = shortest if len(sizes) == 2 else None
        fig = _new_figure(4.8 * min(len(groups), 3), 3.8)
        _curves(fig, groups, next(d for d in dims if d != family), family)
    else:
        panels = [da for members in groups.values() for da in members]
        facet = shortest if len(sizes) == 3 else None
        columns = list(data[facet].values) if facet else [None]
        fig = _new_figure(5.2 * len(columns), 3.8 * len(panels))
        axes = fig.subplots(len(panels), len(columns), squeeze=False)
        for row, da in zip(axes, panels, strict=True):
            norm = _norm(da.values)
            for ax, value in zip(row, columns, strict=True):
                piece = da if facet is None else da.sel({facet: value})
                _map(fig, ax, piece.transpose(*(d for d in dims if d != facet)), norm)
                if facet is not None:
                    ax.set_title(_value_label(facet, value, da[facet]), fontsize=9)
    title = ds.attrs.get("quantity") or ", ".join(names)
    if ds.attrs.get("material", "none") != "none":
        title += f" ({ds.attrs['material']})"
    fixed = _scalar_coords(data[names[0]])
    fig.suptitle(title + (f"\n{fixed}" if fixed else ""), fontsize=10, wrap=True)
    _footer(fig, ds)
    return fig
