"""Stories, progress entries and initiatives delivered for a draft edition: validated in
full with the content's rules (schema, vocabularies, the registry of municipalities),
written all or nothing with their audit trail, limited to what a partner's organisation
delivers, hidden from the public until publication; and the conflict check when two people
deliver the same record or figure. On SQLite and a real PostgreSQL server."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.editing import (INITIATIVES, PROGRESS, STORIES, UploadRejected,
                                 apply_figures, apply_records, create_draft, publish)
from langerthuis.editing import template_csv as figures_template
from langerthuis.editing.records import template_csv
from langerthuis.store import accounts as audit
from langerthuis.store import editing as store
from langerthuis.store.dataset import read_dataset

ME = "editor@example.nl"


@pytest.fixture
def db(editing_db):
    engine = editing_db
    with Session(engine) as session, session.begin():
        # Two municipalities of the registry of 2022, as `load` writes it from the open data.
        for code, name in (("GM0363", "Amsterdam"), ("GM0599", "Rotterdam")):
            session.merge(m.Municipality(year=2022, code=code, name=name))
    create_draft(engine, "lt", 2022, ME)
    return engine


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {name: session.scalar(select(func.count()).select_from(model)) for name, model
                in (("story", m.Story), ("progress", m.ProgressEntry),
                    ("initiative", m.Initiative), ("audit", m.AuditEvent))}


def csv(header: str, *rows: str) -> bytes:
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def where(rejected) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in rejected.value.problems}


STORY = "indicator,title,summary,date,person_name,person_age,source_url,title_en,summary_en"
PROGRESS_HEAD = "action,date,date_precision,status,covid_19,summary,summary_en,source"
INITIATIVE = "kind,name,indicator,action_line,municipality_code,municipality_name,year,count"


def test_stories_are_checked_like_content_and_reported_in_full(db):
    before = counts(db)
    bad = csv(STORY,
              "carer-stories,<b>Titel</b>,Tekst,2022-02-30,Anna,78,https://example.org/a,T,T",
              "quality-of-life,Titel,Tekst,,,,,Title,Text",
              "carer-stories,Titel,,,,oud,javascript:alert(1),Title,",
              "unknown,Titel,Tekst,,,,,Title,Text",
              "carer-stories,Titel,Tekst,,,,,,")
    with pytest.raises(UploadRejected) as rejected:
        apply_records(STORIES, db, "lt-2022", bad, "stories.csv", ME)
    assert where(rejected) == {(2, "title"), (2, "date"), (3, "indicator"), (4, "person_age"),
                               (4, "summary"), (4, "source_url"), (5, "indicator"),
                               (6, "title_en"), (6, "summary_en")}
    messages = {(p.row, p.column): str(p.text) for p in rejected.value.problems}
    assert messages[(2, "title")] == ("This holds markup (<b>); write plain text without "
                                      "HTML tags or entities.")
    assert messages[(3, "indicator")] == ("Stories belong to narrative indicators; "
                                          "'quality-of-life' is not one.")
    assert messages[(4, "person_age")] == "'oud' is not a whole number."
    assert messages[(4, "summary")] == "This column needs a value."
    assert messages[(4, "source_url")] == ("This is not a web address; write one starting "
                                           "with https:// or http://.")
    assert messages[(6, "summary_en")] == ("The English of 'summary' is missing: fill in "
                                           "'summary_en' as well; every text a reader sees is "
                                           "in Dutch and in English.")
    assert rejected.value.status == 422
    assert counts(db) == before


def test_a_good_story_file_is_written_with_its_audit_trail_and_stays_hidden(db):
    me = f"{uuid.uuid4().hex[:8]}@example.nl"
    written = apply_records(STORIES, db, "lt-2022", csv(
        STORY, "carer-stories,Een nieuw verhaal,Zij vertelt.,2022-03-01,Bea,81,"
        "https://example.org/b,A new story,She tells."), "stories.csv", me)
    assert written == 1
    with Session(db) as session:
        [story] = session.scalars(select(m.Story).where(m.Story.edition_id == "lt-2022"))
        assert (story.id, story.title, story.persons) == \
            ("carer-stories-2022-1", "Een nieuw verhaal", [{"name": "Bea", "age": 81}])
        [event] = audit.audit_events(session, audit.AuditFilter(actor=me))
        assert (event.action, event.subject_id, event.old_value, event.new_value) == \
            ("story_delivered", "carer-stories-2022-1", None, "Zij vertelt.")
        assert "Een nieuw verhaal" not in {s.title for s in read_dataset(session).stories}
        assert "Een nieuw verhaal" in {s.title for s in read_dataset(session, True).stories}


def test_progress_uses_the_status_vocabulary_and_the_contents_date_rule(db):
    bad = csv(PROGRESS_HEAD,
              "lt-action-1,2022-06-15,month,finished,maybe,Tekst,Text,monitor-2019",
              "lt-action-9,2022-06-30,month,started,no,Tekst,Text,monitor-2019",
              "lt-action-2,2022-12-31,year,not_reported,no,Tekst,Text,nowhere")
    with pytest.raises(UploadRejected) as rejected:
        apply_records(PROGRESS, db, "lt-2022", bad, "progress.csv", ME)
    assert where(rejected) == {(2, "covid_19"), (2, "status"), (3, "action"), (4, "status")}
    with pytest.raises(UploadRejected) as rejected:
        apply_records(PROGRESS, db, "lt-2022", csv(
            PROGRESS_HEAD, "lt-action-1,2022-06-15,month,finished,no,Tekst,Text,monitor-2019",
            "lt-action-2,2022-06-15,month,delayed,no,Tekst,Text,nowhere"), "p.csv", ME)
    messages = {(p.row, p.column): str(p.text) for p in rejected.value.problems}
    assert messages == {
        (2, "status"): "This is not one of the words allowed here: started, on_schedule, "
                       "delayed, completed.",
        (3, "source"): "'nowhere' is not a known source document; use the id of one of the "
                       "programme's references.",
        (3, "date"): "2022-06-15 is not the last day of its month; write 2022-06-30."}
    assert apply_records(PROGRESS, db, "lt-2022", csv(
        PROGRESS_HEAD, "lt-action-2,2022-06-30,month,on_schedule,ja,Op schema.,On schedule.,"
        "monitor-2019"), "progress.csv", ME) == 1
    with Session(db) as session:
        hidden = {a.id: a.status for a in read_dataset(session).actions}
    with Session(db) as session:
        shown = {a.id: a.status for a in read_dataset(session, drafts=True).actions}
    assert hidden["lt-action-2"] == "not_reported" and shown["lt-action-2"] == "on_schedule"
    publish(db, "lt-2022", "publisher@example.nl")
    with Session(db) as session:
        assert {a.id: a.status for a in read_dataset(session).actions}["lt-action-2"] == \
            "on_schedule"


def test_initiatives_need_a_municipality_code_of_their_year(db):
    bad = csv(INITIATIVE,
              "network,Netwerk A,,lt-al1,GM9999,,2022,1",
              "network,Netwerk B,,lt-al1,GM0363,Rotterdam,2022,1",
              "netwerk,Netwerk C,,lt-al9,GM0363,Amsterdam,2022,3",
              "network,Netwerk D,,,GM0363,,1850,1",
              "network,<script>alert(1)</script>,,,,,2022,1")
    with pytest.raises(UploadRejected) as rejected:
        apply_records(INITIATIVES, db, "lt-2022", bad, "initiatives.csv", ME)
    messages = {(p.row, p.column): str(p.text) for p in rejected.value.problems}
    assert messages == {
        (2, "municipality_code"): "GM9999 is not a municipality in 2022; municipalities merge "
                                  "and change codes on 1 January, so take the code of that "
                                  "year.",
        (3, "municipality_name"): "GM0363 is Amsterdam in 2022, not 'Rotterdam'; correct the "
                                  "code or the name.",
        (4, "kind"): "'netwerk' is not a kind of initiative; known kinds: network, "
                     "respite-stay-pilot.",
        (4, "action_line"): "'lt-al9' is not an action line of the programme.",
        (4, "count"): "An initiative in one municipality has count 1; a higher count is for "
                      "initiatives whose places the sources do not give.",
        (5, "year"): "This must be at least 1990.",
        (6, "name"): "This holds markup (<script>); write plain text without HTML tags or "
                     "entities."}
    assert apply_records(INITIATIVES, db, "lt-2022", csv(
        INITIATIVE, "network,Buurtnetwerk,,lt-al1,GM0599,,2022,1"), "i.csv", ME) == 1
    with Session(db) as session:
        [new] = session.scalars(select(m.Initiative).where(m.Initiative.edition_id == "lt-2022"))
        assert (new.municipality_code, new.name) == ("GM0599", "Buurtnetwerk")
        assert "Buurtnetwerk" not in {i.name for i in read_dataset(session).initiatives}
        assert "Buurtnetwerk" in {i.name for i in read_dataset(session, True).initiatives}


def test_a_partner_delivers_only_its_own_records(db):
    with Session(db) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="carer-stories"))
    partner = "partner@example.nl"
    before = counts(db)
    for kind, body in (
            (STORIES, csv(STORY, "carer-stories,Titel,Tekst,,,,,Title,Text")),
            (PROGRESS, csv(PROGRESS_HEAD, "lt-action-2,2022-06-30,month,delayed,no,T,T,"
                                          "monitor-2019")),
            (INITIATIVES, csv(INITIATIVE, "network,Netwerk,,lt-al1,,,2022,4"))):
        with pytest.raises(UploadRejected) as rejected:
            apply_records(kind, db, "lt-2022", body, "f.csv", partner, organisation="vws"
                          if kind is not PROGRESS else "rivm")
        assert rejected.value.status == 403, kind.name
    assert counts(db) == before
    assert apply_records(STORIES, db, "lt-2022", csv(STORY, "carer-stories,Titel,Tekst,,,,,Title,Text"),
                         "f.csv", partner, organisation="rivm") == 1
    assert apply_records(PROGRESS, db, "lt-2022", csv(
        PROGRESS_HEAD, "lt-action-2,2022-06-30,month,delayed,no,T,T,monitor-2019"),
        "f.csv", partner, organisation="mantelzorgnl") == 1


def test_a_published_record_cannot_be_overwritten_by_a_delivery(db):
    with pytest.raises(UploadRejected) as rejected:
        apply_records(STORIES, db, "lt-2022", csv("id," + STORY,
                                                  "fixture-story-1,carer-stories,T,T,,,,,T,T"),
                      "f.csv", ME)
    assert str(rejected.value.problems[0].text).startswith(
        "'fixture-story-1' is published already")


def test_a_template_lists_the_drafts_records_with_their_base(db):
    apply_records(STORIES, db, "lt-2022", csv(STORY, "carer-stories,Titel,Tekst,,,,,Title,Text"),
                  "f.csv", ME)
    with Session(db) as session:
        text = template_csv(STORIES, session, store.edition(session, "lt-2022"))
    header, row = text.splitlines()
    assert header.split(",") == list(STORIES.columns)
    assert row.startswith("carer-stories-2022-1,carer-stories,Titel,Title,Tekst,Text,")
    assert len(row.split(",")[-1]) == 12


# --- two people delivering the same record ------------------------------------------------------

def test_the_second_delivery_of_the_same_story_is_a_conflict(db):
    apply_records(STORIES, db, "lt-2022", csv(STORY, "carer-stories,Titel,Tekst,,,,,Title,Text"),
                  "f.csv", ME)
    with Session(db) as session:
        template = template_csv(STORIES, session, store.edition(session, "lt-2022"))
    first = template.replace(",Tekst,", ",Tekst van de eerste,").encode()
    second = template.replace(",Tekst,", ",Tekst van de tweede,").encode()
    assert apply_records(STORIES, db, "lt-2022", first, "f.csv", "first@example.nl") == 1
    before = counts(db)
    with pytest.raises(UploadRejected) as rejected:
        apply_records(STORIES, db, "lt-2022", second, "f.csv", "second@example.nl")
    assert rejected.value.status == 409
    [found] = rejected.value.problems
    assert (found.row, found.column, found.conflict) == (2, "id", True)
    assert str(found.text).startswith("Someone else changed this record while you were editing")
    assert counts(db) == before
    with Session(db) as session:
        assert session.get(m.Story, "carer-stories-2022-1").summary == "Tekst van de eerste"


def test_the_second_delivery_of_the_same_draft_figure_is_a_conflict(db):
    with Session(db) as session:
        template = figures_template(store.edition(session, "lt-2022"))
    assert template.splitlines()[0].endswith(",base")

    def filled(value: str) -> bytes:
        lines = template.splitlines()
        out = [lines[0]] + [line.replace("quality-of-life,Goede kwaliteit van leven,,",
                                         f"quality-of-life,Goede kwaliteit van leven,{value},")
                            for line in lines[1:] if line.startswith("quality-of-life,")]
        return ("\n".join(out) + "\n").encode()

    assert apply_figures(db, "lt-2022", filled("71"), "f.csv", "first@example.nl") == 1
    with pytest.raises(UploadRejected) as rejected:
        apply_figures(db, "lt-2022", filled("72"), "f.csv", "second@example.nl")
    assert rejected.value.status == 409
    [found] = rejected.value.problems
    assert found.conflict and str(found.text) == (
        "Someone else delivered 71 for this indicator while you were editing (your template "
        "showed -); download the template again, look at the new figure and upload yours "
        "again if it is still right.")
    with Session(db) as session:
        assert store.measurement(session, "quality-of-life-2022").value == 71
        template = figures_template(store.edition(session, "lt-2022"))
    # A fresh template carries the new base: the second editor can go on.
    assert apply_figures(db, "lt-2022", filled("72"), "f.csv", "second@example.nl") == 1


def test_a_text_without_its_english_is_refused_as_check_would(db):
    """Every text a reader sees is in Dutch and English: a delivery is held to the rule
    `check` applies to the content, so that the export of the database loads again."""
    before = counts(db)
    with pytest.raises(UploadRejected) as rejected:
        apply_figures(db, "lt-2022", csv("indicator,value,notes",
                                         "quality-of-life,71,Gemeten in het voorjaar"),
                      "f.csv", ME)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(2, "notes_en")]
    with pytest.raises(UploadRejected) as rejected:
        apply_records(INITIATIVES, db, "lt-2022", csv(
            INITIATIVE + ",description", "network,Buurtnetwerk,,lt-al1,,,2022,2,Een netwerk"),
            "i.csv", ME)
    assert [(p.row, p.column) for p in rejected.value.problems] == [(2, "description_en")]
    assert counts(db) == before
    assert apply_figures(db, "lt-2022", csv("indicator,value,notes,notes_en",
                                            "quality-of-life,71,Gemeten in het voorjaar,"
                                            "Measured in spring"), "f.csv", ME) == 1
