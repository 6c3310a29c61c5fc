"""The progress of the bundled actions agrees with the seeds: every figure a progress summary
gives stands in the document it names as its source, the actions' titles, milestones and
timelines are those the Plan van Aanpak prints, and only actions that no source speaks of
show 'not reported'."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from langerthuis import model as m
from langerthuis.config import CHECKOUT

pytestmark = pytest.mark.bundled

#: The seeds stand beside the checkout (CI) or beside the folder of worktrees.
SEEDS = next((p for p in (CHECKOUT.parent / "shared" / "seeds",
                          CHECKOUT.parent.parent / "shared" / "seeds") if p.is_dir()), None)
needs_seeds = pytest.mark.skipif(SEEDS is None, reason="the seeds are not beside the checkout")

#: The seed document behind each source of the progress entries.
SOURCE_SEED = {"ref-eerste-voortgangsrapportage": "001", "ref-stand-van-zaken-juni-2020": "000",
               "ref-monitor-2021": "002"}

#: The actions no source speaks of (checked by hand against seeds 000, 001 and 002).
NOT_REPORTED = {"lt-al1-a14", "lt-al1-a16", "lt-al2-a03", "lt-al2-a14", "lt-al2-a17",
                "lt-al3-a06", "lt-al3-a09", "lt-al3-a10"}


def seed(number: str) -> str:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8")


def flat(text: str) -> str:
    """Text with line breaks and hyphenation at line ends undone, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"-\s*\n\s*", "", text))


@pytest.fixture(scope="module")
def actions(bundled_database) -> list[m.Action]:
    with Session(bundled_database[1]) as session:
        # Langer Thuis's actions; WOZO's measures are tested in test_bundled_wozo.py.
        return list(session.scalars(select(m.Action).where(
            m.Action.programme_id == "langer-thuis").options(
            selectinload(m.Action.progress).selectinload(m.ProgressEntry.reference),
            selectinload(m.Action.action_line))))


def test_every_action_has_a_status_and_only_unreported_ones_show_not_reported(actions):
    assert len(actions) == 44
    statuses = {a.id: a.status for a in actions}
    assert "unknown" not in statuses.values()
    assert {i for i, s in statuses.items() if s == "not_reported"} == NOT_REPORTED
    for a in actions:
        assert a.title_en and a.governance and a.governance_en, a.id
        assert a.annex_summary and a.annex_summary_en and a.annex_location, a.id
        for e in a.progress:
            assert e.reference_id in SOURCE_SEED and e.summary_en and e.source_location, e.id


def test_the_status_is_that_of_the_latest_entry_with_its_date(actions):
    by_id = {a.id: a for a in actions}
    # The June 2020 letter: the coordination functions were delayed by COVID-19.
    a13 = by_id["lt-al1-a13"]
    assert (a13.status, a13.status_date.isoformat()) == ("delayed", "2020-06-30")
    assert a13.latest_progress.covid_19 and a13.latest_progress.date_precision == "month"
    # The 2021 monitor: 125 grants for learning networks on 26 April 2021.
    a6 = by_id["lt-al1-a06"]
    assert [e.reference_id for e in a6.progress] == [
        "ref-eerste-voortgangsrapportage", "ref-stand-van-zaken-juni-2020", "ref-monitor-2021"]
    assert (a6.status, a6.status_date.isoformat()) == ("on_schedule", "2021-04-26")
    assert "125" in a6.latest_progress.summary and "125" in a6.latest_progress.summary_en


@needs_seeds
def test_every_figure_of_a_summary_stands_in_its_source(actions):
    """Each number in a Dutch summary (as printed there: 1.471, 9,1%, 37.469) is printed in
    the seed document the entry names as its source."""
    texts = {ref: flat(seed(number)) for ref, number in SOURCE_SEED.items()}
    checked = 0
    for a in actions:
        for e in a.progress:
            for number in re.findall(r"\d+(?:[.,]\d+)*", e.summary):
                assert re.search(rf"(?<![\d]){re.escape(number)}(?![\d])",
                                 texts[e.reference_id]), (e.id, number)
                checked += 1
    assert checked > 150


@needs_seeds
@pytest.mark.parametrize("entry, source_text", [
    ("lt-al1-a06-2020", "in verband met Corona zijn deze rondes na de zomer gepland"),
    ("lt-al1-a13-2020", "door de Covid-19 uitbraak vertraging opgelopen"),
    ("lt-al2-a11-2020", "Door de coronamaatregelen was het tijdelijk niet"),
    ("lt-al3-a02-2020", "door de corona-crises mogelijk tot een vertraging"),
    ("lt-al2-a02-2021", "Door Corona kwam half maart 2020 Moeder aan de lijn tot stilstand"),
])
def test_covid_delays_are_those_the_sources_report(actions, entry, source_text):
    found = {e.id: e for a in actions for e in a.progress}[entry]
    assert found.covid_19
    assert source_text in flat(seed(SOURCE_SEED[found.reference_id]))


def _plan_table_rows() -> list[list[str]]:
    lines = seed("003").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("3.1 Actielijn 1"))
    end = next(i for i, line in enumerate(lines) if line.startswith("4. Organisatie"))
    return [line.split("\t") for line in lines[start:end] if re.match(r"^\d+\t", line)]


@needs_seeds
def _shortened(database) -> set[str]:
    """Actions whose title a quality note says we shortened."""
    with Session(database[1]) as session:
        return set(session.scalars(select(m.QualityNote.subject_id).where(
            m.QualityNote.kind == "shortened", m.QualityNote.subject_type == "action")))


def test_titles_milestones_and_timelines_are_printed_as_in_the_plan(actions, bundled_database):
    """The table of actions of seed 003, row by row: the title is the printed title without
    its closing full stop, the milestone or timeline a part of the printed column (which
    starts with a label such as "Mijlpaal:")."""
    rows = _plan_table_rows()
    assert len(rows) == 44
    ordered = sorted(actions, key=lambda a: (a.action_line.number, a.number))
    shortened = _shortened(bundled_database)
    for a, row in zip(ordered, rows):
        assert int(row[0]) == a.number, a.id
        printed_title = row[1].strip().rstrip(".")
        if a.id in shortened:  # said so in a quality note: every word is the plan's
            assert len(a.title) < len(printed_title), a.id
            words = re.findall(r"\w+", printed_title.lower())
            assert all(w in words for w in re.findall(r"\w+", a.title.lower())), a.id
        else:
            assert a.title == printed_title, a.id
        printed = " ".join(row[2].split()).lower()  # "Mijlpaal: Start …" is kept as "Start …"
        kept = a.milestone or a.timeline
        parts = [p.strip().lower() for p in kept.split(";")]
        assert all(p in printed for p in parts), (a.id, kept, printed)


@needs_seeds
def test_governance_names_the_bodies_of_the_plan(actions):
    by_id = {a.id: a for a in actions}
    plan = flat(seed("003"))
    for action, body in (("lt-al1-a05", "BO ZN-VNG"), ("lt-al1-a16", "LNAZ"),
                         ("lt-al1-a01", "BO Ondersteuning en Zorg Thuis"),
                         ("lt-al2-a06", "Mantelzorg en vrijwilligers"),
                         ("lt-al3-a05", "BO Wonen en Zorg")):
        assert body in by_id[action].governance and body in plan, action
