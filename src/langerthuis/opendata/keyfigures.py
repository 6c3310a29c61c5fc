"""The key figures as one long, tidy table: a row per indicator per edition."""
from __future__ import annotations

import csv
import io

from ..views.snapshot import Resources

#: How a text cell may begin that a spreadsheet would take as a formula (`=cmd|' /C calc'!A0`,
#: `=HYPERLINK(...)`, `@SUM(...)`): such cells are written as text (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = ["programme", "edition", "indicator_id", "number", "title", "kind", "action_line",
           "value", "unit", "reference_period", "reference_date", "status", "qualifiers",
           "source", "measurement_id", "source_location", "revised_on",
           "first_published_value"]


#: Columns of numbers, written with a dot as decimal separator and no exponent.
NUMBERS = {"value", "first_published_value"}


def key_figure_rows(res: Resources) -> list[dict]:
    """A row per indicator per edition, in the order of programme, edition and number."""
    indicators = {i.id: i for i in res.indicators}
    measurements = {x.id: x for x in res.measurements}
    rows = []
    for ed in sorted(res.editions, key=lambda e: (e.programme, e.year)):
        for e in sorted(ed.entries, key=lambda e: e.number):
            x, ind = measurements.get(e.measurement or ""), indicators[e.indicator]
            rows.append({
                "programme": ed.programme, "edition": ed.year, "indicator_id": ind.id,
                "number": e.number, "title": e.title, "kind": ind.kind,
                "action_line": ind.action_line, "value": x.value if x else None,
                "unit": ind.unit, "reference_period": x.reference_period if x else None,
                "reference_date": x.reference_date.isoformat() if x and x.reference_date
                else None,
                "status": e.status, "qualifiers": ";".join(x.qualifiers) if x else "",
                "source": "; ".join(x.sources) if x and x.sources else (ind.source or ""),
                "measurement_id": x.id if x else None,
                "source_location": (x.source_location if x else e.source_location) or "",
                "revised_on": x.revisions[-1].revised_on.isoformat() if x and x.revisions
                else None,
                "first_published_value": x.revisions[0].old_value if x and x.revisions
                else None,
            })
    return rows


def plain_number(value: float | None) -> str:
    """A number with a dot as decimal separator and no exponent; empty when missing."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text that a spreadsheet would take as a formula gets a single
    quote before it, so that it is shown as text and never evaluated (OWASP's advice for
    CSV injection). Numbers stay numbers: -1.5 is a number, not text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict], columns: list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: plain_number(v) if k in NUMBERS else csv_cell(v)
                         for k, v in row.items()})
    return out.getvalue()
