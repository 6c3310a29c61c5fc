"""Records delivered for a draft edition besides its figures: stories, progress entries and
initiatives, each kind described once (`RecordKind`) and read, checked and written by the
same code.

A file is read with the figures' reader (`uploads.read_rows`), each row is checked with the
content schema `load` uses for that kind and with the cross-checks `check` makes (the
indicator, action, source, municipality it names must exist), all before anything is
written; then every record is written in one transaction with its audit event. A record of
the draft can be delivered again (same id), a published one cannot. A partner delivers only
what is its organisation's; a row whose record someone else changed since the template was
made is a conflict."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .. import model as m
from ..store import accounts as audit
from ..store import editing as store
from . import uploads
from .drafts import draft_of, serialised
from .uploads import (BASE, Problem, Row, UploadRejected, conflict, problem, read_rows,
                      schema_problems, untranslated, version)


@dataclass
class Context:
    """What the checks of one upload look things up in, read once."""

    session: Session
    edition: m.Edition
    organisation: str | None  # the partner's organisation; None for editors

    @cached_property
    def entries(self) -> dict[str, m.EditionEntry]:
        return {x.indicator_id: x for x in self.edition.entries}

    @cached_property
    def assigned(self) -> set[str]:
        return store.assigned(self.session, self.organisation) if self.organisation else set()

    def may_deliver_for(self, indicator: str | None) -> bool:
        return self.organisation is None or indicator in self.assigned


@dataclass(frozen=True)
class RecordKind:
    """One kind of delivered record and how its rows are read, checked and written."""

    name: str  # in the API's path and the template's name: "stories"
    subject: str  # the audit trail's subject type: "story"
    model: type[m.Base]
    spec: type[BaseModel]
    columns: dict[str, str]  # column -> what it holds (the template explains it)
    required: tuple[str, ...]
    shown: str  # the field whose old and new value the audit trail keeps
    id_from: str  # the column a new record's id starts with
    #: A row's cells as the content record (without id); problems of cells the schema
    #: cannot judge (a number, yes or no).
    record: Callable[[dict[str, str], Context, int], tuple[dict[str, Any], list[Problem]]]
    #: The checks across records of one valid row, and the partner's scope.
    check: Callable[[Any, Context, int], list[Problem]]
    #: A record as a row of the template.
    cells: Callable[[Any], dict[str, str]]
    #: The database columns of a checked record delivered for the draft edition.
    values: Callable[[Any, m.Edition], dict[str, Any]]
    #: Which of the draft's records a template lists (all for editors).
    mine: Callable[[Any, Context], bool]
    #: A schema field -> the column that holds it, where the names differ.
    column_of: dict[str, str] | None = None

    def belongs_to(self, record: Any, edition: m.Edition) -> bool:
        return record.edition_id == edition.id

    def of_edition(self, session: Session, edition: m.Edition) -> list:
        return list(session.scalars(select(self.model).where(
            self.model.edition_id == edition.id).order_by(self.model.id)))


def template_rows(kind: RecordKind, session: Session, edition: m.Edition,
                  organisation: str | None) -> list[list[str]]:
    """The draft's records of `kind` as rows of the template, each with its base."""
    ctx = Context(session, edition, organisation)
    rows = []
    for record in kind.of_edition(session, edition):
        if kind.mine(record, ctx):
            cells = kind.cells(record)
            rows.append([cells.get(c, "") for c in kind.columns if c != BASE]
                        + [version(cells)])
    return rows


def template_csv(kind: RecordKind, session: Session, edition: m.Edition,
                 organisation: str | None = None) -> str:
    return uploads.template_csv(kind.columns,
                                template_rows(kind, session, edition, organisation))


def template_xlsx(kind: RecordKind, session: Session, edition: m.Edition,
                  organisation: str | None = None) -> bytes:
    return uploads.template_xlsx(kind.name, kind.columns,
                                 template_rows(kind, session, edition, organisation))


@dataclass(frozen=True)
class Checked:
    row: int
    spec: Any
    existing: Any  # the draft's record it replaces, if any


