"""Named questions to the store. The outputs read a whole content version at once through
`dataset.read_dataset`; these answer the few questions asked outside it (the command line
and the snapshot's check for a new content version)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import model as m
from ..errors import NotFound


def edition(session: Session, edition_id: str) -> m.Edition:
    found = session.scalars(
        select(m.Edition).where(m.Edition.id == edition_id).options(
            selectinload(m.Edition.entries).selectinload(m.EditionEntry.indicator),
            selectinload(m.Edition.entries).selectinload(m.EditionEntry.measurement),
        )).first()
    if found is None:
        raise NotFound(f"no edition with id {edition_id!r}")
    return found


def find_edition(session: Session, ref: str, programme_id: str | None = None) -> m.Edition:
    """An edition by id (`lt-2021`) or by year (`2021`); a year needs the programme when
    several programmes have an edition that year."""
    found = session.get(m.Edition, ref)
    if found is not None:
        return found
    if ref.isdigit():
        query = select(m.Edition).where(m.Edition.year == int(ref))
        if programme_id:
            query = query.where(m.Edition.programme_id == programme_id)
        hits = list(session.scalars(query))
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise NotFound(f"several programmes have an edition {ref}: "
                           f"{', '.join(e.id for e in hits)}; name the edition by id")
    known = ", ".join(f"{e.id} ({e.year})" for e in session.scalars(
        select(m.Edition).order_by(m.Edition.programme_id, m.Edition.year.desc()))) or "none (run load)"
    raise NotFound(f"no edition {ref!r}; known editions: {known}")


def content_version(session: Session) -> str:
    """Changes whenever the content is loaded again; the snapshot of the views is keyed on
    it."""
    info = session.get(m.LoadInfo, 1)
    return info.loaded_at.isoformat() if info else "empty"
