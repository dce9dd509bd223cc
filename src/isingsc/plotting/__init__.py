"""isingsc.plotting: the only package that imports matplotlib.

* :mod:`~isingsc.plotting.paper_figures`: the paper's figures, each drawn from the
  Dataset of :mod:`isingsc.paper`, and :mod:`~isingsc.plotting.optics_figures`: Figs. 5a–d;
* :mod:`~isingsc.plotting.datasets`: :func:`~isingsc.plotting.datasets.plot_dataset`,
  any sweep result as curves or maps;
* :mod:`~isingsc.plotting.style`: figure creation (an Agg canvas per figure, no pyplot),
  footer, colour maps.

Every function returns a :class:`matplotlib.figure.Figure`; saving it is the caller's
choice (:func:`isingsc.paper.reproduce` writes PNG and PDF files).

``from isingsc.plotting import plot_dataset`` works; the submodules (and matplotlib) are
imported on first use of a name (PEP 562), so that importing or listing the package
(``pkgutil.walk_packages``) does not import matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["fig2b", "fig3a", "fig3b", "fig4a", "fig4b", "fig5", "fig6", "plot_dataset"]

#: Public name → the submodule defining it.
_SOURCES = {name: "paper_figures" for name in __all__ if name != "plot_dataset"}
_SOURCES["fig5"] = "optics_figures"
_SOURCES["plot_dataset"] = "datasets"


def __getattr__(name: str) -> Any:
    if name in _SOURCES:
        return getattr(importlib.import_module(f"{__name__}.{_SOURCES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
