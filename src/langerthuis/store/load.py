"""Loading validated content into the database, all or nothing.

The content replaces what the database held, inside one transaction: if anything fails,
the transaction is rolled back and the database is exactly as it was.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from .. import model as m
from ..content import ContentSet, ProgrammeContent
from ..geography.registry import Registry
from .geography import GEO_TABLES, write_geography
from .migrate import upgrade


def load_content(engine: Engine, content: ContentSet,
                 registry: Registry | None = None) -> Counter[str]:
    """Replace the database's content with `content` (already validated), and its geography
    with `registry` when given. Returns the number of rows written per table."""
    upgrade(engine)
    with Session(engine) as session, session.begin():
        geo = {t.__table__ for t in GEO_TABLES}
        for table in reversed(m.Base.metadata.sorted_tables):
            if table not in geo or registry is not None:
                session.execute(table.delete())
        written = _insert(session, content)
        session.add(m.LoadInfo(id=1, loaded_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                               content_root=str(content.root)))
        if registry is not None:
            written["geography"] = write_geography(session, registry)
        return written


def _insert(session: Session, content: ContentSet) -> Counter[str]:
    written: Counter[str] = Counter()

    def add(objects: list[m.Base]) -> None:
        session.add_all(objects)
        session.flush()
        for obj in objects:
            written[obj.__tablename__] += 1

    orgs = {o.id: m.Organisation(id=o.id, name=o.name, abbreviation=o.abbreviation, url=o.url)
            for o in content.organisations}
    add(list(orgs.values()))
    # Predecessors first, so that the foreign key to them holds on every insert.
    ordered = sorted(content.programmes, key=lambda p: p.programme.predecessor is not None)
    add([m.Programme(id=p.programme.id, name=p.programme.name, name_en=p.programme.name_en,
                     start_year=p.programme.start_year, end_year=p.programme.end_year,
                     predecessor_id=p.programme.predecessor, summary=p.programme.summary,
                     url=p.programme.url, partners=[orgs[o] for o in p.programme.partners])
         for p in ordered])
    for p in content.programmes:
        _insert_programme(session, p, add, orgs)
    return written


def _insert_programme(session: Session, p: ProgrammeContent, add, orgs: dict[str, m.Organisation]) -> None:
    pid = p.programme.id
    add([m.ActionLine(id=al.id, programme_id=pid, number=al.number, title=al.title,
                      title_en=al.title_en, summary=al.summary) for al in p.action_lines])
    add([m.Goal(id=g.id, action_line_id=al.id, number=g.number, title=g.title,
                title_en=g.title_en) for al in p.action_lines for g in al.goals])
    add([m.Action(id=a.id, programme_id=pid, action_line_id=a.action_line, goal_id=a.goal,
                  number=a.number, title=a.title, timeline=a.timeline, milestone=a.milestone,
                  status=a.status, leads_printed=a.leads_printed, source=a.source,
                  leads=[orgs[o] for o in a.leads])
         for a in p.actions])
    add([m.Edition(id=e.id, programme_id=pid, year=e.year, title=e.title,
                   publication_date=e.publication_date, status=e.status, publisher=e.publisher,
                   url=e.url) for e in p.editions])
    year = {e.id: e.year for e in p.editions}
    add([m.Indicator(id=i.id, programme_id=pid, kind=i.kind, is_overall=i.is_overall,
                     action_line_id=i.action_line, goal_id=i.goal, title=i.title,
                     title_en=i.title_en, short_label=i.short_label, unit=i.unit,
                     decimals=i.decimals, desired_direction=i.desired_direction,
                     direction_reason=i.direction_reason, description=i.description,
                     source=i.source) for i in p.indicators])
    add([m.DefinitionVersion(indicator_id=i.id, from_edition_id=d.from_edition,
                             from_year=year[d.from_edition], text=d.text,
                             change_note=d.change_note)
         for i in p.indicators for d in i.definitions])
    add([m.Measurement(id=x.id, indicator_id=x.indicator, value=x.value, decimals=x.decimals,
                       reference_period=x.reference_period, period_start=x.period_start,
                       period_end=x.period_end, reference_date=x.reference_date,
                       sources=list(x.sources), n=x.n, qualifiers=[str(q) for q in x.qualifiers],
                       notes=x.notes, source_location=x.source_location,
                       provenance={"file": x.where.file, "line": x.where.line,
                                   **x.provenance})
         for x in p.measurements])
    titles = {i.id: i.title for i in p.indicators}
    add([m.EditionEntry(edition_id=e.id, indicator_id=en.indicator, number=en.number,
                        title=en.title or titles[en.indicator], status=en.status, measurement_id=en.measurement,
                        printed=en.printed, source_location=en.source_location, note=en.note)
         for e in p.editions for en in e.entries])
    add([m.BreakdownTable(id=t.id, measurement_id=t.measurement, edition_id=t.edition,
                          number=t.number, title=t.title, unit=t.unit, decimals=t.decimals,
                          dimensions=list(t.dimensions), source_location=t.source_location,
                          notes=t.notes,
                          checks=t.checks.model_dump(exclude_none=True) if t.checks else {})
         for t in p.tables])
    add([m.BreakdownRow(table_id=t.id, position=pos, dimensions=dict(r.dimensions),
                        value=r.value, unit=r.unit, n=r.n,
                        qualifiers=[str(q) for q in r.qualifiers], printed=r.printed)
         for t in p.tables for pos, r in enumerate(p.table_rows.get(t.id, []))])
    add([m.Relation(id=r.id, kind=r.kind, table_id=r.table, source_location=r.source_location,
                    definition=r.model_dump(exclude={"id", "kind", "table", "source_location"},
                                            exclude_none=True)) for r in p.relations])
    add([m.Story(id=st.id, indicator_id=st.indicator, edition_id=st.edition, title=st.title,
                 persons=[x.model_dump(exclude_none=True) for x in st.persons], date=st.date,
                 source_title=st.source_title, source_url=st.source_url, summary=st.summary)
         for st in p.stories])
    add([m.Initiative(id=i.id, kind=i.kind, name=i.name, indicator_id=i.indicator,
                      action_line_id=i.action_line, municipality_code=i.municipality_code,
                      municipality_name=i.municipality_name, year=i.year, phase=i.phase,
                      count=i.count, attributes=dict(i.attributes),
                      source_location=i.source_location) for i in p.initiatives])
    add([m.Reference(id=r.id, title=r.title, organisation=r.organisation, date=r.date,
                     date_text=r.date_text, url=r.url) for r in p.references])
    links = [{"indicator_id": i, "reference_id": r.id} for r in p.references for i in r.indicators]
    if links:
        session.execute(insert(m.indicator_reference), links)
    add([m.PublishedClaim(id=c.id, edition_id=c.edition, metric=c.metric,
                          action_lines=list(c.action_lines), include_overall=c.include_overall,
                          kinds=[str(k) for k in c.kinds], value=c.value, of=c.of, text=c.text,
                          text_en=c.text_en,
                          source_location=c.source_location) for c in p.claims])
    add([m.QualityNote(id=q.id, subject_type=q.subject.type, subject_id=q.subject.id,
                       kind=q.kind, text=q.text, locations=list(q.locations),
                       values=list(q.values)) for q in p.quality_notes])
