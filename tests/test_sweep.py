"""Parameter sweeps: results equal direct calls; resume, refusal, lock, backends, plots."""

import dataclasses
import functools
import json
import logging
import multiprocessing
import os
import pickle
import socket
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import threadpoolctl
import xarray as xr
from matplotlib.figure import Figure

import isingsc as isc
from isingsc import sweeps as sw
from isingsc.numerics.parallel import default_workers
from isingsc.plotting import plot_dataset
from isingsc.sweeps.backends import init_worker
from isingsc.units import to_model

# The sweep calls the same functions with the same floats: results are bit for bit equal,
# except where a direct call broadcasts arrays that the sweep passes one point at a time
# (order_parameter solves each (T, h) alone either way; 1e-12 allows for reordering).
TOL_SAME = 1e-12

ORIGINAL = dict(sw.QUANTITIES)  # unpatched, for wrappers that count calls
T_GRID = [0.1, 0.3, 0.5]
H_GRID = [0.0, 2.0]
DELTA_SPEC = {"quantity": "order_parameter", "fixed": {"beta": 4.0}}


def delta_spec(T=T_GRID, **extra):
    return {**DELTA_SPEC, "grid": {"T": list(T), "h": H_GRID}, **extra}


@pytest.fixture(scope="module")
def delta_direct():
    return np.array([[isc.order_parameter(T=t, h=h, beta=4.0) for h in H_GRID] for t in T_GRID])


def counting(monkeypatch, name, *, fail_after=None):
    """Replace quantity ``name`` by a wrapper counting its calls (raising Ctrl-C after n)."""
    quantity = ORIGINAL[name]
    calls = []

    @functools.wraps(quantity.function)
    def wrapper(*args, **kwargs):
        if fail_after is not None and len(calls) == fail_after:
            raise KeyboardInterrupt
        calls.append((args, kwargs))
        return quantity.function(*args, **kwargs)

    monkeypatch.setitem(sw.QUANTITIES, name, dataclasses.replace(quantity, function=wrapper))
    return calls


# ------------------------------------------------------------------------- correctness
def test_order_parameter_equals_direct_calls(delta_direct):
    ds = isc.sweep_from_spec(delta_spec(), workers=1, progress=False)
    assert ds["Delta"].dims == ("T", "h")
    np.testing.assert_allclose(ds["Delta"].values, delta_direct, rtol=0, atol=TOL_SAME)
    assert ds["T"].attrs["units"] == ds["h"].attrs["units"] == "Delta0"
    assert float(ds["beta"]) == 4.0 and ds["beta"].attrs["units"] == "Delta0"
    assert ds.attrs["quantity"] == "order_parameter"
    assert ds.attrs["isingsc_version"] == isc.__version__
    assert '"quantity": "order_parameter"' in ds.attrs["spec"]
    assert len(ds.attrs["spec_sha256"]) == 64


def test_tuple_dataclass_and_spectral_outputs():
    h = np.array([0.0, 1.0, 2.8])
    edges = isc.sweep("gap_edges", {"h": h}, {"beta": 4.0, "Delta": 1.0}, progress=False)
    for name, direct in zip(
        ("gap_ordinary", "gap_mirage_minus", "gap_mirage_plus"),
        isc.gap_edges(beta=4.0, h=h, Delta=1.0),
        strict=True,
    ):
        np.testing.assert_array_equal(edges[name].values, direct)

    fields = isc.sweep(
        "critical_field", {"T": [0.05, 0.2]}, {"beta": 0.0}, workers=1, progress=False
    )
    direct = isc.critical_field(T=np.array([0.05, 0.2]), beta=0.0)
    np.testing.assert_array_equal(fields["h_transition"].values, direct.transition)
    np.testing.assert_array_equal(fields["h_first_order"].values, direct.first_order)

    # the spectral axis is one call per outer point, and becomes the last dimension
    xi = np.linspace(-3.0, 3.0, 7)
    branches = isc.sweep(
        "bogoliubov_branches",
        {"xi": xi, "h": [0.5, 2.0]},
        {"beta": 4.0, "Delta": 1.0},
        progress=False,
    )
    assert branches["E_lower"].dims == ("h", "xi")
    np.testing.assert_array_equal(
        branches["E_lower"].sel(h=2.0).values,
        isc.bogoliubov_branches(xi, beta=4.0, h=2.0, Delta=1.0)[1],
    )


