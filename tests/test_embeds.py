"""Embeds: a chart, an indicator's key figure card and a municipality's summary at
/embed/..., framable by any site while every other page refuses to be framed; the embed code
on the pages they come from; the downloaded pictures name title, source, licence and
permalink. In chromium: an embed inside a page of another origin (a second local server)
renders, a normal page does not."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from langerthuis.app import create_app
from conftest import OPEN_DATA, serve

EMBED_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
             "base-uri 'none'; frame-ancestors *")


@pytest.fixture(scope="module")
def client(fixture_database):
    return TestClient(create_app(fixture_database[0]))


@pytest.mark.parametrize("path", ["/embed/indicator/quality-of-life",
                                  "/embed/grafiek/quality-of-life-trend",
                                  "/en/embed/chart/lt-2021-table-2"])
def test_embeds_may_be_framed_and_carry_their_source(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == EMBED_CSP
    assert "x-frame-options" not in response.headers
    text = response.text
    assert "<nav" not in text and "nl-skip-link" not in text  # no navigation
    assert "https://creativecommons.org/licenses/by/4.0/" in text
    assert ("Bron: RIVM, Monitor Langer Thuis (testgegevens)" in text
            or "Source: RIVM, Monitor Langer Thuis (test data)" in text)
    assert 'target="_blank"' in text and "/indicator/quality-of-life" in text


def test_every_other_page_still_refuses_to_be_framed(client):
    for path in ("/monitor/2021", "/indicator/quality-of-life", "/embed/grafiek/nope"):
        response = client.get(path)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/embed/grafiek/nope").status_code == 404


def test_the_indicator_page_has_the_embed_code(client):
    page = client.get("/indicator/quality-of-life").text
    assert '<h2 id="embed">Insluiten</h2>' in page
    assert ('&lt;iframe src="/embed/indicator/quality-of-life"' in page
            or '<iframe src="/embed/indicator/quality-of-life"' in page)
    assert "/embed/grafiek/quality-of-life-trend" in page


def test_the_key_figure_card_shows_the_figure(client):
    card = client.get("/embed/indicator/quality-of-life").text
    assert '<p class="value">69%</p>' in card


def test_downloaded_pictures_name_title_source_licence_and_permalink(client):
    svg = client.get("/grafiek/quality-of-life-trend.svg").text
    assert "<dc:source>Bron: RIVM, Monitor Langer Thuis (testgegevens)</dc:source>" in svg
    assert 'cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"' in svg
    assert ">/grafiek/quality-of-life-trend.svg</text>" in svg
    assert "Het percentage 75-plussers met een goede kwaliteit van leven, door de tijd" in svg
    from pypdf import PdfReader  # noqa: F401  (the PNG is drawn from the same SVG)
    png = client.get("/grafiek/quality-of-life-trend.png").content
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    import struct
    width, height = struct.unpack(">II", png[16:24])
    assert height > 2 * 294  # the chart's 294 px at scale 2, and the credit band below


def test_a_municipality_summary_embeds(fixture_site):
    if not OPEN_DATA.is_dir():
        pytest.skip("open data not beside the checkout")
    client = TestClient(create_app(fixture_site))
    response = client.get("/embed/gemeente/amsterdam")
    assert response.status_code == 200 and "<h1 class=\"embed-title\">Amsterdam</h1>" in response.text
    assert response.headers["content-security-policy"] == EMBED_CSP
    assert "/embed/gemeente/amsterdam" in client.get("/gemeente/amsterdam").text


@pytest.mark.browser
def test_an_embed_renders_inside_another_origin_and_a_page_does_not(browser, fixture_database,
                                                                    tmp_path):
    from langerthuis.web.local import local_server
    with serve(fixture_database[0]) as site:
        (tmp_path / "host.html").write_text(
            '<!doctype html><html lang="nl"><title>Gemeente Voorbeeld</title>'
            f'<iframe name="embed" src="{site}/embed/indicator/quality-of-life" '
            'title="embed" width="600" height="400"></iframe>'
            f'<iframe name="normal" src="{site}/monitor/2021" title="page" width="600" '
            'height="400"></iframe></html>', encoding="utf-8")
        with local_server(["http.server", "{port}", "--bind", "127.0.0.1", "--directory",
                           str(tmp_path)], "/host.html") as host:
            assert host.rsplit(":", 1)[1] != site.rsplit(":", 1)[1]  # another origin
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.goto(host + "/host.html")
            embed = page.frame_locator('iframe[name="embed"]')
            embed.locator("h1.embed-title").wait_for(timeout=30_000)
            assert embed.locator("p.value").inner_text() == "69%"
            page.wait_for_timeout(1000)
            normal = page.frame(name="normal")
            # chromium refuses the frame (frame-ancestors 'none'): no page of the site in it
            assert normal is None or normal.url.startswith("chrome-error:") or \
                normal.locator(".utrecht-page-header").count() == 0
            page.screenshot(path=str(tmp_path / "embed-in-host.png"))
            context.close()
