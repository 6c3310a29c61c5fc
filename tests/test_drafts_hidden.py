"""The public never sees a draft edition nor anything that belongs only to it: not its
figures, tables, stories and claims, nor its findings, reflection points and the quality
notes about any of those (editors see them all in the preview)."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from langerthuis import model as m
from langerthuis.content import check_content
from langerthuis.store import load_content
from langerthuis.store.dataset import read_dataset

from conftest import FIXTURE_CONTENT


def test_nothing_of_a_draft_edition_reaches_the_public(engine):
    load_content(engine, check_content(FIXTURE_CONTENT))
    with Session(engine) as session, session.begin():
        session.execute(update(m.Edition).where(m.Edition.id == "lt-2021").values(status="draft"))
    with Session(engine) as session:
        preview = read_dataset(session, drafts=True)
        public = read_dataset(session)
        drafted = {"lt-2021"}
        for name in ("findings", "reflection", "stories", "claims", "tables"):
            assert any(x.edition_id in drafted for x in getattr(preview, name)), name
            assert not any(x.edition_id in drafted for x in getattr(public, name)), name
        hidden = {x.id for x in preview.measurements} - {x.id for x in public.measurements}
        assert hidden
        gone = {("measurement", x) for x in hidden} | {("edition", "lt-2021")} | {
            ("finding", f.id) for f in preview.findings if f.edition_id in drafted}
        about_draft = [q for q in preview.quality_notes if (q.subject_type, q.subject_id) in gone]
        assert about_draft, "the fixture has notes about the 2021 edition's objects"
        assert not [q for q in public.quality_notes if (q.subject_type, q.subject_id) in gone]
        kept = {t.id for t in public.tables}
        assert all(r.table_id in kept for r in public.relations)
