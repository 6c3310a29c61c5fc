"""Charts that explain, on the fixture content and on small tables made here: the key figure
over time sits on the period the data describe with breaks marked, breakdowns are cross
tables (one dimension down, one across, totals last) whose charts draw totals apart from
their parts and never crowd more bars than they can label, and every chart can be
downloaded as SVG, PNG and CSV with the numbers of the table beside it."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT
from langerthuis import model as m
from langerthuis.app import create_app
from langerthuis.charts.bars import MAX_BARS
from langerthuis.charts.svg import SERIES
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from langerthuis.views.crosstable import cross_table
from langerthuis.views.figures import breakdown_figure
from langerthuis.views.snapshot import build_snapshot

SVG = "{http://www.w3.org/2000/svg}"


def table(dimensions: list[str], rows: list[tuple], unit: str = "percentage",
          decimals: int = 1) -> m.BreakdownTable:
    """A table as `load` makes it: rows are (dimension values..., value, n[, unit])."""
    t = m.BreakdownTable(id="t", number=1, title="T", unit=unit, decimals=decimals,
                         dimensions=dimensions)
    for i, r in enumerate(rows):
        dims = dict(zip(dimensions, r[:len(dimensions)]))
        value, n = r[len(dimensions)], r[len(dimensions) + 1]
        row_unit = r[len(dimensions) + 2] if len(r) > len(dimensions) + 2 else unit
        t.rows.append(m.BreakdownRow(position=i, dimensions=dims, value=value, unit=row_unit,
                                     n=n, qualifiers=[], printed=None if value is not None
                                     else "nvt"))
    return t


def texts(svg: str) -> list[tuple[float, str, str]]:
    """(y, text, weight) of every text element of a chart."""
    root = ET.fromstring(svg)
    return [(float(t.get("y", 0)), t.text or "", t.get("font-weight", "normal"))
            for t in root.iter(SVG + "text")]


def rows_of(cross) -> list[list]:
    return [[g.label, r.label] + [c.text for c in r.cells] for g in cross.groups
            for r in g.rows]


# --- cross tables ----------------------------------------------------------------------

PHASES = table(["phase", "year"], [
    ("Start", "2019", 11, None), ("Start", "2020", 45, None), ("Start", "", 56, None),
    ("Plan", "2019", None, None), ("Plan", "2020", 3, None), ("Plan", "", 3, None),
    ("", "2019", 11, None), ("", "2020", 48, None), ("", "", 59, None)], "count", 0)


def test_two_crossed_dimensions_one_down_one_across_totals_last():
    cross = cross_table(PHASES, "nl")
    assert [c.label for c in cross.columns] == ["2019", "2020", "Totaal"]
    assert cross.columns[-1].is_total and cross.corner == "Fase / Jaar"
    assert rows_of(cross) == [["", "Start", "11", "45", "56"], ["", "Plan", "nvt", "3", "3"],
                              ["", "Totaal", "11", "48", "59"]]
    assert [r.is_total for g in cross.groups for r in g.rows] == [False, False, True]


def test_totals_come_last_wherever_the_source_puts_them():
    first = table(["sex", "field"], [
        ("", "All", 43.8, None), ("", "Care", 7.3, None), ("Men", "All", 44.2, None),
        ("Men", "Care", 4.3, None), ("Women", "All", 43.5, None), ("Women", "Care", 10.2, None)])
    cross = cross_table(first, "en")
    assert [r.label for g in cross.groups for r in g.rows] == ["Men", "Women", "Total"]
    assert [c.label for c in cross.columns] == ["All", "Care"]


def test_dimensions_never_filled_together_are_groups_of_rows():
    carers = table(["sex", "age_group"], [
        ("", "", 9.1, None), ("Mannen", "", 6.5, None), ("Vrouwen", "", 11.2, None),
        ("", "16-34 jaar", 6.2, None), ("", "75-plus", 10.2, None)])
    cross = cross_table(carers, "nl")
    assert [(g.label, [r.label for r in g.rows]) for g in cross.groups] == [
        ("Geslacht", ["Mannen", "Vrouwen"]), ("Leeftijd", ["16-34 jaar", "75-plus"]),
        ("", ["Totaal"])]
    assert len(cross.columns) == 1 and cross.columns[0].label == "Percentage"


def test_a_mean_among_shares_is_a_column_of_its_own_and_n_is_shown_once():
    marks = table(["topic", "statistic", "mark_band"], [
        ("Gemeente", "share", "1-4", 15.1, 1519), ("Gemeente", "share", "7-10", 56.6, 1519),
        ("Gemeente", "mean", "", 6.3, 1519, "mark"),
        ("Zorgverzekeraar", "share", "1-4", 7.0, 1923),
        ("Zorgverzekeraar", "share", "7-10", 75.4, 1923),
        ("Zorgverzekeraar", "mean", "", 7.2, 1923, "mark")])
    cross = cross_table(marks, "nl")
    assert [c.label for c in cross.columns] == ["1-4", "7-10", "Gemiddeld rapportcijfer"]
    assert cross.has_row_n and [r.n for r in cross.groups[0].rows] == ["n = 1.519", "n = 1.923"]
    assert rows_of(cross)[0] == ["", "Gemeente", "15,1%", "56,6%", "6,3"]
    # English words for the statistic, and the CSV holds n once per row
    english = cross_table(marks, "en")
    assert english.columns[-1].label == "Mean mark"
    assert english.csv_rows()[1] == ["Gemeente", 15.1, 56.6, 6.3, 1519]


def test_one_dimension_with_a_mean_puts_the_mean_last_and_one_n_under_the_table():
    control = table(["statistic", "mark_band"], [
        ("share", "1-4", 6.4, 3242), ("share", "5-6", 20.4, 3242), ("share", "7-10", 73.2, 3242),
        ("mean", "", 7.2, 3242, "mark")])
    cross = cross_table(control, "nl")
    assert [r.label for g in cross.groups for r in g.rows] == [
        "1-4", "5-6", "7-10", "Gemiddeld rapportcijfer"]
    assert cross.n_note == "n = 3.242" and not cross.has_row_n


def test_whole_numbers_have_no_decimals():
    hours = table(["year", "measure"], [
        ("2020", "Uren", 37469.0, None, "hours"), ("2020", "Tarief", 168.21, None, "euro"),
        ("2020", "Bedrag", 6302721.0, None, "euro")], "hours", 2)
    assert rows_of(cross_table(hours, "nl")) == [
        ["", "2020", "37.469 uur", "€ 168,21", "€ 6.302.721"]]


# --- breakdown charts ---------------------------------------------------------------------

def test_totals_are_drawn_apart_from_their_parts():
    figure = breakdown_figure("t", "T", cross_table(PHASES, "nl"), "nl")
    root = ET.fromstring(figure.chart.svg)
    rule = [float(x.get("y1")) for x in root.iter(SVG + "line") if x.get("stroke-dasharray") == "4 3"]
    assert len(rule) == 1
    labels = {t: (y, w) for y, t, w in texts(figure.chart.svg)}
    assert labels["Start"][0] < rule[0] < labels["Totaal"][0]
    assert labels["Totaal"][1] == "bold"
    # the total column is written as numbers at the right, not drawn as a series
    assert "56" in labels and [t for _y, t, _w in texts(figure.chart.svg)].count("Totaal") == 2
    legend = [t for _y, t, _w in texts(figure.chart.svg)]
    assert "2019" in legend and "2020" in legend
    # one colour per series
    bars = [r.get("fill") for r in root.iter(SVG + "rect") if r.get("fill") in SERIES]
    assert set(bars) == set(SERIES[:2])


def test_many_values_become_a_dot_plot_and_labels_are_wrapped_not_cut():
    regions = table(["region", "year"], [
        (f"Regio met een lange naam nummer {i}", year, 10.0 + i, None)
        for i in range(12) for year in ("2020", "2040")], "ratio", 1)
    figure = breakdown_figure("t", "T", cross_table(regions, "nl"), "nl")
    root = ET.fromstring(figure.chart.svg)
    assert 24 > MAX_BARS
    assert not [r for r in root.iter(SVG + "rect")
                if r.get("fill") in SERIES and float(r.get("width", 0)) > 14]  # no bars
    words = " ".join(t for _y, t, _w in texts(figure.chart.svg))
    assert "…" not in words and words.count("nummer 11") == 1
    assert "Verhouding" in words  # the value axis has a title with the unit


# --- the key figure over time, on the fixture site -------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    url = sqlite_url(tmp_path_factory.mktemp("charts") / "charts.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    with Session(engine) as session:
        snapshot = build_snapshot(session)
    return TestClient(create_app(url)), snapshot


def test_the_axis_shows_the_period_the_data_describe(site):
    _client, snapshot = site
    chart = snapshot.indicators[("quality-of-life", "nl")].figure.chart
    found = texts(chart.svg)
    axis = [t for _y, t, w in found if w == "bold" and "%" not in t and "Periode" not in t
            and t != "Percentage"]  # the point labels, the axis titles
    assert axis == ["periode niet vermeld", "periode niet vermeld", "02-2020 t/m 01-2021"]
    assert {"Monitor 2019", "Monitor 2020", "Monitor 2021"} <= {t for _y, t, _w in found}
    assert "Periode waarover het cijfer gaat (editie die het toonde)" in {t for _y, t, _w in found}
    assert "Percentage" in {t for _y, t, _w in found}


def test_a_change_of_definition_breaks_the_series(site):
    _client, snapshot = site
    view = snapshot.indicators[("purchaser-cooperation", "en")]
    root = ET.fromstring(view.figure.chart.svg)
    breaks = [x for x in root.iter(SVG + "line") if x.get("stroke-dasharray") == "5 4"]
    assert len(breaks) == 2  # the break and its legend
    assert "definition changed" in breaks[0].find(SVG + "title").text
    assert "series break: figures not comparable" in view.figure.chart.svg
    # a figure shown by two editions is one point; a single figure has no chart
    carers = snapshot.indicators[("overburdened-carers", "nl")].figure
    assert [r[0] for r in carers.rows[1:]] == ["2019, 2020", "2021"]


def test_a_lower_bound_is_drawn_open_and_explained(site):
    _client, snapshot = site
    svg = snapshot.indicators[("elderly-care-physician-hours", "nl")].figure.chart.svg
    assert 'fill="#ffffff"' in svg and "minimumschatting: ten minste zoveel" in svg


# --- downloads --------------------------------------------------------------------------

def test_every_chart_downloads_as_svg_png_and_csv(site):
    client, snapshot = site
    page = client.get("/indicator/quality-of-life").text
    assert 'href="/grafiek/lt-2021-table-2.svg"' in page and 'href="/grafiek/quality-of-life-trend.png"' in page
    svg = client.get("/grafiek/lt-2021-table-2.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    root = ET.fromstring(svg.content)
    assert root.tag == SVG + "svg" and root.find(SVG + "title").text == "Kwaliteit van leven naar rapportcijfer"
    png = client.get("/grafiek/lt-2021-table-2.png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n" and png.headers["content-type"] == "image/png"
    data = client.get("/en/chart/lt-2021-table-2.csv")
    rows = list(csv.reader(io.StringIO(data.text)))
    cross = snapshot.indicators[("quality-of-life", "en")].tables[0].cross
    assert rows[0] == ["Mark", "Percentage"]
    assert rows[1:] == [[r.label, f"{r.cells[0].value:g}"] for g in cross.groups for r in g.rows]
    assert "attachment" in data.headers["content-disposition"]
    again = client.get("/grafiek/lt-2021-table-2.png", headers={"If-None-Match": png.headers["etag"]})
    assert again.status_code == 304
    missing = client.get("/grafiek/lt-2021-table-2.gif")
    assert missing.status_code == 404 and "grafiek" in missing.text


def test_indicator_page_numbers_its_figures_and_tables(site):
    client, _snapshot = site
    from test_public_pages import visible
    text = visible(client.get("/indicator/quality-of-life").text)
    assert "Tabel 1: Kerncijfer per editie" in text and "Tabel 2: Kwaliteit van leven naar" in text
    assert "Figuur 1: Het percentage 75-plussers" in text and "Figuur 2: Kwaliteit van leven" in text
    english = visible(client.get("/en/indicator/quality-of-life").text)
    assert "Table 2: Quality of life by mark" in english and "Figure 1:" in english
