"""The ``isingsc`` command line, run as a user would: in a subprocess."""

import hashlib
import json
import math
import os
import subprocess
import sys

import pytest
import xarray as xr

import isingsc as isc
from isingsc import cli
from isingsc.paper import FIGURES, FigureSpec
from isingsc.paper.registry import resolve

FIGURE_IDS = list(FIGURES)
EXPECTED = {f"{fid}.{ext}" for fid in FIGURE_IDS for ext in ("nc", "png", "pdf")}


def run(*args, timeout=120):
    """``python -m isingsc.cli ARGS`` → CompletedProcess (text, captured)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "isingsc.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    """One ``reproduce --quick`` shared by the tests below (the slow part, ~30 s)."""
    out = tmp_path_factory.mktemp("figs") / "out"
    proc = run("reproduce", "--quick", "--out", str(out), timeout=300)
    return out, proc


# ----------------------------------------------------------------------------- basics
def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"isingsc {isc.__version__}"


def test_info_gives_corrected_ordinary_gap():
    proc = run("info", "--beta", "4", "--h", "2.8", "--Delta", "1")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "0.8192" in out  # Δβ/√(β²+h²), DESIGN.md §2
    assert "0.714143" in out and "erratum" in out  # the paper's value, flagged
    for label in ("Δ_ord", "Δ−", "Δ+", "Ω_I ", "Ω_II ", "Ω_III", "Tc(h) / Tc0", "tricritical"):
        assert label in out
    o1, o2, o3 = isc.optical_gaps(beta=4.0, h=2.8, Delta=1.0)
    for value in (o1, o2, o3):
        assert f"{value:.6f}" in out


def test_info_plain_temperature_is_in_units_of_delta0():
    # one meaning for a plain number: Δ0, as in isc.order_parameter(T=...)
    proc = run("info", "--beta", "4", "--h", "2.8", "--T", "0.15")
    assert proc.returncode == 0, proc.stderr
    delta = isc.order_parameter(T=0.15, h=2.8, beta=4.0)
    assert f"{delta:.6f}" in proc.stdout
    assert "T = 0.15 Δ0" in proc.stdout
    # multiples of Tc0 carry the unit string
    proc = run("info", "--beta", "4", "--h", "2.8", "--T", "0.5 Tc0")
    assert proc.returncode == 0, proc.stderr
    delta = isc.order_parameter(T=0.5 * isc.TC0, h=2.8, beta=4.0)
    assert f"{delta:.6f}" in proc.stdout
    assert "(= 0.5 Tc0)" in proc.stdout
    help_text = " ".join(run("info", "--help").stdout.split())
    assert "units of Delta0" in help_text and "'0.01 Tc0'" in help_text


def test_info_default_temperature_is_the_papers():
    proc = run("info", "--beta", "4", "--h", "2.8")
    assert proc.returncode == 0, proc.stderr
    delta = isc.order_parameter(T=0.01 * isc.TC0, h=2.8, beta=4.0)
    assert f"{delta:.6f}" in proc.stdout and "(= 0.01 Tc0)" in proc.stdout


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["info", "--beta", "4", "--T", "-1"], "--T"),
        (["info", "--beta", "four"], "--beta"),
        (["info", "--beta", "4", "--Delta", "nan"], "--Delta"),
        (["info", "--h", "1"], "--beta"),
        (["reproduce", "--only", "fig99"], "--only"),
        (["reproduce", "--dpi", "0"], "--dpi"),
        (["reproduce", "--bogus"], "--bogus"),
    ],
)
def test_bad_arguments_exit_2_naming_the_option(args, option):
    proc = run(*args)
    assert proc.returncode == 2
    assert option in proc.stderr
    assert proc.stdout == ""


def test_no_command_exits_2():
    proc = run()
    assert proc.returncode == 2
    assert "isingsc: error:" in proc.stderr


def test_parameter_error_is_reported_not_raised(monkeypatch, capsys):
    # An isingsc.ParameterError raised inside a command becomes "isingsc: error: ..." + 2.
    def bad(*_args, **_kwargs):
        raise isc.ParameterError("h", 1e300, "h small enough")

    monkeypatch.setattr("isingsc.paper.state.order_parameter", bad)
    assert cli.main(["info", "--beta", "4", "--h", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("isingsc: error: parameter '--h'")  # the option, not the keyword
    assert "Traceback" not in err


def test_main_returns_status_in_process(capsys):
    assert cli.main(["--version"]) == 0
    assert isc.__version__ in capsys.readouterr().out


# -------------------------------------------------------------------------- reproduce
def test_reproduce_quick_writes_every_file(quick_run):
    out, proc = quick_run
    assert proc.returncode == 0, proc.stderr
    names = {p.name for p in out.iterdir()}
    assert names == EXPECTED | {"manifest.json"}  # and no leftover temporary files
    for fid in FIGURE_IDS:
        assert f"[{fid}]" in proc.stdout  # progress messages
        assert (out / f"{fid}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (out / f"{fid}.pdf").read_bytes()[:5] == b"%PDF-"


def test_manifest_lists_every_file(quick_run):
    out, _ = quick_run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["isingsc_version"] == isc.__version__
    assert set(manifest["figures"]) == set(FIGURE_IDS)
    listed = {f["path"] for f in manifest["files"]}
    assert listed == EXPECTED
    for entry in manifest["files"]:
        path = out / entry["path"]
        assert entry["figure"] in FIGURE_IDS and path.name.startswith(entry["figure"])
        assert entry["bytes"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    for fid, fig in manifest["figures"].items():
        assert fig["caption"] == FIGURES[fid].caption
        assert fig["parameters"]["figure"] == fid
        assert fig["isingsc_version"] == isc.__version__
        assert fig["quick"] is True
    assert manifest["figures"]["fig4a"]["parameters"]["beta"] == 4.0
    assert manifest["figures"]["fig3a"]["parameters"]["h"] == 2.0


def test_netcdf_files_reopen_with_version(quick_run):
    out, _ = quick_run
    for fid in FIGURE_IDS:
        with xr.open_dataset(out / f"{fid}.nc", engine="h5netcdf") as ds:
            assert ds.attrs["isingsc_version"] == isc.__version__
            assert ds.attrs["figure"] == fid
            assert len(ds.data_vars) > 0


def test_second_run_refuses_to_overwrite(quick_run):
    out, _ = quick_run
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    proc = run("reproduce", "--quick", "--out", str(out))
    assert proc.returncode == 2
    assert "isingsc: error:" in proc.stderr and "--overwrite" in proc.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_only_with_overwrite_keeps_other_manifest_entries(quick_run):
    out, _ = quick_run
    old = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    proc = run(
        "reproduce", "--quick", "--out", str(out), "--only", "fig3a", "--overwrite", "--quiet"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # --quiet
    new = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(new["figures"]) == set(FIGURE_IDS)
    assert new["figures"]["fig4a"] == old["figures"]["fig4a"]
    assert {f["path"] for f in new["files"]} == EXPECTED


def test_out_must_be_a_directory(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    proc = run("reproduce", "--quick", "--out", str(target), "--only", "fig3a")
    assert proc.returncode == 2
    assert "--out" in proc.stderr


def test_registry_entries_resolve():
    for fid, spec in FIGURES.items():
        assert spec.caption.startswith(f"Fig. {fid[3:]}")
        assert callable(resolve(spec.data)) and callable(resolve(spec.plot))


def test_cli_has_no_figure_registry_of_its_own():
    # the CLI parses and dispatches: the registry lives in isingsc.paper
    assert cli.__all__ == ["main", "make_parser"]
    assert cli.FIGURES is FIGURES and not hasattr(cli, "FigureSpec")
    assert cli.make_parser().parse_args(["reproduce", "--only", "fig5b"]).only == ["fig5b"]


# ---------------------------------------------------------------------------- Fig. 5
def test_fig5_registered_with_gamma_and_corrected_gap():
    assert [f for f in FIGURE_IDS if f.startswith("fig5")] == ["fig5a", "fig5b", "fig5c", "fig5d"]
    for fid in ("fig5a", "fig5b", "fig5c", "fig5d"):
        caption = FIGURES[fid].caption
        assert "Gamma = 0.01 Tc0" in caption  # the paper does not state its Γ
        assert "corrected" in caption and "beta/sqrt(beta^2 + h^2)" in caption


def test_fig5_quick_outputs(quick_run):
    out, proc = quick_run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for fid in ("fig5a", "fig5b", "fig5c", "fig5d"):
        params = manifest["figures"][fid]["parameters"]
        assert params["Gamma"] == pytest.approx(0.01 * isc.TC0)
        assert params["T"] == pytest.approx(0.01 * isc.TC0)
        assert params["beta"] == 4.0
    assert manifest["figures"]["fig5b"]["parameters"]["check_grid"] == 0
    assert manifest["figures"]["fig5b"]["parameters"]["check_grid_reason"]
    with xr.open_dataset(out / "fig5b.nc", engine="h5netcdf") as ds:
        assert ds["dRe_sigma_dOmega"].shape == (41, 400)
        assert {"Omega_I", "Omega_II", "Omega_III"} <= set(ds.data_vars)
    with xr.open_dataset(out / "fig5a.nc", engine="h5netcdf") as ds:
        assert list(ds["h"].values) == [2.8, -2.8]
    # not a terminal: no progress bar escapes into the captured output
    assert "\r" not in proc.stderr and "field/s" not in proc.stderr


def test_compute_passes_progress_only_where_accepted():
    seen = {}

    def with_progress(*, quick, progress):
        seen["with"] = (quick, progress)
        return "ds"

    def without(*, quick):
        seen["without"] = quick
        return "ds"

    assert FigureSpec(with_progress, "x:y", "c").compute(quick=True, progress=None) == "ds"
    assert FigureSpec(without, "x:y", "c").compute(quick=False, progress=None) == "ds"
    assert seen == {"with": (True, None), "without": False}


# ---------------------------------------------------------------------- physical units
def test_info_accepts_physical_units():
    """--h '20 T' with a material equals the Δ0 value from isingsc.units; the physical
    block converts back (Ω_I in THz from the same state)."""
    nbse2 = isc.get_material("NbSe2")
    h = isc.to_model(20.0, "T", material=nbse2)
    T = isc.to_model(1.0, "K", material=nbse2)
    proc = run("info", "--beta", "76 meV", "--h", "20 T", "--T", "1 K", "--material", "NbSe2")
    assert proc.returncode == 0, proc.stderr
    assert f"h = {h:g} Δ0" in proc.stdout
    assert f"T = {T:g} Δ0 (= {T / isc.TC0:g} Tc0)" in proc.stdout
    delta = isc.order_parameter(T=T, h=h, beta=nbse2.beta)
    omega_1 = isc.from_model(
        isc.optical_gaps(beta=nbse2.beta, h=h, Delta=delta)[0], "THz", material=nbse2
    )
    assert f"= {omega_1:.4g} THz" in proc.stdout


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("--beta", "4", "--h", "2 T"), "--material"),  # tesla needs a material
        (("--beta", "4 parsec", "--material", "MoS2"), "unit"),
        (("--beta", "4", "--material", "Unobtainium"), "--material"),
        (("--beta", "4", "--T", "-1"), "--T"),
    ],
)
def test_info_bad_units_exit_2(args, key):
    proc = run("info", *args)
    assert proc.returncode == 2
    assert f"parameter '{key}'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_info_physical_units_print_every_result():
    """With --material every result appears in physical units, the critical fields in tesla
    too: h_c(T), the tricritical field, and the field h itself."""
    from isingsc.paper import state_report

    nbse2 = isc.get_material("NbSe2")
    proc = run("info", "--beta", "0.3", "--h", "0.5", "--material", "NbSe2")
    assert proc.returncode == 0, proc.stderr
    physical = proc.stdout.split("in physical units")[1]
    report = state_report(beta=0.3, h=0.5)
    assert math.isfinite(report.tricritical_T)  # β = 0.3 has a tricritical point
    labels = ("β", "h", "T", "Δ(T → 0, h)", "Δ(T, h)", "Δ_ord", "|ξ*| of Δ_ord", "Δ−", "Δ+")
    labels += ("Ω_I", "Ω_II", "Ω_III", "Tc(h)", "h_c(T)", "tricritical T", "tricritical h")
    rows = {line[:26].strip(): line for line in physical.splitlines()[1:] if line.strip()}
    assert set(labels) <= set(rows)
    tesla = {
        "h_c(T)": report.critical_field,
        "tricritical h": report.tricritical_h,
        "h": report.h,
    }
    for label, value in tesla.items():
        assert f"= {isc.from_model(value, 'T', material=nbse2):.4g} T" in rows[label]
    kelvin = isc.from_model(report.tricritical_T, "K", material=nbse2)
    assert f"{kelvin:.4g} K" in rows["tricritical T"]
    mev = isc.from_model(report.Delta_zero_T, "meV", material=nbse2)
    assert f"{mev:.4g} meV" in rows["Δ(T → 0, h)"]


# ------------------------------------------------------------------- Python API
def test_reproduce_python_api(tmp_path):
    from isingsc.paper import reproduce

    manifest = reproduce(tmp_path / "out", quick=True, only=["fig2b"], progress=False)
    assert set(manifest["figures"]) == {"fig2b"}
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "fig2b.nc",
        "fig2b.png",
        "fig2b.pdf",
        "manifest.json",
    }
    assert manifest["command"].startswith("isingsc.paper.reproduce(")
    assert json.loads((tmp_path / "out" / "manifest.json").read_text()) == manifest
    with pytest.raises(FileExistsError, match="overwrite"):
        reproduce(tmp_path / "out", quick=True, only=["fig2b"])
    with pytest.raises(isc.ParameterError, match="only"):
        reproduce(tmp_path / "other", only=["fig99"])
    assert not (tmp_path / "other").exists()


def test_manifest_is_strict_json_without_nan(quick_run):
    out, _ = quick_run
    text = (out / "manifest.json").read_text(encoding="utf-8")
    json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in manifest.json"))
    params = json.loads(text)["figures"]["fig4a"]["parameters"]
    assert params["tricritical_T"] is None  # NaN (no tricritical point at β = 4) → null
