"""Cite this: the indicator page offers a citation of the indicator, each table and each
chart (publisher, title, edition, date, permalink, date of access) with CSL-JSON and
BibTeX, and the API the same. On the fixture content."""
from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from langerthuis.app import create_app
from langerthuis.formatting import format_date


@pytest.fixture(scope="module")
def client(fixture_database, monkeypatch_module):
    monkeypatch_module.setenv("LANGERTHUIS_BASE_URL", "https://monitor.example")
    return TestClient(create_app(fixture_database[0]))


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_the_indicator_page_offers_cite_this(client):
    page = client.get("/indicator/quality-of-life?editie=2020").text
    assert '<h2 id="cite">Citeer dit</h2>' in page
    today = format_date(dt.date.today(), "nl")
    assert ("Rijksinstituut voor Volksgezondheid en Milieu. Het percentage 75-plussers met "
            "een goede kwaliteit van leven. In: Monitor Langer Thuis 2020. 3 juli 2020. "
            "https://monitor.example/indicator/quality-of-life?editie=2020 (geraadpleegd op "
            f"{today}).") in page
    csl = [json.loads(html.unescape(x)) for x in re.findall(r"<pre><code>(\[.*?\])</code></pre>",
                                                             page, re.S)]
    first = csl[0][0]
    assert first["type"] == "dataset" and first["issued"] == {"date-parts": [[2020, 7, 3]]}
    assert first["container-title"] == "Monitor Langer Thuis 2020"
    assert first["URL"] == "https://monitor.example/indicator/quality-of-life?editie=2020"
    assert "@misc{langerthuis-quality-of-life-2020," in page and "urldate = {" in page
    # each table and chart of the page has its own
    assert "<h3>Figuur: " in page and len(csl) >= 2


def test_the_english_page_cites_in_english(client):
    page = client.get("/en/indicator/quality-of-life").text
    assert '<h2 id="cite">Cite this</h2>' in page and "(accessed " in page
    assert "https://monitor.example/en/indicator/quality-of-life" in page


def test_the_api_gives_the_same_citations(client):
    data = client.get("/api/indicators/quality-of-life/citation").json()["data"]
    assert data["nl"]["text"].startswith("Rijksinstituut voor Volksgezondheid en Milieu. Het "
                                         "percentage 75-plussers")
    assert data["en"]["csl"]["language"] == "en"
    assert data["nl"]["csl"]["accessed"] == {"date-parts": [list(dt.date.today().timetuple()[:3])]}
    table = client.get("/api/tables/lt-2021-table-2/citation").json()["data"]
    assert table["nl"]["bibtex"].startswith("@misc{langerthuis-lt-2021-table-2,")
    assert client.get("/api/tables/no-such-table/citation").status_code == 404


def test_bibtex_escapes_its_special_characters():
    from langerthuis.views.citations import citation
    c = citation("k", "50% & {meer}", "V&VN", None, "https://x.example/a_b", dt.date(2024, 1, 2),
                 "nl")
    assert r"title = {{50\% \& \{meer\}}}" in c.bibtex and r"author = {{V\&VN}}" in c.bibtex
