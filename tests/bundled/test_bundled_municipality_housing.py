"""A municipality's page shows its housing task: its share of the national target of homes
for older people (our estimate, said so), per kind of home, with the homes planned and
realised there (none until deliveries are imported)."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from langerthuis.app import create_app
from langerthuis.store import make_engine
from langerthuis.store.dataset import read_dataset
from langerthuis.views.housing import housing_monitor

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def client(bundled_site):
    return TestClient(create_app(bundled_site))


def test_the_municipality_page_shows_its_share_of_the_target(client, bundled_site):
    from sqlalchemy.orm import Session
    engine = make_engine(bundled_site)
    with Session(engine) as session:
        monitor = housing_monitor(read_dataset(session))
    engine.dispose()
    amsterdam = {p.category: p for p in monitor.municipalities if p.code == "GM0363"}
    assert amsterdam["all"].target == sum(p.target for c, p in amsterdam.items() if c != "all")
    assert amsterdam["all"].target_kind == "estimate"
    page = client.get("/gemeente/amsterdam").text
    assert "Woningen voor ouderen (WOZO)" in page and "eigen schatting" in page
    section = page[page.index('id="housing"'):page.index('id="similar"')]
    shown = re.sub(r"\D", "", re.search(r'class="total"><th scope="row">[^<]+</th>'
                                        r'<td class="num">([^<]+)</td>', section).group(1))
    assert int(shown) == amsterdam["all"].target
    english = client.get("/en/municipality/amsterdam").text
    assert "Homes for older people (WOZO)" in english and "our own estimate" in english


def test_the_wozo_report_has_the_housing_monitor(client):
    report = client.get("/rapport/2023.html").text
    section = report[report.index('<section id="housing"'):]
    section = section[:section.index("</section>")]
    assert "290.000" in section and "170.000" in section and "nultredenwoningen" in section
    assert "eigen schatting" in section and "Noord-Holland" in section
    assert '<section id="housing">' not in client.get("/rapport/2021.html").text
    english = client.get("/en/report/2023.html").text
    assert "290,000" in english and "zero-step" in english.lower()


def test_the_housing_page_has_a_map_with_a_table_beside_it(client):
    page = client.get("/wonen").text
    assert page.count('class="map"') >= 1 and "Doel voor woningen voor ouderen, per gemeente" in page
    assert 'href="#per-municipality"' in page and 'id="per-municipality"' in page
    assert "<title>Amsterdam</title>" in page  # every municipality drawn, named for screen readers
