"""The editing workflow on the store: a draft made from the latest edition and hidden from
the public, figures uploaded (validated in full, all or nothing), publication, and
revisions with a reason and a conflict check. On SQLite and a real PostgreSQL server."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.editing import (Conflict, EditingError, UploadRejected, apply_figures,
                                 create_draft, publish, revise, template_csv)
from langerthuis.store import load_content
from langerthuis.store import accounts as audit
from langerthuis.store import editing as store
from langerthuis.views.snapshot import build_snapshot


ME = "editor@example.nl"


@pytest.fixture
def db(editing_db):
    return editing_db


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {t: session.scalar(select(func.count()).select_from(model))
                for t, model in (("measurement", m.Measurement), ("entry", m.EditionEntry),
                                 ("edition", m.Edition), ("audit", m.AuditEvent))}


def test_a_draft_copies_the_latest_edition_and_stays_hidden(db):
    edition_id = create_draft(db, "lt", 2022, ME)
    assert edition_id == "lt-2022"
    with Session(db) as session:
        draft, latest = store.edition(session, "lt-2022"), store.edition(session, "lt-2021")
        assert draft.status == "draft"
        assert {(x.indicator_id, x.number, x.title) for x in draft.entries} == \
            {(x.indicator_id, x.number, x.title) for x in latest.entries}
        assert all(x.status == "not_updated" for x in draft.entries if x.measurement_id)
        public = build_snapshot(session)
        preview = build_snapshot(session, drafts=True)
    assert 2022 not in {year for _id, year in public.editions}
    assert public.latest_year == 2021
    assert 2022 in {year for _id, year in preview.editions}


def test_a_draft_needs_a_later_year_and_a_published_predecessor(db):
    with pytest.raises(EditingError, match="needs a later year"):
        create_draft(db, "lt", 2021, ME)
    create_draft(db, "lt", 2022, ME)
    with pytest.raises(EditingError, match="still a draft"):
        create_draft(db, "lt", 2023, ME)
    with pytest.raises(EditingError, match="There is no programme 'xx'"):
        create_draft(db, "xx", 2030, ME)


def test_the_template_lists_the_drafts_indicators(db):
    create_draft(db, "lt", 2022, ME)
    with Session(db) as session:
        text = template_csv(store.edition(session, "lt-2022"))
    lines = text.splitlines()
    assert lines[0].startswith("indicator,title,value,")
    assert any(line.startswith("quality-of-life,Goede kwaliteit van leven,") for line in lines)


def upload(rows: list[str]) -> bytes:
    return ("indicator,value,reference_period,n,period_start,period_end\n"
            + "\n".join(rows) + "\n").encode()


def test_a_file_with_errors_is_reported_in_full_and_writes_nothing(db):
    create_draft(db, "lt", 2022, ME)
    before = counts(db)
    bad = upload(["quality-of-life,101,2022,,,",          # a percentage above 100
                  "unknown-indicator,5,,,,",
                  "overburdened-carers,9.1.2,,,,",
                  "elderly-care-physician-hours,40000,<b>2022</b>,,,",
                  "purchaser-cooperation,6.8,2022,many,2022-12-01,2022-01-01",
                  "quality-of-life,70,,,,"])               # the same indicator twice
    with pytest.raises(UploadRejected) as rejected:
        apply_figures(db, "lt-2022", bad, "figures.csv", ME)
    found = {(p.row, p.column) for p in rejected.value.problems}
    assert found == {(2, "value"), (3, "indicator"), (4, "value"), (5, "reference_period"),
                     (6, "n"), (6, "period_end"), (7, "indicator")}
    messages = " ".join(str(p) for p in rejected.value.problems)
    assert ("row 2, column 'value': 101 is not possible here: the value lies between 0 and "
            "100.") in messages
    assert "write plain text without HTML" in messages
    assert counts(db) == before


@pytest.mark.parametrize("data, message", [
    (b"", "The file is empty"),
    (b"indicator;value\nquality-of-life;70\n", "Unknown column"),
    (b"indicator,value,colour\n", "Unknown column"),
    (b"value\n5\n", "The column is missing"),
    ("indicator,value\nquality-of-life,70\n".encode("utf-16"), "not UTF-8"),
    (b"PK\x03\x04 not really a workbook", "not an Excel workbook"),
])
def test_a_malformed_file_says_what_is_wrong(db, data, message):
    create_draft(db, "lt", 2022, ME)
    with pytest.raises(UploadRejected) as rejected:
        apply_figures(db, "lt-2022", data, "figures.csv", ME)
    assert message in str(rejected.value.problems[0])


def test_a_good_file_is_written_with_its_audit_trail(db):
    create_draft(db, "lt", 2022, ME)
    written = apply_figures(db, "lt-2022", upload([
        "quality-of-life,\"70,5\",2022,3100,2022-01-01,2022-12-31",
        "overburdened-carers,,,,,"]), "figures.csv", ME)
    assert written == 1
    with Session(db) as session:
        entry = {x.indicator_id: x for x in store.edition(session, "lt-2022").entries}
        figure = entry["quality-of-life"].measurement
        assert (figure.id, figure.value, figure.n, figure.reference_period) == \
            ("quality-of-life-2022", 70.5, 3100, "2022")
        assert entry["quality-of-life"].status == "new"
        assert entry["overburdened-carers"].status == "not_updated"  # no new figure given
        events = audit.audit_events(session, audit.AuditFilter(action="figure_delivered"))
        assert [(e.actor, e.subject_id, e.new_value) for e in events] == \
            [(ME, "quality-of-life-2022", "70.5")]


def test_an_excel_file_from_the_template_is_read_too(db):
    from io import BytesIO
    from openpyxl import Workbook
    create_draft(db, "lt", 2022, ME)
    book = Workbook()
    book.active.append(["indicator", "title", "value", "reference_period"])
    book.active.append(["overburdened-carers", "Overbelaste mantelzorgers", 8.7, "2022"])
    data = BytesIO()
    book.save(data)
    assert apply_figures(db, "lt-2022", data.getvalue(), "figures.xlsx", ME) == 1


def test_a_partner_delivers_only_assigned_indicators(db):
    create_draft(db, "lt", 2022, ME)
    with Session(db) as session, session.begin():
        session.add(m.Assignment(organisation_id="rivm", indicator_id="quality-of-life"))
    with pytest.raises(UploadRejected) as rejected:
        apply_figures(db, "lt-2022", upload(["overburdened-carers,8.7,,,,"]), "f.csv",
                      "partner@example.nl", organisation="rivm")
    assert "not assigned to your organisation" in str(rejected.value.problems[0])
    assert apply_figures(db, "lt-2022", upload(["quality-of-life,71,,,,"]), "f.csv",
                         "partner@example.nl", organisation="rivm") == 1


def test_publishing_shows_the_edition_and_freezes_it(db):
    create_draft(db, "lt", 2022, ME)
    apply_figures(db, "lt-2022", upload(["quality-of-life,71,2022,,,"]), "f.csv", ME)
    publish(db, "lt-2022", "publisher@example.nl", dt.date(2022, 7, 1))
    with Session(db) as session:
        public = build_snapshot(session)
    assert public.latest_year == 2022
    assert "71" in str(public.dashboards[(2022, "nl")])
    with pytest.raises(EditingError, match="published and frozen"):
        apply_figures(db, "lt-2022", upload(["quality-of-life,72,,,,"]), "f.csv", ME)
    with pytest.raises(EditingError, match="published already"):
        publish(db, "lt-2022", "publisher@example.nl")


def test_a_revision_keeps_the_old_value_and_its_reason(db):
    revise(db, "qol-2021", 68.5, "Recalculated with the final weights.", ME, expected=69,
           on=dt.date(2022, 3, 1))
    with Session(db) as session:
        figure = store.measurement(session, "qol-2021")
        assert figure.value == 68.5
        [revision] = figure.revisions
        assert (revision.old_value, revision.new_value, revision.revised_on, revision.actor) \
            == (69, 68.5, dt.date(2022, 3, 1), ME)
        [event] = audit.audit_events(session, audit.AuditFilter(action="figure_revised"))
        assert (event.old_value, event.new_value, event.reason) == \
            ("69.0", "68.5", "Recalculated with the final weights.")


def test_a_revision_needs_a_reason_and_notices_a_conflict(db):
    with pytest.raises(EditingError, match="needs its reason"):
        revise(db, "qol-2021", 68.5, "  ", ME, expected=69)
    revise(db, "qol-2021", 68.5, "First correction.", "first@example.nl", expected=69)
    with pytest.raises(Conflict, match="changed the figure to 68.5"):
        revise(db, "qol-2021", 70, "Second correction.", "second@example.nl", expected=69)
    with pytest.raises(EditingError, match="is not possible here"):
        revise(db, "qol-2021", 170, "Typo.", ME, expected=68.5)
    with Session(db) as session:
        assert store.measurement(session, "qol-2021").value == 68.5


def test_revisions_are_content_and_must_end_at_the_value():
    from pydantic import ValidationError
    from langerthuis.content.schema import MeasurementSpec
    good = {"id": "x-2022", "indicator": "x", "value": 73.0, "revisions": [
        {"revised_on": "2022-03-01", "old_value": 71.0, "new_value": 73.0, "reason": "Weights."}]}
    assert MeasurementSpec.model_validate(good).revisions[0].old_value == 71
    with pytest.raises(ValidationError, match="differs from value"):
        MeasurementSpec.model_validate({**good, "value": 74.0})


def test_an_exported_revision_survives_an_import(db, tmp_path):
    from langerthuis.opendata.export import build_downloads
    from langerthuis.opendata.importer import read_dataset as read_export
    revise(db, "qol-2021", 68.5, "Final weights.", ME, expected=69, on=dt.date(2022, 3, 1))
    with Session(db) as session:
        files = build_downloads(build_snapshot(session))
    (tmp_path / "monitor.json").write_text(files["monitor.json"], encoding="utf-8")
    load_content(db, read_export(tmp_path / "monitor.json"))
    with Session(db) as session:
        [revision] = store.measurement(session, "qol-2021").revisions
        assert (revision.old_value, revision.new_value, revision.reason) == \
            (69, 68.5, "Final weights.")
