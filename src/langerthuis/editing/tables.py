"""Breakdown tables delivered for a draft edition, one file per table, made from the table
of the previous edition: the same dimensions and rows, with the figures to fill in.

A template names the draft's table (column `table`) and holds what the editor may change
about it (title, title_en, notes, notes_en, on its first row) and one row per row of the
table: its dimension values, then value, n, unit, qualifiers and printed, as a table's CSV
file in the content has them (`content.reader.table_row` reads both). The whole file is
checked before anything is written, with the rules `check` holds a table to (the schema of
a table and of its rows, the unit's range, one row per combination of dimension values, the
table's own checks, English for every text), and the draft's table is written, or replaced,
all or nothing with its audit event. The table breaks down the draft's own figure of its
indicator, so that figure is delivered first."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from .. import model as m
from ..content.reader import table_row
from ..content.schema import TableRowSpec, TableSpec
from ..content.translations import needs_words
from ..content.validate import matching_rows, table_problems
from ..content.writer import number
from ..model.vocabulary import UNIT_RANGE, Unit
from ..store import accounts as audit
from ..store import editing as store
from ..store.load import row as content_row
from . import uploads
from .drafts import draft_of, serialised
from .figures import decimals_of, delivered_number, outside_range, own_figure
from .records import whole_number
from .uploads import (BASE, BASE_MEANING, Problem, Row, UploadRejected, conflict, not_yours,
                      problem, read_rows, schema_problems, untranslated, version)

#: Columns about the whole table, filled on the template's first row.
TABLE_COLUMNS = {
    "table": "the table's id, as in the template (do not change; on the first row)",
    "title": "the table's title, in Dutch (on the first row)",
    "title_en": "the table's title, in English (on the first row)",
    "notes": "a note for readers, in Dutch (optional; on the first row)",
    "notes_en": "the same note in English (needed with a note; on the first row)",
}
#: Columns of each row, after its dimension columns.
ROW_COLUMNS = {
    "value": "the figure of this row; decimal comma or point, no thousands separator; "
             "empty: no figure",
    "n": "number of respondents or records (optional, a whole number)",
    "unit": "the row's unit where it is not the table's (as in the template)",
    "qualifiers": "qualifiers of the figure separated by ';', such as provisional or "
                  "estimate (optional)",
    "printed": "what the source prints where it differs from the value, such as nvt "
               "(optional)",
}
#: The table's cells that one row states for all: once, or the same on every row.
ONCE = (*TABLE_COLUMNS, BASE)


@dataclass(frozen=True)
class TableTemplate:
    """A table of the previous edition as the draft's table to deliver."""

    id: str  # the draft's table: <indicator>-<year>-table-<number>
    previous: m.BreakdownTable  # the table it is made from (dimensions, rows, labels)
    copy: m.BreakdownTable | None  # the draft's table, once delivered
    entry: m.EditionEntry  # the draft's entry of the table's indicator

    @property
    def shown(self) -> m.BreakdownTable:
        return self.copy or self.previous

    @property
    def indicator(self) -> str:
        return self.entry.indicator_id

    @property
    def columns(self) -> dict[str, str]:
        dimensions = {d: f"the row's value of '{d}', as in the template (do not change)"
                      for d in self.previous.dimensions}
        return {"table": TABLE_COLUMNS["table"], **dimensions, **ROW_COLUMNS,
                **{c: v for c, v in TABLE_COLUMNS.items() if c != "table"}, BASE: BASE_MEANING}

    @property
    def values(self) -> dict[str, list[str]]:
        """Each dimension's values in the previous edition's table, in its order."""
        out: dict[str, list[str]] = {d: [] for d in self.previous.dimensions}
        for row in self.previous.rows:
            for d in out:
                cell = row.dimensions.get(d, "")
                if cell not in out[d]:
                    out[d].append(cell)
        return out


def table_id(edition: m.Edition, indicator: str, number: int) -> str:
    return f"{indicator}-{edition.year}-table-{number}"


