"""Writes of the editing workflow (drafts, figures, publication, revisions) and the reads
they need. Each function works in the caller's session; the caller commits once, so a
change and its audit events are written together or not at all."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from .. import model as m
from .accounts import now


def edition(session: Session, edition_id: str) -> m.Edition | None:
    return session.scalars(select(m.Edition).where(m.Edition.id == edition_id).options(
        selectinload(m.Edition.entries).selectinload(m.EditionEntry.indicator),
        selectinload(m.Edition.entries).selectinload(m.EditionEntry.measurement))).first()


def editions(session: Session) -> list[m.Edition]:
    return list(session.scalars(select(m.Edition).order_by(m.Edition.programme_id,
                                                           m.Edition.year)))


def latest_edition(session: Session, programme_id: str) -> m.Edition | None:
    return session.scalars(select(m.Edition).where(m.Edition.programme_id == programme_id)
                           .order_by(m.Edition.year.desc())).first()


def edition_of_year(session: Session, year: int) -> m.Edition | None:
    """The edition of `year` of any programme (the site addresses editions by year)."""
    return session.scalars(select(m.Edition).where(m.Edition.year == year)).first()


def previous_edition(session: Session, edition: m.Edition) -> m.Edition | None:
    """The programme's edition before `edition` (the one a draft was made from)."""
    return session.scalars(select(m.Edition).where(
        m.Edition.programme_id == edition.programme_id, m.Edition.year < edition.year)
        .order_by(m.Edition.year.desc())).first()


def tables_of(session: Session, edition_id: str) -> list[m.BreakdownTable]:
    """The breakdown tables an edition published (or a draft holds), by number."""
    return list(session.scalars(select(m.BreakdownTable).where(
        m.BreakdownTable.edition_id == edition_id).order_by(m.BreakdownTable.number)
        .options(selectinload(m.BreakdownTable.rows),
                 selectinload(m.BreakdownTable.measurement))))


def programme(session: Session, programme_id: str) -> m.Programme | None:
    return session.get(m.Programme, programme_id)


def measurement(session: Session, measurement_id: str) -> m.Measurement | None:
    return session.get(m.Measurement, measurement_id)


def assigned(session: Session, organisation_id: str) -> set[str]:
    return set(session.scalars(select(m.Assignment.indicator_id).where(
        m.Assignment.organisation_id == organisation_id)))


def assignments(session: Session) -> list[m.Assignment]:
    return list(session.scalars(select(m.Assignment).order_by(
        m.Assignment.organisation_id, m.Assignment.indicator_id)))


def new_content_version(session: Session) -> None:
    """Mark the content as changed, so that every server builds its views anew."""
    info = session.get(m.LoadInfo, 1)
    if info is None:
        session.add(m.LoadInfo(id=1, loaded_at=now(), content_root=None))
    else:
        info.loaded_at = now()


def serialise(session: Session) -> None:
    """Take the editing lock, as the first statement of a write transaction: the row of the
    content version, locked until the transaction ends (a row lock on PostgreSQL; on SQLite
    the database's write lock, taken at once instead of at the first change). Every editing
    write takes it, so the database runs them one after the other, and what a write checks
    (a conflict, an edition that exists already) is what the database holds until it
    commits."""
    locked = session.execute(update(m.LoadInfo).where(m.LoadInfo.id == 1).values(
        loaded_at=m.LoadInfo.loaded_at)).rowcount
    if not locked:  # a database no content was ever loaded into
        session.add(m.LoadInfo(id=1, loaded_at=now(), content_root=None))
        session.flush()
