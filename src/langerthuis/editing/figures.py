"""Figures delivered for a draft edition, as a CSV or Excel file made from the template.

The whole file is validated before anything is written: every problem is reported with its
row and column, and the file is written all or nothing. Each row is checked with the same
content schema that `load` uses for measurements (`content.schema.MeasurementSpec`)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .. import model as m
from ..content.limits import MAX_CSV_BYTES
from ..content.schema import MeasurementSpec
from ..model.vocabulary import UNIT_RANGE, EntryStatus, Unit
from ..store import accounts as audit
from ..store import editing as store
from .drafts import EditingError, draft_of

#: column -> what it holds (the template's second header line explains it to people).
FIGURE_COLUMNS = {
    "indicator": "the indicator's id, as in the template (do not change)",
    "title": "the indicator's title (for reading only)",
    "value": "the new figure; decimal comma or point, no thousands separator; empty: no new figure",
    "reference_period": "the period the figure describes, as it will be printed (e.g. 2022)",
    "period_start": "first day of that period, YYYY-MM-DD (optional)",
    "period_end": "last day of that period, YYYY-MM-DD (optional)",
    "n": "number of respondents or records (optional, a whole number)",
    "source": "the source of the figure (optional)",
    "notes": "a note for readers (optional)",
}
REQUIRED = ("indicator", "value")
MAX_ROWS = 1_000
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Problem:
    row: int | None  # the line in the file (1 is the header), None for the whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ", ".join(x for x in (f"row {self.row}" if self.row else "",
                                      f"column '{self.column}'" if self.column else "") if x)
        return f"{where}: {self.message}" if where else self.message


class UploadRejected(EditingError):
    """The file has problems; nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem], forbidden: bool = False):
        super().__init__(f"{len(problems)} problem(s); nothing was written")
        self.problems = problems
        self.forbidden = forbidden  # it delivers figures the uploader may not change


@dataclass(frozen=True)
class Figure:
    row: int
    spec: MeasurementSpec


def template_csv(edition: m.Edition, indicators: set[str] | None = None) -> str:
    """The upload template of a draft edition (only `indicators` when given)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for entry in sorted(edition.entries, key=lambda x: x.number):
        if indicators is None or entry.indicator_id in indicators:
            writer.writerow([entry.indicator_id, entry.title] + [""] * (len(FIGURE_COLUMNS) - 2))
    return out.getvalue()


def template_xlsx(edition: m.Edition, indicators: set[str] | None = None) -> bytes:
    """The upload template as an Excel workbook: the rows to fill in, and a second sheet
    that explains each column."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "figures"
    for row in csv.reader(io.StringIO(template_csv(edition, indicators))):
        sheet.append(row)
    explained = book.create_sheet("columns")
    explained.append(["column", "what it holds"])
    for column, meaning in FIGURE_COLUMNS.items():
        explained.append([column, meaning])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """(line, cells) of every data row of an uploaded CSV or Excel file."""
    if len(data) > MAX_CSV_BYTES:
        raise UploadRejected([Problem(None, None, f"the file has {len(data):,} bytes; at most "
                                      f"{MAX_CSV_BYTES:,} are accepted.")])
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        table = _xlsx_rows(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UploadRejected([Problem(None, None, f"the file is not UTF-8 text (byte "
                                          f"{exc.start}); save it as CSV UTF-8 or as .xlsx.")])
        if "\x00" in text:
            raise UploadRejected([Problem(None, None, "the file holds NUL bytes; it is not a "
                                          "CSV file.")])
        try:
            table = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise UploadRejected([Problem(None, None, f"the CSV file cannot be read: {exc}.")])
    if not table or not any(c.strip() for c in table[0]):
        raise UploadRejected([Problem(1, None, "the file is empty; start from the template.")])
    header = [c.strip() for c in table[0]]
    problems = [Problem(1, c, f"unknown column; the template's columns are "
                        f"{', '.join(FIGURE_COLUMNS)}.") for c in header
                if c and c not in FIGURE_COLUMNS]
    problems += [Problem(1, c, "the column is missing; start from the template.")
                 for c in REQUIRED if c not in header]
    problems += [Problem(1, c, "the column appears twice.") for c in set(header)
                 if c and header.count(c) > 1]
    if len(table) - 1 > MAX_ROWS:
        problems.append(Problem(None, None, f"the file has {len(table) - 1:,} rows; at most "
                                f"{MAX_ROWS:,} are accepted."))
    if problems:
        raise UploadRejected(problems)
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(line, None, f"the row has {len(cells)} cells; the header "
                                    f"has {len(header)}."))
            continue
        rows.append((line, {h: (cells[i].strip() if i < len(cells) else "")
                            for i, h in enumerate(header) if h}))
    if problems:
        raise UploadRejected(problems)
    return rows


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UploadRejected([Problem(None, None, "the file is not an Excel workbook (.xlsx) "
                                      "that can be read; save it again from the template.")])
    sheet = book.worksheets[0]
    out = []
    for i, row in enumerate(sheet.iter_rows(values_only=True)):
        if i > MAX_ROWS + 1:
            break
        out.append(["" if v is None else _cell_text(v) for v in row])
    book.close()
    return out