def test_complex_spectrum_and_netcdf_round_trip(tmp_path, monkeypatch):
    calls = counting(monkeypatch, "conductivity")
    omega = np.linspace(0.5, 4.0, 8)
    fixed = {"beta": 4.0, "T": 0.1, "Gamma": 0.1, "Delta": 1.0, "check_grid": False}
    out = tmp_path / "sigma.nc"
    ds = isc.sweep(
        "conductivity", {"h": [0.0, 2.8], "Omega": omega}, fixed, out=out, workers=1, progress=False
    )
    assert len(calls) == 2  # one call per field, all Ω at once
    for args, kwargs in calls:  # Ω positionally, every model parameter by keyword
        assert len(args) == 1 and args[0].shape == omega.shape and "Omega" not in kwargs
    direct = isc.conductivity(omega, beta=4.0, h=2.8, T=0.1, Gamma=0.1, Delta=1.0, check_grid=False)
    np.testing.assert_array_equal(ds["sigma"].sel(h=2.8).values, direct)
    assert ds.attrs["option_check_grid"] == 0

    with xr.open_dataset(out, engine="h5netcdf") as raw:  # portable: two float variables
        assert set(raw.data_vars) == {"sigma_re", "sigma_im"}
        assert raw["sigma_re"].dtype == np.float64
        assert raw["sigma_im"].attrs["complex_part"] == "imag"
    back = isc.open_sweep(out)
    assert back["sigma"].dtype == complex
    np.testing.assert_array_equal(back["sigma"].values, ds["sigma"].values)
    assert back["sigma"].attrs == ds["sigma"].attrs
    assert not (tmp_path / "sigma.nc.partial").exists()


def test_physical_units_give_two_coordinates():
    mat = "NbSe2"
    ds = isc.sweep(
        "order_parameter",
        grid={"h": {"start": 0, "stop": 20, "num": 3, "unit": "T"}},
        fixed={"beta": 4.0, "T": "1.5 K"},
        material=mat,
        progress=False,
    )
    np.testing.assert_array_equal(ds["h"].values, [0.0, 10.0, 20.0])
    assert ds["h"].attrs["units"] == "T" and ds["h_Delta0"].attrs["units"] == "Delta0"
    np.testing.assert_allclose(
        ds["h_Delta0"].values, to_model(ds["h"].values, "T", material=mat), rtol=1e-15
    )
    assert float(ds["T"]) == 1.5 and ds["T"].attrs["units"] == "K"
    t_model = to_model(1.5, "K", material=mat)
    assert float(ds["T_Delta0"]) == t_model
    expected = [isc.order_parameter(T=t_model, h=h, beta=4.0) for h in ds["h_Delta0"].values]
    np.testing.assert_allclose(ds["Delta"].values, expected, rtol=0, atol=TOL_SAME)


def test_log_grid_and_mapping_values():
    plan = sw.plan_sweep(
        {
            "quantity": "critical_temperature",
            "fixed": {"beta": {"value": 1.0, "unit": "Tc0"}},
            "grid": {"h": {"start": 0.01, "stop": 1.0, "num": 3, "scale": "log"}},
        }
    )
    np.testing.assert_allclose(plan.axes[0].model, [0.01, 0.1, 1.0], rtol=1e-14)
    assert float(plan.fixed[0].model) == isc.TC0


