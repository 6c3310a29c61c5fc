"""Two programmes side by side (a successor with its own framework, edition and
indicators, one of which carries on an indicator of its predecessor), on the fixture
content plus a small synthetic successor: both check and load; the site has a programme
switcher and each programme its own dashboard, programme and actions pages, while the
predecessor's addresses stay as they were; a continuing indicator shows the series of both
programmes on its page, in the API and through an export and import; and `check` rejects
a continuation that ties the wrong indicators."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.app import create_app
from langerthuis.config import sqlite_url
from langerthuis.content import check_content
from langerthuis.errors import ContentError
from langerthuis.store import load_content, make_engine
from test_export import check_round_trip

SUCCESSOR = {
    "programme.yaml": {
        "programme": {"id": "wz", "name": "WZ", "name_en": "WZ", "start_year": 2022,
                      "predecessor": "lt", "summary": "Synthetische opvolger.",
                      "summary_en": "Synthetic successor."},
        "action_lines": [{"id": "wz-al1", "number": 1, "title": "Wonen en zorg",
                          "title_en": "Housing and care", "summary": "Wonen.",
                          "summary_en": "Housing."}]},
    "actions.yaml": {"actions": [
        {"id": "wz-al1-m01", "number": 1, "action_line": "wz-al1",
         "title": "Synthetische maatregel", "title_en": "Synthetic measure",
         "annex_summary": "Een maatregel.", "annex_summary_en": "A measure."}]},
    "indicators.yaml": {"indicators": [
        {"id": "wz-hours", "kind": "process", "action_line": "wz-al1",
         "title": "Uren in de opvolger", "title_en": "Hours in the successor", "unit": "hours",
         "desired_direction": "higher", "direction_reason": "Meer is beter.",
         "direction_reason_en": "More is better."}]},
    "measurements.yaml": {"measurements": [
        {"id": "wz-hours-2023", "indicator": "wz-hours", "value": 41234,
         "reference_period": "2023", "source_location": "synthetic"}]},
    "editions.yaml": {"editions": [
        {"id": "wz-2023", "year": 2023, "title": "Voortgang WZ 2023",
         "title_en": "WZ progress 2023", "status": "published",
         "entries": [{"indicator": "wz-hours", "number": 1, "status": "new",
                      "measurement": "wz-hours-2023"}]}]},
    "continuity.yaml": {"continuity": [
        {"id": "wz-continues-hours", "indicator": "wz-hours",
         "continues": "elderly-care-physician-hours", "note": "Dezelfde uren, verder geteld.",
         "note_en": "The same hours, counted on.", "source_location": "synthetic"}]},
}


def add_successor(root: Path, **changes) -> Path:
    """Write the synthetic successor programme into the content folder `root`; `changes`
    replace whole files (file name without .yaml -> data)."""
    folder = root / "wz"
    folder.mkdir()
    files = {**SUCCESSOR, **{f"{k}.yaml": v for k, v in changes.items()}}
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The fixture content with the successor, loaded: (url, engine, client)."""
    import shutil
    from conftest import FIXTURE_CONTENT
    root = tmp_path_factory.mktemp("two") / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    add_successor(root)
    url = sqlite_url(root.parent / "two.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(root))
    yield url, engine, TestClient(create_app(url))
    engine.dispose()


def test_both_programmes_load(two):
    _, engine, _ = two
    with Session(engine) as s:
        assert {p.id: p.predecessor_id for p in s.query(m.Programme)} == {"lt": None, "wz": "lt"}
        c = s.get(m.Continuation, "wz-continues-hours")
        assert (c.indicator.programme_id, c.continues.programme_id) == ("wz", "lt")


def test_the_predecessor_keeps_its_addresses(two):
    client = two[2]
    home = client.get("/", follow_redirects=False)
    assert home.headers["location"] == "/monitor/2021"
    html = client.get("/programma").text
    assert "Programma Langer Thuis" in html and 'href="/acties?actielijn=1"' in html
    assert client.get("/acties").status_code == 200


def test_programme_switcher_and_the_successor_pages(two):
    client = two[2]
    html = client.get("/monitor/2023").text
    switcher = html[html.index('class="programmes"'):html.index("</nav>")]
    assert 'href="/monitor/2021">Langer Thuis</a>' in switcher
    assert 'href="/monitor/2023" aria-current="true">WZ</a>' in switcher
    menu = html[html.index('class="menu"'):]
    assert 'href="/programma/wz"' in menu and 'href="/programma/wz/acties"' in menu
    assert 'href="/beschouwing/2023"' in menu
    html = client.get("/programma/wz").text
    assert "Programma WZ (vanaf 2022)" in html and 'href="/programma/wz/acties?actielijn=1"' in html
    assert 'href="/programma/wz" aria-current="page"' in html
    assert "Programme WZ (since 2022)" in client.get("/en/programme/wz").text
    html = client.get("/programma/wz/acties?actielijn=1").text
    assert "Synthetische maatregel" in html and 'action="/programma/wz/acties"' in html
    assert "Synthetic measure" in client.get("/en/programme/wz/actions").text
    missing = client.get("/programma/wz/acties?actielijn=7")
    assert missing.status_code == 404 and "geen actielijn 7" in missing.text
    unknown = client.get("/programma/nope")
    assert unknown.status_code == 404 and "geen programma nope" in unknown.text


def test_a_continuing_indicator_shows_both_series(two):
    client = two[2]
    html = client.get("/indicator/elderly-care-physician-hours").text
    part = html[html.index("Voortgezet in WZ"):]
    assert 'href="/indicator/wz-hours"' in part
    assert "Voortgang WZ 2023" in part and "41.234 uur" in part
    assert "Monitor Langer Thuis 2021" in part or "2021" in part
    html = client.get("/indicator/wz-hours").text
    assert "Voortzetting uit Langer Thuis" in html and "Dezelfde uren, verder geteld." in html
    assert "The same hours, counted on." in client.get("/en/indicator/wz-hours").text
    # as of an edition of the predecessor, the later programme is not shown yet
    as_of = client.get("/indicator/elderly-care-physician-hours?editie=2020").text
    assert "41.234" not in as_of


def test_api_and_round_trip_keep_the_continuation(two, tmp_path):
    url, engine, client = two
    data = client.get("/api/indicators/wz-hours").json()["data"]
    assert data["continues"][0]["continues"] == "elderly-care-physician-hours"
    assert client.get("/api/programmes/wz").json()["data"]["predecessor"] == "lt"
    from click.testing import CliRunner
    from langerthuis.cli import main
    target = tmp_path / "downloads"
    result = CliRunner().invoke(main, ["export", str(target), "--database", url])
    assert result.exit_code == 0, result.output
    check_round_trip(target, engine, tmp_path)


@pytest.mark.parametrize("change, expected", [
    ({"continues": "no-such-indicator"}, "continues: refers to unknown indicator of an earlier "
                                         "programme 'no-such-indicator'"),
    ({"indicator": "elderly-care-physician-hours"}, "indicator: refers to unknown indicator of "
                                                    "programme 'wz'"),
])
def test_check_rejects_a_wrong_continuation(content_dir, change, expected):
    record = {**SUCCESSOR["continuity.yaml"]["continuity"][0], **change}
    add_successor(content_dir, continuity={"continuity": [record]})
    with pytest.raises(ContentError) as caught:
        check_content(content_dir)
    text = str(caught.value)
    assert "wz/continuity.yaml, line 2" in text and expected in text, text


def test_check_rejects_a_continuation_without_predecessor(content_dir):
    programme = {**SUCCESSOR["programme.yaml"]}
    programme["programme"] = {k: v for k, v in programme["programme"].items()
                              if k != "predecessor"}
    add_successor(content_dir, programme=programme)
    with pytest.raises(ContentError, match="programme 'wz' has no predecessor"):
        check_content(content_dir)


def test_check_rejects_an_edition_year_of_another_programme(content_dir):
    editions = yaml.safe_load(yaml.safe_dump(SUCCESSOR["editions.yaml"]))
    editions["editions"][0]["year"] = 2021
    add_successor(content_dir, editions=editions)
    with pytest.raises(ContentError, match="edition year 2021 is also used by programme 'lt'"):
        check_content(content_dir)
