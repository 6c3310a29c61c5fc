"""The website in a real browser (Debian's chromium driven by Playwright), on the fixture
content: every kind of page renders, the dashboard and an indicator page work by keyboard
alone, and axe finds no WCAG 2.1 A or AA violation; the same for the static export.
Screenshots are kept in test-artifacts/. The bundled content's pages are checked with axe
in tests/bundled/test_bundled_site.py."""
from __future__ import annotations

import io
import re

import pytest

from conftest import OPEN_DATA, VIEWPORT, check_with_axe, serve
from langerthuis.config import CHECKOUT
from langerthuis.web.local import local_server

pytestmark = pytest.mark.browser

ARTIFACTS = CHECKOUT / "test-artifacts"


@pytest.fixture(scope="session")
def base_url(browser, fixture_site):
    """`langerthuis serve` of the fixture site (with geography)."""
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def static_url(browser, static_site):
    """The static export of the same site, served by Python's plain file server."""
    with local_server(["http.server", "{port}", "--bind", "127.0.0.1", "--directory",
                       str(static_site)], "/index.html") as url:
        yield url


#: A page of every kind (pages that show the open data need it beside the checkout).
PAGES = {
    "dashboard": "/monitor/2021", "dashboard-2019": "/monitor/2019",
    "dashboard-en": "/en/monitor/2020", "indicator": "/indicator/elderly-care-physician-hours",
    "indicator-narrative": "/indicator/carer-stories",
    "indicator-en": "/en/indicator/quality-of-life", "programme": "/programma",
    "indicator-computed": "/indicator/oldest-old-support-ratio",
    "map-choropleth": "/kaart?jaar=2021&tabel=oldest-old-support-ratio-2021-cbs-table",
    "actions": "/acties?actielijn=2", "actions-en": "/en/actions", "map": "/kaart",
    "map-en": "/en/map?year=2020&action_line=2", "reflection": "/beschouwing/2021",
    "reflection-en": "/en/reflection/2021", "search": "/zoeken?q=mantelzorg",
    "about": "/over", "not-found": "/indicator/does-not-exist",
    "methods": "/verantwoording/2021", "methods-en": "/en/methods/2019",
    "indicator-as-of": "/indicator/quality-of-life?editie=2020",
    "action": "/acties/lt-action-1", "action-en": "/en/actions/lt-action-2",
    "dashboard-compact": "/monitor/2021?weergave=compact",
    "municipality": "/gemeente/amsterdam", "municipality-en": "/en/municipality/voorne-aan-zee",
    "municipalities": "/gemeenten?provincie=Zeeland", "municipalities-en": "/en/municipalities",
    "search-municipality": "/zoeken?q=den+bosch",
    "indicator-findings": "/indicator/overburdened-carers?editie=2021",
    "introduction": "/inleiding", "introduction-en": "/en/introduction",
    "accessibility": "/toegankelijkheid", "accessibility-en": "/en/accessibility",
    "report-html": "/rapport/2021.html", "report-html-en": "/en/report/2021.html",
}
NEEDS_OPEN_DATA = {"indicator-computed", "map-choropleth", "municipality", "municipality-en",
                   "municipalities", "municipalities-en", "search-municipality"}
#: The page kinds of Mijn gemeente and the compact dashboard, checked at phone width too.
PHONE_PAGES = ("dashboard-compact", "municipality", "municipality-en", "municipalities",
               "search-municipality")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_renders_and_passes_axe(axe_page, base_url, name):
    page = axe_page
    if name in NEEDS_OPEN_DATA and not OPEN_DATA.is_dir():
        pytest.skip("open data not beside the checkout")
    response = page.goto(base_url + PAGES[name])
    for _ in range(120):  # a report not made yet is being prepared (503, Retry-After)
        if response.status != 503 or not name.startswith("report"):
            break
        page.wait_for_timeout(1000)
        response = page.goto(base_url + PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == ("en" if name.endswith("-en") else "nl")
    check_with_axe(page)


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_new_page_kinds_pass_axe_at_phone_width(axe_page, base_url, name):
    page = axe_page
    if name in NEEDS_OPEN_DATA and not OPEN_DATA.is_dir():
        pytest.skip("open data not beside the checkout")
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        assert page.goto(base_url + PAGES[name]).status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        check_with_axe(page)
    finally:
        page.set_viewport_size(VIEWPORT)


def test_every_page_reflows_at_320_pixels(browser, base_url):
    """WCAG 1.4.10 (reflow), as the accessibility statement promises: at 320 CSS pixels wide
    (a page enlarged four times) no page makes the reader scroll sideways; wide tables and
    charts scroll inside their own box."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    wide = []
    for name, path in sorted(PAGES.items()):
        if name in NEEDS_OPEN_DATA and not OPEN_DATA.is_dir():
            continue
        pg.goto(base_url + path)
        if pg.evaluate("document.documentElement.scrollWidth") > 320:
            wide.append(name)
    context.close()
    assert wide == []


def test_municipality_by_keyboard(page, base_url):
    """From the index to a municipality's page and on to a similar municipality, by keyboard."""
    if not OPEN_DATA.is_dir():
        pytest.skip("open data not beside the checkout")
    page.goto(base_url + "/gemeenten?provincie=Zeeland")
    page.locator("tbody a", has_text="Goes").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gemeente/goes")
    assert page.locator("h1").inner_text() == "Goes"
    page.locator("#similar").scroll_into_view_if_needed()
    link = page.locator("section[aria-labelledby=similar] tbody a").first
    link.focus()
    target = link.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + target)
    assert page.locator("h1").count() == 1


