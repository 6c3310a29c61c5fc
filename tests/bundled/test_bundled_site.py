"""The bundled content (content/) on the website: the real figures and texts of the
monitor in its pages, the map with the named initiatives and the computed support ratio,
axe on a dashboard and indicator pages in the browser, and the whole monitor served from
PostgreSQL. The code behind these pages is tested on the fixture content in
tests/test_web.py and tests/test_browser.py."""
from __future__ import annotations

import csv
import io

import pytest

from conftest import OPEN_DATA, check_with_axe, serve
from test_web import check_every_indicator_is_reachable, client_and_editions

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def site(bundled_site):
    """The bundled content loaded as `langerthuis load` does (with geography)."""
    return client_and_editions(bundled_site)


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_every_indicator_is_reachable_from_its_dashboard(site, year):
    client, editions = site
    assert len(editions[year]) == {2019: 32, 2020: 34, 2021: 34}[year]
    check_every_indicator_is_reachable(client, editions, year)


def test_dashboards(site):
    client, _ = site
    html = client.get("/monitor/2020").text
    block = html[html.index("8,5%"):html.index("8,5%") + 600]
    assert "Nr. 14" in block and "niet geactualiseerd" in block
    html = client.get("/monitor/2021").text
    assert "37.469 uur" in html
    assert 'class="change undesired"><span aria-hidden="true">▼</span> ongewenste richting' in html
    assert 'class="change desired"><span aria-hidden="true">▲</span> gewenste richting' in html
    assert "37,469 hours" in client.get("/en/monitor/2021").text


def test_indicator_pages(site):
    client, _ = site
    assert "1 mei 2021" in client.get("/indicator/ehealth-subsidies").text
    assert "1 May 2021" in client.get("/en/indicator/ehealth-subsidies").text
    assert "13,3" in client.get("/indicator/oldest-old-support-ratio").text  # Tabel 14


def test_actions_filter_by_line_and_lead(site):
    client, _ = site
    html = client.get("/acties?actielijn=3&trekker=bzk").text
    assert "Acties (5 / 44)" in html
    assert "Ouderen helpen bij geschikt wonen" in html
    html = client.get("/acties?actielijn=3").text
    assert "Acties (11 / 44)" in html
    body = html[html.index('<table class="actions">'):]
    assert body[body.index("<tbody>"):body.index("</tbody>")].count("<tr") == 11


def test_search(site):
    client, _ = site
    html = client.get("/zoeken?q=logeerzorg").text
    assert "/indicator/respite-stay-pilots" in html and "Vergroten kennis over en aanbod" in html


def test_map_and_our_own_computation(site, registry):
    client, _ = site
    assert "Eigen berekening" in client.get("/indicator/oldest-old-support-ratio").text
    html = client.get("/kaart?jaar=2020&actielijn=2").text
    assert "Capelle aan den IJssel" in html and "De kaart als tabel" in html
    html = client.get("/kaart?jaar=2021&tabel=oldest-old-support-ratio-2021-cbs-table").text
    assert "eigen berekening uit CBS-gegevens" in html
    assert "Eemsdelta" in html and html.count('fill="#f2f2f2"') < 5


def test_reflection_page(site):
    client, _ = site
    html = client.get("/beschouwing/2021").text
    assert "29 van de 34 indicatoren" in html
    assert "Onze regels tellen 6 van 10" in html


def test_indicator_download(site):
    client, _ = site
    response = client.get("/data/indicators/overburdened-carers.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["edition"], r["number"], r["value"], r["status"]) for r in rows] == [
        ("2019", "13", "8.5", "new"), ("2020", "14", "8.5", "not_updated"),
        ("2021", "14", "9.1", "new")]


# --- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled_url(browser, bundled_site):
    with serve(bundled_site) as url:
        yield url


#: WOZO's page kinds: its dashboard, programme and actions pages (with the programme
#: switcher in the header), and indicator pages that show a series across both programmes.
WOZO_PAGES = {
    "wozo-dashboard": "/monitor/2023", "wozo-dashboard-en": "/en/monitor/2023",
    "wozo-programme": "/programma/wozo", "wozo-actions": "/programma/wozo/acties?actielijn=4",
    "wozo-actions-en": "/en/programme/wozo/actions", "wozo-indicator-continued": "/indicator/wozo-ehealth-grants",
    "lt-indicator-continued-en": "/en/indicator/housing-care-subsidies",
    "wozo-indicator-table": "/indicator/wozo-zzp-clients",
}


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/monitor/2021", "/indicator/elderly-care-physician-hours",
                                  "/indicator/stories-preparing-housing", "/programma",
                                  "/acties/lt-al1-a13", "/en/actions/lt-al2-a11", "/acties",
                                  "/wonen", *WOZO_PAGES.values()])
def test_page_passes_axe(axe_page, bundled_url, path):
    page = axe_page
    response = page.goto(bundled_url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    check_with_axe(page)


@pytest.mark.browser
def test_wozo_screenshots(browser, bundled_url):
    """WOZO's pages at desktop and phone width, kept to look at (test-artifacts/)."""
    from test_browser import take_screenshots
    take_screenshots(browser, bundled_url, WOZO_PAGES)


# --- on PostgreSQL --------------------------------------------------------------------------

@pytest.mark.postgresql
def test_the_whole_monitor_on_postgresql(pg_engine, request):
    """The bundled content with its geography, served from PostgreSQL."""
    from fastapi.testclient import TestClient

    from conftest import BUNDLED_CONTENT
    from langerthuis.app import create_app
    from langerthuis.content import check_content
    from langerthuis.store import load_content
    registry = request.getfixturevalue("registry") if OPEN_DATA.is_dir() else None
    load_content(pg_engine, check_content(BUNDLED_CONTENT), registry)
    client = TestClient(create_app(pg_engine.url.render_as_string(hide_password=False)))
    assert "37.469 uur" in client.get("/monitor/2021").text
    assert client.get("/api/analysis/lt-2021").json()["data"]["summary"]["updated"] == 29
    assert client.get("/api/measurements?edition=lt-2020").status_code == 200
    if registry is not None:
        assert "Capelle aan den IJssel" in client.get("/kaart?jaar=2019").text


def test_housing_page_shows_our_estimate_per_municipality(site):
    """The bundled site has the WOZO target and, without an official breakdown, our
    estimate for every municipality, labelled as such."""
    client, _ = site
    response = client.get("/wonen")
    assert response.status_code == 200
    assert "290.000" in response.text and "onze schatting" in response.text
    api = client.get("/api/housing/areas?level=municipality&category=all&limit=1000").json()
    assert api["meta"]["total"] == 342
    assert {a["target_kind"] for a in api["data"]} == {"estimate"}
    assert sum(a["target"] for a in api["data"]) == 290000