def templates(session: Session, edition: m.Edition, organisation: str | None = None
              ) -> list[TableTemplate]:
    """The tables a draft edition can be delivered: each table of the previous edition of
    an indicator in the draft (a partner's: of the indicators assigned to it)."""
    previous = store.previous_edition(session, edition)
    if previous is None:
        return []
    entries = {x.indicator_id: x for x in edition.entries}
    mine = store.assigned(session, organisation) if organisation else None
    copies = {t.id: t for t in store.tables_of(session, edition.id)}
    out = []
    for table in store.tables_of(session, previous.id):
        entry = entries.get(table.measurement.indicator_id)
        if entry is None or (mine is not None and entry.indicator_id not in mine):
            continue
        identity = table_id(edition, entry.indicator_id, table.number)
        out.append(TableTemplate(identity, table, copies.get(identity), entry))
    return out


def fingerprint(table: m.BreakdownTable | None) -> str:
    """The draft's table as its template's `base` shows it; empty before it is delivered."""
    if table is None:
        return ""
    rows = [[r.dimensions, r.value, r.unit, r.n, r.qualifiers, r.printed] for r in table.rows]
    return version({"title": table.title, "title_en": table.title_en or "",
                    "notes": table.notes or "", "notes_en": table.notes_en or "",
                    "rows": json.dumps(rows, ensure_ascii=False, sort_keys=True)})


def _template_rows(template: TableTemplate) -> list[list[str]]:
    shown, copy = template.shown, template.copy
    rows = []
    for i, row in enumerate(shown.rows):
        first = i == 0
        cells = {"table": template.id if first else "", **row.dimensions,
                 "unit": row.unit if row.unit != shown.unit else ""}
        if copy is not None:
            cells |= {"value": number(row.value), "n": number(row.n),
                      "qualifiers": ";".join(row.qualifiers or []),
                      "printed": row.printed or ""}
        if first:
            cells |= {"title": shown.title, "title_en": shown.title_en or "",
                      "notes": shown.notes or "", "notes_en": shown.notes_en or "",
                      BASE: fingerprint(copy)}
        rows.append([cells.get(c, "") for c in template.columns])
    return rows


def template_csv(template: TableTemplate) -> str:
    return uploads.template_csv(template.columns, _template_rows(template))


def template_xlsx(template: TableTemplate) -> bytes:
    return uploads.template_xlsx("table", template.columns, _template_rows(template))


@dataclass(frozen=True)
class Delivered:
    template: TableTemplate
    spec: TableSpec
    rows: list[TableRowSpec]


def _once(rows: list[Row], problems: list[Problem]) -> tuple[dict[str, str], dict[str, int]]:
    """The table's cells that its rows state once (its id, title, notes, base), and the
    line each was found on; a second, different value is a problem."""
    cells: dict[str, str] = {}
    lines: dict[str, int] = {}
    for line, row in rows:
        for column in ONCE:
            value = row.get(column, "")
            if not value:
                continue
            if column not in cells:
                cells[column], lines[column] = value, line
            elif value != cells[column]:
                problems.append(problem(line, column, "The table has one '{column}', on row "
                                        "{row}; write it once, on the first row.",
                                        column=column, row=lines[column]))
    return cells, lines


def check_table(session: Session, edition: m.Edition, header: list[str], rows: list[Row],
                organisation: str | None) -> Delivered:
    """The delivered file as the draft's table and its rows, or UploadRejected with every
    problem of the file."""
    problems: list[Problem] = []
    first = rows[0][0] if rows else 2
    cells, lines = _once(rows, problems)
    known = {t.id: t for t in templates(session, edition)}
    identity = cells.get("table", "")
    template = known.get(identity)
    if template is None:
        mine = [t.id for t in templates(session, edition, organisation)]
        problems.append(problem(lines.get("table", first), "table", "'{table}' is not a table "
                                "of the edition {year}; keep the id of the template ({known}).",
                                table=identity[:64], year=edition.year,
                                known=", ".join(mine) or "-"))
        raise UploadRejected(problems)
    where = lines.get("table", first)
    problems += [problem(1, c, "The column is missing; start from the template.")
                 for c in template.previous.dimensions if c not in header]
    problems += [problem(1, c, "Unknown column; the template's columns are {columns}.",
                         columns=", ".join(template.columns))
                 for c in header if c and c not in template.columns]
    if problems:
        raise UploadRejected(problems)
    if organisation is not None and template.indicator not in store.assigned(session,
                                                                              organisation):
        raise UploadRejected([not_yours(where, "table", "'{indicator}' is not assigned to "
                                        "your organisation; ask the editors to assign it.",
                                        indicator=template.indicator)])
    figure = own_figure(edition, template.entry)
    if figure is None:
        problems.append(problem(where, "table", "The table breaks down the figure of "
                                "'{indicator}' of {year}, which has not been delivered yet; "
                                "deliver the figure first, then the table.",
                                indicator=template.indicator, year=edition.year))
    if BASE in header and cells.get(BASE, "") != fingerprint(template.copy):
        problems.append(conflict(lines.get(BASE, where), "table", "Someone else delivered "
                                 "this table while you were editing; download the template "
                                 "again, look at the changes and upload yours again if it is "
                                 "still right."))
    found, decimals = _rows(template, rows, problems)
    spec = _spec(template, edition, figure, cells, decimals, lines, first, problems)
    if spec is not None:
        problems += _checks(template, spec, found)
    if problems:
        raise UploadRejected(problems)
    return Delivered(template, spec, found)


