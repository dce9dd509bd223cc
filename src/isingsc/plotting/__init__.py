"""isingsc.plotting: the only package that imports matplotlib.

* :mod:`~isingsc.plotting.paper_figures`: the paper's figures, each drawn from the
  Dataset of :mod:`isingsc.paper`;
* :mod:`~isingsc.plotting.datasets`: :func:`~isingsc.plotting.datasets.plot_dataset`,
  any sweep result as curves or maps;
* :mod:`~isingsc.plotting.style`: figure creation (an Agg canvas per figure, no pyplot),
  footer, colour maps.

Every function returns a :class:`matplotlib.figure.Figure`; saving it is the caller's
choice (:func:`isingsc.paper.reproduce` writes PNG and PDF files). This package module
itself imports nothing, so that listing the package (``pkgutil.walk_packages``) does not
import matplotlib: import the submodule you need.
"""