def test_example_specification_still_works():
    example = Path(__file__).resolve().parents[1] / "examples" / "sweep_delta_T_h.toml"
    spec = sw.read_spec(example)
    plan = sw.plan_sweep(spec)
    assert plan.dims == ("T", "h") and plan.outer_shape == (21, 31)
    assert plan.material == "MoS2"
    assert float(plan.fixed[0].model) == to_model(1.5, "meV", material="MoS2")
    # the same format on a smaller grid, against direct calls
    spec["grid"]["T"]["num"] = spec["grid"]["h"]["num"] = 2
    ds = isc.sweep_from_spec(spec, workers=1, progress=False)
    beta = to_model(1.5, "meV", material="MoS2")
    expected = [
        [isc.order_parameter(T=t, h=h, beta=beta) for h in ds["h_Delta0"].values]
        for t in ds["T_Delta0"].values
    ]
    np.testing.assert_allclose(ds["Delta"].values, expected, rtol=0, atol=TOL_SAME)
    assert ds["T"].attrs["units"] == "K" and ds["h"].attrs["units"] == "T"


# ------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"quantity": "order_parametre"}, "quantity"),
        ({"grid": {"T": [0.1], "field": [1.0]}}, "grid.field"),
        ({"grid": {"T": [0.1], "h": [1.0]}}, "grid.h"),  # also fixed
        ({"fixed": {"beta": 4.0, "h": 0.0, "betta": 1.0}}, "fixed.betta"),
        ({"fixed": {"beta": "4 parsecs", "h": 0.0}}, "fixed.beta"),
        ({"fixed": {"beta": float("nan"), "h": 0.0}}, "fixed.beta"),
        ({"grid": {"T": {"start": 0.1, "stop": 0.5, "num": 0}}}, "grid.T.num"),
        ({"grid": {"T": {"start": 0.1, "stop": 0.5, "num": 2, "unit": "kelvin"}}}, "grid.T.unit"),
        ({"grid": {"T": {"start": 0.1, "stop": 0.5, "num": 2, "unit": "K"}}}, "material"),
        ({"grid": {"T": {"start": 0, "stop": 0.5, "num": 3, "scale": "log"}}}, "grid.T.start"),
        ({"grid": {"T": {"start": 0.1, "num": 3}}}, "grid.T.stop"),
        ({"grid": {"T": 0.5}}, "grid.T"),
        ({"grid": {"T": [0.1, "1 K"]}, "material": "NbSe2"}, "grid.T"),
        ({"fixed": {"h": 0.0}}, "beta"),  # missing required parameter
        ({"material": "unobtainium"}, "material"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_spec_names_the_key(change, key):
    spec = {"quantity": "order_parameter", "fixed": {"beta": 4.0, "h": 0}, "grid": {"T": [0.1]}}
    with pytest.raises(sw.SpecError) as info:
        sw.plan_sweep({**spec, **change})
    assert info.value.name == key
    assert repr(key) in str(info.value)


def test_option_cannot_be_swept():
    spec = {
        "quantity": "conductivity",
        "fixed": {"beta": 4.0, "h": 0.0, "T": 0.1, "Gamma": 0.1},
        "grid": {"Omega": [1.0], "method": ["fft", "quad"]},
    }
    with pytest.raises(sw.SpecError, match="option"):
        sw.plan_sweep(spec)


def test_rejected_point_is_named_and_survives_pickling():
    with pytest.raises(sw.SweepPointError, match=r"T=-0\.5") as info:
        isc.sweep_from_spec(delta_spec(T=[0.1, -0.5]), workers=1, progress=False)
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value) and again.name == "T"


def test_every_quantity_is_public_and_documented():
    for name, quantity in sw.QUANTITIES.items():
        assert getattr(isc, name) is quantity.function
        assert quantity.spectral is None or quantity.spectral in quantity.parameters
        assert all(o.units and o.long_name for o in quantity.outputs)
    assert {"V", "xi", "eps", "Omega", "Omega_ph"} <= set(sw.ENERGY_PARAMETERS)


def test_spectral_argument_is_the_positional_parameter():
    # read from the signature through the keyword_only wrapper (``__wrapped__``)
    spectral = {name: q.spectral for name, q in sw.QUANTITIES.items() if q.spectral}
    assert spectral == {
        "bogoliubov_branches": "xi",
        "spin_z": "xi",
        "dos": "eps",
        "conductivity": "Omega",
        "raman": "Omega",
        "conductivity_derivative": "Omega",
        "raman_derivative": "Omega",
        "tunnelling_conductance": "V",
        "pumped_conductivity": "Omega_ph",
    }
    assert sw.QUANTITIES["order_parameter"].spectral is None

    def two_positional(Omega, T, *, beta):
        return Omega

    with pytest.raises(TypeError, match="positional"):
        sw.Quantity(two_positional, sw.QUANTITIES["conductivity"].outputs)