def _rows(template: TableTemplate, rows: list[Row], problems: list[Problem]
          ) -> tuple[list[TableRowSpec], int]:
    """The file's rows as the table's rows (with the most decimals written), adding the
    problems of each to `problems`."""
    previous = template.previous
    values = template.values
    seen: dict[tuple[str, ...], int] = {}
    out: list[TableRowSpec] = []
    decimals = previous.decimals or 0
    for line, cells in rows:
        bad = len(problems)
        for d in previous.dimensions:
            cell = cells.get(d, "")
            if cell not in values[d]:
                problems.append(problem(line, d, "'{value}' is not a value of '{dimension}' in "
                                        "this table; its values are {values}. Keep the rows of "
                                        "the template: a table with other rows is changed in "
                                        "the content files.", value=cell[:40], dimension=d,
                                        values=", ".join(v or "''" for v in values[d])))
        key = tuple(cells.get(d, "") for d in previous.dimensions)
        if len(problems) == bad and key in seen:
            problems.append(problem(line, previous.dimensions[0], "The row repeats the "
                                    "dimension values of row {row}; give each row once.",
                                    row=seen[key]))
        seen.setdefault(key, line)
        raw = dict(cells)
        value = cells.get("value", "")
        if value:
            parsed = delivered_number(value)
            if parsed is None:
                problems.append(problem(line, "value", "'{value}' is not a number; write it "
                                        "like 9,1 or 37469 (no thousands separator).",
                                        value=value[:40]))
            else:
                raw["value"] = value.replace(",", ".")
                decimals = max(decimals, decimals_of(raw["value"]))
                problems += _outside(parsed, cells.get("unit") or previous.unit, line)
        number_problems: list[Problem] = []
        whole_number(cells, "n", line, {}, number_problems)
        problems += number_problems
        if len(problems) > bad:
            continue
        record = table_row(raw, previous.dimensions, previous.unit)
        try:
            row = TableRowSpec.model_validate(record)
        except ValidationError as exc:
            problems += schema_problems(exc, line)
            continue
        out.append(row)
    if rows and not problems and all(r.value is None for r in out):
        problems.append(problem(None, "value", "The table has no figure; fill in the column "
                                "value."))
    return out, decimals


def _outside(value: float, unit: str, line: int) -> list[Problem]:
    """A problem when `value` lies outside the range of its unit (a percentage above 100)."""
    if unit not in set(Unit):
        return []  # the schema reports the unit
    low, high = UNIT_RANGE.get(Unit(unit), (None, None))
    if (low is not None and value < low) or (high is not None and value > high):
        msgid, shown = outside_range(value, low, high)
        return [problem(line, "value", msgid, **shown)]
    return []


def _spec(template: TableTemplate, edition: m.Edition, figure: m.Measurement | None,
          cells: dict[str, str], decimals: int, lines: dict[str, int], first: int,
          problems: list[Problem]) -> TableSpec | None:
    """The draft's table as the content's record of it, or None (with its problems)."""
    previous = template.previous
    record: dict[str, Any] = {
        "id": template.id, "measurement": figure.id if figure else previous.measurement_id,
        "edition": edition.id, "number": previous.number, "unit": previous.unit,
        "decimals": decimals, "dimensions": previous.dimensions,
        "file": f"tables/{template.id}.csv", "labels_en": previous.labels_en or {},
        "checks": previous.checks or None,
        **{c: cells[c] for c in ("title", "title_en", "notes", "notes_en") if cells.get(c)}}
    line = lines.get("title", first)
    if "title" not in record:
        problems.append(problem(line, "title", "The table needs a title; write it on the "
                                "first row."))
        return None
    try:
        spec = TableSpec.model_validate(record)
    except ValidationError as exc:
        problems += schema_problems(exc, line)
        return None
    missing = untranslated(spec, line)
    problems += missing
    return None if missing else spec


