"""Lasing maps: the pumped conductivity over (Ω_m, Ω_ph), with the gain region.

A film pumped by h(t) = h + h_m cos(Ω_m t) amplifies light of frequency Ω_ph where
Re σ(Ω_ph) < 0: the absorbed power per unit area, ½ Re σ abs(E)², is then negative.
:func:`lasing_map` evaluates :func:`isingsc.pumped_conductivity` on a grid of pump
frequencies (one row of photon frequencies at a time, all Ω_ph of a row at once)
and returns a labelled :class:`xarray.Dataset` with the gain −Re σ/σn, the lasing
mask and a summary (strongest gain, its location, the pair threshold) in attrs.

For a thin film of normal sheet resistance R_n on a substrate, the transmitted
THz power follows from σ with :func:`isingsc.thin_film_transmission`; a power
transmission above the unpumped one (or above 1 for a free-standing film) is the
measurable amplification.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from numpy.typing import ArrayLike, NDArray

from ..core.errors import ParameterError
from ..core.keywords import keyword_only
from ..core.validation import finite, nonnegative
from ..io.provenance import provenance
from ..numerics.parallel import map_threads, progress_bar
from ..physics.errata import pair_threshold
from ..physics.gap import equilibrium_state
from ..physics.response import conductivity
from .conductivity import METHODS, pumped_kernel
from .truncation import truncation_search

__all__ = ["lasing_map"]


def _grid(name: str, values: ArrayLike) -> NDArray[np.float64]:
    arr = np.atleast_1d(finite(name, values)).astype(float)
    if arr.ndim != 1 or arr.size == 0:
        raise ParameterError(name, f"array of shape {arr.shape}", "a non-empty 1-D array")
    if np.any(arr <= 0):
        raise ParameterError(name, float(arr.min()), f"{name} > 0")
    return arr


@keyword_only
def lasing_map(
    Omega_ph: ArrayLike,
    *,
    Omega_m: ArrayLike,
    h_m: float,
    beta: float,
    T: float,
    Gamma: float,
    Delta: float | None = None,
    h: float = 0.0,
    method: str = "floquet",
    harmonics: int | str = "auto",
    tol: float = 1e-2,
    max_harmonics: int = 4,
    cross_terms: bool = True,
    points_per_width: float = 3.0,
    progress: bool | None = None,
    workers: int | None = None,
) -> xr.Dataset:
    """Pumped conductivity σ(Ω_ph, Ω_m)/σn on a grid, with the lasing (gain) region.

    Parameters
    ----------
    Omega_ph
        Photon frequencies > 0 (units of Δ0), 1-D.
    Omega_m
        Pump (magnon) frequencies > 0 (units of Δ0), 1-D.
    h_m, beta, T, Gamma, Delta, h
        As in :func:`isingsc.pumped_conductivity` (units of Δ0); Delta=None: the
        equilibrium self-consistent Δ(T, h), computed once for the whole map.
    method
        ``"floquet"`` (non-perturbative) or ``"perturbative"`` (second order in h_m).
    harmonics
        Floquet truncation N for every row, or ``"auto"``: the smallest N whose
        N → N+1 change (max over Ω_ph, absolute, units of σn) is below ``tol`` on the
        first, middle and last pump frequency; the change is stored in attrs. The
        default tol = 1e-2 σn is small beside the gains of interest (≳ 0.1 σn); at the
        paper's parameters N = 1 passes with a change ≤ 5e-3 σn (at Ω_ph → 0, where
        abs(σ) ~ 150).
    tol, max_harmonics
        Tolerance and largest N for ``"auto"``; not converging raises
        :class:`~isingsc.errors.ConvergenceError` (as :func:`isingsc.pumped_conductivity`).
    cross_terms, points_per_width
        As in :func:`isingsc.pumped_conductivity`.
    progress
        Progress bar over the pump frequencies (None: only on a terminal;
        :func:`isingsc.numerics.parallel.progress_bar`).
    workers
        Pump frequencies computed at once, one thread each
        (:func:`isingsc.numerics.parallel.default_workers`).

    Returns
    -------
    xarray.Dataset
        Dimensions ``(Omega_m, Omega_ph)``; variables ``sigma_re``, ``sigma_im``
        (σ/σn, physics convention e^{−iΩt}), ``gain`` = −Re σ/σn (> 0 where the film
        amplifies) and ``lasing`` (1 where Re σ < 0). Attrs
        (:func:`isingsc.io.provenance.provenance`): the package version and units,
        ``method`` (``"floquet"`` or ``"perturbative"``), every parameter, Δ, the
        pair-creation threshold 2√(β² + Δ²) (h = 0), the truncation N and its measured
        N → N+1 change, ``max_gain`` with ``max_gain_Omega_m`` and ``max_gain_Omega_ph``,
        and ``lasing_fraction`` (share of the map with gain).

    Notes
    -----
    Each row is :func:`isingsc.pumped_conductivity` over all Ω_ph (the same numbers):
    the equilibrium part :func:`isingsc.conductivity` is computed once for the map and
    the pumped part :func:`~isingsc.pumping.conductivity.pumped_kernel` row by row,
    ``workers`` rows at a time. At h = 0 pump photons create quasiparticle pairs only
    above min_ξ (E↑ + E↓) = 2√(β² + Δ²), reached at ξ = 0 (the paper's "2β" is its
    Δ → 0 limit); gain appears just above it, where the pumped pairs pile up in the
    lower (spin-down) branch and invert its population.

    Examples
    --------
    >>> import numpy as np, isingsc as isc
    >>> T = G = 0.05 * isc.TC0
    >>> ds = isc.lasing_map(np.array([0.2, 0.4]), Omega_m=np.array([8.4]), h_m=0.01, beta=4.0,
    ...                     T=T, Gamma=G, Delta=1.0, method="perturbative", progress=False)
    >>> bool(ds["lasing"].sel(Omega_m=8.4, Omega_ph=0.2))
    True
    """
    om_ph = _grid("Omega_ph", Omega_ph)
    om_m = _grid("Omega_m", Omega_m)
    hm = float(nonnegative("h_m", h_m))
    b, hh, t, gam, d = equilibrium_state(beta=beta, h=h, T=T, Gamma=Gamma, Delta=Delta)
    if method not in METHODS:
        raise ParameterError("method", method, "'floquet' or 'perturbative'")
    auto = method == "floquet" and harmonics == "auto"
    if not auto and method == "floquet" and (isinstance(harmonics, str) or int(harmonics) < 1):
        raise ParameterError("harmonics", harmonics, "an integer >= 1 or 'auto'")
    sigma_eq = conductivity(om_ph, beta=b, h=hh, T=t, Gamma=gam, Delta=d, check_grid=False)
    rows: dict[tuple[float, int], NDArray[np.complex128]] = {}  # computed rows, reused

    def row(w: float, n: int) -> NDArray[np.complex128]:
        """σ(Ω_ph) at pump frequency w and truncation n, one thread."""
        key = (float(w), n)
        if key not in rows:
            k = pumped_kernel(
                om_ph,
                Omega_m=w,
                h_m=hm,
                beta=b,
                T=t,
                Gamma=gam,
                Delta=d,
                h=hh,
                method=method,
                harmonics=n,
                cross_terms=cross_terms,
                points_per_width=points_per_width,
                workers=1,
            )
            rows[key] = sigma_eq - k / (4 * om_ph)
        return rows[key]

    def rows_at(tasks: list[tuple[float, int]]) -> list[NDArray[np.complex128]]:
        return list(map_threads(lambda task: row(*task), tasks, workers=workers))

    if auto:
        sample = [float(w) for w in om_m[[0, om_m.size // 2, -1]]]
        if int(max_harmonics) >= 2:  # the first comparison's six rows at once, largest first
            rows_at([(w, n) for n in (2, 1) for w in sample])
        n_harm, _, change = truncation_search(
            lambda n: np.stack(rows_at([(w, n) for w in sample])), tol, max_harmonics
        )
    else:
        n_harm = 1 if method == "perturbative" else int(harmonics)
        change = float("nan")
    bar = progress_bar(
        map_threads(lambda w: row(w, n_harm), [float(w) for w in om_m], workers=workers),
        progress=progress,
        total=om_m.size,
        desc=f"pumped sigma ({method})",
        unit="Omega_m",
        leave=False,
    )
    sigma = np.stack(list(bar))
    gain = -sigma.real
    k = np.unravel_index(int(np.argmax(gain)), gain.shape)
    dims = ("Omega_m", "Omega_ph")
    return xr.Dataset(
        {
            "sigma_re": (dims, sigma.real, {"long_name": "Re sigma/sigma_n", "units": "1"}),
            "sigma_im": (dims, sigma.imag, {"long_name": "Im sigma/sigma_n", "units": "1"}),
            "gain": (dims, gain, {"long_name": "-Re sigma/sigma_n (> 0: gain)", "units": "1"}),
            "lasing": (dims, (gain > 0).astype(np.int8), {"long_name": "1 where Re sigma < 0"}),
        },
        coords={
            "Omega_m": ("Omega_m", om_m, {"units": "Delta0", "long_name": "pump frequency"}),
            "Omega_ph": ("Omega_ph", om_ph, {"units": "Delta0", "long_name": "photon frequency"}),
        },
        attrs=provenance(
            method=method,
            function="isingsc.lasing_map (isingsc.pumped_conductivity on each row)",
            quantity="pumped conductivity sigma(Omega_ph, Omega_m)/sigma_n",
            convention="exp(-i Omega t): sigma = sigma1 + i sigma2; Re sigma < 0 is gain",
            cross_terms=bool(cross_terms),
            points_per_width=float(points_per_width),
            floquet_harmonics=n_harm,
            floquet_truncation_change=change,
            h_m=hm,
            beta=b,
            h=hh,
            T=t,
            Gamma=gam,
            Delta=d,
            pair_threshold=float(pair_threshold(beta=b, Delta=d)),
            max_gain=float(gain[k]),
            max_gain_Omega_m=float(om_m[k[0]]),
            max_gain_Omega_ph=float(om_ph[k[1]]),
            lasing_fraction=float(np.mean(gain > 0)),
        ),
    )
