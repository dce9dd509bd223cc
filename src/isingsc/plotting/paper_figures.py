"""The paper's figures, drawn from the Datasets of :mod:`isingsc.paper`.

Each function takes the Dataset of one figure and returns a
:class:`matplotlib.figure.Figure` (made by :func:`isingsc.plotting.style.new_figure`:
no pyplot, no global state), which the caller saves::

    from isingsc.paper import fig4a_data
    from isingsc.plotting.paper_figures import fig4a
    fig4a(fig4a_data(quick=True)).savefig("fig4a.png", dpi=200)

Figs. 5a–d (the optical spectra and maps) are drawn in
:mod:`isingsc.plotting.optics_figures`.
Energies are in units of Δ0 (the BCS gap at T = 0, h = 0), temperatures in Tc0.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib import colors
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from .style import DIVERGING_CMAP, SPIN_CMAP, add_footer, is_uniform, new_figure

__all__ = ["fig2b", "fig3a", "fig3b", "fig4a", "fig4b", "fig6"]

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