def _checks(template: TableTemplate, spec: TableSpec, rows: list[TableRowSpec]
            ) -> list[Problem]:
    """The table's own checks (the row, or rows, that its key figure is) and the English of
    every dimension value with words, as `check` holds the content to them."""
    out = []
    wanted = {"key_figure_row": (spec.checks.key_figure_row if spec.checks else None, True),
              "key_figure_sum": (spec.checks.key_figure_sum if spec.checks else None, False)}
    for name, (where, exactly_one) in wanted.items():
        if where is None:
            continue
        found = len(matching_rows(rows, where))
        if found == 0 or (exactly_one and found != 1):
            # found is 0, or (for the one key figure) 0 or 2 and more: never one row
            out.append(problem(None, None, "The table's key figure is the row with {where}; "
                               "the file has {count} such rows. Keep the rows of the "
                               "template.", where=", ".join(f"{k} {v}" for k, v in
                                                          where.items()), count=found))
    # The rules of arithmetic `check` holds every table to (content/validate.py).
    out += [problem(None, None, "The table breaks a rule of arithmetic: {rule}",
                    rule=p.message) for p in table_problems(spec, rows,
                                                            template.entry.indicator.unit)]
    labels = spec.labels_en
    for d in spec.dimensions:
        new = sorted({r.dimensions[d] for r in rows if needs_words(r.dimensions[d])
                      and r.dimensions[d] not in labels.get(d, {})})
        if new:
            out.append(problem(None, d, "The English of the value(s) {values} of '{dimension}' "
                               "is missing; ask an editor to add them to the table's labels_en "
                               "in the content files.", values=", ".join(new[:5]),
                               dimension=d))
    return out


def apply_table(engine: Engine, edition_id: str, data: bytes, filename: str, actor: str,
                organisation: str | None = None) -> int:
    """Validate an uploaded table file in full, then write the draft's table (replacing the
    one delivered before) in one transaction with its audit event. A partner
    (`organisation`) delivers only tables of indicators assigned to it. Returns the number
    of rows written; raises UploadRejected (nothing written)."""
    with serialised(engine) as session:
        edition = draft_of(session, edition_id)
        columns: dict[str, str] = {}
        for template in templates(session, edition):
            columns |= template.columns
        header, rows = read_rows(data, filename, columns or {**TABLE_COLUMNS, **ROW_COLUMNS},
                                 ("table", "value"))
        delivered = check_table(session, edition, header, rows, organisation)
        spec, old = delivered.spec, delivered.template.copy
        before = _shown(old) if old is not None else None
        if old is not None:
            for item in (*old.rows, old):
                session.expunge(item)
            session.execute(delete(m.BreakdownRow).where(m.BreakdownRow.table_id == spec.id))
            session.execute(delete(m.BreakdownTable).where(m.BreakdownTable.id == spec.id))
        session.add(content_row(
            m.BreakdownTable, spec, source_location=f"delivered by {actor}",
            checks=spec.checks.model_dump(exclude_none=True) if spec.checks else {},
            rows=[content_row(m.BreakdownRow, r, table_id=spec.id, position=i)
                  for i, r in enumerate(delivered.rows)]))
        audit.record(session, actor, "table_delivered", "table", spec.id, "values", before,
                     _shown_rows(delivered.rows))
        store.new_content_version(session)
        return len(delivered.rows)


def _shown(table: m.BreakdownTable) -> str:
    return _shown_rows(table.rows)


def _shown_rows(rows: list) -> str:
    """A table's values as the audit trail keeps them: one 'dimension values: value' each."""
    return "; ".join(f"{' / '.join(v for v in r.dimensions.values())}: "
                     f"{'' if r.value is None else format(r.value, 'g')}" for r in rows)
