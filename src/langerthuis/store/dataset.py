"""Everything one content version holds, read in one session with a fixed number of
queries: the input of the views' snapshot. Collections are loaded eagerly, so building the
views touches the database no further."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from .. import model as m
from .housing import HousingData, read_housing
from .queries import content_version


@dataclass
class Dataset:
    version: str
    programmes: list[m.Programme]
    organisations: list[m.Organisation]
    actions: list[m.Action]
    indicators: list[m.Indicator]
    editions: list[m.Edition]  # oldest first, per programme
    measurements: list[m.Measurement]
    tables: list[m.BreakdownTable]
    relations: list[m.Relation]
    claims: list[m.PublishedClaim]
    stories: list[m.Story]
    initiative_kinds: list[m.InitiativeKind]
    initiatives: list[m.Initiative]
    references: list[m.Reference]
    quality_notes: list[m.QualityNote]
    findings: list[m.Finding]  # in the order of the content, per edition
    reflection: list[m.ReflectionPoint]
    introduction: list[m.IntroSection]
    data_sources: list[m.DataSource]
    shapes: dict[int, list[m.MapShape]] = field(default_factory=dict)  # municipality layer
    links: list[m.MunicipalityLink] = field(default_factory=list)
    municipalities: list[m.Municipality] = field(default_factory=list)
    housing: HousingData = field(default_factory=lambda: HousingData())
    continuations: list[m.Continuation] = field(default_factory=list)
    population: list[m.Population] = field(default_factory=list)
    catalogue: m.Catalogue | None = None  # what the open data says about itself
    #: Deliveries (uploads) of records: (subject type, subject id, when), without who.
    deliveries: list[tuple[str, str, dt.datetime]] = field(default_factory=list)

    def programme_editions(self, programme_id: str) -> list[m.Edition]:
        return [e for e in self.editions if e.programme_id == programme_id]


def _all(session: Session, model, *order, options=()):
    return list(session.scalars(select(model).order_by(*order).options(*options)))


def read_dataset(session: Session, drafts: bool = False) -> Dataset:
    """The content version in the database; without `drafts` as the public sees it (no
    draft edition, nor what only a draft edition shows), with `drafts` as editors preview
    it."""
    data = _read(session, drafts)
    return data if drafts else without_drafts(data)


def without_drafts(data: Dataset) -> Dataset:
    """`data` without its draft editions and what belongs only to them: their tables (and
    the relations between their rows), stories, initiatives, published claims, findings and
    reflection points, the measurements that only draft editions show, and the quality notes
    about any of those. (Progress entries of drafts are left out as they are read.)"""
    draft = {e.id for e in data.editions if e.status == "draft"}
    if not draft:
        return data
    shown_by: dict[str, set[str]] = {}
    for e in data.editions:
        for x in e.entries:
            if x.measurement_id:
                shown_by.setdefault(x.measurement_id, set()).add(e.id)
    hidden = {mid for mid, editions in shown_by.items() if editions <= draft}
    tables = [t for t in data.tables if t.edition_id not in draft and t.measurement_id not in hidden]
    kept_tables = {t.id for t in tables}
    gone = ({("edition", e) for e in draft} | {("measurement", x) for x in hidden}
            | {("table", t.id) for t in data.tables if t.id not in kept_tables}
            | {("finding", f.id) for f in data.findings if f.edition_id in draft}
            | {("story", s.id) for s in data.stories if s.edition_id in draft})
    return replace(
        data,
        editions=[e for e in data.editions if e.id not in draft],
        measurements=[x for x in data.measurements if x.id not in hidden],
        tables=tables,
        relations=[r for r in data.relations if r.table_id in kept_tables],
        claims=[c for c in data.claims if c.edition_id not in draft],
        stories=[s for s in data.stories if s.edition_id not in draft],
        findings=[f for f in data.findings if f.edition_id not in draft],
        reflection=[p for p in data.reflection if p.edition_id not in draft],
        quality_notes=[q for q in data.quality_notes if (q.subject_type, q.subject_id) not in gone
                       and not (q.subject_type == "edition_entry"
                                and q.subject_id.split("/")[0] in draft)],
        initiatives=[i for i in data.initiatives if i.edition_id not in draft])


def _read(session: Session, drafts: bool = True) -> Dataset:
    entries = selectinload(m.Edition.entries)
    progress = m.Action.progress if drafts else m.Action.progress.and_(or_(
        m.ProgressEntry.edition_id.is_(None),
        m.ProgressEntry.edition_id.not_in(select(m.Edition.id).where(m.Edition.status == "draft"))))
    shapes: dict[int, list[m.MapShape]] = {}
    for s in _all(session, m.MapShape, m.MapShape.year, m.MapShape.code):
        if s.layer == "municipality":
            shapes.setdefault(s.year, []).append(s)
    return Dataset(
        version=content_version(session),
        programmes=_all(session, m.Programme, m.Programme.id, options=[
            selectinload(m.Programme.partners),
            selectinload(m.Programme.action_lines).selectinload(m.ActionLine.goals),
            selectinload(m.Programme.action_lines).selectinload(m.ActionLine.actions)]),
        organisations=_all(session, m.Organisation, m.Organisation.id),
        actions=_all(session, m.Action, m.Action.programme_id, m.Action.action_line_id,
                     m.Action.number, options=[
                         selectinload(m.Action.leads),
                         selectinload(progress).selectinload(m.ProgressEntry.reference)]),
        indicators=_all(session, m.Indicator, m.Indicator.id,
                        options=[selectinload(m.Indicator.definitions),
                                 selectinload(m.Indicator.continuations)]),
        editions=_all(session, m.Edition, m.Edition.programme_id, m.Edition.year, options=[
            entries.selectinload(m.EditionEntry.indicator),
            entries.selectinload(m.EditionEntry.measurement)
            .selectinload(m.Measurement.revisions)]),
        measurements=_all(session, m.Measurement, m.Measurement.id,
                          options=[selectinload(m.Measurement.tables),
                                   selectinload(m.Measurement.revisions)]),
        tables=_all(session, m.BreakdownTable, m.BreakdownTable.number, m.BreakdownTable.id,
                    options=[selectinload(m.BreakdownTable.rows)]),
        relations=_all(session, m.Relation, m.Relation.id),
        claims=_all(session, m.PublishedClaim, m.PublishedClaim.id),
        stories=_all(session, m.Story, m.Story.indicator_id, m.Story.date),
        initiative_kinds=_all(session, m.InitiativeKind, m.InitiativeKind.id),
        initiatives=_all(session, m.Initiative, m.Initiative.year, m.Initiative.id,
                         options=[selectinload(m.Initiative.kind_words)]),
        references=_all(session, m.Reference, m.Reference.id,
                        options=[selectinload(m.Reference.indicators)]),
        quality_notes=_all(session, m.QualityNote, m.QualityNote.id),
        continuations=_all(session, m.Continuation, m.Continuation.id),
        findings=_all(session, m.Finding, m.Finding.edition_id, m.Finding.position,
                      options=[selectinload(m.Finding.facts)]),
        reflection=_all(session, m.ReflectionPoint, m.ReflectionPoint.edition_id,
                        m.ReflectionPoint.position),
        introduction=_all(session, m.IntroSection, m.IntroSection.programme_id,
                          m.IntroSection.position),
        data_sources=_all(session, m.DataSource, m.DataSource.id),
        catalogue=session.scalars(select(m.Catalogue).order_by(m.Catalogue.id)).first(),
        deliveries=[tuple(x) for x in session.execute(
            select(m.AuditEvent.subject_type, m.AuditEvent.subject_id, m.AuditEvent.at)
            .where(m.AuditEvent.action.like("%\\_delivered", escape="\\"))
            .order_by(m.AuditEvent.at, m.AuditEvent.id))],
        shapes=shapes,
        links=_all(session, m.MunicipalityLink, m.MunicipalityLink.from_year),
        municipalities=_all(session, m.Municipality, m.Municipality.year, m.Municipality.code),
        housing=read_housing(session),
        population=_all(session, m.Population, m.Population.year, m.Population.code,
                        m.Population.age_band),
    )