def test_plain_numbers_are_delta0_and_tc0_is_a_unit():
    grid = {"h": [0.0, 2.0]}
    in_tc0 = isc.sweep("order_parameter", grid, {"beta": 4.0, "T": "0.5 Tc0"}, progress=False)
    plain = isc.sweep("order_parameter", grid, {"beta": 4.0, "T": 0.5 * isc.TC0}, progress=False)
    np.testing.assert_array_equal(in_tc0["Delta"].values, plain["Delta"].values)
    assert float(in_tc0["T_Delta0"]) == 0.5 * isc.TC0 and in_tc0["T"].attrs["units"] == "Tc0"
    half = isc.sweep("order_parameter", grid, {"beta": 4.0, "T": 0.5}, progress=False)
    assert float(half["T"]) == 0.5 and half["T"].attrs["units"] == "Delta0"
    expected = [isc.order_parameter(T=0.5, h=h, beta=4.0) for h in grid["h"]]
    np.testing.assert_allclose(half["Delta"].values, expected, rtol=0, atol=TOL_SAME)


# ------------------------------------------------------------------ resume, overwrite
def test_interrupted_sweep_resumes_without_recomputing(tmp_path, monkeypatch, delta_direct):
    out = tmp_path / "delta.nc"
    partial = tmp_path / "delta.nc.partial"
    spec = delta_spec(chunk_size=1)  # 6 points → 6 chunks of one call each
    counting(monkeypatch, "order_parameter", fail_after=4)
    with pytest.raises(KeyboardInterrupt):
        isc.sweep_from_spec(spec, out=out, workers=1, progress=False)
    assert not out.exists()
    assert sorted(p.name for p in partial.iterdir()) == [
        *(f"chunk-{k:06d}.npz" for k in range(4)),
        "sweep.json",
    ]

    calls = counting(monkeypatch, "order_parameter")
    ds = isc.sweep_from_spec(spec, out=out, workers=1, progress=False)
    assert len(calls) == 2  # only the two missing points
    np.testing.assert_allclose(ds["Delta"].values, delta_direct, rtol=0, atol=TOL_SAME)
    np.testing.assert_array_equal(isc.open_sweep(out)["Delta"].values, ds["Delta"].values)
    assert not partial.exists()

    # the same sweep again: already complete, nothing computed, file untouched
    stamp = out.stat().st_mtime_ns
    assert isc.sweep_from_spec(spec, out=out, workers=1, progress=False).equals(ds)
    assert len(calls) == 2 and out.stat().st_mtime_ns == stamp


def test_changed_spec_is_refused_until_overwrite(tmp_path, monkeypatch):
    out = tmp_path / "delta.nc"
    partial = tmp_path / "delta.nc.partial"
    counting(monkeypatch, "order_parameter", fail_after=2)
    with pytest.raises(KeyboardInterrupt):
        isc.sweep_from_spec(delta_spec(chunk_size=1), out=out, workers=1, progress=False)
    before = {p.name: p.read_bytes() for p in partial.iterdir()}

    changed = delta_spec(T=[0.1, 0.3, 0.55], chunk_size=1)
    with pytest.raises(FileExistsError, match="overwrite"):
        isc.sweep_from_spec(changed, out=out, workers=1, progress=False)
    assert {p.name: p.read_bytes() for p in partial.iterdir()} == before
    assert not out.exists()

    calls = counting(monkeypatch, "order_parameter")
    ds = isc.sweep_from_spec(changed, out=out, workers=1, progress=False, overwrite=True)
    assert len(calls) == 6 and ds["T"].values[-1] == 0.55


