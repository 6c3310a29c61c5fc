"""Mijn gemeente on the fixture content with the open data: a page for every municipality
of the latest registry year in both languages, its residents and support ratio checked
against the CBS files read independently here, similar municipalities by the documented
rule, the index sorted and filtered without script, search by name and variant, the API
resource, links from the map, and the compact dashboard."""
from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from conftest import OPEN_DATA
from langerthuis.app import create_app
from langerthuis.store import make_engine
from langerthuis.store.dataset import read_dataset
from langerthuis.views.municipality import SIMILAR, SIZE_CLASSES, municipality_data
from test_public_pages import visible


@pytest.fixture(scope="module")
def client(fixture_site):
    if not OPEN_DATA.is_dir():
        pytest.skip("the open data (LANGERTHUIS_OPEN_DATA_DIR) is not here")
    return TestClient(create_app(fixture_site))


@pytest.fixture(scope="module")
def md(fixture_site):
    if not OPEN_DATA.is_dir():
        pytest.skip("the open data (LANGERTHUIS_OPEN_DATA_DIR) is not here")
    engine = make_engine(fixture_site)
    with Session(engine) as session:
        found = municipality_data(read_dataset(session))
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def cbs():
    """Residents per municipality name (as postcodes.csv names it) and age band, summed
    from the PC4 rows of the CBS file, independently of the product's code."""
    with (OPEN_DATA / "population" / "postcodes.csv").open(encoding="utf-8") as f:
        place = {r["postcode"]: r["gemeente"] for r in csv.DictReader(f) if r["niveau"] == "PC4"}
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with (OPEN_DATA / "population" / "inwoners_per_postcode_leeftijd.csv").open(
            encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["niveau"] == "PC4" and place.get(r["postcode"]):
                out[place[r["postcode"]]][r["leeftijd"]] += float(r["inwoners"] or 0)
    return out


def _sum(bands: dict[str, float], names) -> float:
    return sum(bands.get(n, 0.0) for n in names)


OLD = ("75-79", "80-84", "85-89", "90-94", "95+")
OLDEST = ("85-89", "90-94", "95+")
CARERS = ("50-54", "55-59", "60-64", "65-69", "70-74")


def test_every_municipality_of_the_latest_year_has_facts(md, registry):
    assert md.year == max(registry.years) and md.population_year == 2021
    assert {x.code for x in md.items} == {x.code for x in registry.in_year(md.year)}
    assert all(x.residents is not None and x.support_ratio is not None for x in md.items)
    assert md.get("GM1992").name == "Voorne aan Zee"  # named from the open data's list


def test_residents_and_support_ratio_match_the_cbs_files(md, cbs):
    rotterdam = md.get("rotterdam")
    assert rotterdam.residents.aged_75 == _sum(cbs["Rotterdam"], OLD)
    assert rotterdam.residents.aged_85 == _sum(cbs["Rotterdam"], OLDEST)
    assert rotterdam.residents.total == sum(cbs["Rotterdam"].values())
    assert not rotterdam.support_ratio_recomputed and rotterdam.predecessors == ()
    assert rotterdam.support_ratio == round(
        _sum(cbs["Rotterdam"], CARERS) / _sum(cbs["Rotterdam"], OLDEST), 2)
    # A municipality formed after 2021: the sum of the three it was formed from.
    voorne = md.get("voorne-aan-zee")
    parts = [cbs[n] for n in ("Brielle", "Hellevoetsluis", "Westvoorne")]
    assert voorne.predecessors == ("Brielle", "Hellevoetsluis", "Westvoorne")
    assert voorne.residents.aged_75 == pytest.approx(sum(_sum(p, OLD) for p in parts))
    assert voorne.support_ratio_recomputed
    assert voorne.support_ratio == pytest.approx(
        sum(_sum(p, CARERS) for p in parts) / sum(_sum(p, OLDEST) for p in parts))
    assert md.country_ratio == 14.53 and md.country.share_75 == pytest.approx(8.49, abs=0.01)


def test_similar_municipalities_follow_the_documented_rule(md):
    by_code = md.by_code
    for x in md.items[::25]:
        peers = [by_code[c] for c in x.similar]
        assert len(peers) == SIMILAR and x.code not in x.similar
        assert {p.size_class for p in peers} == {x.size_class}
        low = SIZE_CLASSES[x.size_class]
        assert x.residents.total >= low
        worst = max(abs(p.residents.share_75 - x.residents.share_75) for p in peers)
        others = [y for y in md.items if y.size_class == x.size_class and y.code != x.code
                  and y.code not in x.similar]
        assert all(abs(y.residents.share_75 - x.residents.share_75) >= worst for y in others)


def test_the_page_in_both_languages(client):
    nl = client.get("/gemeente/amsterdam")
    assert nl.status_code == 200
    text = visible(nl.text)
    assert "Amsterdam" in text and "Weesp" in text  # merged in 2022
    assert "inwoners van 75 jaar en ouder" in text and "Nederland 14,53" in text
    assert "Noord-Holland" in text and "Vergelijkbare gemeenten" in text
    assert 'href="/indicator/' in nl.text  # the initiative there links to its indicator
    en = client.get("/en/municipality/GM0363")  # by code too
    assert en.status_code == 200
    assert "residents aged 75 or over" in visible(en.text) and "The Netherlands 14.53" in visible(en.text)
    assert 'hreflang="nl" href="/gemeente/amsterdam"' in en.text
    assert client.get("/gemeente/gm0363").status_code == 200
    shrinking = visible(client.get("/gemeente/eemsdelta").text)
    assert "Krimpregio Eemsdelta" in shrinking


def test_an_unknown_municipality_is_a_styled_404_in_the_pages_language(client):
    nl = client.get("/gemeente/atlantis")
    assert nl.status_code == 404 and "Er is geen gemeente atlantis" in visible(nl.text)
    en = client.get("/en/municipality/GM9999")
    assert en.status_code == 404 and "There is no municipality GM9999" in visible(en.text)
    assert '<html lang="en"' in en.text


def test_the_index_sorts_and_filters_without_script(client):
    html = client.get("/gemeenten").text
    assert html.count('href="/gemeente/') >= 340
    groningen = client.get("/gemeenten?provincie=Groningen&sorteer=share_75").text
    rows = [visible(r) for r in groningen.split("<tbody>")[1].split("</tr>")[:-1]]
    assert len(rows) == 10 and all("Groningen" in r for r in rows)
    shares = [float(r.split("%")[0].split()[-1].replace(",", ".")) for r in rows]
    assert shares == sorted(shares, reverse=True)
    assert client.get("/gemeenten?sorteer=colour").status_code == 400
    assert client.get("/en/municipalities?province=Atlantis").status_code == 404


def test_search_finds_municipalities_by_name_and_variant(client):
    found = client.get("/zoeken?q=Den+Bosch").text
    assert 'href="/gemeente/s-hertogenbosch"' in found and "<mark>Den Bosch</mark>" in found
    assert 'href="/en/municipality/groningen"' in client.get("/en/search?q=Groningen").text
    assert 'href="/gemeente/sudwest-fryslan"' in client.get("/zoeken?q=sudwest").text


def test_the_api_resource(client):
    one = client.get("/api/municipalities/GM0363").json()["data"]
    assert one["name"] == "Amsterdam" and one["predecessors"] == ["Weesp"]
    assert one["residents"]["aged_75"] > one["residents"]["aged_85"] > 0
    assert len(one["similar"]) == SIMILAR
    listed = client.get("/api/municipalities?province=Zeeland").json()
    assert listed["meta"]["total"] == 13 and {x["province"] for x in listed["data"]} == {"Zeeland"}
    assert client.get("/api/municipalities/GM9999").status_code == 404


def test_the_map_links_to_the_municipality_pages(client):
    html = client.get("/kaart").text
    assert '<a href="/gemeente/amsterdam">Amsterdam</a>' in html  # the table row
    assert '<a href="/gemeente/amsterdam" aria-label="Amsterdam' in html  # the dot


def test_the_compact_dashboard(client):
    full = client.get("/monitor/2021").text
    assert 'class="dashboard"' in full and "weergave=compact" in full
    compact = client.get("/monitor/2021?weergave=compact").text
    assert 'class="dashboard compact"' in compact and "Verandering sinds de vorige editie" in compact
    assert 'class="dashboard compact"' in client.get("/en/monitor/2021?view=compact").text
    assert client.get("/monitor/2021?weergave=tiny").status_code == 400


def test_without_the_open_data_the_pages_say_so(fixture_database):
    url, _engine = fixture_database
    bare = TestClient(create_app(url))
    index = bare.get("/gemeenten")
    assert index.status_code == 200 and "geen gegevens" in visible(index.text).lower()
    assert bare.get("/en/municipality/amsterdam").status_code == 404
    assert bare.get("/api/municipalities").json()["meta"]["total"] == 0


def test_search_leads_from_an_initiative_to_its_municipality(client):
    import re
    html = client.get("/zoeken?q=amsterdam").text
    initiatives = html[html.index("Lokale initiatieven ("):]
    assert re.search(r'<li><a href="/gemeente/amsterdam">[^<]*Amsterdam', initiatives)
