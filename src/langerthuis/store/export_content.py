"""The database written back as content files (`langerthuis export-content DIR`).

With editing, the database holds the truth; this writes it in exactly the layout `load`
reads (content/README.md), so that a repository can keep its history and loading the
export gives the same database. Each record is the inverse of `load.row`: every key of the
record's schema (`content.schema`) takes the column of the same name, or `x_id` for the
key `x`; what a column does not hold is given explicitly below (nested records, links,
CSV files, the programme a record belongs to).

What is not content is not exported: accounts and the audit trail, imported deliveries,
the geography and the figures `load` derives from the open data (see `langerthuis dump`
for a backup of everything). Without `drafts`, only what the public sees is exported:
draft editions and what only they show stay in the database.

The files are written into a new folder beside DIR and checked with `check_content`, the
check `load` runs, before they replace anything: a failed export leaves DIR as it was."""
from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .. import model as m
from ..content import schema as s
from ..content.reader import PROGRAMME_FILES
from ..content.writer import write_table, write_yaml
from ..errors import ContentError, LangerThuisError
from ..model.vocabulary import EditionStatus
from .dataset import Dataset, read_dataset
from .migrate import current_revision, head_revision

#: Top-level entries of a content folder besides the programme folders.
SHARED = ("organisations.yaml", "housing", "catalogue.yaml")
#: Provenance keys that `load` sets from where a measurement was read.
READ_AT = ("file", "line")


class ExportRefused(LangerThuisError):
    """The export cannot be written where it was asked to go; nothing was written."""


@dataclass
class Exported:
    directory: Path
    files: list[str]  # relative paths, in the order written
    left_out: list[str] = field(default_factory=list)  # draft editions not exported


def record(spec: type[s.Record], obj: m.Base, spread: dict[str, Any] | None = None,
           **given: Any) -> dict[str, Any]:
    """The content record of `obj` with the keys of `spec`: each key from `given`, else
    the column of its name or `<key>_id`, else from the free-form column `spread` (where
    `load` put keys without a column of their own). Keys at their default are left out.
    A key found nowhere is a programming error: the export would lose it."""
    columns = set(obj.__table__.columns.keys())
    out: dict[str, Any] = {}
    for name, info in spec.model_fields.items():
        if name in given:
            value = given[name]
        elif name in columns:
            value = getattr(obj, name)
        elif f"{name}_id" in columns:
            value = getattr(obj, f"{name}_id")
        elif spread is not None:
            value = spread.get(name)
        else:
            raise TypeError(f"{spec.__name__}.{name} has no column in {type(obj).__name__}; "
                            "give it to record()")
        if value is None or (not info.is_required() and value == info.default):
            continue
        out[name] = value
    return out


class _Owners:
    """Which programme each exported record belongs to, by (subject type, id): records
    that refer to one another must be in the same programme folder."""

    def __init__(self, default: str):
        self.default = default
        self.of: dict[tuple[str, str], str] = {}
        self.files: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))

    def add(self, programme: str, key: str, subject: str, rec: dict[str, Any]) -> None:
        self.files[programme][key].append(rec)
        if "id" in rec:
            self.of[(subject, rec["id"])] = programme

    def get(self, subject: str, ident: str | None) -> str | None:
        return self.of.get((subject, ident)) if ident is not None else None


def _derived_at_load() -> set[str]:
    """The measurements `load` computes from the open data: not content."""
    from ..compute.derived import MEASUREMENT
    return {MEASUREMENT}


#: A YAML file's document by its path in the content folder.
Documents = dict[str, dict[str, Any]]
#: A table's CSV file by its path: (dimensions, unit, rows).
Tables = dict[str, tuple[list[str], str, list[dict[str, Any]]]]