def _cell_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_figures(session: Session, edition: m.Edition, rows, allowed: set[str] | None
                  ) -> list[Figure]:
    """Every row as a measurement spec for `edition`, or UploadRejected with all problems.
    `allowed`: the indicators the uploader may deliver (None: all)."""
    entries = {x.indicator_id: x for x in edition.entries}
    problems: list[Problem] = []
    figures: list[Figure] = []
    seen: dict[str, int] = {}
    forbidden = False
    for line, cells in rows:
        indicator = cells.get("indicator", "")
        if indicator not in entries:
            problems.append(Problem(line, "indicator", f"'{indicator[:64]}' is not an indicator "
                                    f"of the edition {edition.year}; keep the ids of the "
                                    "template."))
            continue
        if allowed is not None and indicator not in allowed:
            forbidden = True
            problems.append(Problem(line, "indicator", f"'{indicator}' is not assigned to your "
                                    "organisation; ask the editors to assign it."))
            continue
        if indicator in seen:
            problems.append(Problem(line, "indicator", f"'{indicator}' has a figure on row "
                                    f"{seen[indicator]} already; give one row per indicator."))
            continue
        seen[indicator] = line
        raw = cells.get("value", "")
        if not raw:
            continue  # no new figure for this indicator
        value = _number(raw)
        if value is None:
            problems.append(Problem(line, "value", f"'{raw[:40]}' is not a number; write it "
                                    "like 9,1 or 37469 (no thousands separator)."))
            continue
        unit = Unit(entries[indicator].indicator.unit)
        low, high = UNIT_RANGE.get(unit, (None, None))
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(Problem(line, "value", f"{raw} is outside the range of a "
                                    f"{unit.value} ({_range(low, high)})."))
            continue
        record, bad = _record(edition, indicator, value, cells, line)
        problems += bad
        if bad:
            continue
        try:
            figures.append(Figure(line, MeasurementSpec.model_validate(record)))
        except ValidationError as exc:
            for error in exc.errors():
                column = {"sources": "source"}.get(str(error["loc"][0]), str(error["loc"][0]))
                problems.append(Problem(line, column, _message(error)))
    if problems:
        raise UploadRejected(problems, forbidden)
    return figures


def _record(edition: m.Edition, indicator: str, value: float, cells: dict, line: int):
    record = {"id": f"{indicator}-{edition.year}", "indicator": indicator, "value": value}
    problems = []
    for column in ("reference_period", "notes"):
        if cells.get(column):
            record[column] = cells[column]
    if cells.get("source"):
        record["sources"] = [cells["source"]]
    for column in ("period_start", "period_end"):
        if cells.get(column):
            record[column] = cells[column]
    if cells.get("n"):
        if not re.fullmatch(r"\d{1,10}", cells["n"]):
            problems.append(Problem(line, "n", f"'{cells['n'][:20]}' is not a whole number of "
                                    "respondents or records."))
        else:
            record["n"] = int(cells["n"])
    start, end = record.get("period_start"), record.get("period_end")
    if start and end and start > end:
        problems.append(Problem(line, "period_end", f"the period ends ({end}) before it "
                                f"starts ({start})."))
    return record, problems


def _number(text: str) -> float | None:
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def _range(low, high) -> str:
    fmt = lambda x: f"{x:g}"  # noqa: E731
    return f"{fmt(low)} to {fmt(high)}" if high is not None else f"at least {fmt(low)}"


def _message(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "string_too_long":
        return f"too long: {message.lower()}."
    return message + ("" if message.endswith(".") else ".")


def apply_figures(engine: Engine, edition_id: str, data: bytes, filename: str, actor: str,
                  organisation: str | None = None) -> int:
    """Validate the uploaded file in full, then write its figures into the draft edition in
    one transaction. A partner (`organisation`) may deliver only assigned indicators.
    Returns the number of figures written; raises UploadRejected (nothing written)."""
    rows = read_rows(data, filename)
    with Session(engine) as session, session.begin():
        edition = draft_of(session, edition_id)
        allowed = store.assigned(session, organisation) if organisation else None
        figures = check_figures(session, edition, rows, allowed)
        entries = {x.indicator_id: x for x in edition.entries}
        for figure in figures:
            spec = figure.spec
            existing = store.measurement(session, spec.id)
            old = existing.value if existing is not None else None
            if existing is not None:
                shown_elsewhere = [e for e in store.editions(session) if e.id != edition.id
                                   and any(x.measurement_id == spec.id for x in e.entries)]
                if shown_elsewhere:
                    raise UploadRejected([Problem(figure.row, "indicator", f"the figure "
                                                  f"'{spec.id}' belongs to a published edition "
                                                  "already; correct it with a revision.")])
                session.delete(existing)
                session.flush()
            values = spec.model_dump(exclude_none=True)
            values["indicator_id"] = values.pop("indicator")
            values["source_location"] = f"delivered by {actor}"
            session.add(m.Measurement(**values))
            entry = entries[spec.indicator]
            entry.measurement_id = spec.id
            entry.status = EntryStatus.NEW.value
            entry.printed = None
            audit.record(session, actor, "figure_delivered", "measurement", spec.id, "value",
                         old, spec.value)
        if figures:
            store.new_content_version(session)
        return len(figures)
