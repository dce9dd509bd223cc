"""Draw any Dataset of the package (a sweep result): curves, maps or faceted maps.

:func:`plot_dataset` chooses the picture from the dimensions of the data and labels the
axes from the ``long_name`` and ``units`` attributes; ``isingsc plot`` calls it.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib import colors
from matplotlib.figure import Figure

from ..core.errors import ParameterError
from .style import DIVERGING_CMAP, add_footer, is_uniform, new_figure

__all__ = ["MAX_CURVES", "MAX_FACETS", "OUTLIER_RANGE", "plot_dataset"]

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
    return x.size >= 3 and bool(np.all(x > 0)) and is_uniform(np.log(np.sort(x)))


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
    cmap = DIVERGING_CMAP if isinstance(norm, colors.TwoSlopeNorm) else "viridis"
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
        fig = new_figure(4.8 * min(len(groups), 3), 3.8)
        _curves(fig, groups, next(d for d in dims if d != family), family)
    else:
        panels = [da for members in groups.values() for da in members]
        facet = shortest if len(sizes) == 3 else None
        columns = list(data[facet].values) if facet else [None]
        fig = new_figure(5.2 * len(columns), 3.8 * len(panels))
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
    add_footer(fig, ds)
    return fig
