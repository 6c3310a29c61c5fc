"""Reading the domain objects that the outputs show. Every view (page, API, download,
report) asks through here, so that each question has one answer."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import model as m
from ..errors import NotFound


def editions(session: Session) -> list[m.Edition]:
    return list(session.scalars(select(m.Edition).order_by(m.Edition.programme_id,
                                                           m.Edition.year.desc())))


def edition(session: Session, edition_id: str) -> m.Edition:
    found = session.scalars(
        select(m.Edition).where(m.Edition.id == edition_id).options(
            selectinload(m.Edition.entries).selectinload(m.EditionEntry.indicator),
            selectinload(m.Edition.entries).selectinload(m.EditionEntry.measurement),
        )).first()
    if found is None:
        raise NotFound(f"no edition with id {edition_id!r}")
    return found


def indicators(session: Session) -> list[m.Indicator]:
    return list(session.scalars(select(m.Indicator).order_by(m.Indicator.id)))
