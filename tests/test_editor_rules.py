"""The editor holds the content to the rules `check` holds it to, so that nothing it writes
makes the site or `export-content` fail: an edition year belongs to one programme, a figure
keeps no more decimals than the content allows. On SQLite and a real PostgreSQL server."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.editing import EditingError, UploadRejected, apply_figures, create_draft, revise

ME = "editor@example.nl"


def test_an_edition_year_belongs_to_one_programme(editing_db):
    with Session(editing_db) as session, session.begin():
        session.add(m.Programme(id="wozo", name="WOZO", start_year=2022))
        session.flush()
        session.add(m.Edition(id="wozo-2023", programme_id="wozo", year=2023,
                              title="WOZO 2023", status="published"))
    try:
        with pytest.raises(EditingError, match="each year belongs to one programme"):
            create_draft(editing_db, "lt", 2023, ME)
        with Session(editing_db) as session:
            assert session.scalar(select(func.count()).select_from(m.Edition).where(
                m.Edition.year == 2023)) == 1
        assert create_draft(editing_db, "lt", 2024, ME) == "lt-2024"  # a free year is fine
    finally:
        with Session(editing_db) as session, session.begin():  # the shared server's content
            session.execute(m.Edition.__table__.delete().where(m.Edition.id == "wozo-2023"))
            session.execute(m.Programme.__table__.delete().where(m.Programme.id == "wozo"))


def test_a_revision_keeps_no_more_decimals_than_the_content_allows(editing_db):
    with pytest.raises(EditingError, match="12 decimals; a figure keeps at most 4"):
        revise(editing_db, "qol-2021", 69.123456789012, "Recalculated.", ME, expected=69)
    with Session(editing_db) as session:
        figure = session.get(m.Measurement, "qol-2021")
        assert figure.value == 69 and not figure.revisions
    revise(editing_db, "qol-2021", 69.1234, "Recalculated.", ME, expected=69)
    with Session(editing_db) as session:
        assert session.get(m.Measurement, "qol-2021").decimals == 4


def test_a_delivered_figure_keeps_no_more_decimals_than_the_content_allows(editing_db):
    create_draft(editing_db, "lt", 2022, ME)
    with pytest.raises(UploadRejected) as caught:
        apply_figures(editing_db, "lt-2022", b"indicator,value\nquality-of-life,70.123456\n",
                      "f.csv", ME)
    [found] = caught.value.problems
    assert (found.row, found.column) == (2, "value")
    assert "6 decimals; a figure keeps at most 4" in found.message
