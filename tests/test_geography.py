"""Geography from the open data: the registry per year, the crosswalk (merger, split,
border correction), name variants, errors, aggregation, and the content's references."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT, edit_yaml
from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import load_settings
from langerthuis.content import check_content
from langerthuis.geography import UnknownMunicipality
from langerthuis.geography import crosswalk as cw
from langerthuis.geography.aggregate import AggregationError, Quotient, aggregate
from langerthuis.geography.maps import simplified_geojson
from langerthuis.geography.names import normalise
from langerthuis.geography.sources import OpenData
from langerthuis.store import load_content

OPEN_DATA = load_settings().open_data_dir
pytestmark = pytest.mark.skipif(not OPEN_DATA.is_dir(), reason="open data not beside checkout")

# `registry`: the session's registry built from the open data (conftest.py).


@pytest.fixture(scope="module")
def addresses():
    return cw.read_address_counts(OpenData(OPEN_DATA).address_crosswalk())


def test_registry_per_year(registry):
    assert {y: len(registry.in_year(y)) for y in registry.years} == {
        2019: 355, 2020: 355, 2021: 352, 2022: 345, 2023: 342, 2024: 342}
    for year in registry.years:
        for x in registry.in_year(year):
            assert x.province and x.ggd_region and x.care_office_region, (year, x.code)
    used = {layer: {getattr(x, layer).code for x in registry.in_year(2020)}
            for layer in ("province", "ggd_region", "care_office_region")}
    assert {k: len(v) for k, v in used.items()} == {"province": 12, "ggd_region": 25,
                                                   "care_office_region": 31}


def test_merger_into_eemsdelta(registry):
    for code, name in (("GM0003", "Appingedam"), ("GM0010", "Delfzijl"),
                       ("GM0024", "Loppersum")):
        assert registry.get(code, 2020).name == name
        with pytest.raises(UnknownMunicipality, match=f"code {code} is not a municipality in "
                                                      "2021; nearest valid: GM1979 \\(Eemsdelta\\)"):
            registry.get(code, 2021)
    links = [k for k in registry.crosswalk(2020, 2021) if k.to_code == "GM1979"]
    assert sorted(k.from_code for k in links) == ["GM0003", "GM0010", "GM0024"]
    assert all(k.exact and k.weight == 1.0 for k in links)
    counts = {"GM0003": 3, "GM0010": 5, "GM0024": 1, "GM0014": 7}
    result = cw.translate_counts(counts, registry.crosswalk(2020, 2021))
    assert result.values["GM1979"] == 9 and result.values["GM0014"] == 7 and result.exact
    eemsdelta = registry.get("GM1979", 2021)
    assert (eemsdelta.province.name, eemsdelta.shrinking_region) == ("Groningen", "Eemsdelta")


def test_backwards_a_merger_splits_and_says_so(registry):
    back = cw.translate_counts({"GM1979": 90}, registry.crosswalk(2021, 2020))
    assert set(back.values) == {"GM0003", "GM0010", "GM0024"}
    assert math.isclose(sum(back.values.values()), 90)
    assert not back.exact and back.approximate == ["GM0003", "GM0010", "GM0024"]


def test_split_of_haaren_is_weighted_and_approximate(registry):
    links = [k for k in registry.crosswalk(2020, 2021) if k.from_code == "GM0788"]
    assert sorted(k.to_code for k in links) == ["GM0757", "GM0824", "GM0855", "GM0865"]
    assert math.isclose(sum(k.weight for k in links), 1.0, abs_tol=1e-3)
    result = cw.translate_counts({"GM0788": 100, "GM0757": 10}, registry.crosswalk(2020, 2021))
    assert not result.exact and "GM0757" in result.approximate
    assert result.values["GM0757"] > 10


def test_boundary_correction_is_below_what_the_maps_show(registry, addresses):
    """From 2020 to 2021 one address moved from GM1900 to GM0243: a border correction. Both
    municipalities continue whole and counts carry over exactly."""
    assert addresses[(2020, 2021)]["GM1900"] == {"GM0243": 1, "GM1900": 43633}
    links = [k for k in registry.crosswalk(2020, 2021) if k.from_code in ("GM1900", "GM0243")]
    assert {(k.from_code, k.to_code, k.weight, k.exact) for k in links} == {
        ("GM1900", "GM1900", 1.0, True), ("GM0243", "GM0243", 1.0, True)}


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_boundary_crosswalk_agrees_with_the_address_data(registry, addresses, year):
    """Every change of five or more addresses shows in the crosswalk derived from the
    boundaries, and the crosswalk shows no change the address data lacks."""
    from_addresses = {(a, b) for a, moved in addresses.get((year, year + 1), {}).items()
                      for b, n in moved.items() if a != b and n >= 5}
    from_boundaries = {(k.from_code, k.to_code) for k in registry.crosswalk(year, year + 1)
                       if k.from_code != k.to_code}
    assert from_boundaries == from_addresses


def test_years_after_the_last_boundaries(registry):
    new = registry.get("GM1992", 2023)
    assert new.derived and new.name == "Voorne aan Zee" and "GM0501, GM0530, GM0614" in new.note
    assert new.province.name == "Zuid-Holland"
    assert [k.to_code for k in registry.crosswalk(2022, 2023) if k.from_code == "GM0457"] == [
        "GM0363"]  # Weesp into Amsterdam
    with pytest.raises(UnknownMunicipality, match="year 2025"):
        registry.in_year(2025)


@pytest.mark.parametrize("variant,code", [
    ("Den Bosch", "GM0796"), ("'s-Hertogenbosch", "GM0796"), ("s-Hertogenbosch", "GM0796"),
    ("Capelle a/d IJssel", "GM0502"), ("CAPELLE AAN DEN IJSSEL", "GM0502"),
    ("Sudwest-Fryslan", "GM1900"), ("Zuidwest-Friesland", "GM1900"),
    ("Tietjerksteradeel", "GM0737"), ("Ljouwert", "GM0080"), ("Den Haag", "GM0518"),
    ("Bergen NH", "GM0373"), ("Bergen (L.)", "GM0893"), ("Nuenen", "GM0820")])
def test_name_variants(registry, variant, code):
    assert registry.lookup(variant, 2021).code == code


def test_unknown_name_suggests(registry):
    with pytest.raises(UnknownMunicipality) as info:
        registry.lookup("Amsterdm", 2021)
    assert "name 'Amsterdm' is not a municipality in 2021" in str(info.value)
    assert "GM0363 (Amsterdam)" in str(info.value)


def test_normalise():
    assert normalise("Súdwest-Fryslân") == "sudwest fryslan"
    assert normalise("'s-Gravenhage") == normalise("s-Gravenhage") == "s gravenhage"


def test_shrinking_regions(registry):
    assert sum(1 for x in registry.in_year(2019) if x.shrinking_region) == 40
    assert sum(1 for x in registry.in_year(2021) if x.shrinking_region) == 38  # 3 became 1
    regions = {x.shrinking_region for x in registry.in_year(2021) if x.shrinking_region}
    assert len(regions) == 9


def test_aggregate_counts_and_shares(registry):
    group = {"a": "north", "b": "north", "c": "south"}.get
    assert aggregate({"a": 10, "b": 5, "c": 1}, "count", group) == {"north": 15, "south": 1}
    shares = {"a": Quotient(30, 100), "b": Quotient(10, 300), "c": Quotient(1, 4)}
    assert aggregate(shares, "percentage", group) == {"north": 10.0, "south": 25.0}
    ratio = aggregate({"a": Quotient(1450, 100), "b": Quotient(130, 10)}, "ratio", group)
    assert math.isclose(ratio["north"], 1580 / 110)
    with pytest.raises(AggregationError, match="a percentage cannot be summed or averaged"):
        aggregate({"a": 30.0, "b": 10.0}, "percentage", group)
    with pytest.raises(AggregationError, match="a mark cannot be summed"):
        aggregate({"a": 7.0}, "mark", group)
    with pytest.raises(AggregationError, match="a count adds up"):
        aggregate({"a": Quotient(1, 2)}, "count", group)


def test_aggregate_to_provinces_and_country(registry):
    province = {x.code: x.province.name for x in registry.in_year(2021)}
    ones = {code: 1 for code in province}
    assert aggregate(ones, "count", province.get)["Flevoland"] == 6
    assert aggregate(ones, "count", lambda c: "NL") == {"NL": 352}


def test_maps_are_small(registry):
    sizes = sum(len(json.dumps(simplified_geojson(s))) for s in registry.shapes[2021].values())
    assert sizes < 600_000
    assert simplified_geojson(registry.shapes[2021]["GM0363"])["type"] in ("Polygon",
                                                                          "MultiPolygon")


@pytest.mark.usefixtures("session_geography")  # the registry, built once
def test_geo_check_and_lookup_cli():
    ok = CliRunner().invoke(main, ["geo", "check", "--content", str(FIXTURE_CONTENT)])
    assert ok.exit_code == 0, ok.output
    assert "The 1 municipality reference is valid in its year." in ok.output  # one, singular
    found = CliRunner().invoke(main, ["geo", "lookup", "Den Bosch", "--year", "2021"])
    assert found.exit_code == 0 and found.output.startswith("GM0796\t's-Hertogenbosch")
    missing = CliRunner().invoke(main, ["geo", "lookup", "GM0003", "--year", "2021"])
    assert missing.exit_code == 1 and "nearest valid: GM1979 (Eemsdelta)" in missing.stderr


@pytest.mark.usefixtures("session_geography")  # the registry, built once
def test_geo_check_rejects_a_code_not_valid_in_its_year(content_dir: Path):
    def wrong(d):
        d["initiatives"][0].update(municipality_code="GM0003", municipality_name="Appingedam",
                                   year=2021)
    edit_yaml(content_dir / "lt/initiatives.yaml", wrong)
    result = CliRunner().invoke(main, ["geo", "check", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert "initiatives[0] (id 'fixture-respite-pilot').municipality_code" in result.stderr
    assert "code GM0003 is not a municipality in 2021; nearest valid: GM1979" in result.stderr


@pytest.mark.usefixtures("session_geography")  # the registry, built once
def test_geo_check_rejects_a_name_that_does_not_match_the_code(content_dir: Path):
    edit_yaml(content_dir / "lt/initiatives.yaml",
              lambda d: d["initiatives"][0].update(municipality_name="Rotterdam"))
    result = CliRunner().invoke(main, ["geo", "check", "--content", str(content_dir)])
    assert result.exit_code == 1
    assert "'Rotterdam' is GM0599 in 2020, but the code given is GM0363 (Amsterdam)" in result.stderr


def test_load_stores_the_geography(engine, registry):
    load_content(engine, check_content(FIXTURE_CONTENT), registry)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Municipality)
                        .where(m.Municipality.year == 2021)) == 352
        assert s.get(m.Municipality, (2021, "GM1979")).shrinking_region == "Eemsdelta"
        assert s.get(m.MapShape, ("municipality", 2021, "GM0363")).geometry["type"]
        assert s.get(m.DataSource, "cbs-boundaries").licence == "CC BY 4.0"
    # a content-only load keeps the stored geography
    load_content(engine, check_content(FIXTURE_CONTENT))
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Municipality)) > 2000
