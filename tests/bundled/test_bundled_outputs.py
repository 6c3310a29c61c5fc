"""The bundled content (content/) in the outputs: the downloads hold the whole monitor and
survive a round trip, the API answers with its counts, and the report of 2021 holds every
indicator's number, title and key figure. The code of these outputs is tested on the
fixture content in tests/test_export.py, tests/test_api.py and tests/test_report.py."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from langerthuis.app import create_app
from langerthuis.cli import main
from test_export import check_dashboard_figures, check_round_trip, read_csv
from test_report import bookmarks, check_every_indicator, pdf_text

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def exported(bundled_database, tmp_path_factory):
    url, _ = bundled_database
    target = tmp_path_factory.mktemp("downloads")
    result = CliRunner().invoke(main, ["export", str(target), "--database", url])
    assert result.exit_code == 0, result.output
    return target


# --- downloads ------------------------------------------------------------------------------

def test_key_figures_csv(exported):
    rows = read_csv(exported / "key-figures.csv")
    assert len(rows) == 32 + 34 + 34 + 57  # Langer Thuis 2019-2021, WOZO 2023
    by = {(r["edition"], r["indicator_id"]): r for r in rows}
    assert by[("2021", "overburdened-carers")]["value"] == "9.1"
    assert by[("2021", "overburdened-carers")]["number"] == "14"
    assert by[("2019", "overburdened-carers")]["number"] == "13"
    assert by[("2020", "purchaser-cooperation")]["value"] == ""
    assert by[("2020", "purchaser-cooperation")]["status"] == "in_development"
    assert by[("2021", "elderly-care-physician-hours")]["qualifiers"] == "provisional;lower_bound"
    assert by[("2021", "elderly-care-physician-hours")]["value"] == "37469"


def test_every_dashboard_figure_can_be_recreated_from_the_download(exported, bundled_database):
    check_dashboard_figures(exported, bundled_database[1])


def test_breakdowns_csv(exported):
    rows = read_csv(exported / "breakdowns.csv")
    table9 = [r for r in rows if r["table_number"] == "9" and r["year"]]
    assert sum(float(r["value"] or 0) for r in table9) == 125
    assert {(r["edition"], r["table_number"]) for r in rows} >= {
        ("2021", str(n)) for n in range(2, 19)} | {("2023", str(n)) for n in range(1, 7)}


def test_excel_has_a_sheet_per_table(exported):
    names = load_workbook(exported / "monitor.xlsx", read_only=True).sheetnames
    assert sum(1 for n in names if n.startswith("Tabel ")) == 17 + 7  # LT 2021, WOZO 2023


def test_json(exported):
    data = json.loads((exported / "monitor.json").read_text(encoding="utf-8"))
    assert len(data["indicators"]) == 34 + 57
    per_indicator = json.loads((exported / "indicators/quality-of-life.json").read_text())
    assert [r["value"] for r in per_indicator["key_figures"]] == [65, 68, 69]


def test_data_package_is_valid(exported):
    from frictionless import Package
    report = Package(str(exported / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_round_trip_through_an_empty_database(exported, bundled_database, tmp_path):
    check_round_trip(exported, bundled_database[1], tmp_path)


# --- the API --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def api(bundled_database):
    return TestClient(create_app(bundled_database[0]))


def test_api_pagination(api):
    first = api.get("/api/indicators?limit=10").json()
    assert first["meta"] == {"total": 34 + 57, "limit": 10, "offset": 0}
    last = api.get("/api/indicators?limit=10&offset=90").json()
    assert len(last["data"]) == 1 and last["links"]["next"] is None


def test_api_filters(api):
    shown_2020 = api.get("/api/measurements?edition=lt-2020&limit=1000").json()["data"]
    carried = [x for x in shown_2020 if x["id"] == "overburdened-carers-2019"]
    assert carried and carried[0]["editions"] == ["lt-2019", "lt-2020"]
    amsterdam = api.get("/api/initiatives?municipality=GM0363").json()["data"]
    assert {i["kind"] for i in amsterdam} == {"dementia-social-trial"}
    assert api.get("/api/indicators?kind=narrative").json()["meta"]["total"] == 7
    assert api.get("/api/actions?lead=bzk&action_line=3").json()["meta"]["total"] == 5


def test_api_analysis(api):
    data = api.get("/api/analysis/lt-2021").json()["data"]
    assert data["summary"]["updated"] == 29
    assert {i["number"]: i["direction"] for i in data["indicators"]}[14] == "undesired"


# --- the report -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(bundled_report):
    return bundled_report("nl")


def test_pdf_text_has_every_indicator(pdf, bundled_database):
    text = pdf_text(pdf)
    check_every_indicator(text, bundled_database[1], "lt-2021")
    assert "37.469 uur" in text and "9,1%" in text and "13,3" in text


def test_a_bookmark_per_indicator(pdf):
    marks = bookmarks(pdf)
    assert len([t for t in marks if t.split(".")[0].isdigit()]) == 34
    assert "14. Het percentage overbelaste mantelzorgers" in marks
    assert any(t.startswith("Dashboard Monitor Langer Thuis 2021") for t in marks)
