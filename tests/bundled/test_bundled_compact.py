"""The compact dashboard of the bundled monitor (all 34 indicators of 2021) printed by
chromium: one A4 page, with no label or status cut off."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import serve

pytestmark = [pytest.mark.bundled, pytest.mark.browser]

#: Elements of a card whose text would be cut if it overflowed its box.
CUT = """() => [...document.querySelectorAll(
    '.compact .card .label, .compact .card .meta, .compact .card .status, .compact .card .value')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
  .map(e => e.textContent.trim())"""


@pytest.fixture(scope="module")
def bundled_url(browser, bundled_site):
    with serve(bundled_site) as url:
        yield url


@pytest.mark.parametrize("path", ["/monitor/2021?weergave=compact",
                                  "/en/monitor/2021?view=compact",
                                  "/monitor/2019?weergave=compact"])
def test_the_compact_dashboard_prints_on_one_a4_page_with_nothing_cut(browser, bundled_url,
                                                                       path):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    pg.goto(bundled_url + path)
    pg.emulate_media(media="print")
    assert pg.evaluate(CUT) == []
    assert len(PdfReader(io.BytesIO(pg.pdf(format="A4"))).pages) == 1
    context.close()