def content_files(data: Dataset) -> tuple[Documents, Tables]:
    """The content files of `data`: the YAML documents and the tables' CSV files."""
    roots = [p for p in data.programmes if p.predecessor_id is None] or data.programmes
    o = _Owners(roots[0].id)
    for p in data.programmes:
        o.of[("programme", p.id)] = p.id
        for al in p.action_lines:
            o.of[("action_line", al.id)] = p.id
            o.of.update({("goal", g.id): p.id for g in al.goals})
    for e in data.editions:
        o.add(e.programme_id, "editions", "edition", record(
            s.EditionSpec, e, entries=[_entry(x) for x in e.entries]))
    for i in data.indicators:
        o.add(i.programme_id, "indicators", "indicator", record(
            s.IndicatorSpec, i, definitions=[
                record(s.DefinitionSpec, d) for d in i.definitions
                if o.get("edition", d.from_edition_id)]))
    for a in data.actions:
        o.add(a.programme_id, "actions", "action",
              record(s.ActionSpec, a, leads=sorted(x.id for x in a.leads)))
        for x in a.progress:
            o.add(a.programme_id, "progress", "progress_entry",
                  record(s.ProgressEntrySpec, x, source=x.reference_id))
    derived = _derived_at_load()
    for x in data.measurements:
        if x.id not in derived:
            o.add(o.of[("indicator", x.indicator_id)], "measurements", "measurement", record(
                s.MeasurementSpec, x, provenance={
                    k: v for k, v in (x.provenance or {}).items() if k not in READ_AT},
                revisions=[record(s.RevisionSpec, r, actor=None if r.actor == "content"
                                  else r.actor) for r in x.revisions]))
    tables: Tables = {}
    for t in data.tables:
        owner = o.get("measurement", t.measurement_id)
        if owner is None:
            continue  # it breaks down a figure that is not exported
        path = f"tables/{t.id}.csv"
        o.add(owner, "tables", "table", record(s.TableSpec, t, file=path, checks=t.checks or None))
        tables[f"{owner}/{path}"] = (t.dimensions, t.unit, [
            record(s.TableRowSpec, r) for r in t.rows])
    for r in data.relations:
        if (owner := o.get("table", r.table_id)):
            o.add(owner, "relations", "relation", record(s.RelationSpec, r, spread=r.definition))
    for x in data.stories:
        o.add(o.of[("indicator", x.indicator_id)], "stories", "story", record(s.StorySpec, x))
    for x in data.claims:
        o.add(o.of[("edition", x.edition_id)], "claims", "claim", record(s.ClaimSpec, x))
    _initiatives(o, data)
    for x in data.references:
        owner = next((o.of[("indicator", i.id)] for i in x.indicators), None) or next(
            (o.of[("progress_entry", e.id)] for a in data.actions for e in a.progress
             if e.reference_id == x.id), o.default)
        o.add(owner, "references", "reference", record(
            s.ReferenceSpec, x, indicators=sorted(i.id for i in x.indicators)))
    for x in data.continuations:
        o.add(o.of[("indicator", x.indicator_id)], "continuity", "continuation",
              record(s.ContinuationSpec, x))
    for x in data.findings:
        if (owner := o.get("edition", x.edition_id)):
            o.add(owner, "findings", "finding", record(s.FindingSpec, x, facts=[
                record(s.FactSpec, f, source_location=None
                       if f.source_location == x.source_location else f.source_location)
                for f in x.facts]))
    for x in data.reflection:
        if (owner := o.get("edition", x.edition_id)):
            o.add(owner, "reflection", "reflection_point", record(s.ReflectionPointSpec, x))
    for x in data.introduction:
        o.add(x.programme_id, "introduction", "introduction", record(s.IntroSectionSpec, x))
    for x in data.quality_notes:
        subject = (x.subject_type, x.subject_id)
        if x.subject_type == "edition_entry":
            subject = ("edition", x.subject_id.split("/", 1)[0])
        if (owner := o.of.get(subject)):
            o.add(owner, "quality_notes", "quality_note", record(
                s.QualityNoteSpec, x, subject={"type": x.subject_type, "id": x.subject_id}))
    return _layout(o, data), tables


def _entry(x: m.EditionEntry) -> dict[str, Any]:
    """An edition entry: its title only where the edition printed another than the
    indicator's (load gives an entry without one the indicator's title)."""
    return record(s.EntrySpec, x, title=None if x.title == x.indicator.title else x.title)


def _initiatives(o: _Owners, data: Dataset) -> None:
    """Initiatives go with their indicator or action line; a kind with the first
    initiative of that kind; an initiative with neither link with its kind."""
    owner = {x.id: o.get("indicator", x.indicator_id) or o.get("action_line", x.action_line_id)
             for x in data.initiatives}
    kinds: dict[str, str] = {}
    for x in data.initiatives:
        if owner[x.id]:
            kinds.setdefault(x.kind, owner[x.id])
    for k in data.initiative_kinds:
        o.add(kinds.get(k.id, o.default), "initiative_kinds", "initiative_kind",
              record(s.InitiativeKindSpec, k))
    for x in data.initiatives:
        o.add(owner[x.id] or kinds.get(x.kind, o.default), "initiatives", "initiative",
              record(s.InitiativeSpec, x))


def _layout(o: _Owners, data: Dataset) -> Documents:
    files: Documents = {"organisations.yaml": {"organisations": [
        record(s.OrganisationSpec, x) for x in data.organisations]}}
    for p in data.programmes:
        files[f"{p.id}/programme.yaml"] = {
            "programme": record(s.ProgrammeSpec, p, partners=sorted(x.id for x in p.partners)),
            "action_lines": [record(s.ActionLineSpec, al, goals=[
                record(s.GoalSpec, g) for g in al.goals]) for al in p.action_lines]}
        for name, (key, _spec) in PROGRAMME_FILES.items():
            if o.files[p.id].get(key):
                files[f"{p.id}/{name}"] = {key: o.files[p.id][key]}
    targets = [record(s.HousingTargetSpec, t, categories=[
        record(s.TargetCategorySpec, c) for c in t.categories]) for t in data.housing.targets]
    if targets:
        files["housing/targets.yaml"] = {"housing_targets": targets}
    if data.catalogue is not None:
        files["catalogue.yaml"] = {"catalogue": record(s.CatalogueSpec, data.catalogue)}
    return files


