"""The housing page in a real browser: it renders in both languages with synthetic
deliveries and an estimated target per area, fits a phone, and axe finds no WCAG 2.1 A or
AA violation."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from conftest import FIXTURE_CONTENT, check_with_axe, serve
from langerthuis import model as m
from langerthuis.cli import main
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.housing.estimate import AreaTargetRow
from langerthuis.store import load_content, make_engine
from test_housing import PLACES, _content_with_target

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def housing_url(browser, tmp_path_factory):
    """A served site with the housing target, an estimate over four municipalities and
    synthetic deliveries of every source."""
    tmp = tmp_path_factory.mktemp("housing-browser")
    content = tmp / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    checked = check_content(_content_with_target(content))
    shares = {"GM0363": 4, "GM0392": 1, "GM0599": 4, "GM0518": 1}
    for c in checked.housing_targets[0].categories:
        for code, share in shares.items():
            name, province, province_name = PLACES[code]
            checked.area_estimates.append(AreaTargetRow(
                "wozo-homes-2030", "estimate", 2024, "municipality", code, name, c.category,
                c.homes * share // 10, "test"))
        for province, name in (("PV27", "Noord-Holland"), ("PV28", "Zuid-Holland")):
            checked.area_estimates.append(AreaTargetRow(
                "wozo-homes-2030", "estimate", 2024, "province", province, name, c.category,
                c.homes // 2, "test"))
    url = sqlite_url(tmp / "site.sqlite")
    engine = make_engine(url)
    load_content(engine, checked)
    with Session(engine) as session, session.begin():
        session.add_all(m.Municipality(year=2024, code=code, name=name, province_code=pc,
                                       province=pn, derived=False)
                        for code, (name, pc, pn) in PLACES.items())
    engine.dispose()
    run = CliRunner().invoke
    assert run(main, ["deliveries", "generate", str(tmp / "syn"), "--records", "300",
                      "--database", url]).exit_code == 0
    for source in ("woonbase", "dvi", "housebuilding-monitor", "zn", "subsidy"):
        result = run(main, ["deliveries", "import", str(tmp / "syn" / f"{source}.csv"),
                            "--source", source, "--database", url])
        assert result.exit_code == 0, result.output
    with serve(url) as base:
        yield base


@pytest.mark.parametrize("path", ["/wonen", "/en/housing"])
def test_housing_page_renders_and_passes_axe(axe_page, housing_url, path):
    page = axe_page
    response = page.goto(housing_url + path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    text = page.locator("main").inner_text()
    assert ("Synthetische gegevens" in text) if path == "/wonen" else ("Synthetic data" in text)
    assert ("onze schatting" in text) if path == "/wonen" else ("our estimate" in text)
    check_with_axe(page)


def test_housing_page_fits_a_phone(browser, housing_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(housing_url + "/wonen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
