"""Writing the housing monitor's imported data: per-area targets (our estimate at load, the
official breakdown on import) and deliveries, linked into projects. Each write is one
transaction: a failed import leaves the database as it was. An import marks a new content
version, so the site shows it at once."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from .. import model as m
from ..errors import LangerThuisError
from ..housing.deliveries import Record
from ..housing.estimate import AreaTargetRow
from ..housing.linking import Rec, link
from ..housing.targets import Geography
from ..model.vocabulary import TargetKind

#: Disagreements a snapshot keeps in full (the downloads list them; the count is exact).
MAX_DISAGREEMENTS = 5_000


@dataclass
class HousingData:
    """What the housing monitor's views read: the targets, the per-area targets, the
    projects' homes summed per municipality, category, status and year (a million
    deliveries make a few thousand rows), the projects on which sources disagree, the
    imports, and how many pairs wait for review."""

    targets: list[m.HousingTarget] = field(default_factory=list)
    area_targets: list[m.AreaTarget] = field(default_factory=list)
    totals: list[tuple[str, str, str, int, int, int]] = field(default_factory=list)
    disagreeing: list[m.HousingProject] = field(default_factory=list)
    disagreeing_count: int = 0
    imports: list[m.DeliveryImport] = field(default_factory=list)
    review_count: int = 0


def read_housing(session: Session) -> HousingData:
    p = m.HousingProject
    totals = session.execute(
        select(p.municipality_code, p.category, p.status, p.year, func.sum(p.homes),
               func.count()).group_by(p.municipality_code, p.category, p.status, p.year)
        .order_by(p.municipality_code, p.category, p.status, p.year))
    return HousingData(
        targets=list(session.scalars(select(m.HousingTarget).order_by(m.HousingTarget.id)
                                     .options(selectinload(m.HousingTarget.categories)))),
        area_targets=list(session.scalars(select(m.AreaTarget).order_by(
            m.AreaTarget.level, m.AreaTarget.code, m.AreaTarget.category))),
        totals=[tuple(r) for r in totals],
        disagreeing=list(session.scalars(select(p).where(p.disagreement_count > 0)
                                         .order_by(p.id).limit(MAX_DISAGREEMENTS))),
        disagreeing_count=session.scalar(select(func.count()).select_from(p)
                                         .where(p.disagreement_count > 0)) or 0,
        imports=list(session.scalars(select(m.DeliveryImport).order_by(m.DeliveryImport.source))),
        review_count=session.scalar(select(func.count()).select_from(m.DeliveryReview)) or 0)


#: Tables `load` keeps: they hold what was imported, not what the content says.
IMPORTED_TABLES = (m.AreaTarget, m.DeliveryImport, m.Delivery, m.HousingProject,
                   m.DeliveryReview)
CHUNK = 50_000


class ImportRefused(LangerThuisError):
    """The database cannot take the import as it stands (no target, no geography, or
    synthetic and real data would mix)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def new_version(session: Session) -> None:
    """Mark a new content version (see queries.content_version)."""
    info = session.get(m.LoadInfo, 1)
    if info is None:
        session.add(m.LoadInfo(id=1, loaded_at=_now(), content_root=None))
    else:
        info.loaded_at = max(_now(), info.loaded_at + dt.timedelta(microseconds=1))


def write_estimates(session: Session, rows: Iterable[AreaTargetRow]) -> dict[str, int]:
    """Replace our estimate of the per-area targets (part of `load`)."""
    session.execute(delete(m.AreaTarget).where(m.AreaTarget.kind == TargetKind.ESTIMATE))
    values = [asdict(r) for r in rows]
    if values:
        session.execute(insert(m.AreaTarget), values)
    return {m.AreaTarget.__tablename__: len(values)} if values else {}


def national_target(session: Session, target_id: str | None) -> tuple[str, dict[str, int]]:
    """The id and the homes per category of the national target (the only one when
    `target_id` is None)."""
    targets = list(session.scalars(select(m.HousingTarget).order_by(m.HousingTarget.id)))
    if target_id is not None:
        targets = [t for t in targets if t.id == target_id]
    if len(targets) != 1:
        known = ", ".join(t.id for t in session.scalars(select(m.HousingTarget))) or "none"
        raise ImportRefused(f"expected one housing target{f' {target_id!r}' if target_id else ''}"
                            f"; known: {known} (load content with content/housing/targets.yaml,"
                            " or name one with --target)")
    return targets[0].id, {c.category: c.homes for c in targets[0].categories}


def geography(session: Session, year: int | None = None) -> Geography:
    """The municipalities and provinces of `year` (default: the newest) as stored by
    `load`."""
    years = sorted(session.scalars(select(m.Municipality.year).distinct()))
    if not years:
        raise ImportRefused("the database holds no municipalities; run `langerthuis load` "
                            "with the open data (LANGERTHUIS_OPEN_DATA_DIR) first")
    year = years[-1] if year is None else year
    if year not in years:
        raise ImportRefused(f"the registry has no municipalities of {year}; it covers "
                            f"{years[0]}-{years[-1]}")
    rows = list(session.scalars(select(m.Municipality).where(m.Municipality.year == year)))
    return Geography(year, {x.code: x.name for x in rows},
                     {x.province_code: x.province for x in rows if x.province_code})