def check_records(kind: RecordKind, ctx: Context, rows: list[Row], based: bool
                  ) -> list[Checked]:
    """Every row as a checked record, or UploadRejected with every problem of the file."""
    problems: list[Problem] = []
    checked: list[Checked] = []
    taken = set(ctx.session.scalars(select(kind.model.id)))
    given = {cells["id"] for _line, cells in rows if cells.get("id")}
    seen: dict[str, int] = {}
    for line, cells in rows:
        identity = cells.get("id", "")
        existing = ctx.session.get(kind.model, identity) if identity else None
        if identity in seen:
            problems.append(problem(line, "id", "'{id}' is on row {row} already; give each "
                                    "record one row.", id=identity[:64], row=seen[identity]))
            continue
        if identity:
            seen[identity] = line
        if existing is not None and not kind.belongs_to(existing, ctx.edition):
            problems.append(problem(line, "id", "'{id}' is published already and cannot be "
                                    "changed here; leave the id empty for a new record.",
                                    id=identity))
            continue
        if based and identity:
            problems += _conflicts(kind, line, cells.get(BASE, ""), existing)
        record, bad = kind.record(cells, ctx, line)
        record["id"] = identity or _new_id(cells.get(kind.id_from, ""), kind.subject,
                                           ctx.edition.year, taken | given)
        given.add(record["id"])
        problems += bad
        try:
            spec = kind.spec.model_validate(record)
        except ValidationError as exc:  # every column's problem, once
            reported = {p.column for p in bad}
            problems += [p for p in schema_problems(exc, line, kind.column_of)
                         if p.column not in reported]
            continue
        if bad:
            continue
        missing = untranslated(spec, line, kind.column_of)
        if missing:
            problems += missing
            continue
        found = kind.check(spec, ctx, line)
        problems += found
        if not found:
            checked.append(Checked(line, spec, existing))
    if problems:
        raise UploadRejected(problems)
    return checked


def _conflicts(kind: RecordKind, line: int, base: str, existing: Any) -> list[Problem]:
    """A conflict when the record is no longer what the template showed (`base`)."""
    if existing is None:
        if base:
            return [conflict(line, "id", "Someone else removed this record while you were "
                             "editing; download the template again.")]
        return []
    if base == version(kind.cells(existing)):
        return []
    return [conflict(line, "id", "Someone else changed this record while you were editing "
                     "(or added it after your template was made); download the template "
                     "again, look at the changes and upload yours again if they are still "
                     "right.")]


def _new_id(start: str, subject: str, year: int, taken: set[str]) -> str:
    """An unused id for a new record: its indicator, action or kind, the year, a number."""
    stem = re.sub(r"[^a-z0-9_.-]+", "-", start.lower()).strip("-._")[:40] or subject
    number = 1
    while f"{stem}-{year}-{number}" in taken:
        number += 1
    return f"{stem}-{year}-{number}"


def apply_records(kind: RecordKind, engine: Engine, edition_id: str, data: bytes,
                  filename: str, actor: str, organisation: str | None = None) -> int:
    """Validate the uploaded file of `kind` in full, then write its records into the draft
    edition in one transaction with their audit events. A partner (`organisation`) delivers
    only what is its organisation's. Returns the number of records written; raises
    UploadRejected (nothing written)."""
    header, rows = read_rows(data, filename, kind.columns, kind.required)
    with serialised(engine) as session:
        edition = draft_of(session, edition_id)
        ctx = Context(session, edition, organisation)
        checked = check_records(kind, ctx, rows, BASE in header)
        for item in checked:
            old = getattr(item.existing, kind.shown) if item.existing is not None else None
            if item.existing is not None:
                session.delete(item.existing)
                session.flush()
            session.add(kind.model(**kind.values(item.spec, edition)))
            audit.record(session, actor, f"{kind.subject}_delivered", kind.subject,
                         item.spec.id, kind.shown, old, getattr(item.spec, kind.shown))
        if checked:
            store.new_content_version(session)
        return len(checked)


def text(value: object) -> str:
    """A value as a template cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def optional(cells: dict[str, str], *columns: str) -> dict[str, str]:
    """The filled cells of `columns` (an empty cell is a value left out)."""
    return {c: cells[c] for c in columns if cells.get(c)}


def whole_number(cells: dict[str, str], column: str, line: int,
                 record: dict[str, Any], problems: list[Problem]) -> None:
    """A filled cell of a whole number into `record`, or a problem."""
    raw = cells.get(column, "")
    if not raw:
        return
    if re.fullmatch(r"0|[1-9]\d{0,9}", raw):  # a plain decimal (content/numbers.py)
        record[column] = int(raw)
    else:
        problems.append(problem(line, column, "'{value}' is not a whole number.",
                                value=raw[:20]))
