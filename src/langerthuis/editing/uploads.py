"""Files delivered for a draft edition (figures, tables, stories, progress entries,
initiatives), made from a template: reading a CSV or Excel file, the templates themselves,
and the problems found, each with its row and column.

Every kind of delivery uses this one reader and report: the whole file is read and checked
before anything is written, and every problem is listed, not only the first."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from ..content.limits import MAX_CSV_BYTES
from ..content.translations import needs_words, translated_fields
from ..i18n import N_, Text
from ..opendata.keyfigures import FORMULA_START, csv_cell
from . import xlsx
from .drafts import EditingError

#: Limits of one delivered file, checked while it is read (the templates need far less:
#: at most a thousand rows, some twenty columns, texts of a few hundred characters).
MAX_ROWS = 1_000
MAX_COLUMNS = 200
MAX_CELL = 10_000

#: The column of every template that holds what the record was when the template was made
#: (a figure's value, a record's version): an upload whose base no longer matches the
#: record is a conflict, not an overwrite. A file without the column is not checked.
BASE = "base"
BASE_MEANING = ("what the record was when the template was made (do not change; an upload "
                "is refused when someone else changed the record since)")

#: One delivered row: its line in the file (1 is the header) and its cells by column.
Row = tuple[int, dict[str, str]]


@dataclass(frozen=True)
class Problem:
    row: int | None  # the line in the file (1 is the header), None for the whole file
    column: str | None
    text: Text
    conflict: bool = False  # someone else changed the record since the template was made
    forbidden: bool = False  # the uploader's organisation may not deliver it

    @property
    def message(self) -> str:
        return str(self.text)

    def __str__(self) -> str:
        where = ", ".join(x for x in (f"row {self.row}" if self.row else "",
                                      f"column '{self.column}'" if self.column else "") if x)
        return f"{where}: {self.message}" if where else self.message


def problem(row: int | None, column: str | None, msgid: str, /, **values: object) -> Problem:
    return Problem(row, column, Text(msgid, **values))


def conflict(row: int, column: str, msgid: str, /, **values: object) -> Problem:
    """A row that would overwrite what someone else delivered since the template was made."""
    return Problem(row, column, Text(msgid, **values), conflict=True)


def not_yours(row: int, column: str, msgid: str, /, **values: object) -> Problem:
    """A row the partner's organisation may not deliver (the file is refused with 403)."""
    return Problem(row, column, Text(msgid, **values), forbidden=True)


class UploadRejected(EditingError):
    """The file has problems; nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem], forbidden: bool = False):
        super().__init__(f"{len(problems)} problem(s); nothing was written")
        self.problems = problems
        # it delivers records the uploader may not change
        self.forbidden = forbidden or any(p.forbidden for p in problems)

    @property
    def conflict(self) -> bool:
        return any(p.conflict for p in self.problems)

    @property
    def status(self) -> int:
        """The HTTP status that says what went wrong: not allowed, a conflict, or invalid."""
        return 403 if self.forbidden else 409 if self.conflict else 422


def version(cells: dict[str, str]) -> str:
    """A short fingerprint of a record as its template row shows it (its `base`)."""
    text = json.dumps(sorted(cells.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def template_csv(columns: Iterable[str], rows: Iterable[list[str]]) -> str:
    """A template: the header of `columns`, then `rows` to fill in or correct. Text that a
    spreadsheet would take as a formula gets a quote before it (as in the downloads); the
    reader takes that quote off again."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def _unguarded(cell: str) -> str:
    """A cell as written before the template guarded it against formulas."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def template_xlsx(name: str, columns: dict[str, str], rows: Iterable[list[str]]) -> bytes:
    """A template as an Excel workbook: the sheet `name` to fill in, and a second sheet that
    explains each column. Every cell is text, so nothing in it is read as a formula."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = name
    for row in [list(columns), *rows]:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
    explained = book.create_sheet("columns")
    explained.append(["column", "what it holds"])
    for column, meaning in columns.items():
        explained.append([column, meaning])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(data: bytes, filename: str, columns: dict[str, str],
              required: tuple[str, ...]) -> tuple[list[str], list[Row]]:
    """The header and (line, cells) of every data row of an uploaded CSV or Excel file
    with `columns` (of which `required` must be there); UploadRejected otherwise.

    The work is linear in the file's size and bounded: the limits on bytes, rows, columns
    and characters per cell (and, for Excel, on what the archive expands to) are checked
    while the file is read, and the first one passed refuses the file at once."""
    if len(data) > MAX_CSV_BYTES:
        raise UploadRejected([problem(None, None, "The file has {size} bytes; at most "
                                      "{maximum} are accepted.", size=len(data),
                                      maximum=MAX_CSV_BYTES)])
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    if not table or not any(c.strip() for c in table[0]):
        raise UploadRejected([problem(1, None, "The file is empty; start from the template.")])
    header = [c.strip() for c in table[0]]
    counted = Counter(c for c in header if c)
    problems = [problem(1, c[:40], "Unknown column; the template's columns are {columns}.",
                        columns=", ".join(columns)) for c in counted if c not in columns]
    problems += [problem(1, c, "The column is missing; start from the template.")
                 for c in required if c not in counted]
    problems += [problem(1, c[:40], "The column appears twice.")
                 for c, times in counted.items() if times > 1]
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
        rows.append((line, {h: (_unguarded(cells[i].strip()) if i < len(cells) else "")
                            for i, h in enumerate(header) if h}))
    if problems:
        raise UploadRejected(problems)
    return header, rows


