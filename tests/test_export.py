"""Downloads: the tidy key-figure table, breakdowns, Excel, JSON and the data package; a
round trip through an empty database; and a static copy of the site."""
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
def loaded(bundled_database):
    return bundled_database


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
    assert len(rows) == 32 + 34 + 34
    by = {(r["edition"], r["indicator_id"]): r for r in rows}
    assert by[("2021", "overburdened-carers")]["value"] == "9.1"
    assert by[("2021", "overburdened-carers")]["number"] == "14"
    assert by[("2019", "overburdened-carers")]["number"] == "13"
    assert by[("2020", "purchaser-cooperation")]["value"] == ""
    assert by[("2020", "purchaser-cooperation")]["status"] == "in_development"
    assert by[("2021", "elderly-care-physician-hours")]["qualifiers"] == "provisional;lower_bound"
    assert by[("2021", "elderly-care-physician-hours")]["value"] == "37469"


def test_every_dashboard_figure_can_be_recreated_from_the_download(exported, loaded):
    _, engine = loaded
    rows = {(int(r["edition"]), r["indicator_id"]): r for r in read_csv(exported / "key-figures.csv")}
    with Session(engine) as s:
        for e in s.query(m.EditionEntry):
            row = rows[(e.edition.year, e.indicator_id)]
            assert int(row["number"]) == e.number and row["status"] == e.status
            expected = e.measurement.value if e.measurement else None
            assert (float(row["value"]) if row["value"] else None) == expected


def test_breakdowns_csv(exported):
    rows = read_csv(exported / "breakdowns.csv")
    table9 = [r for r in rows if r["table_number"] == "9" and r["year"]]
    assert sum(float(r["value"] or 0) for r in table9) == 125
    assert {r["table_number"] for r in rows} == {str(n) for n in range(2, 19)}


def test_excel_has_a_sheet_per_table_and_an_explanation(exported):
    book = load_workbook(exported / "monitor.xlsx", read_only=True)
    names = book.sheetnames
    assert names[0] == "Toelichting" and "Kerncijfers" in names
    assert sum(1 for n in names if n.startswith("Tabel ")) == 17
    assert "CC BY 4.0" in book["Toelichting"]["A2"].value


def test_json_and_licence(exported):
    data = json.loads((exported / "monitor.json").read_text(encoding="utf-8"))
    assert len(data["indicators"]) == 34 and "CC BY 4.0" in data["licence"]
    per_indicator = json.loads((exported / "indicators/quality-of-life.json").read_text())
    assert [r["value"] for r in per_indicator["key_figures"]] == [65, 68, 69]
    assert "CC BY 4.0" in (exported / "LICENSE.txt").read_text()


def test_data_package_is_valid(exported):
    from frictionless import Package
    package = Package(str(exported / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_round_trip_through_an_empty_database(exported, loaded, tmp_path):
    _, source = loaded
    url = sqlite_url(tmp_path / "copy.sqlite")
    result = CliRunner().invoke(main, ["import", str(exported / "monitor.json"),
                                       "--database", url])
    assert result.exit_code == 0, result.output
    skip = {"load_info", "breakdown_row", "definition_version", "edition_entry"}
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


def test_static_site(loaded, tmp_path):
    url, _ = loaded
    target = tmp_path / "site"
    result = CliRunner().invoke(main, ["export-site", str(target), "--database", url])
    assert result.exit_code == 0, result.output
    dashboard = (target / "monitor/2021/index.html").read_text(encoding="utf-8")
    assert 'href="../../indicator/quality-of-life/index.html"' in dashboard
    assert 'href="../../static/style.css"' in dashboard
    assert (target / "en/indicator/quality-of-life/index.html").exists()
    assert (target / "data/key-figures.csv").exists() and (target / "api/indicators.json").exists()
    assert json.loads((target / "api/analysis/lt-2021.json").read_text())["data"]["year"] == 2021
    for html in target.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'href="/' not in text and 'src="/' not in text, html
