"""Everything one content version holds, read in one session with a fixed number of
queries: the input of the views' snapshot. Collections are loaded eagerly, so building the
views touches the database no further."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import model as m
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

    def programme_editions(self, programme_id: str) -> list[m.Edition]:
        return [e for e in self.editions if e.programme_id == programme_id]


def _all(session: Session, model, *order, options=()):
    return list(session.scalars(select(model).order_by(*order).options(*options)))


def read_dataset(session: Session) -> Dataset:
    entries = selectinload(m.Edition.entries)
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
                     m.Action.number, options=[selectinload(m.Action.leads)]),
        indicators=_all(session, m.Indicator, m.Indicator.id,
                        options=[selectinload(m.Indicator.definitions)]),
        editions=_all(session, m.Edition, m.Edition.programme_id, m.Edition.year, options=[
            entries.selectinload(m.EditionEntry.indicator),
            entries.selectinload(m.EditionEntry.measurement)]),
        measurements=_all(session, m.Measurement, m.Measurement.id,
                          options=[selectinload(m.Measurement.tables)]),
        tables=_all(session, m.BreakdownTable, m.BreakdownTable.number, m.BreakdownTable.id,
                    options=[selectinload(m.BreakdownTable.rows)]),
        relations=_all(session, m.Relation, m.Relation.id),
        claims=_all(session, m.PublishedClaim, m.PublishedClaim.id),
        stories=_all(session, m.Story, m.Story.indicator_id, m.Story.date),
        initiatives=_all(session, m.Initiative, m.Initiative.year, m.Initiative.id),
        references=_all(session, m.Reference, m.Reference.id,
                        options=[selectinload(m.Reference.indicators)]),
        quality_notes=_all(session, m.QualityNote, m.QualityNote.id),
        findings=_all(session, m.Finding, m.Finding.edition_id, m.Finding.position,
                      options=[selectinload(m.Finding.facts)]),
        reflection=_all(session, m.ReflectionPoint, m.ReflectionPoint.edition_id,
                        m.ReflectionPoint.position),
        introduction=_all(session, m.IntroSection, m.IntroSection.programme_id,
                          m.IntroSection.position),
        data_sources=_all(session, m.DataSource, m.DataSource.id),
        shapes=shapes,
        links=_all(session, m.MunicipalityLink, m.MunicipalityLink.from_year),
        municipalities=_all(session, m.Municipality, m.Municipality.year, m.Municipality.code),
    )
