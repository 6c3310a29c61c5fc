"""Downloads: the tidy key-figure table, breakdowns, Excel, JSON and the data package; a
round trip through an empty database; and a static copy of the site. On the fixture
content; the downloads of the bundled content are checked in
tests/bundled/test_bundled_outputs.py."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.store import make_engine
from test_store import dump


@pytest.fixture(scope="module")
def loaded(fixture_database):
    return fixture_database


@pytest.fixture(scope="module")
def exported(loaded, tmp_path_factory):
    url, _ = loaded
    target = tmp_path_factory.mktemp("downloads")
    result = CliRunner().invoke(main, ["export", str(target), "--database", url])
    assert result.exit_code == 0, result.output
    return target


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_key_figures_csv(exported):
    rows = read_csv(exported / "key-figures.csv")
    assert list(rows[0])[:14] == ["programme", "edition", "indicator_id", "number", "title",
                                  "kind", "action_line", "value", "unit", "reference_period",
                                  "reference_date", "status", "qualifiers", "source"]
    assert len(rows) == 5 + 3 + 5  # one row per edition entry
    by = {(r["edition"], r["indicator_id"]): r for r in rows}
    assert by[("2021", "overburdened-carers")]["value"] == "9.1"
    assert by[("2021", "overburdened-carers")]["number"] == "14"
    assert by[("2019", "overburdened-carers")]["number"] == "13"
    assert by[("2020", "purchaser-cooperation")]["value"] == ""
    assert by[("2020", "purchaser-cooperation")]["status"] == "not_applicable"
    assert by[("2020", "overburdened-carers")]["status"] == "not_updated"
    assert by[("2021", "elderly-care-physician-hours")]["qualifiers"] == "provisional;lower_bound"
    assert by[("2021", "elderly-care-physician-hours")]["value"] == "37469"


def check_dashboard_figures(exported: Path, engine) -> None:
    """Every edition entry in the database is a row of the key-figure download."""
    rows = {(int(r["edition"]), r["indicator_id"]): r for r in read_csv(exported / "key-figures.csv")}
    with Session(engine) as s:
        for e in s.query(m.EditionEntry):
            row = rows[(e.edition.year, e.indicator_id)]
            assert int(row["number"]) == e.number and row["status"] == e.status
            expected = e.measurement.value if e.measurement else None
            assert (float(row["value"]) if row["value"] else None) == expected


def test_every_dashboard_figure_can_be_recreated_from_the_download(exported, loaded):
    check_dashboard_figures(exported, loaded[1])


def test_breakdowns_csv(exported):
    rows = read_csv(exported / "breakdowns.csv")
    assert [(r["table_number"], r["mark_band"], r["value"], r["n"]) for r in rows] == [
        ("2", "1-4", "3.5", "3242"), ("2", "5-6", "28", "3242"), ("2", "7-10", "68.5", "3242")]
    assert sum(float(r["value"]) for r in rows) == 100


def test_excel_has_a_sheet_per_table_and_an_explanation(exported):
    book = load_workbook(exported / "monitor.xlsx", read_only=True)
    names = book.sheetnames
    assert names[0] == "Toelichting" and "Kerncijfers" in names
    assert [n for n in names if n.startswith("Tabel ")] == ["Tabel 2 (2021)"]
    assert "CC BY 4.0" in book["Toelichting"]["A2"].value


def test_json_and_licence(exported):
    data = json.loads((exported / "monitor.json").read_text(encoding="utf-8"))
    assert len(data["indicators"]) == 6 and "CC BY 4.0" in data["licence"]
    per_indicator = json.loads((exported / "indicators/quality-of-life.json").read_text())
    assert [r["value"] for r in per_indicator["key_figures"]] == [65, 68, 69]
    assert "CC BY 4.0" in (exported / "LICENSE.txt").read_text()


def test_data_package_is_valid(exported):
    from frictionless import Package
    package = Package(str(exported / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def check_round_trip(exported: Path, source, tmp_path: Path) -> None:
    """Importing monitor.json into an empty database gives the rows of `source` back."""
    url = sqlite_url(tmp_path / "copy.sqlite")
    result = CliRunner().invoke(main, ["import", str(exported / "monitor.json"),
                                       "--database", url])
    assert result.exit_code == 0, result.output
    skip = {"load_info", "breakdown_row", "definition_version", "edition_entry", "finding_fact"}
    before, after = dump(source), dump(make_engine(url))
    # where a measurement was read from (its provenance, the last column) differs by design
    for rows in (before, after):
        rows["measurement"] = [r[:-1] for r in rows["measurement"]]
    for table in before:
        if table in skip:
            continue
        assert after[table] == before[table], table
    # rows with generated ids: compare without the id
    for table in skip - {"load_info"}:
        assert sorted(map(lambda r: r[1:], before[table])) == sorted(map(lambda r: r[1:], after[table])), table


def test_round_trip_through_an_empty_database(exported, loaded, tmp_path):
    check_round_trip(exported, loaded[1], tmp_path)


def test_static_site(static_site):
    """The shared static export of the fixture site (made once per session, also served to
    the browser by tests/test_browser.py)."""
    target = static_site
    dashboard = (target / "monitor/2021/index.html").read_text(encoding="utf-8")
    assert 'href="../../indicator/quality-of-life/index.html"' in dashboard
    assert 'href="../../static/style.css"' in dashboard
    assert (target / "en/indicator/quality-of-life/index.html").exists()
    assert (target / "data/key-figures.csv").exists() and (target / "api/indicators.json").exists()
    assert json.loads((target / "api/analysis/lt-2021.json").read_text())["data"]["year"] == 2021
    assert (target / "rapport/2021.pdf").read_bytes().startswith(b"%PDF")
    assert (target / "en/report/2020.html").exists()
    for html in target.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'href="/' not in text and 'src="/' not in text, html
