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
from .housing import IMPORTED_TABLES, write_estimates
from .migrate import upgrade


def load_content(engine: Engine, content: ContentSet, registry: Registry | None = None,
                 population: tuple[int, list[tuple[str, str, float]]] | None = None
                 ) -> Counter[str]:
    """Replace the database's content with `content` (already validated), and its geography
    with `registry` (and `population`, residents per municipality and age band) when given.
    Returns the number of rows written per table."""
    upgrade(engine)
    with Session(engine) as session, session.begin():
        geo = {t.__table__ for t in GEO_TABLES}
        imported = {t.__table__ for t in IMPORTED_TABLES}
        for table in reversed(m.Base.metadata.sorted_tables):
            if table.info.get("kept_by_load") or table in imported:
                continue  # accounts, the audit trail and imported deliveries are not content
            if table not in geo or registry is not None:
                session.execute(table.delete())
        written = _insert(session, content)
        written.update(write_estimates(session, content.area_estimates))
        session.add(m.LoadInfo(id=1, loaded_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                               content_root=str(content.root)))
        if registry is not None:
            written["geography"] = write_geography(session, registry, population)
        return written


def row(model: type[m.Base], record, **given):
    """The domain object for a content record, mapped generically: each column takes the
    record's field of the same name, a foreign key `x_id` the field `x`; `given` holds
    what the record does not (parents, derived values, relationships)."""
    data = record.model_dump(exclude_none=True)
    values = dict(given)
    for column in model.__table__.columns:
        name = column.key
        if name in values:
            continue
        for field in (name, name.removesuffix("_id")):
            if field in data:
                values[name] = data[field]
                break
    return model(**values)


def _ranks(records: list) -> list[int]:
    """The place of each record among the records of its edition, in the order of the
    content (so that an export, which lists them by edition, loads back to the same places)."""
    seen: Counter[str] = Counter()
    ranks = []
    for r in records:
        ranks.append(seen[r.edition])
        seen[r.edition] += 1
    return ranks


def _insert(session: Session, content: ContentSet) -> Counter[str]:
    written: Counter[str] = Counter()

    def add(objects: list[m.Base]) -> None:
        session.add_all(objects)
        session.flush()
        for obj in objects:
            written[obj.__tablename__] += 1

    orgs = {o.id: row(m.Organisation, o) for o in content.organisations}
    add(list(orgs.values()))
    # Predecessors first, so that the foreign key to them holds on every insert.
    ordered = sorted(content.programmes, key=lambda p: p.programme.predecessor is not None)
    add([row(m.Programme, p.programme, partners=[orgs[o] for o in p.programme.partners])
         for p in ordered])
    for p in content.programmes:
        _insert_programme(session, p, add, orgs)
    add([row(m.HousingTarget, t, categories=[
        row(m.HousingTargetCategory, x, target_id=t.id, position=i)
        for i, x in enumerate(t.categories)]) for t in content.housing_targets])
    if content.catalogue is not None:
        add([row(m.Catalogue, content.catalogue)])
    # After every programme: a continuation refers to an indicator of another programme.
    add([row(m.Continuation, x) for p in content.programmes for x in p.continuity])
    return written


def _insert_programme(session: Session, p: ProgrammeContent, add, orgs: dict[str, m.Organisation]) -> None:
    pid = p.programme.id
    add([row(m.ActionLine, al, programme_id=pid) for al in p.action_lines])
    add([row(m.Goal, g, action_line_id=al.id) for al in p.action_lines for g in al.goals])
    add([row(m.Action, a, programme_id=pid, leads=[orgs[o] for o in a.leads])
         for a in p.actions])
    add([row(m.Edition, e, programme_id=pid) for e in p.editions])
    year = {e.id: e.year for e in p.editions}
    add([row(m.Indicator, i, programme_id=pid) for i in p.indicators])
    add([row(m.DefinitionVersion, d, indicator_id=i.id, from_year=year[d.from_edition])
         for i in p.indicators for d in i.definitions])
    add([row(m.Measurement, x, provenance={"file": x.where.file, "line": x.where.line,
                                           **x.provenance}) for x in p.measurements])
    add([row(m.Revision, r, measurement_id=x.id, actor=r.actor or "content")
         for x in p.measurements for r in x.revisions])
    titles = {i.id: i.title for i in p.indicators}
    add([row(m.EditionEntry, en, edition_id=e.id, title=en.title or titles[en.indicator])
         for e in p.editions for en in e.entries])
    add([row(m.BreakdownTable, t, checks=t.checks.model_dump(exclude_none=True)
             if t.checks else {}) for t in p.tables])
    add([row(m.BreakdownRow, r, table_id=t.id, position=pos)
         for t in p.tables for pos, r in enumerate(p.table_rows.get(t.id, []))])
    add([row(m.Relation, r, definition=r.model_dump(
        exclude={"id", "kind", "table", "source_location"}, exclude_none=True))
        for r in p.relations])
    add([row(m.Story, st) for st in p.stories])
    add([row(m.InitiativeKind, k) for k in p.initiative_kinds])
    add([row(m.Initiative, i) for i in p.initiatives])
    add([row(m.Reference, r) for r in p.references])
    links = [{"indicator_id": i, "reference_id": r.id} for r in p.references for i in r.indicators]
    if links:
        session.execute(insert(m.indicator_reference), links)
    add([row(m.ProgressEntry, e, reference_id=e.source) for e in p.progress])
    add([row(m.PublishedClaim, c) for c in p.claims])
    add([row(m.Finding, f, position=pos) for f, pos in zip(p.findings, _ranks(p.findings))])
    add([row(m.FindingFact, x, finding_id=f.id, position=pos,
             source_location=x.source_location or f.source_location)
         for f in p.findings for pos, x in enumerate(f.facts)])
    add([row(m.ReflectionPoint, r, position=pos)
         for r, pos in zip(p.reflection, _ranks(p.reflection))])
    add([row(m.IntroSection, x, programme_id=pid, position=pos)
         for pos, x in enumerate(p.introduction)])
    add([row(m.QualityNote, q, subject_type=q.subject.type, subject_id=q.subject.id,
             programme_id=pid)
         for q in p.quality_notes])
