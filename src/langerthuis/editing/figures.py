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
from ..i18n import N_, Text
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
    text: Text

    @property
    def message(self) -> str:
        return str(self.text)

    def __str__(self) -> str:
        where = ", ".join(x for x in (f"row {self.row}" if self.row else "",
                                      f"column '{self.column}'" if self.column else "") if x)
        return f"{where}: {self.message}" if where else self.message


def problem(row: int | None, column: str | None, msgid: str, /, **values: object) -> Problem:
    return Problem(row, column, Text(msgid, **values))


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
        raise UploadRejected([problem(None, None, "The file has {size} bytes; at most "
                                      "{maximum} are accepted.", size=len(data),
                                      maximum=MAX_CSV_BYTES)])
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        table = _xlsx_rows(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UploadRejected([problem(None, None, "The file is not UTF-8 text (byte "
                                          "{position}); save it as CSV UTF-8 or as .xlsx.",
                                          position=exc.start)])
        if "\x00" in text:
            raise UploadRejected([problem(None, None, "The file holds NUL bytes; it is not a "
                                          "CSV file.")])
        try:
            table = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise UploadRejected([problem(None, None, "The CSV file cannot be read ({detail}); "
                                          "save it again from the template.",
                                          detail=str(exc)[:80])])
    if not table or not any(c.strip() for c in table[0]):
        raise UploadRejected([problem(1, None, "The file is empty; start from the template.")])
    header = [c.strip() for c in table[0]]
    problems = [problem(1, c[:40], "Unknown column; the template's columns are {columns}.",
                        columns=", ".join(FIGURE_COLUMNS)) for c in header
                if c and c not in FIGURE_COLUMNS]
    problems += [problem(1, c, "The column is missing; start from the template.")
                 for c in REQUIRED if c not in header]
    problems += [problem(1, c[:40], "The column appears twice.") for c in set(header)
                 if c and header.count(c) > 1]
    if len(table) - 1 > MAX_ROWS:
        problems.append(problem(None, None, "The file has {count} rows; at most {maximum} "
                                "are accepted.", count=len(table) - 1, maximum=MAX_ROWS))
    if problems:
        raise UploadRejected(problems)
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(problem(line, None, "The row has {count} cells; the header has "
                                    "{columns}.", count=len(cells), columns=len(header)))
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
        raise UploadRejected([problem(None, None, "The file is not an Excel workbook (.xlsx) "
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
            problems.append(problem(line, "indicator", "'{indicator}' is not an indicator of "
                                    "the edition {year}; keep the ids of the template.",
                                    indicator=indicator[:64], year=edition.year))
            continue
        if allowed is not None and indicator not in allowed:
            forbidden = True
            problems.append(problem(line, "indicator", "'{indicator}' is not assigned to your "
                                    "organisation; ask the editors to assign it.",
                                    indicator=indicator))
            continue
        if indicator in seen:
            problems.append(problem(line, "indicator", "'{indicator}' has a figure on row "
                                    "{row} already; give one row per indicator.",
                                    indicator=indicator, row=seen[indicator]))
            continue
        seen[indicator] = line
        raw = cells.get("value", "")
        if not raw:
            continue  # no new figure for this indicator
        value = _number(raw)
        wrong = len(problems)
        if value is None:
            problems.append(problem(line, "value", "'{value}' is not a number; write it like "
                                    "9,1 or 37469 (no thousands separator).", value=raw[:40]))
        else:
            unit = Unit(entries[indicator].indicator.unit)
            low, high = UNIT_RANGE.get(unit, (None, None))
            if (low is not None and value < low) or (high is not None and value > high):
                msgid, values = outside_range(value, low, high)
                problems.append(problem(line, "value", msgid, **values))
        record, bad = _record(edition, indicator, value or 0.0, cells, line)
        written = decimals_of(raw.replace(",", "."))
        if written > (entries[indicator].indicator.decimals or 0):
            record["decimals"] = written  # as precise as delivered
        problems += bad
        if len(problems) > wrong:
            continue  # the other columns are checked; the schema needs a good row
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
            problems.append(problem(line, "n", "'{value}' is not a whole number of respondents "
                                    "or records.", value=cells["n"][:20]))
        else:
            record["n"] = int(cells["n"])
    start, end = record.get("period_start"), record.get("period_end")
    if start and end and start > end:
        problems.append(problem(line, "period_end", "The period ends ({end}) before it starts "
                                "({start}).", end=end, start=start))
    return record, problems


def decimals_of(number: str) -> int:
    """Digits after the decimal point of a number written with a point."""
    return len(number.partition(".")[2])


def _number(text: str) -> float | None:
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def outside_range(value: float, low: float | None, high: float | None
                  ) -> tuple[str, dict]:
    """The message for a value outside its unit's range (msgid and values)."""
    if high is not None:
        return (N_("{value} is not possible here: the value lies between {low} and {high}."),
                {"value": f"{value:g}", "low": f"{low:g}", "high": f"{high:g}"})
    return (N_("{value} is not possible here: the value is at least {low}."),
            {"value": f"{value:g}", "low": f"{low:g}"})


#: Problems the content schema finds in a row, as messages for people (the schema's own
#: messages are written for content files).
SCHEMA_MESSAGES = {
    "string_too_long": N_("The text is too long: at most {max_length} characters."),
    "date_from_datetime_parsing": N_("This is not a date; write it as YYYY-MM-DD."),
    "value_error": N_("This is not accepted: write plain text without HTML, or a date as "
                      "YYYY-MM-DD."),
}


def _message(error: dict) -> Text:
    msgid = SCHEMA_MESSAGES.get(error["type"], N_("This value is not accepted here."))
    return Text(msgid, **{k: v for k, v in (error.get("ctx") or {}).items()
                          if k == "max_length"})


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
                    raise UploadRejected([problem(
                        figure.row, "indicator", "The figure {value} belongs to a published "
                        "edition already; correct it with a revision.", value=spec.id)])
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