def write_official_targets(engine: Engine, rows: Sequence[AreaTargetRow]) -> int:
    """Replace the official per-area targets of the rows' target."""
    with Session(engine) as session, session.begin():
        target = {r.target_id for r in rows}
        session.execute(delete(m.AreaTarget).where(m.AreaTarget.kind == TargetKind.OFFICIAL,
                                                   m.AreaTarget.target_id.in_(target)))
        session.execute(insert(m.AreaTarget), [asdict(r) for r in rows])
        new_version(session)
    return len(rows)


@dataclass(frozen=True)
class SourceFile:
    """A validated file of one source, ready to write."""

    source: str
    file_name: str
    checksum: str
    records: list[Record]

    @property
    def synthetic(self) -> bool:
        return any(r.synthetic for r in self.records)


_FIELDS = tuple(f for f in Rec.__dataclass_fields__ if f != "id")


def write_deliveries(engine: Engine, files: Sequence[SourceFile]) -> dict[str, int]:
    """Replace the deliveries of each file's source with the file's records, link every
    delivery of every source into projects again, and store the projects and the review
    list; all in one transaction. Returns counts of what was written."""
    with Session(engine) as session, session.begin():
        replaced = {f.source for f in files}
        _refuse_mixing(session, files, replaced)
        session.execute(delete(m.Delivery).where(m.Delivery.source.in_(replaced)))
        session.execute(delete(m.DeliveryImport).where(m.DeliveryImport.source.in_(replaced)))
        columns = [getattr(m.Delivery, f) for f in ("id", *_FIELDS, "project_id", "link_method")]
        kept = [(Rec(*row[:-2]), row[-2], row[-1]) for row in session.execute(select(*columns))]
        next_id = max((r.id for r, _, _ in kept), default=0) + 1
        new: list[tuple[Rec, Record, int]] = []
        for f in files:
            batch = m.DeliveryImport(source=f.source, file_name=f.file_name, checksum=f.checksum,
                                     imported_at=_now(), records=len(f.records),
                                     synthetic=f.synthetic)
            session.add(batch)
            session.flush()
            for rec in f.records:
                new.append((Rec(next_id, *(getattr(rec, x) for x in _FIELDS)), rec, batch.id))
                next_id += 1
        linking = link([r for r, _, _ in kept] + [r for r, _, _ in new])
        conn = session.connection()  # Core executemany: the ORM's bulk path costs 5x more
        for start in range(0, len(new), CHUNK):
            conn.execute(m.Delivery.__table__.insert(), [
                {**{x: getattr(rec, x) for x in ("line", *_FIELDS)}, "id": row.id,
                 "import_id": batch, "project_id": linking.project_of[row.id],
                 "link_method": linking.method_of[row.id]}
                for row, rec, batch in new[start:start + CHUNK]])
        changed = [{"id": r.id, "project_id": linking.project_of[r.id],
                    "link_method": linking.method_of[r.id]}
                   for r, project, how in kept
                   if (project, how) != (linking.project_of[r.id], linking.method_of[r.id])]
        for start in range(0, len(changed), CHUNK):
            session.execute(update(m.Delivery), changed[start:start + CHUNK])
        session.execute(delete(m.HousingProject))
        session.execute(delete(m.DeliveryReview))
        for start in range(0, len(linking.projects), CHUNK):
            conn.execute(m.HousingProject.__table__.insert(),
                         [vars(p) for p in linking.projects[start:start + CHUNK]])
        if linking.reviews:
            conn.execute(m.DeliveryReview.__table__.insert(), [
                {"first_id": a, "second_id": b, "score": s, "reason": why}
                for a, b, s, why in linking.reviews])
        new_version(session)
        return {"deliveries": len(new), "projects": len(linking.projects),
                "review": len(linking.reviews)}


def _refuse_mixing(session: Session, files: Sequence[SourceFile], replaced: set[str]) -> None:
    """Synthetic deliveries never sit beside real ones."""
    stored = {(b.source, b.synthetic) for b in session.scalars(select(m.DeliveryImport))
              if b.source not in replaced}
    kinds = {f.synthetic for f in files} | {synthetic for _, synthetic in stored}
    if len(kinds) > 1:
        others = ", ".join(sorted(f"{s} ({'synthetic' if y else 'real'})" for s, y in stored))
        raise ImportRefused("synthetic and real deliveries would be mixed (stored: "
                            f"{others or 'none'}); run `langerthuis deliveries clear` first")


def clear_deliveries(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        for table in (m.DeliveryReview, m.HousingProject, m.Delivery, m.DeliveryImport):
            session.execute(delete(table))
        new_version(session)
