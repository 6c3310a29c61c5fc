"""The monitor's own findings (figures in the text and numbered figures), its published
reflection and the introduction: what `check` rejects, how they load, and how the indicator
page, the reflection page, the introduction page, the report, the API and the downloads
show them (fixture content)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT, edit_yaml
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.opendata.importer import read_dataset
from langerthuis.store import load_content, make_engine
from langerthuis.store.dataset import read_dataset as read_store
from test_content_check import only
from test_public_pages import visible


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = sqlite_url(tmp_path_factory.mktemp("findings") / "findings.sqlite")
    load_content(make_engine(url), check_content(FIXTURE_CONTENT))
    return TestClient(create_app(url))


# --- check -----------------------------------------------------------------------------------

def test_a_figure_without_values_has_no_facts(content_dir: Path):
    def change(d):
        d["findings"][2]["facts"] = [{"label": "x", "label_en": "x", "value": 1, "unit": "count"}]
    edit_yaml(content_dir / "lt/findings.yaml", change)
    msg = only(content_dir)
    assert "lt/findings.yaml" in msg and "findings[2] (id 'f-figure-6').facts" in msg
    assert "figure_values is 'none'" in msg


def test_a_figure_says_how_many_values_are_published(content_dir: Path):
    edit_yaml(content_dir / "lt/findings.yaml", lambda d: d["findings"][2].pop("figure_values"))
    msg = only(content_dir)
    assert "(id 'f-figure-6').figure_values" in msg and "all, some or none" in msg


def test_every_label_has_an_english_text(content_dir: Path):
    edit_yaml(content_dir / "lt/findings.yaml",
              lambda d: d["findings"][0]["facts"][1].pop("label_en"))
    msg = only(content_dir)
    assert "findings[0] (id 'f-carers-survey').facts[1].label_en" in msg
    assert "required key 'label_en' is missing" in msg


def test_a_fact_value_fits_its_unit(content_dir: Path):
    edit_yaml(content_dir / "lt/findings.yaml",
              lambda d: d["findings"][0]["facts"][0].update(value=185))
    msg = only(content_dir)
    assert "f-carers-survey" in msg and "value 185 is outside the range of a percentage" in msg


def test_a_chart_shows_one_unit(content_dir: Path):
    edit_yaml(content_dir / "lt/findings.yaml",
              lambda d: d["findings"][0]["facts"][1].update(unit="count", decimals=1))
    msg = only(content_dir)
    assert "(id 'f-carers-survey').chart" in msg and "count, percentage" in msg


def test_reflection_points_name_known_indicators(content_dir: Path):
    edit_yaml(content_dir / "lt/reflection.yaml",
              lambda d: d["reflection"][0].update(indicators=["quality-of-lif"]))
    msg = only(content_dir)
    assert "lt/reflection.yaml" in msg and "(id 'p-results').indicators[0]" in msg
    assert "did you mean 'quality-of-life'" in msg


def test_reflection_sections_are_a_vocabulary(content_dir: Path):
    edit_yaml(content_dir / "lt/reflection.yaml",
              lambda d: d["reflection"][0].update(section="conclusie"))
    msg = only(content_dir)
    assert "(id 'p-results').section" in msg and "found 'conclusie'" in msg
    assert "'recommendations'" in msg


def test_introduction_needs_both_languages(content_dir: Path):
    edit_yaml(content_dir / "lt/introduction.yaml", lambda d: d["introduction"][0].pop("text_en"))
    msg = only(content_dir)
    assert "lt/introduction.yaml" in msg and "(id 'intro-kinds').text_en" in msg


# --- store -----------------------------------------------------------------------------------

def test_findings_load_in_the_order_of_the_content(fixture_database):
    _url, engine = fixture_database
    with Session(engine) as session:
        data = read_store(session)
    survey = next(f for f in data.findings if f.id == "f-carers-survey")
    assert [x.label for x in survey.facts] == ["Kent respijtzorg", "Kent lotgenotencontact"]
    assert survey.facts[1].qualifiers == ["estimate"] and survey.facts[1].n == 3561
    # a fact without its own place in the sources takes the finding's
    assert survey.facts[0].source_location == "fixture, indicator 14, Verdieping"
    assert [p.id for p in data.reflection] == ["p-results", "p-recommend"]
    assert [s.id for s in data.introduction] == ["intro-kinds", "intro-baseline"]


# --- pages -----------------------------------------------------------------------------------

def test_indicator_page_shows_the_findings_of_each_edition(client):
    page = visible(client.get("/indicator/overburdened-carers?editie=2021").text)
    assert "Uit de tekst van de monitor" in page
    assert "Kent respijtzorg 85% 2019 3.561" in page
    assert "Kent lotgenotencontact 53,5% (schatting)" in page
    # a figure whose values the sources do not hold, with nothing else to say, is left out
    assert "Bekendheid met ondersteuning" not in page
    assert "De waarden van deze figuur staan niet in de bronnen" not in page
    assert "Een bevinding van 2020" not in page  # another edition's finding
    as_2020 = visible(client.get("/indicator/overburdened-carers?editie=2020").text)
    assert "Een bevinding van 2020" in as_2020 and "Kent respijtzorg" not in as_2020
    # as of 2019 there are none: the section is left out
    assert "Uit de tekst van de monitor" not in visible(
        client.get("/indicator/overburdened-carers?editie=2019").text)
    english = visible(client.get("/en/indicator/overburdened-carers").text)
    assert "From the text of the monitor" in english
    assert "Knows peer contact 53.5% (estimate)" in english and "Awareness of support" not in english
    assert "A note on the survey." in english and "Een toelichting" not in english


def test_a_finding_with_a_chart_has_its_numbers_in_a_table(client):
    html = client.get("/indicator/overburdened-carers?editie=2021").text
    assert "<svg" in html and "Kent respijtzorg: 85%; Kent lotgenotencontact: 53,5%" in html


def test_amounts_and_dates_in_the_readers_format(client):
    page = visible(client.get("/indicator/elderly-care-physician-hours").text)
    assert "Beschikbaar bedrag 90 miljoen euro 1 mei 2021" in page  # as the monitor wrote it
    english = visible(client.get("/en/indicator/elderly-care-physician-hours").text)
    assert "Amount available € 90 million 1 May 2021" in english


def test_reflection_page_shows_published_and_computed_reflection_apart(client):
    page = visible(client.get("/beschouwing/2021").text)
    published = page.index("Samenvatting van de beschouwing van RIVM")
    computed = page.index("Onze eigen vergelijking, berekend uit de cijfers")
    assert published < page.index("Blijf een kleine kernset volgen.") < computed
    assert "Aanbevelingen" in page
    html = client.get("/beschouwing/2021").text
    assert 'href="/indicator/quality-of-life"' in html
    english = visible(client.get("/en/reflection/2021").text)
    assert "Summary of the reflection by RIVM" in english
    assert "Keep following a small core set." in english and "kernset" not in english
    assert "not a text of RIVM" in english
    earlier = visible(client.get("/beschouwing/2019").text)
    assert "De bronnen bevatten geen gepubliceerde beschouwing van deze editie." in earlier


def test_introduction_page_in_both_languages(client):
    page = visible(client.get("/inleiding").text)
    assert "Inleiding op de monitor" in page and "Drie soorten indicatoren" in page
    assert "De eerste editie was de nulmeting." in page
    # the kinds of the programme's indicators, counted
    assert "Uitkomst 3" in page and "Totaal 6" in page
    english = visible(client.get("/en/introduction").text)
    assert "Introduction to the monitor" in english and "The baseline" in english
    assert "nulmeting" not in english
    assert 'hreflang="nl" href="/inleiding"' in client.get("/en/introduction").text


def test_report_shows_findings_reflection_and_introduction(client):
    html = client.get("/rapport/2021.html").text
    text = visible(html)
    assert "Kent respijtzorg" in text and "Bekendheid met ondersteuning" not in text
    assert "Samenvatting van de beschouwing van RIVM" in text
    assert "Onze eigen vergelijking, berekend uit de cijfers" in text
    assert "Drie soorten indicatoren" in text
    english = visible(client.get("/en/report/2021.html").text)
    assert "Three kinds of indicators" in english and "Knows respite care" in english


# --- API and downloads -----------------------------------------------------------------------

def test_api_lists_findings_reflection_and_introduction(client):
    body = client.get("/api/findings", params={"indicator": "overburdened-carers",
                                               "edition": "lt-2021"}).json()
    assert [f["id"] for f in body["data"]] == ["f-carers-survey", "f-figure-6"]
    survey = body["data"][0]
    assert survey["facts"][0] == {
        "label": "Kent respijtzorg", "label_en": "Knows respite care", "value": 85.0,
        "unit": "percentage", "decimals": 0, "printed": None, "period": "2019",
        "period_en": "2019", "reference_date": None, "n": 3561, "qualifiers": [],
        "source_location": "fixture, indicator 14, Verdieping"}
    points = client.get("/api/reflection-points", params={"indicator": "quality-of-life"}).json()
    assert [p["id"] for p in points["data"]] == ["p-results"]
    intro = client.get("/api/introduction").json()
    assert [s["id"] for s in intro["data"]] == ["intro-kinds", "intro-baseline"]


def test_findings_csv_has_a_row_per_fact_and_per_figure_without_values(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/data/findings.csv").text)))
    figure = [r for r in rows if r["finding_id"] == "f-figure-6"]
    assert len(figure) == 1 and figure[0]["figure"] == "6" and figure[0]["value"] == ""
    assert figure[0]["figure_values"] == "none"
    amount = next(r for r in rows if r["finding_id"] == "f-fte")
    assert amount["value"] == "90000000" and amount["printed"] == "90 miljoen euro"
    assert amount["reference_date"] == "2021-05-01" and amount["edition"] == "2021"
    per_indicator = json.loads(client.get("/data/indicators/overburdened-carers.json").text)
    assert {f["id"] for f in per_indicator["findings"]} == {"f-carers-survey", "f-figure-6",
                                                            "f-2020"}


def test_whole_dataset_export_imports_again(client, tmp_path: Path):
    path = tmp_path / "monitor.json"
    path.write_text(client.get("/data/monitor.json").text, encoding="utf-8")
    content = read_dataset(path)
    [p] = content.programmes
    assert {f.id for f in p.findings} == {"f-carers-survey", "f-fte", "f-figure-6", "f-2020"}
    survey = next(f for f in p.findings if f.id == "f-carers-survey")
    assert survey.facts[1].value == 53.5 and survey.facts[1].qualifiers == ["estimate"]
    assert [r.id for r in p.reflection] == ["p-results", "p-recommend"]
    assert [s.id for s in p.introduction] == ["intro-kinds", "intro-baseline"]


def test_a_quality_note_on_a_finding_is_on_the_methods_page_of_its_edition(client):
    methods = visible(client.get("/verantwoording/2021").text)
    assert "De twee aandelen in de enquête tellen niet op tot 100%." in methods
    assert "niet op tot 100%" not in visible(client.get("/verantwoording/2020").text)
    page = client.get("/indicator/overburdened-carers").text
    assert 'href="/verantwoording/2021#methods-overburdened-carers"' in page
    english = visible(client.get("/en/methods/2021").text)
    assert "The two shares in the survey do not add up to 100%." in english


def test_a_period_is_given_in_both_languages(content_dir: Path):
    edit_yaml(content_dir / "lt/findings.yaml",
              lambda d: d["findings"][0]["facts"][0].pop("period_en"))
    msg = only(content_dir)
    assert "findings[0] (id 'f-carers-survey').facts[0].period_en" in msg
    assert "one language only" in msg


def test_search_finds_an_indicator_by_its_findings(client):
    page = visible(client.get("/zoeken", params={"q": "lotgenotencontact"}).text)
    assert "Het percentage overbelaste mantelzorgers" in page
    english = visible(client.get("/en/search", params={"q": "peer contact"}).text)
    assert "Knows peer contact" in english


def test_excel_has_a_sheet_of_findings(client):
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(client.get("/data/monitor.xlsx").content), read_only=True)
    rows = list(book["Bevindingen"].iter_rows(values_only=True))
    assert rows[0][:3] == ("edition", "indicator_id", "finding_id")
    labels = [r[7] for r in rows[1:]]
    assert "Kent respijtzorg" in labels and "Beschikbaar bedrag" in labels