def test_the_compact_dashboard_fits_one_screen_and_one_printed_page(browser, base_url):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    pg.goto(base_url + "/monitor/2021?weergave=compact")
    bottom = pg.evaluate("document.querySelector('.matrix').getBoundingClientRect().bottom")
    assert bottom <= 768
    from pypdf import PdfReader
    assert len(PdfReader(io.BytesIO(pg.pdf(format="A4"))).pages) == 1
    context.close()


STATIC_PAGES = ["/monitor/2021", "/monitor/2019", "/en/monitor/2020",
                "/indicator/elderly-care-physician-hours", "/en/indicator/quality-of-life",
                "/indicator/carer-stories", "/programma", "/acties", "/acties/lt-action-1",
                "/kaart",
                "/beschouwing/2021", "/en/reflection/2021", "/over", "/inleiding",
                "/toegankelijkheid"]


@pytest.mark.parametrize("path", STATIC_PAGES)
def test_static_export_renders_and_passes_axe(axe_page, static_url, path):
    page = axe_page
    from langerthuis.static_site import file_for
    response = page.goto(f"{static_url}/{file_for(path)}")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.styleSheets.length") >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('.utrecht-page-header')).backgroundColor") \
        == "rgb(21, 66, 115)"  # the stylesheet is found through its relative link
    check_with_axe(page)


def test_static_export_by_keyboard(page, static_url):
    page.goto(f"{static_url}/monitor/2021/index.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if "indicator/" in href:
            break
    assert href == "../../indicator/quality-of-life/index.html"
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicator/quality-of-life/index.html")
    page.locator("a", has_text="Kerncijfer (CSV)").focus()
    assert page.evaluate("document.activeElement.getAttribute('href')") == \
        "../../data/indicators/quality-of-life.csv"


def test_dashboard_by_keyboard(page, base_url):
    page.goto(base_url + "/monitor/2021")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "nl-skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # Tab on to the first indicator card: the overall indicator.
    for _ in range(10):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith("/indicator/"):
            break
    assert href == "/indicator/quality-of-life"
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicator/quality-of-life")
    assert page.locator("h1").inner_text().startswith("Het percentage 75-plussers")


def test_edition_switcher_by_keyboard(page, base_url):
    page.goto(base_url + "/monitor/2021")
    page.locator(".editions a", has_text="2019").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/monitor/2019")
    assert page.locator("h1").inner_text() == "Monitor Langer Thuis 2019"


def test_indicator_page_by_keyboard(page, base_url):
    page.goto(base_url + "/indicator/overburdened-carers")
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.textContent.trim()"))
        if "CSV" in seen[-1]:
            break
    assert any("CSV" in s for s in seen), seen
    focused_outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle")
    assert focused_outline != "none"


def test_filters_work_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(base_url + "/acties")
    assert pg.locator("table.actions tbody tr").count() == 2
    pg.select_option("#f-line", "2")
    pg.click("form.filters button")
    pg.wait_for_url(re.compile(r".*actielijn=2.*"))
    assert pg.locator("table.actions tbody tr").count() == 1
    assert "Synthetic fixture action about respite care" in pg.locator("table.actions").inner_text()
    context.close()


def test_screenshots(browser, base_url):
    """Every kind of page at desktop and phone width, kept to look at (test-artifacts/)."""
    take_screenshots(browser, base_url, {name: path for name, path in PAGES.items()
                                         if name not in NEEDS_OPEN_DATA or OPEN_DATA.is_dir()})


def take_screenshots(browser, base_url: str, pages: dict[str, str]) -> None:
    """`pages` (name -> path) at desktop and phone width into test-artifacts/, none of them
    wider than the screen."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width, suffix in ((1366, "desktop"), (390, "phone")):
        context = browser.new_context(viewport={"width": width, "height": 900})
        pg = context.new_page()
        for name, path in sorted(pages.items()):
            pg.goto(base_url + path)
            shot = ARTIFACTS / f"{name}-{suffix}.png"
            pg.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 5_000, shot
            # nothing makes the reader scroll sideways
            assert pg.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
        context.close()


#: A trend chart that is drawn wider than its box (and so hides its last value or a series
#: break), or a wide table that hides columns, at the widths of a small phone, a phone and a
#: laptop.
OVERFLOW = """() => ({
  charts: [...document.querySelectorAll('figure.trend .chart svg')].map(svg => {
    const box = svg.parentElement.getBoundingClientRect(), r = svg.getBoundingClientRect();
    const marks = [...svg.querySelectorAll('circle, line[stroke-dasharray], text')]
      .map(e => e.getBoundingClientRect())
      .filter(m => m.right > box.right + 1 || m.left < box.left - 1);
    return {wider: r.width > box.width + 1, hidden: marks.length};
  }).filter(c => c.wider || c.hidden),
  tables: [...document.querySelectorAll('table.stack')]
    .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length,
})"""


@pytest.mark.parametrize("width", [320, 390, 1366])
def test_charts_and_the_municipality_index_fit_the_screen(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    pg = context.new_page()
    for path in ("/indicator/elderly-care-physician-hours", "/indicator/quality-of-life",
                 "/en/indicator/quality-of-life", "/gemeenten"):
        pg.goto(base_url + path)
        found = pg.evaluate(OVERFLOW)
        assert found == {"charts": [], "tables": 0}, (width, path, found)
    context.close()
