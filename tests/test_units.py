"""Unit conversions (isingsc.units) and material presets (isingsc.materials): CODATA
values, round trips, errors."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import isingsc as isc
from isingsc import units
from isingsc.core import constants
from isingsc.materials import MATERIALS, Material, get_material
from isingsc.units import TC0, UNITS, from_model, to_model

# Round trips multiply and divide by the same float: a few ulps.
ROUND_TRIP_RTOL = 1e-13
# Reference values below are quoted to 4-5 significant figures.
QUOTED_RTOL = 5e-5

UNIT_1K = Material(name="Tc0 = 1 K", Tc0_K=1.0, beta_meV=0.0)
NUMBERS = ("Tc0_K", "beta_meV", "g_factor")


def physical(unit: str, material: Material, value: float) -> float:
    """`value` meV expressed in `unit` (helper for the CODATA checks)."""
    return from_model(to_model(value, "meV", material=material), unit, material=material)


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("THz", 0.241799), ("cm-1", 8.06554), ("K", 11.6045), ("GHz", 241.799), ("ueV", 1000.0)],
)
def test_one_meV_in_physical_units(unit, expected):
    assert physical(unit, UNIT_1K, 1.0) == pytest.approx(expected, rel=QUOTED_RTOL)


def test_delta0_of_a_one_kelvin_superconductor():
    # Δ0 = π e^{-γ} k_B · 1 K = 1.76388 × 0.0861733 meV
    assert UNIT_1K.delta0_meV == pytest.approx(0.152003, rel=QUOTED_RTOL)
    assert from_model(1.0, "meV", material=UNIT_1K) == pytest.approx(0.152003, rel=QUOTED_RTOL)


def test_one_tesla_is_one_bohr_magneton_for_g_2():
    # h = g μ_B B / 2 = μ_B · 1 T = 0.0578838 meV for g = 2
    h_meV = from_model(to_model(1.0, "T", material=UNIT_1K), "meV", material=UNIT_1K)
    assert h_meV == pytest.approx(0.0578838, rel=QUOTED_RTOL)
    g4 = Material(name="g = 4", Tc0_K=1.0, beta_meV=0.0, g_factor=4.0)
    assert to_model(1.0, "T", material=g4) == pytest.approx(
        2 * to_model(1.0, "T", material=UNIT_1K)
    )
    assert to_model(1000.0, "mT", material=UNIT_1K) == pytest.approx(
        to_model(1.0, "T", material=UNIT_1K)
    )


@pytest.mark.parametrize("material", [UNIT_1K, *MATERIALS.values()])
def test_tc0_unit_is_material_independent(material):
    assert to_model(0.37, "Tc0", material=material) == 0.37 * TC0
    assert to_model(0.37, "Tc0") == 0.37 * TC0
    # the material's own Tc0 in kelvin is 1 Tc0 = TC0 in model units
    assert to_model(material.Tc0_K, "K", material=material) == pytest.approx(TC0, rel=1e-14)


@given(
    value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    unit=st.sampled_from(UNITS),
    material=st.sampled_from([*MATERIALS, UNIT_1K]),
)
@settings(max_examples=200, deadline=None)
def test_round_trips(value, unit, material):
    model = to_model(value, unit, material=material)
    assert from_model(model, unit, material=material) == pytest.approx(
        value, rel=ROUND_TRIP_RTOL, abs=1e-300
    )
    assert to_model(from_model(value, unit, material=material), unit, material=material) == (
        pytest.approx(value, rel=ROUND_TRIP_RTOL, abs=1e-300)
    )


def test_arrays_keep_their_shape_and_scalars_are_floats():
    a = np.arange(6.0).reshape(2, 3)
    out = to_model(a, "K", material="NbSe2")
    assert isinstance(out, np.ndarray) and out.shape == (2, 3)
    assert isinstance(to_model(2, "K", material="NbSe2"), float)
    assert isinstance(from_model(np.float64(2.0), "meV", material="NbSe2"), float)


@pytest.mark.parametrize(
    ("alias", "unit"),
    [(None, "Delta0"), ("", "Delta0"), ("delta0", "Delta0"), ("Δ0", "Delta0"), ("tc0", "Tc0"),
     ("µeV", "ueV"), ("μeV", "ueV"), ("cm^-1", "cm-1"), ("1/cm", "cm-1"), (" meV ", "meV")],
)  # fmt: skip
def test_aliases(alias, unit):
    assert to_model(1.5, alias, material="MoS2") == to_model(1.5, unit, material="MoS2")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (2.5, 2.5),
        (np.float64(-1.0), -1.0),
        ("4", 4.0),
        ("0.01 Tc0", 0.01 * TC0),
        ("0.01Tc0", 0.01 * TC0),
        ({"value": 3, "unit": "Tc0"}, 3 * TC0),
        ({"value": 0.5}, 0.5),
        ("-1e-1 Delta0", -0.1),
    ],
)
def test_parse_quantity_without_material(spec, expected):
    assert isc.parse_quantity(spec) == pytest.approx(expected, rel=1e-15)


def test_a_plain_number_is_in_delta0_and_tc0_is_a_unit():
    # one rule for Python, sweep specifications and the CLI
    for plain in (0.01, "0.01", {"value": 0.01}, "0.01 Delta0"):
        assert isc.parse_quantity(plain) == 0.01
    assert to_model(0.01, None) == 0.01
    assert isc.parse_quantity("0.01 Tc0") == to_model(0.01, "Tc0") == 0.01 * TC0
    assert units.TC0 is constants.TC0 and units.DELTA0 == 1.0


@pytest.mark.parametrize(
    ("spec", "value", "unit"),
    [
        ("2.5 T", 2.5, "T"),
        ("0.4 meV", 0.4, "meV"),
        ("1.2K", 1.2, "K"),
        ("3 THz", 3.0, "THz"),
        (" 12.5  cm-1 ", 12.5, "cm-1"),
        (".5e3 mT", 500.0, "mT"),
        ({"value": 2.5, "unit": "T"}, 2.5, "T"),
    ],
)
def test_parse_quantity_with_units(spec, value, unit):
    assert isc.parse_quantity(spec, material="NbSe2") == to_model(value, unit, material="NbSe2")


def test_parse_quantity_accepts_material_objects():
    mat = get_material("WS2")
    assert isc.parse_quantity("1 meV", material=mat) == pytest.approx(1 / mat.delta0_meV)


@pytest.mark.parametrize("unit", ["MeV", "eV", "kelvin", "Hz", "Delta", 3])
def test_unknown_unit_lists_the_allowed_ones(unit):
    with pytest.raises(isc.UnitError, match=r"'unit'.*allowed.*'meV'.*'cm-1'") as info:
        to_model(1.0, unit, material="NbSe2")
    assert info.value.name == "unit"


@pytest.mark.parametrize("unit", ["meV", "K", "T", "THz", "cm-1", "mK", "GHz", "ueV", "mT"])
def test_physical_units_need_a_material(unit):
    with pytest.raises(isc.UnitError, match=r"'material'.*'NbSe2'.*Tc0") as info:
        to_model(1.0, unit)
    assert info.value.name == "material"
    with pytest.raises(isc.UnitError, match="'material'"):
        isc.parse_quantity(f"1 {unit}")


@pytest.mark.parametrize("bad", [np.nan, np.inf, [1.0, -np.inf], "x"])
def test_non_finite_values_are_refused(bad):
    with pytest.raises(isc.UnitError, match="'value'"):
        to_model(bad, "K", material="NbSe2")
    with pytest.raises(isc.UnitError, match="'value'"):
        from_model(bad, "Tc0")


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        ("nan K", "h"),
        ("inf", "h"),
        ("K 3", "h"),
        ("", "h"),
        (True, "h"),
        ([1.0], "h"),
        (float("nan"), "h"),
        ({"value": "3", "unit": "K"}, "h['value']"),
        ({"value": 3, "unit": 4}, "h['unit']"),
        ({"val": 3}, "h"),
        ({"value": 3, "unit": "K", "note": ""}, "h"),
    ],
)
def test_parse_quantity_errors_name_the_quantity(spec, name):
    with pytest.raises(isc.UnitError) as info:
        isc.parse_quantity(spec, material="NbSe2", name="h")
    assert info.value.name == name


def test_unit_error_is_a_parameter_error():
    assert issubclass(isc.UnitError, isc.ParameterError)
    assert issubclass(isc.UnitError, ValueError)


@pytest.mark.parametrize("key", list(MATERIALS))
def test_presets_cite_every_number(key):
    mat = MATERIALS[key]
    assert set(NUMBERS) <= set(mat.citations)
    for number in ("Tc0_K", "beta_meV"):
        text = mat.citations[number]
        assert re.search(r"\(20\d\d\)", text), (key, number, text)  # a dated reference
    assert mat.note


@pytest.mark.parametrize("key", list(MATERIALS))
def test_preset_scales(key):
    mat = MATERIALS[key]
    expected = math.pi * math.exp(-np.euler_gamma) * 0.0861733 * mat.Tc0_K
    assert mat.delta0_meV == pytest.approx(expected, rel=QUOTED_RTOL)
    assert mat.beta == pytest.approx(mat.beta_meV / mat.delta0_meV, rel=1e-15)
    assert to_model(mat.beta_meV, "meV", material=mat) == pytest.approx(mat.beta, rel=1e-14)
    assert get_material(key) is mat
    assert get_material(key.upper()) is mat
    assert get_material(mat.name.lower()) is mat
    assert get_material(mat) is mat


def test_ising_scales_of_the_presets():
    # NbSe2 K pockets: β ≫ Δ0; gated MoS2 near the band bottom: β ~ Δ0
    assert MATERIALS["NbSe2"].beta > 100
    assert 1 < MATERIALS["MoS2"].beta < 2
    assert 20 < MATERIALS["WS2"].beta < 50


def test_unknown_material_lists_known_names():
    with pytest.raises(isc.ParameterError, match=r"'material'.*'NbSe2'.*'MoS2'.*'WS2'"):
        get_material("graphene")
    with pytest.raises(isc.UnitError, match=r"'material'.*'NbSe2'"):
        to_model(1.0, "K", material="graphene")


@pytest.mark.parametrize(
    ("field", "value"),
    [("Tc0_K", 0.0), ("Tc0_K", -1.0), ("Tc0_K", math.nan), ("beta_meV", -0.1),
     ("beta_meV", math.inf), ("g_factor", 0.0), ("Tc0_K", True), ("Tc0_K", "3")],
)  # fmt: skip
def test_material_validation(field, value):
    kwargs = {"name": "x", "Tc0_K": 1.0, "beta_meV": 1.0, field: value}
    with pytest.raises(isc.ParameterError) as info:
        Material(**kwargs)
    assert info.value.name == field


def test_materials_are_immutable_and_hashable():
    mat = MATERIALS["NbSe2"]
    with pytest.raises(AttributeError):
        mat.Tc0_K = 4.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        mat.citations["Tc0_K"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        MATERIALS["x"] = mat  # type: ignore[index]
    assert hash(mat) == hash(Material(**{f: getattr(mat, f) for f in mat.__dataclass_fields__}))
    assert mat == Material(**{f: getattr(mat, f) for f in mat.__dataclass_fields__})