def export_content(engine: Engine, directory: Path, drafts: bool = False,
                   force: bool = False) -> Exported:
    """Write the database's content into `directory` as content files. Refuses a folder
    that is not empty unless `force`: then the content in it (organisations.yaml, housing/
    and the programme folders) is replaced and every other file (README.md, .git, ...) is
    kept. ExportRefused or ContentError when nothing was written."""
    from ..content import check_content
    directory = directory.absolute()
    _check_target(directory, force)
    _check_schema(engine)
    with Session(engine) as session:
        data = read_dataset(session, drafts=drafts)
        draft_ids = sorted(session.scalars(select(m.Edition.id).where(
            m.Edition.status == EditionStatus.DRAFT.value)))
    if not data.programmes:
        raise ExportRefused("The database holds no content to export; run `langerthuis "
                            "load` first (or choose the database with --database).")
    documents, tables = content_files(data)
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{directory.name}.export-", dir=directory.parent))
    except OSError as exc:
        raise ExportRefused(f"Cannot write beside {directory} ({exc.strerror or exc}); choose "
                            "a folder you may write in.") from None
    try:
        try:
            _write(new, documents, tables)
        except OSError as exc:
            raise ExportRefused(f"Cannot write the export beside {directory} "
                                f"({exc.strerror or exc}); nothing was written to it.") from None
        try:
            check_content(new)
        except ContentError as exc:
            raise ContentError(exc.problems, f"the export of the database (nothing was "
                               f"written to {directory}; the database holds content that "
                               "`load` would refuse)") from None
        _move_into(new, directory)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    left_out = [] if drafts else draft_ids
    return Exported(directory, [*documents, *tables], left_out)


def _write(folder: Path, documents: dict, tables: dict) -> None:
    for path, document in documents.items():
        write_yaml(folder / path, document)
    for path, (dimensions, unit, rows) in tables.items():
        write_table(folder / path, dimensions, unit, rows)


def check_database(session: Session) -> None:
    """Check what the session's database holds (drafts too) as `check` checks content: the
    content files it would export are written into a temporary folder and read back;
    ContentError lists every problem. `restore` runs it before it commits."""
    from ..content import check_content
    data = read_dataset(session, drafts=True)
    if not data.programmes:
        return
    documents, tables = content_files(data)
    folder = Path(tempfile.mkdtemp(prefix="langerthuis-check-"))
    try:
        _write(folder, documents, tables)
        check_content(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _check_schema(engine: Engine) -> None:
    found, wanted = current_revision(engine), head_revision()
    where = engine.url.render_as_string(hide_password=True)
    if found is None:
        raise ExportRefused(f"The database at {where} holds no content to export; run "
                            "`langerthuis load` first (or choose the database with --database).")
    if found != wanted:
        raise ExportRefused(f"The database at {where} has schema {found}, this version needs "
                            f"{wanted}; run `langerthuis migrate` first.")


def _check_target(directory: Path, force: bool) -> None:
    for above in (directory, *directory.parents):
        if above.exists() and not above.is_dir():
            raise ExportRefused(f"{above} is a file, not a folder; choose a new or empty "
                                "folder to export the content into.")
    if force or not directory.exists():
        return
    entries = sorted(p.name for p in directory.iterdir())
    if entries:
        shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
        raise ExportRefused(
            f"{directory} is not empty (it holds {len(entries)} entr"
            f"{'y' if len(entries) == 1 else 'ies'}: {shown}); choose a new or empty folder, "
            "or add --force to replace the content in it (organisations.yaml, housing/ and "
            "the programme folders; other files such as README.md and .git are kept).")


def _content_entries(directory: Path, written: set[str]) -> list[Path]:
    """The top-level entries of a content folder that an export replaces."""
    return [p for p in directory.iterdir() if p.name in written or p.name in SHARED
            or (p.is_dir() and (p / "programme.yaml").exists())]


def _move_into(new: Path, directory: Path) -> None:
    """Put the export in `new` in place of `directory`'s content, by renames once all is
    written and checked (no file is ever half-written in `directory`). Should a rename
    fail, the old content is put back."""
    if not directory.exists():
        new.rename(directory)
        return
    written = {p.name for p in new.iterdir()}
    old = Path(tempfile.mkdtemp(prefix=f".{directory.name}.old-", dir=directory.parent))
    moved: list[Path] = []
    try:
        for p in _content_entries(directory, written):
            p.rename(old / p.name)
            moved.append(p)
        for name in sorted(written):
            (new / name).rename(directory / name)
    except OSError as exc:
        try:
            for name in written:
                if (directory / name).exists() and not (new / name).exists():
                    (directory / name).rename(new / name)
            for p in moved:
                (old / p.name).rename(p)
        except OSError:
            raise ExportRefused(f"Could not move the export into {directory} ({exc}), nor "
                                f"put its content back; the old content is in {old}.") from None
        old.rmdir()
        raise ExportRefused(f"Could not move the export into {directory} ({exc}); its "
                            "content was left as it was.") from None
    shutil.rmtree(old)
