"""Action progress: entries in progress.yaml are validated, loaded, and give each action
its current status (the latest entry's, with its date; "not reported" without entries)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from conftest import edit_yaml
from langerthuis.content import check_content
from langerthuis.errors import ContentError
from langerthuis.store.dataset import read_dataset


def only_problem(root: Path) -> str:
    with pytest.raises(ContentError) as info:
        check_content(root)
    found = [str(p) for p in info.value.problems]
    assert len(found) == 1, found
    return found[0]


def test_current_status_is_the_latest_entry(fixture_database):
    with Session(fixture_database[1]) as session:
        actions = {a.id: a for a in read_dataset(session).actions}
    first, second = actions["lt-action-1"], actions["lt-action-2"]
    assert [e.status for e in first.progress] == ["started", "delayed"]
    assert (first.status, first.status_date) == ("delayed", dt.date(2020, 6, 30))
    assert first.progress[-1].covid_19 and not first.progress[0].covid_19
    assert first.progress[0].reference.title == "Monitor Langer Thuis 2019"
    assert (second.status, second.status_date, second.progress) == ("not_reported", None, [])
    assert first.title_en.endswith("(English)") and first.governance_en and first.annex_summary


def test_entry_cannot_state_not_reported(content_dir: Path):
    edit_yaml(content_dir / "lt/progress.yaml",
              lambda d: d["progress"][0].update(status="not_reported"))
    msg = only_problem(content_dir)
    assert "lt/progress.yaml, line" in msg and "progress[0] (id 'lt-action-1-2019').status" in msg
    assert "an action without progress entries" in msg


def test_entry_of_unknown_action_and_source(content_dir: Path):
    edit_yaml(content_dir / "lt/progress.yaml",
              lambda d: d["progress"][1].update(action="lt-action-9", source="monitor-2091"))
    with pytest.raises(ContentError) as info:
        check_content(content_dir)
    found = sorted(str(p) for p in info.value.problems)
    assert len(found) == 2, found
    assert "progress[1] (id 'lt-action-1-2020').action" in found[0]
    assert "unknown action 'lt-action-9'" in found[0]
    assert "unknown reference 'monitor-2091'" in found[1] and "did you mean 'monitor-2019'" in found[1]


def test_entry_needs_an_english_summary_and_a_date(content_dir: Path):
    edit_yaml(content_dir / "lt/progress.yaml",
              lambda d: (d["progress"][0].pop("summary_en"), d["progress"][1].update(date="juni 2020")))
    with pytest.raises(ContentError) as info:
        check_content(content_dir)
    found = sorted(str(p) for p in info.value.problems)
    assert any("summary_en" in f and "missing" in f for f in found), found
    assert any("progress[1] (id 'lt-action-1-2020').date" in f and "YYYY-MM-DD" in f
               for f in found), found


@pytest.mark.parametrize("precision, date, expected", [
    ("month", "2020-06-01", "2020-06-30"), ("year", "2020-06-30", "2020-12-31"),
    ("month", "2020-12-01", "2020-12-31")])
def test_date_is_the_end_of_its_period(content_dir: Path, precision, date, expected):
    edit_yaml(content_dir / "lt/progress.yaml",
              lambda d: d["progress"][1].update(date=date, date_precision=precision))
    msg = only_problem(content_dir)
    assert "progress[1] (id 'lt-action-1-2020').date" in msg
    assert f"not the last day of its {precision}" in msg and f"write {expected}" in msg


def test_duplicate_entry_id(content_dir: Path):
    edit_yaml(content_dir / "lt/progress.yaml",
              lambda d: d["progress"][1].update(id="lt-action-1-2019"))
    assert "duplicate progress entry id 'lt-action-1-2019'" in only_problem(content_dir)


# --- What the outputs show ------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(fixture_database):
    from fastapi.testclient import TestClient
    from langerthuis.app import create_app
    return TestClient(create_app(fixture_database[0]))


def text_of(html: str) -> str:
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("path, expected", [
    ("/acties/lt-action-1", ["vertraagd", "(juni 2020)", "beïnvloed door COVID-19",
                             "Synthetisch verslag van vertraging door COVID-19.",
                             "Synthetische bespreking in de werkgroep.",
                             "Synthetische samenvatting van de bijlage.", "2 juli 2019",
                             "Bron: Monitor Langer Thuis 2019"]),
    ("/en/actions/lt-action-1", ["delayed", "(June 2020)", "affected by COVID-19",
                                 "Synthetic report of a delay caused by COVID-19.",
                                 "Synthetic discussion in the working group.",
                                 "Synthetic summary of the annex.", "2 July 2019",
                                 "Synthetic fixture action about self-reliance (English)"]),
    ("/en/actions/lt-action-2", ["not reported", "None of the sources"]),
])
def test_action_page_shows_status_date_progress_and_governance(client, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    text = text_of(response.text)
    for part in expected:
        assert part in text, part
    assert "lt-action" not in text and "fixture, page" not in text  # no ids nor locations


def test_latest_entry_comes_first_and_links_its_source(client):
    html = client.get("/en/actions/lt-action-1").text
    assert html.index("June 2020") < html.index("2 July 2019")
    assert 'href="https://www.rivm.nl/sites/default/files/2019-07/' in html


def test_action_list_and_programme_show_statuses_in_words(client):
    text = text_of(client.get("/acties").text)
    assert "vertraagd (juni 2020)" in text and "niet gerapporteerd" in text
    assert 'href="/en/actions/lt-action-1"' in client.get("/en/actions").text
    programme = text_of(client.get("/en/programme").text)
    assert "Where its actions stand" in programme and "delayed : 1" in programme


def test_unknown_action_is_a_styled_404(client):
    response = client.get("/acties/lt-action-9")
    assert response.status_code == 404 and "Er is geen actie lt-action-9." in response.text


def test_api_and_downloads_carry_the_progress(client):
    action = next(a for a in client.get("/api/actions").json()["data"] if a["id"] == "lt-action-1")
    assert (action["status"], action["status_date"]) == ("delayed", "2020-06-30")
    assert [e["id"] for e in action["progress"]] == ["lt-action-1-2019", "lt-action-1-2020"]
    assert action["progress"][1] == {
        "id": "lt-action-1-2020", "date": "2020-06-30", "date_precision": "month",
        "status": "delayed", "covid_19": True,
        "summary": "Synthetisch verslag van vertraging door COVID-19.",
        "summary_en": "Synthetic report of a delay caused by COVID-19.",
        "source": "monitor-2019", "source_location": "fixture, page 2"}
    rows = list(csv.DictReader(io.StringIO(client.get("/data/action-progress.csv").text)))
    assert [(r["entry_id"], r["status"], r["covid_19"], r["source_title"]) for r in rows] == [
        ("lt-action-1-2019", "started", "false", "Monitor Langer Thuis 2019"),
        ("lt-action-1-2020", "delayed", "true", "Monitor Langer Thuis 2019")]
    actions = {r["action_id"]: r for r in csv.DictReader(io.StringIO(
        client.get("/data/actions.csv").text))}
    assert (actions["lt-action-1"]["status"], actions["lt-action-1"]["status_date"],
            actions["lt-action-1"]["status_date_precision"]) == ("delayed", "2020-06-30", "month")
    assert (actions["lt-action-2"]["status"], actions["lt-action-2"]["status_date"]) == (
        "not_reported", "")
    package = client.get("/data/datapackage.json").json()
    assert {"actions", "action-progress"} <= {r["name"] for r in package["resources"]}


def test_report_lists_progress_per_action(fixture_database, tmp_path):
    from click.testing import CliRunner
    from langerthuis.cli import main
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--edition", "2021", "--format", "html",
                                       "--output", str(out), "--database", fixture_database[0]])
    assert result.exit_code == 0, result.output
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    for part in ("vertraagd (juni 2020)", "Synthetisch verslag van de start.",
                 "Wat het plan zegt", "Besproken door", "Geen van de bronnen"):
        assert part in text, part


def test_search_finds_actions_by_their_progress_and_links_their_page(client):
    html = client.get("/en/search?q=delay caused").text
    assert 'href="/en/actions/lt-action-1"' in html
    assert "1.1 Synthetic fixture action about self-reliance (English)" in html