def _bounded(cells: list[str], line: int, rows: int) -> list[str]:
    """One row of a file as it is read, refused at once past a limit: rows, columns or
    characters of a cell (`rows`: the rows read before it, the header included)."""
    if rows > MAX_ROWS:
        raise UploadRejected([problem(None, None, "The file has more than {maximum} rows; at "
                                      "most {maximum} are accepted.", maximum=MAX_ROWS)])
    if len(cells) > MAX_COLUMNS:
        raise _too_wide(line, len(cells))
    for number, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL:
            raise UploadRejected([problem(line, None, "Cell {number} of the row has {count} "
                                          "characters; at most {maximum} are accepted.",
                                          number=number, count=len(cell), maximum=MAX_CELL)])
    return cells


def _too_wide(line: int, cells: int) -> UploadRejected:
    return UploadRejected([problem(line, None, "The row has {count} cells; at most {maximum} "
                                   "columns are accepted.", count=cells, maximum=MAX_COLUMNS)])


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected([problem(None, None, "The file is not UTF-8 text (byte "
                                      "{position}); save it as CSV UTF-8 or as .xlsx.",
                                      position=exc.start)])
    if "\x00" in text:
        raise UploadRejected([problem(None, None, "The file holds NUL bytes; it is not a "
                                      "CSV file.")])
    end = text.find("\n")
    header = text[:end] if end >= 0 else text
    if '"' not in header and header.count(",") >= MAX_COLUMNS:  # refused before parsing
        raise _too_wide(1, header.count(",") + 1)
    table: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            table.append(_bounded(cells, len(table) + 1, len(table)))
    except csv.Error as exc:
        raise UploadRejected([problem(None, None, "The CSV file cannot be read ({detail}); "
                                      "save it again from the template.",
                                      detail=str(exc)[:80])])
    return table


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The rows of the workbook's first sheet, read only after `xlsx.check_archive` has
    checked what the archive expands to and scanned the sheet row by row."""
    from openpyxl import load_workbook
    found = xlsx.check_archive(data, MAX_ROWS, MAX_COLUMNS)
    if found.problem is not None:
        raise UploadRejected([problem(found.row, found.cell, found.problem, **found.values)])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UploadRejected([problem(None, None, "The file is not an Excel workbook (.xlsx) "
                                      "that can be read; save it again from the template.")])
    sheet = book.worksheets[0]
    out: list[list[str]] = []
    for row in sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True):
        cells = ["" if v is None else _cell_text(v) for v in row]
        while cells and cells[-1] == "":
            cells.pop()  # the padding up to the sheet's widest row
        out.append(_bounded(cells, len(out) + 1, len(out)))
    book.close()
    return out


def _cell_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: Problems the content schema finds in a row, as messages for people (the schema's own
#: messages are written for content files).
SCHEMA_MESSAGES = {
    "string_too_long": N_("The text is too long: at most {max_length} characters."),
    "date_from_datetime_parsing": N_("This is not a date; write it as YYYY-MM-DD."),
    "value_error": N_("This is not accepted: write plain text without HTML, or a date as "
                      "YYYY-MM-DD."),
    "bool_parsing": N_("Write yes or no."),
    "greater_than_equal": N_("This must be at least {ge}."),
    "less_than_equal": N_("This must be at most {le}."),
    "enum": N_("This is not one of the words allowed here: {expected}."),
    "missing": N_("This column needs a value."),
    "int_from_float": N_("This must be a whole number."),
}

#: Words of a vocabulary that the content derives and a file never states (an action
#: without progress entries is `not_reported`).
NEVER_WRITTEN = {"not_reported"}

#: What a pattern of the content schema asks for, in words.
PATTERNS = {
    r"^[a-z0-9][a-z0-9_.-]*$": N_("Write it with lower-case letters, digits, '-', '_' and "
                                  "'.' only, starting with a letter or digit."),
    r"^GM\d{4}$": N_("Write a municipality code as GM and four digits, such as GM0363."),
}


def schema_problems(error: ValidationError, line: int,
                    columns: dict[str, str] | None = None) -> list[Problem]:
    """The problems the content schema found in one row; `columns` renames a schema field
    (or a field of a list's items, as `persons.age`) to the column that holds it."""
    out = []
    for found in error.errors():
        loc = found["loc"]
        field = str(loc[0]) if loc else None
        path = ".".join(str(x) for x in loc if not isinstance(x, int))  # persons.age
        column = (columns or {}).get(path, (columns or {}).get(field, field))
        kind = found["type"]
        msgid = SCHEMA_MESSAGES.get(kind, N_("This value is not accepted here."))
        ctx = found.get("ctx") or {}
        values: dict[str, object] = {}
        if kind == "string_too_long":
            values["max_length"] = ctx.get("max_length")
        elif kind in ("greater_than_equal", "less_than_equal"):
            values = {k: ctx[k] for k in ("ge", "le") if k in ctx}
        elif kind == "enum":
            words = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            values["expected"] = ", ".join(w for w in words if w not in NEVER_WRITTEN)
        elif kind == "string_pattern_mismatch":
            msgid = PATTERNS.get(str(ctx.get("pattern")), msgid)
        elif kind == "value_error":
            msgid, values = _value_error(str(ctx.get("error", "")))
        out.append(Problem(line, column, Text(msgid, **values)))
    return out


def untranslated(record: BaseModel, line: int, columns: dict[str, str] | None = None,
                 prefix: str = "") -> list[Problem]:
    """A problem for each text with words but without its English, the rule `check` applies
    to the content (every text a reader sees is in Dutch and English); nested records (a
    story's persons) are looked at too. `columns` renames a field to its column."""
    names = columns or {}
    out = []
    for field in translated_fields(type(record)):
        value = getattr(record, field)
        if isinstance(value, str) and needs_words(value) and not getattr(record, f"{field}_en"):
            out.append(problem(line, names.get(f"{prefix}{field}_en", f"{field}_en"),
                               "The English of '{column}' is missing: fill in '{english}' as "
                               "well; every text a reader sees is in Dutch and in English.",
                               column=names.get(f"{prefix}{field}", field),
                               english=names.get(f"{prefix}{field}_en", f"{field}_en")))
    for field in type(record).model_fields:
        value = getattr(record, field)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                out += untranslated(item, line, columns, f"{prefix}{field}.")
    return out


def _value_error(text: str) -> tuple[str, dict[str, object]]:
    """The message for a value the content schema's own checks refuse (markup, a web
    address, a date, a control character)."""
    if text.startswith("contains markup"):
        found = re.match(r"contains markup (['\"])(.*)\1; ", text)
        return (N_("This holds markup ({markup}); write plain text without HTML tags or "
                   "entities."), {"markup": found.group(2)[:40] if found else ""})
    if "web address" in text:
        return N_("This is not a web address; write one starting with https:// or http://."), {}
    if "outside the dates" in text:
        return (N_("This date lies outside the years the monitor speaks of; write a date "
                   "from {low} to {high}."), dict(zip(("low", "high"), re.findall(
                       r"\d{4}-\d{2}-\d{2}", text))))
    if "date" in text:
        return N_("This is not a date; write it as YYYY-MM-DD."), {}
    if "control character" in text:
        return N_("This holds a control character; remove it."), {}
    if "is empty" in text:
        return N_("This column needs a value."), {}
    if "not_reported" in text:
        return N_("'not_reported' is what an action without progress shows; write what the "
                  "source reports: started, on_schedule, delayed or completed."), {}
    return N_("This is not accepted: write plain text without HTML, or a date as "
              "YYYY-MM-DD."), {}
