"""``isingsc sweep`` and ``isingsc plot``, run as a user would: in a subprocess."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import isingsc as isc
from isingsc import cli
from isingsc.sweeps import read_spec

PNG = b"\x89PNG\r\n\x1a\n"

DELTA_SPEC = """
quantity = "order_parameter"
[fixed]
beta = 4.0
[grid]
T = {start = 0.1, stop = 0.5, num = 3}
h = [0.0, 2.0]
"""


def run(*args, timeout=120):
    """``python -m isingsc.cli ARGS`` → CompletedProcess (text, captured)."""
    return subprocess.run(
        [sys.executable, "-m", "isingsc.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def start(*args):
    """``python -m isingsc.cli ARGS`` in the background (output to pipes)."""
    return subprocess.Popen(
        [sys.executable, "-m", "isingsc.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_sweep_then_plot_a_map(tmp_path):
    spec = write(tmp_path / "delta.toml", DELTA_SPEC)
    out = tmp_path / "delta.nc"
    proc = run("sweep", spec, "--out", str(out), "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    assert "order_parameter (Delta) over T (3) x h (2)" in proc.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["delta.nc", "delta.toml"]
    ds = isc.open_sweep(out)
    direct = [
        [isc.order_parameter(T=t, h=h, beta=4.0) for h in (0.0, 2.0)] for t in (0.1, 0.3, 0.5)
    ]
    np.testing.assert_allclose(ds["Delta"].values, direct, rtol=0, atol=1e-12)

    proc = run("plot", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "delta.png").read_bytes()[:8] == PNG


def test_plot_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "edges.nc"
    isc.sweep("gap_edges", {"h": [0.0, 1.0]}, {"beta": 4.0, "Delta": 1.0}, out=out, progress=False)
    png = tmp_path / "edges.png"
    png.write_bytes(b"not mine")
    assert cli.main(["plot", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err and png.read_bytes() == b"not mine"
    assert cli.main(["plot", str(out), "--overwrite"]) == 0
    assert png.read_bytes()[:8] == PNG


def test_plot_complex_1d(tmp_path):
    fixed = {"beta": 4.0, "h": 2.8, "T": "0.1 Tc0", "Gamma": 0.1, "Delta": 1.0}
    grid = {"Omega": {"start": 0.2, "stop": 4.0, "num": 20}}
    out = tmp_path / "sigma.nc"
    isc.sweep("conductivity", grid, {**fixed, "check_grid": False}, out=out, progress=False)
    png = tmp_path / "sigma-plot.png"
    proc = run("plot", str(out), "--out", str(png), "--var", "sigma")
    assert proc.returncode == 0, proc.stderr
    assert png.read_bytes()[:8] == PNG


BAD_SPECS = [
    (DELTA_SPEC.replace("order_parameter", "order_parametre"), "quantity"),
    (DELTA_SPEC.replace("beta = 4.0", "betta = 4.0"), "fixed.betta"),
    (DELTA_SPEC.replace("num = 3", "num = 0"), "grid.T.num"),
    (DELTA_SPEC.replace("num = 3}", 'num = 3, unit = "fortnights"}'), "grid.T.unit"),
    (DELTA_SPEC.replace("num = 3}", 'num = 3, unit = "K"}'), "material"),
    (DELTA_SPEC.replace("beta = 4.0", 'beta = "4 meV"'), "material"),
    (DELTA_SPEC.replace("beta = 4.0", ""), "beta"),
    (DELTA_SPEC.replace("[fixed]", "[fixed\n"), "not TOML"),
]


@pytest.mark.parametrize(("text", "key"), BAD_SPECS[:3])
def test_bad_spec_exits_2_naming_the_key(tmp_path, text, key):
    spec = write(tmp_path / "bad.toml", text)
    proc = run("sweep", spec, "--out", str(tmp_path / "out.nc"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("isingsc: error:") and repr(key) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]  # nothing written


@pytest.mark.parametrize(("text", "key"), BAD_SPECS)
def test_bad_spec_in_process(tmp_path, capsys, text, key):
    spec = write(tmp_path / "bad.toml", text)
    assert cli.main(["sweep", spec, "--out", str(tmp_path / "out.nc")]) == 2
    assert key in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_missing_spec_file_exits_2(tmp_path):
    proc = run("sweep", str(tmp_path / "missing.toml"), "--out", str(tmp_path / "x.nc"))
    assert proc.returncode == 2 and "missing.toml" in proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["sweep", "spec.toml"], "--out"),
        (["sweep", "spec.toml", "--out", "x.nc", "--workers", "0"], "--workers"),
        (
            ["sweep", "spec.toml", "--out", "x.nc", "--workers", "2", "--scheduler", "a:1"],
            "workers",
        ),
        (["plot", "missing.nc"], "missing.nc"),
        (["plot", "spec.toml", "--out", "x.png"], "netCDF"),
    ],
)
def test_bad_arguments_exit_2(tmp_path, monkeypatch, capsys, args, needle):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "spec.toml", DELTA_SPEC)
    assert cli.main(args) == 2
    assert needle in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.toml"]


def test_existing_output_is_kept(tmp_path, capsys):
    spec = write(tmp_path / "delta.toml", DELTA_SPEC)
    out = tmp_path / "delta.nc"
    assert cli.main(["sweep", spec, "--out", str(out), "--workers", "1"]) == 0
    data = out.read_bytes()

    assert cli.main(["sweep", spec, "--out", str(out)]) == 0
    assert "already complete" in capsys.readouterr().err

    other = write(tmp_path / "other.toml", DELTA_SPEC.replace("0.5", "0.55"))
    assert cli.main(["sweep", other, "--out", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert out.read_bytes() == data

    assert cli.main(["sweep", other, "--out", str(out), "--overwrite", "--workers", "1"]) == 0
    assert isc.open_sweep(out)["T"].values[-1] == 0.55


def _wait_for_chunks(partial, n, proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if partial.is_dir() and len(list(partial.glob("chunk-*.npz"))) >= n:
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    raise AssertionError(f"no {n} chunks in {partial} after {timeout} s")


# critical_field costs ~0.05 s per temperature: 30 one-point chunks take ~1.5 s
SLOW_TEMPERATURES = np.linspace(0.02, 0.5, 30)
SLOW_SPEC = f"""
quantity = "critical_field"
chunk_size = 1
[fixed]
beta = 0.5
[grid]
T = {SLOW_TEMPERATURES.tolist()}
"""


def test_ctrl_c_and_kill_then_resume(tmp_path, capsys):
    temperatures = SLOW_TEMPERATURES
    spec = write(tmp_path / "hc.toml", SLOW_SPEC)
    out = tmp_path / "hc.nc"
    partial = tmp_path / "hc.nc.partial"
    args = ("sweep", spec, "--out", str(out), "--workers", "1")

    proc = start(*args)
    _wait_for_chunks(partial, 3, proc)
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err and "resume" in err and "Traceback" not in err
    assert not out.exists()

    proc = start(*args)
    _wait_for_chunks(partial, len(list(partial.glob("chunk-*.npz"))) + 3, proc)
    proc.kill()  # SIGKILL: no clean-up at all
    proc.communicate(timeout=60)
    assert not out.exists()
    chunks = sorted(partial.glob("chunk-*.npz"))
    for chunk in chunks:  # every file under a final name is complete
        with np.load(chunk) as data:
            assert data["h_transition"].shape == (1,)

    assert cli.main(list(args)) == 0  # the same command again
    done = len(chunks)
    assert f"{done} of 30 chunks already computed, {30 - done} to go" in capsys.readouterr().err
    assert not partial.exists()
    ds = isc.open_sweep(out)
    direct = isc.critical_field(T=temperatures, beta=0.5)
    np.testing.assert_array_equal(ds["h_transition"].values, direct.transition)


def test_second_run_on_the_same_output_is_refused(tmp_path, capsys):
    spec = write(tmp_path / "hc.toml", SLOW_SPEC)
    out = tmp_path / "hc.nc"
    partial = tmp_path / "hc.nc.partial"
    args = ["sweep", spec, "--out", str(out), "--workers", "1"]
    first = start(*args)
    try:
        _wait_for_chunks(partial, 1, first)
        assert cli.main(args) == 2  # while the first one runs
        err = capsys.readouterr().err
        assert f"process {first.pid}" in err and "lock" in err and "Traceback" not in err
    finally:
        _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err  # the first run is undisturbed
    assert not partial.exists()
    direct = isc.critical_field(T=SLOW_TEMPERATURES, beta=0.5)
    np.testing.assert_array_equal(isc.open_sweep(out)["h_transition"].values, direct.transition)


def test_scheduler_runs_on_a_dask_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    spec = write(tmp_path / "delta.toml", DELTA_SPEC)
    out = tmp_path / "delta.nc"
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        proc = run("sweep", spec, "--out", str(out), "--scheduler", cluster.scheduler_address)
    assert proc.returncode == 0, proc.stderr
    local = isc.sweep_from_spec(read_spec(spec), workers=1, progress=False)
    np.testing.assert_array_equal(isc.open_sweep(out)["Delta"].values, local["Delta"].values)