def test_existing_output_is_never_overwritten_silently(tmp_path):
    out = tmp_path / "delta.nc"
    isc.sweep_from_spec(delta_spec(), out=out, workers=1, progress=False)
    data = out.read_bytes()
    with pytest.raises(FileExistsError, match="overwrite"):
        isc.sweep_from_spec(delta_spec(T=[0.2]), out=out, workers=1, progress=False)
    assert out.read_bytes() == data and not (tmp_path / "delta.nc.partial").exists()
    ds = isc.sweep_from_spec(
        delta_spec(T=[0.2]), out=out, workers=1, progress=False, overwrite=True
    )
    assert isc.open_sweep(out)["T"].values.tolist() == [0.2] == ds["T"].values.tolist()


# -------------------------------------------------------------------------------- lock
def write_lock(tmp_path, name, **holder):
    partial = tmp_path / f"{name}.partial"
    partial.mkdir()
    record = {"host": socket.gethostname(), "started": "2024-01-01T00:00:00+00:00", **holder}
    (partial / "lock").write_text(json.dumps(record), encoding="utf-8")
    return partial / "lock"


def dead_pid():
    """The pid of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.parametrize(
    "holder",
    [{"pid": os.getpid()}, {"pid": 1, "host": "elsewhere.example.org"}],
    ids=["live process", "other host"],
)
def test_locked_output_is_refused(tmp_path, monkeypatch, holder):
    lock = write_lock(tmp_path, "delta.nc", **holder)
    before = lock.read_bytes()
    calls = counting(monkeypatch, "order_parameter")
    with pytest.raises(sw.SweepLockedError) as info:
        isc.sweep_from_spec(delta_spec(), out=tmp_path / "delta.nc", workers=1, progress=False)
    message = str(info.value)
    assert f"process {holder['pid']}" in message and str(lock) in message
    assert isinstance(info.value, FileExistsError)  # the CLI's exit status 2
    assert calls == [] and lock.read_bytes() == before  # nothing computed, lock kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["delta.nc.partial"]


def test_stale_lock_is_taken_over(tmp_path, caplog, delta_direct):
    pid = dead_pid()
    write_lock(tmp_path, "delta.nc", pid=pid)
    with caplog.at_level(logging.WARNING, logger="isingsc"):
        ds = isc.sweep_from_spec(delta_spec(), out=tmp_path / "delta.nc", workers=1, progress=False)
    assert f"taking over the lock of process {pid}" in caplog.text
    np.testing.assert_allclose(ds["Delta"].values, delta_direct, rtol=0, atol=TOL_SAME)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["delta.nc"]


def test_lock_is_released_on_interrupt(tmp_path, monkeypatch):
    out = tmp_path / "delta.nc"
    counting(monkeypatch, "order_parameter", fail_after=2)
    with pytest.raises(KeyboardInterrupt):
        isc.sweep_from_spec(delta_spec(chunk_size=1), out=out, workers=1, progress=False)
    assert not (tmp_path / "delta.nc.partial" / "lock").exists()


# ---------------------------------------------------------------------------- backends
def test_process_pool_equals_in_process():
    spec = delta_spec(chunk_size=2)
    serial = isc.sweep_from_spec(spec, workers=1, progress=False)
    pooled = isc.sweep_from_spec(spec, workers=2, progress=False)
    xr.testing.assert_identical(pooled, serial)


def test_worker_processes_run_one_inner_thread():
    # what the sweep's process pool runs in each worker before any chunk
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(os.getpid(),),
    ) as pool:
        assert pool.submit(default_workers).result() == 1
        pools = pool.submit(threadpoolctl.threadpool_info).result()
    assert all(p["num_threads"] == 1 for p in pools)


def test_dask_local_cluster_equals_local_run():
    distributed = pytest.importorskip("distributed")
    spec = {
        "quantity": "gap_edges",
        "fixed": {"beta": 4.0},
        "grid": {"h": [0.0, 1.0, 2.8], "Delta": [0.5, 1.0]},
        "chunk_size": 2,
    }
    local = isc.sweep_from_spec(spec, workers=1, progress=False)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        by_address = isc.sweep_from_spec(spec, scheduler=cluster.scheduler_address, progress=False)
        with distributed.Client(cluster) as client:
            by_client = isc.sweep_from_spec(spec, scheduler=client, progress=False)
            assert client.status == "running"  # a given client is left open
    xr.testing.assert_identical(by_address, local)
    xr.testing.assert_identical(by_client, local)


def test_workers_and_scheduler_are_exclusive():
    with pytest.raises(isc.ParameterError, match="workers"):
        isc.sweep_from_spec(delta_spec(), workers=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(isc.ParameterError, match="workers"):
        isc.sweep_from_spec(delta_spec(), workers=0)


# ------------------------------------------------------------------------------- plots
@pytest.fixture(scope="module")
def sigma_1d():
    omega = np.linspace(0.5, 4.0, 30)
    fixed = {"beta": 4.0, "h": 2.8, "T": 0.1, "Gamma": 0.1, "Delta": 1.0, "check_grid": False}
    return isc.sweep("conductivity", {"Omega": omega}, fixed, progress=False)


def test_plot_complex_1d_has_real_and_imaginary_panels(sigma_1d):
    fig = plot_dataset(sigma_1d)
    assert isinstance(fig, Figure)
    re_ax, im_ax = fig.axes
    assert re_ax.get_ylabel().startswith("Re ") and im_ax.get_ylabel().startswith("Im ")
    assert "[Delta0]" in re_ax.get_xlabel()
    np.testing.assert_array_equal(im_ax.lines[0].get_ydata(), sigma_1d["sigma"].values.imag)


def test_plot_1d_variables_of_one_unit_share_a_panel():
    ds = isc.sweep("gap_edges", {"h": [0.0, 1.0, 2.0]}, {"beta": 4.0, "Delta": 1.0}, progress=False)
    (ax,) = plot_dataset(ds).axes
    assert len(ax.lines) == 3 and ax.get_legend() is not None


@pytest.fixture(scope="module")
def edges_3d():
    grid = {"beta": [2.0, 4.0], "h": np.linspace(0.0, 3.0, 7), "Delta": np.linspace(0.2, 1, 7)}
    return isc.sweep("gap_edges", grid, progress=False)


def test_plot_2d_map_and_3d_facets(edges_3d):
    fig = plot_dataset(edges_3d, "gap_ordinary", sel={"beta": 4.1})  # nearest: beta = 4
    ax, cbar = fig.axes
    assert ax.get_xlabel() == "order parameter Delta [Delta0]"  # the last dimension
    assert ax.get_ylabel() == "in-plane Zeeman energy h [Delta0]"
    assert cbar.get_ylabel() == "ordinary gap edge Delta_ord [Delta0]"
    assert "beta = 4 Delta0" in fig.get_suptitle()
    (mesh,) = ax.collections
    direct = isc.gap_edges(
        beta=4.0, h=edges_3d["h"].values[:, None], Delta=edges_3d["Delta"].values
    )[0]
    np.testing.assert_array_equal(mesh.get_array().reshape(7, 7), direct)

    facets = plot_dataset(edges_3d, "gap_ordinary")  # beta (2 values) → two facets
    assert len(facets.axes) == 2 * 2  # maps and their colour bars
    assert len(plot_dataset(edges_3d).axes) == 3 * 2 * 2  # a row per variable


def test_plot_2d_with_a_short_dimension_draws_curves(edges_3d):
    fig = plot_dataset(edges_3d.sel(Delta=1.0), "gap_mirage_minus")  # beta has 2 values
    (ax,) = fig.axes
    assert [line.get_label() for line in ax.lines] == ["beta = 2 Delta0", "beta = 4 Delta0"]
    assert ax.get_xlabel() == "in-plane Zeeman energy h [Delta0]"


def test_plot_errors_name_what_to_choose():
    ds = xr.Dataset({"x": (("a", "b", "c", "d"), np.zeros((2, 2, 2, 2)))})
    with pytest.raises(isc.ParameterError, match="--sel"):
        plot_dataset(ds)
    with pytest.raises(isc.ParameterError, match="one of x"):
        plot_dataset(ds, "y")
    with pytest.raises(isc.ParameterError, match="dimension"):
        plot_dataset(ds, sel={"e": 1})
