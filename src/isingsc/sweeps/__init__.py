"""Parameter sweeps: any public observable over a grid, as an :class:`xarray.Dataset`.

A sweep evaluates one public function of :mod:`isingsc` (the *quantity*) at every
point of a grid of its parameters and labels the results::

    import isingsc as isc
    ds = isc.sweep("order_parameter", grid={"T": {"start": 0.01, "stop": 0.6, "num": 25},
                                             "h": [0.0, 1.0, 2.0]}, fixed={"beta": 4.0})
    ds["Delta"]                       # dims (T, h), units of Δ0

    ds = isc.sweep_from_spec("examples/sweep_delta_T_h.toml", out="delta.nc")

The same from the command line: ``isingsc sweep SPEC.toml --out FILE.nc``.

Specification (TOML file, or the equivalent mapping)::

    quantity = "conductivity"          # a key of QUANTITIES
    material = "NbSe2"                 # optional: preset for physical units
    chunk_size = 4                     # optional: grid points per saved chunk

    [fixed]                            # scalar parameters and options
    beta = 4.0                         # plain numbers are in units of Δ0
    T = "1.5 K"                        # or {value = 1.5, unit = "K"}
    Gamma = "0.01 Tc0"                 # multiples of Tc0: the unit "Tc0" (no material needed)
    method = "fft"                     # keyword-only options are passed verbatim

    [grid]                             # one dimension per entry, in this order
    h = {start = 0, stop = 10, num = 21, unit = "T"}
    Omega = {start = 0.01, stop = 6, num = 600}        # the spectral axis: vectorised
    # also: [0.5, 1.0, 2.0], {values = [1, 2], unit = "meV"}, scale = "log"

Units: a number without a unit is in units of Δ0 (k_B T included), as everywhere in
isingsc; units are those of :mod:`isingsc.units` ("Delta0", "Tc0", "meV", "K", "T"
(tesla), "THz", "cm-1", …); physical units other than Tc0 need ``material``
(:data:`isingsc.materials.MATERIALS`). Every energy parameter
(:data:`ENERGY_PARAMETERS`) accepts units; options do not and cannot be swept.

The package, one job per module, in the order they build on each other:

* :mod:`~isingsc.sweeps.registry`: :data:`QUANTITIES`, every sweepable observable with
  its outputs; the spectral axis (ε of ``dos``, Ω of ``conductivity``, …) is the
  function's one positional parameter, passed as a whole array in each call.
* :mod:`~isingsc.sweeps.spec`: reading and validating a specification into a
  :class:`SweepPlan` (outer points in C order, grouped into chunks of ``chunk_size``).
* :mod:`~isingsc.sweeps.backends`: where chunks run: in-process (``workers=1``), a
  local process pool (default, unless the first chunk shows the sweep takes less than
  ``POOL_THRESHOLD`` seconds; each worker limited to one inner thread), or a
  dask.distributed cluster (``scheduler=``).
* :mod:`~isingsc.sweeps.store`: with ``out=FILE`` each finished chunk is saved
  atomically in ``FILE.partial/``, beside the specification's digest and a lock; running
  the same sweep again (after Ctrl-C, a kill or a crash) computes only the missing
  chunks, a different specification is refused, and so is a second run while one is
  running.
* :mod:`~isingsc.sweeps.run`: :func:`sweep`, :func:`sweep_from_spec`,
  :func:`open_sweep`. The finished Dataset is written with
  :func:`isingsc.io.write_netcdf` (complex variables as ``x_re``/``x_im`` float pairs,
  readable by any netCDF tool) and attributes from :func:`isingsc.io.provenance`;
  :func:`open_sweep` (and ``isingsc plot``) join the complex pairs again.
"""

from .registry import ENERGY_PARAMETERS, QUANTITIES, Output, Quantity, SweepPointError
from .run import open_sweep, sweep, sweep_from_spec
from .spec import SpecError, SweepPlan, plan_sweep, read_spec
from .store import SweepLockedError

__all__ = [
    "ENERGY_PARAMETERS",
    "QUANTITIES",
    "Output",
    "Quantity",
    "SpecError",
    "SweepLockedError",
    "SweepPlan",
    "SweepPointError",
    "open_sweep",
    "plan_sweep",
    "read_spec",
    "sweep",
    "sweep_from_spec",
]
