"""What the pages show, on the fixture content: the dashboard at a glance (previous value,
counts per cell, legend, jump links, what a narrative card says without stories), every
indicator page as of an edition, and the methods page."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from test_public_pages import visible


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = sqlite_url(tmp_path_factory.mktemp("pages") / "pages.sqlite")
    load_content(make_engine(url), check_content(FIXTURE_CONTENT))
    return TestClient(create_app(url))


def test_dashboard_at_a_glance(client):
    text = visible(client.get("/monitor/2021").text)
    assert "69% ervaart een goede kwaliteit van leven Nr. 1 ▲ gewenste richting (" in text
    # the words "previous edition" are a span of their own (the compact view hides them)
    assert "(vorige editie 2020: 68%)" in re.sub(r"<[^>]+>", "", client.get("/monitor/2021").text)
    assert "1 ongewenst" in text and "2 niet vergelijkbaar" in text
    assert "Zo leest u het dashboard" in text and 'href="#legend"' in client.get("/monitor/2021").text
    english = visible(client.get("/en/monitor/2021").text)
    assert "previous edition 2020: 68%)" in english and "How to read the dashboard" in english


def test_a_narrative_card_without_stories_says_the_sources_lack_them(client):
    text = visible(client.get("/monitor/2019").text)
    assert "geen verhalen beschikbaar" in text and "0 verhalen" not in text


def test_indicator_as_of_an_edition(client):
    html = client.get("/indicator/quality-of-life?editie=2020").text
    text = visible(html)
    assert "Zoals getoond in de editie 2020." in text and "Kerncijfer 68%" in text
    assert "69%" not in text  # the 2021 figure came later
    assert 'href="/en/indicator/quality-of-life?edition=2020"' in html
    assert "As shown in the edition 2020." in visible(
        client.get("/en/indicator/quality-of-life?edition=2020").text)
    assert client.get("/indicator/quality-of-life?editie=2018").status_code == 404
    assert client.get("/indicator/quality-of-life?editie=abc").status_code == 400


def test_methods_page_explains_the_notes_in_the_page_language(client):
    nl = visible(client.get("/verantwoording/2019").text)
    assert "Het dashboard van 2019 noemt een ander aantal uren" in nl
    en = visible(client.get("/en/methods/2019").text)
    assert "The 2019 dashboard prints a different number of hours" in en
    assert "Het dashboard" not in en
    indicator = client.get("/indicator/elderly-care-physician-hours").text
    assert "/verantwoording/2019#methods-elderly-care-physician-hours" in indicator
    assert 'id="methods-elderly-care-physician-hours"' in client.get("/verantwoording/2019").text


def test_search_finds_initiatives_and_shows_where_it_matched(client):
    html = client.get("/zoeken?q=amsterdam").text
    assert "Lokale initiatieven (1)" in html
    assert 'href="/kaart?jaar=2020#map-table"' in html
    assert "<mark>Amsterdam</mark>" in html
    story = client.get("/en/search?q=carer").text
    assert '<small class="snippet">' in story and "<mark>" in story
    assert "<mark>&lt;b&gt;" not in client.get("/zoeken?q=%3Cb%3E").text
