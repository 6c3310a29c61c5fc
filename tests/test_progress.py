"""Action progress: entries in progress.yaml are validated, loaded, and give each action
its current status (the latest entry's, with its date; "not reported" without entries)."""
from __future__ import annotations

import datetime as dt
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
