"""The initiative map on the fixture content with the open data's boundaries: the year
selects that year's initiatives and only years with data are offered, dots are coloured
per action line with counts in the legend, krimp regions are outlined, and the table
alternative sorts without script."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import FIXTURE_CONTENT
from langerthuis.app import create_app
from langerthuis.charts.maps import LINE_COLOURS, OUTLINE
from langerthuis.config import load_settings, sqlite_url
from langerthuis.pipeline import prepare
from langerthuis.store import load_content, make_engine
from test_public_pages import visible


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    prepared = prepare(FIXTURE_CONTENT, load_settings().open_data_dir)
    if prepared.registry is None:
        pytest.skip("the open data (LANGERTHUIS_OPEN_DATA_DIR) is not here")
    url = sqlite_url(tmp_path_factory.mktemp("map") / "map.sqlite")
    load_content(make_engine(url), prepared.content, prepared.registry, prepared.population)
    return TestClient(create_app(url))


def test_the_year_selects_its_initiatives_and_only_years_with_data_are_offered(client):
    html = client.get("/kaart").text
    text = visible(html)
    assert "<option selected>2020</option>" in html  # the latest year with placed initiatives
    assert "<option>2019</option>" not in html and "<option>2023</option>" not in html
    assert "Amsterdam (GM0363)" in text and "1 lokaal initiatief in 1 gemeente" in text
    assert client.get("/kaart?jaar=2023").status_code == 404
    assert "er zijn kaarten van 2020." in client.get("/kaart?jaar=2023").text


def test_dots_per_action_line_with_counts_and_krimp_regions_outlined(client):
    html = client.get("/en/map").text
    assert f'fill="{LINE_COLOURS[2]}"' in html
    assert "Action line 2: 1 initiative in 1 municipality" in html
    assert f'stroke="{OUTLINE}" stroke-width="1.6"' in html and "Shrinking region" in html


def test_the_table_sorts_by_a_link_per_column(client):
    html = client.get("/kaart?sorteer=year").text
    assert 'aria-sort="ascending"><a href="/kaart?sorteer=year#map-table"' in html
    assert 'href="/kaart?sorteer=action_line#map-table"' in html
    assert client.get("/kaart?sorteer=colour").status_code == 400
