"""Editions as of their time (issue 23, part 3): the 2019 and 2020 reports and pages show
the references, data-quality notes, titles and definitions that edition had, and nothing
that came later; a programme's report and methods list only its own notes. What "later"
means comes from the content itself (views/asof.py): a reference dated after the edition,
a note or reference with a later `from_edition`, a definition from a later edition, and
the title of an indicator whose definition, and title, a later edition replaced."""
from __future__ import annotations

import html as html_lib
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from langerthuis.app import create_app
from langerthuis.addresses import url
from langerthuis.i18n import localised
from langerthuis.report.render import report_html
from langerthuis.store.dataset import read_dataset
from langerthuis.views.asof import (edition_years, is_current_definition, note_holds,
                                    progress_as_of, reference_holds)
from langerthuis.views.snapshot import build_snapshot

pytestmark = pytest.mark.bundled


@pytest.fixture(scope="module")
def world(bundled_database):
    url_, engine = bundled_database
    with Session(engine) as session:
        data = read_dataset(session)
        snapshot = build_snapshot(session)
        yield data, snapshot, TestClient(create_app(url_))


def _text(page: str) -> str:
    """The visible text of a page, one space between words."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _later(data, edition, lang: str) -> dict[str, list[str]]:
    """What came after `edition`, as the reader would see it, by kind."""
    years = edition_years(data)
    mine = {e.indicator_id for e in edition.entries}
    holding = [r for r in data.references if reference_holds(r, edition, years)]
    out = {"reference": [], "note": [], "definition": [], "title": [], "progress": []}
    for a in data.actions:
        if a.programme_id == edition.programme_id:
            known = progress_as_of(data, a, edition)
            out["progress"] += [localised(e.summary, e.summary_en, lang)
                                for e in a.progress if e not in known]
    for r in data.references:
        if (not reference_holds(r, edition, years) and r.url
                and any(i.id in mine for i in r.indicators)
                and not any(h.url == r.url for h in holding)):
            out["reference"].append(r.url)
    for n in data.quality_notes:
        if not note_holds(n, edition.year, years):
            out["note"].append(localised(n.text, n.text_en, lang))
    for ind in (e.indicator for e in edition.entries):
        for d in ind.definitions:
            if d.from_year > edition.year:
                out["definition"].append(localised(d.text, d.text_en, lang))
        then = ind.definition_for(edition.year)
        if not is_current_definition(ind, edition.year) and then.title:
            # the content records the title of that time: today's title came later
            out["title"].append(localised(ind.title, ind.title_en, lang))
    return out


def _found(later: dict[str, list[str]], page: str, raw: str) -> list[str]:
    return [f"{kind}: {x[:90]}" for kind, items in later.items() for x in items
            if (x in raw if kind == "reference" else x in page)]


@pytest.mark.parametrize("year", [2019, 2020])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_earlier_editions_show_nothing_that_came_later(world, year, lang):
    data, snapshot, client = world
    edition = next(e for e in data.editions if e.year == year)
    later = _later(data, edition, lang)
    # the content does record later material for these editions: the test has teeth
    assert later["note"] and later["definition"] and later["title"] and later["reference"]
    assert later["progress"]
    problems = []
    report = report_html(snapshot.reports[(year, lang)])
    problems += [f"report: {p}" for p in _found(later, _text(report), report)]
    pages = [url("dashboard", lang, year=year), url("methods", lang, year=year),
             url("reflection", lang, year=year)]
    pages += [url("indicator", lang, {"edition": year}, id=e.indicator_id)
              for e in edition.entries]
    for address in pages:
        response = client.get(address)
        assert response.status_code == 200, address
        problems += [f"{address}: {p}" for p in _found(later, _text(response.text),
                                                       response.text)]
    assert not problems, "\n".join(problems[:40])


def test_indicator_6_has_its_title_of_each_edition(world):
    data, snapshot, client = world
    early = _text(client.get("/indicator/purchaser-cooperation?editie=2019").text)
    assert "Het aantal concrete afspraken in de regio over de manier waarop" in early
    assert "Het rapportcijfer waarmee" not in early
    late = _text(client.get("/indicator/purchaser-cooperation?editie=2021").text)
    assert "Het rapportcijfer waarmee inkopende partijen" in late


def test_later_notes_on_an_earlier_edition_are_shown_with_the_later_one(world):
    """A note about the 2019 edition that rests on the 2021 edition's text is on the 2021
    methods page, marked as a later note, and not on the 2019 one."""
    data, snapshot, client = world
    note = next(n for n in data.quality_notes if n.id == "qn-monitor-2019-publication-date")
    assert note.from_edition_id == "lt-2021" and note.subject_id == "lt-2019"
    assert note.text not in _text(client.get("/verantwoording/2019").text)
    latest = _text(client.get("/verantwoording/2021").text)
    assert note.text in latest
    assert "Latere toelichting bij Monitor Langer Thuis 2019" in latest


def test_a_programmes_report_lists_only_its_own_notes(world):
    data, snapshot, client = world
    wozo = next(e for e in data.editions if e.programme_id == "wozo")
    text = _text(report_html(snapshot.reports[(wozo.year, "nl")]))
    others = [n for n in data.quality_notes if n.programme_id != "wozo"]
    assert others and not [n.id for n in others if n.text in text]
    assert [n for n in data.quality_notes if n.programme_id == "wozo" and n.text in text]


def test_the_methods_name_only_the_progress_sources_of_their_time(world):
    """The methods of an edition name the sources of the actions' progress that edition
    could know; its report's progress chapter shows only what they say."""
    data, snapshot, client = world
    first = _text(client.get("/verantwoording/2019").text)
    assert "Eerste voortgangsrapportage programma Langer Thuis" in first
    assert "juni 2020" not in first and "Monitor Langer Thuis 2021 (2021)" not in first
    second = _text(client.get("/verantwoording/2020").text)
    assert "Stand van zaken programma Langer Thuis - juni 2020 (juni 2020)" in second
    assert "Monitor Langer Thuis 2021 (2021)" not in second
    latest = _text(client.get("/en/methods/2021").text)
    assert "Monitor Langer Thuis 2021 (2021)" in latest and "(June 2020)" in latest
    wozo = next(e for e in data.editions if e.programme_id == "wozo")
    other = _text(client.get(url("methods", "nl", year=wozo.year)).text)
    assert "Eerste voortgangsrapportage programma Langer Thuis" not in other
    report = snapshot.reports[(2019, "nl")]
    statuses = {a.status_code for a in report.actions.actions}
    assert statuses <= {"started", "on_schedule", "delayed", "completed", "not_reported"}
    assert all(p.source == "Eerste voortgangsrapportage programma Langer Thuis"
               for a in report.actions.actions for p in a.progress)
