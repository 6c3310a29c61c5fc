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


def programme_editions(session: Session, programme_id: str) -> list[m.Edition]:
    """All editions of a programme, oldest first, with what the analysis reads."""
    return list(session.scalars(
        select(m.Edition).where(m.Edition.programme_id == programme_id)
        .order_by(m.Edition.year)
        .options(selectinload(m.Edition.entries).selectinload(m.EditionEntry.indicator)
                 .selectinload(m.Indicator.definitions),
                 selectinload(m.Edition.entries).selectinload(m.EditionEntry.indicator)
                 .selectinload(m.Indicator.action_line),
                 selectinload(m.Edition.entries).selectinload(m.EditionEntry.measurement))))


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
    known = ", ".join(f"{e.id} ({e.year})" for e in editions(session)) or "none (run load)"
    raise NotFound(f"no edition {ref!r}; known editions: {known}")


def stories(session: Session, edition_id: str | None = None) -> list[m.Story]:
    query = select(m.Story).order_by(m.Story.indicator_id, m.Story.date)
    if edition_id:
        query = query.where(m.Story.edition_id == edition_id)
    return list(session.scalars(query))


def quality_notes(session: Session) -> list[m.QualityNote]:
    return list(session.scalars(select(m.QualityNote).order_by(m.QualityNote.id)))


def tables(session: Session, edition_id: str) -> list[m.BreakdownTable]:
    return list(session.scalars(
        select(m.BreakdownTable).where(m.BreakdownTable.edition_id == edition_id)
        .order_by(m.BreakdownTable.number)
        .options(selectinload(m.BreakdownTable.rows),
                 selectinload(m.BreakdownTable.measurement))))


def relations(session: Session, edition_id: str) -> list[m.Relation]:
    return list(session.scalars(
        select(m.Relation).join(m.Relation.table)
        .where(m.BreakdownTable.edition_id == edition_id).order_by(m.Relation.id)))


def claims(session: Session, edition_id: str) -> list[m.PublishedClaim]:
    return list(session.scalars(select(m.PublishedClaim)
                                .where(m.PublishedClaim.edition_id == edition_id)
                                .order_by(m.PublishedClaim.id)))


def content_version(session: Session) -> str:
    """Changes whenever the content is loaded again; outputs key their caches on it."""
    info = session.get(m.LoadInfo, 1)
    return info.loaded_at.isoformat() if info else "empty"


def carry_code(session: Session, code: str, from_year: int, to_year: int) -> list[str]:
    """The municipalities of `to_year` that hold (part of) municipality `code` of
    `from_year`, following the stored crosswalk year by year; empty when a year is not
    covered."""
    codes, year = {code}, from_year
    step = 1 if to_year >= from_year else -1
    while year != to_year:
        nxt = year + step
        a, b = (year, nxt) if step == 1 else (nxt, year)
        links = session.scalars(select(m.MunicipalityLink).where(
            m.MunicipalityLink.from_year == a, m.MunicipalityLink.to_year == b)).all()
        if not links:
            return []
        if step == 1:
            codes = {k.to_code for k in links if k.from_code in codes}
        else:
            codes = {k.from_code for k in links if k.to_code in codes}
        year = nxt
    return sorted(codes)
