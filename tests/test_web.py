"""The website's pages over HTTP (without a browser), on the fixture content: what they
show and link to. The bundled content's pages are checked in
tests/bundled/test_bundled_site.py."""
from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT, edit_yaml
from langerthuis import model as m
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine


def client_and_editions(url: str) -> tuple[TestClient, dict[int, list[str]]]:
    engine = make_engine(url)
    with Session(engine) as s:
        editions = {e.year: [x.indicator_id for x in e.entries] for e in s.scalars(select(m.Edition))}
    engine.dispose()
    return TestClient(create_app(url)), editions


@pytest.fixture(scope="module")
def site(fixture_site):
    """The fixture content loaded with geography and the computed support ratio."""
    return client_and_editions(fixture_site)


def check_every_indicator_is_reachable(client: TestClient, editions, year: int) -> None:
    html = client.get(f"/monitor/{year}").text
    linked = set(re.findall(r'href="/indicator/([a-z0-9-]+)"', html))
    assert linked == set(editions[year])
    for indicator_id in editions[year]:
        assert client.get(f"/indicator/{indicator_id}").status_code == 200


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_every_indicator_is_reachable_from_its_dashboard(site, year):
    client, editions = site
    check_every_indicator_is_reachable(client, editions, year)


def test_dashboard_2020_shows_the_carried_over_figure(site):
    client, _ = site
    html = client.get("/monitor/2020").text
    block = html[html.index("8,5%"):html.index("8,5%") + 600]
    assert "Nr. 14" in block and "niet geactualiseerd" in block


def test_dutch_and_english_formats(site):
    client, _ = site
    assert "37.469 uur" in client.get("/monitor/2021").text
    assert "37,469 hours" in client.get("/en/monitor/2021").text
    assert "1 maart 2021" in client.get("/indicator/carer-stories").text  # the story's date
    assert "1 March 2021" in client.get("/en/indicator/carer-stories").text


def test_direction_is_never_colour_alone(site):
    client, _ = site
    html = client.get("/monitor/2021").text
    # 14: overburdened carers went up from 8,5% to 9,1%, and lower is better
    assert 'class="change undesired"><span aria-hidden="true">▲</span> ongewenste richting' in html
    assert 'class="change desired"><span aria-hidden="true">▲</span> gewenste richting' in html
    assert 'class="change nc">niet vergelijkbaar' in html


def test_each_page_links_its_twin_in_the_other_language(site):
    client, _ = site
    html = client.get("/acties?actielijn=2").text
    assert 'href="/en/actions?action_line=2"' in html
    assert 'href="/indicator/quality-of-life"' in client.get("/en/indicator/quality-of-life").text


def test_actions_filter_by_line_and_lead(site):
    client, _ = site
    html = client.get("/acties?actielijn=2&trekker=mantelzorgnl").text
    assert "Acties (1 / 2)" in html
    assert "Synthetic fixture action about respite care" in html
    assert "Synthetic fixture action about self-reliance" not in html


def test_search(site):
    client, _ = site
    html = client.get("/zoeken?q=synthetic").text
    assert "/indicator/purchaser-cooperation" in html
    assert "Synthetic fixture action about respite care" in html
    assert "Niets gevonden." in client.get("/zoeken?q=xyzzy").text


def test_map_has_a_table_alternative_and_attribution(site, registry):
    client, _ = site
    html = client.get("/kaart?jaar=2020&actielijn=2").text
    assert "<svg" in html and "<title" in html and "Kaart: CBS, Kadaster" in html
    assert "Amsterdam" in html and "De kaart als tabel" in html


def test_the_map_shows_the_support_ratio(site, registry):
    """The support ratio computed from the open data at load is the map's choropleth."""
    client, _ = site
    html = client.get("/kaart?jaar=2021&tabel=oldest-old-support-ratio-2021-cbs-table").text
    assert "eigen berekening uit CBS-gegevens" in html
    assert "Eemsdelta" in html and html.count('fill="#f2f2f2"') < 5  # nearly every municipality has a value


def test_reflection_page(site):
    client, _ = site
    html = client.get("/beschouwing/2021").text
    assert "5 van de 5 indicatoren" in html
    assert "Onze regels tellen 1 van 3" in html  # a claim of the edition that differs


def test_indicator_download(site):
    client, _ = site
    response = client.get("/data/indicators/overburdened-carers.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["edition"], r["number"], r["value"], r["status"]) for r in rows] == [
        ("2019", "13", "8.5", "new"), ("2020", "14", "8.5", "not_updated"),
        ("2021", "14", "9.1", "new")]


def test_pages_follow_a_new_load(tmp_path, content_dir):
    url = sqlite_url(tmp_path / "reload.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(FIXTURE_CONTENT))
    client = TestClient(create_app(url))
    assert "69%" in client.get("/monitor/2021").text
    edit_yaml(content_dir / "lt/measurements.yaml",
              lambda d: d["measurements"][2].update(value=71))
    load_content(engine, check_content(content_dir))
    assert "71%" in client.get("/monitor/2021").text


def test_downloads_carry_the_licence(site):
    client, _ = site
    response = client.get("/data/key-figures.csv")
    assert response.headers["link"] == '</data/LICENSE.txt>; rel="license"'
    assert "CC BY 4.0" in response.headers["x-licence"]
    assert "CC BY 4.0" in client.get("/data/LICENSE.txt").text


def test_indicator_page_shows_our_own_computation(site, registry):
    client, _ = site
    html = client.get("/indicator/oldest-old-support-ratio").text
    assert "Eigen berekening" in html and "/verantwoording/2021#methods-computed" in html
    assert "tabel=oldest-old-support-ratio-2021-cbs-table" in html
    assert "sha256:" not in html and "duckdb" not in html  # provenance is in the open data
    methods = client.get("/verantwoording/2021").text
    assert 'id="methods-computed"' in methods  # how it was computed, in words
    assert "langerthuis compute" not in methods and "sha256:" not in methods
