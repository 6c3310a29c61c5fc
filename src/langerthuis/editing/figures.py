"""Figures delivered for a draft edition, as a CSV or Excel file made from the template.

The whole file is validated before anything is written: every problem is reported with its
row and column, and the file is written all or nothing. Each row is checked with the same
content schema that `load` uses for measurements (`content.schema.MeasurementSpec`)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .. import model as m
from ..content.schema import Decimals, MeasurementSpec
from ..i18n import N_
from ..model.vocabulary import UNIT_RANGE, EntryStatus, Unit
from ..store import accounts as audit
from ..store import editing as store
from . import uploads
from .drafts import draft_of, serialised
from .uploads import (BASE, BASE_MEANING, Problem, Row, UploadRejected, conflict, not_yours,
                      problem, read_rows, schema_problems, untranslated)

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
    "notes_en": "the same note in English (needed with a note)",
    BASE: BASE_MEANING,
}
REQUIRED = ("indicator", "value")
#: What a figure delivered again holds in a column its new delivery leaves empty.
EMPTY = {"sources": [], "qualifiers": [], "provenance": {}}
#: A plain decimal (content/numbers.py: no leading zeros), with a decimal comma or point.
_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Figure:
    row: int
    spec: MeasurementSpec


def own_figure(edition: m.Edition, entry: m.EditionEntry) -> m.Measurement | None:
    """The figure delivered for `entry` in this edition (not the earlier one it shows)."""
    own = entry.measurement_id == f"{entry.indicator_id}-{edition.year}"
    return entry.measurement if own else None


def _base(figure: m.Measurement | None) -> str:
    return "" if figure is None or figure.value is None else format(figure.value, "g")


def template_csv(edition: m.Edition, indicators: set[str] | None = None) -> str:
    """The upload template of a draft edition (only `indicators` when given)."""
    return uploads.template_csv(FIGURE_COLUMNS, _template_rows(edition, indicators))


def template_xlsx(edition: m.Edition, indicators: set[str] | None = None) -> bytes:
    """The upload template as an Excel workbook: the rows to fill in, and a second sheet
    that explains each column."""
    return uploads.template_xlsx("figures", FIGURE_COLUMNS, _template_rows(edition, indicators))


def _template_rows(edition: m.Edition, indicators: set[str] | None) -> list[list[str]]:
    return [[entry.indicator_id, entry.title] + [""] * (len(FIGURE_COLUMNS) - 3)
            + [_base(own_figure(edition, entry))]
            for entry in sorted(edition.entries, key=lambda x: x.number)
            if indicators is None or entry.indicator_id in indicators]


def check_figures(session: Session, edition: m.Edition, rows: list[Row],
                  allowed: set[str] | None, based: bool = False) -> list[Figure]:
    """Every row as a measurement spec for `edition`, or UploadRejected with all problems.
    `allowed`: the indicators the uploader may deliver (None: all); `based`: the file has
    the column `base`, and a figure someone else delivered since is a conflict."""
    entries = {x.indicator_id: x for x in edition.entries}
    problems: list[Problem] = []
    figures: list[Figure] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        indicator = cells.get("indicator", "")
        if indicator not in entries:
            problems.append(problem(line, "indicator", "'{indicator}' is not an indicator of "
                                    "the edition {year}; keep the ids of the template.",
                                    indicator=indicator[:64], year=edition.year))
            continue
        if allowed is not None and indicator not in allowed:
            problems.append(not_yours(line, "indicator", "'{indicator}' is not assigned to "
                                      "your organisation; ask the editors to assign it.",
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
        value = delivered_number(raw)
        wrong = len(problems)
        if based:
            problems += _conflicts(line, cells.get(BASE, ""),
                                   own_figure(edition, entries[indicator]))
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
        maximum = most_decimals(written)
        if maximum is not None:
            problems.append(problem(line, "value", "'{value}' has {count} decimals; a figure "
                                    "keeps at most {maximum}: round it.", value=raw[:40],
                                    count=written, maximum=maximum))
        elif written > (entries[indicator].indicator.decimals or 0):
            record["decimals"] = written  # as precise as delivered
        problems += bad
        if len(problems) > wrong:
            continue  # the other columns are checked; the schema needs a good row
        try:
            spec = MeasurementSpec.model_validate(record)
        except ValidationError as exc:
            problems += schema_problems(exc, line, {"sources": "source"})
            continue
        missing = untranslated(spec, line)
        problems += missing
        if not missing:
            figures.append(Figure(line, spec))
    if problems:
        raise UploadRejected(problems)
    return figures


def _conflicts(line: int, base: str, now: m.Measurement | None) -> list[Problem]:
    """A conflict when the draft's figure is no longer what the template showed (`base`)."""
    current = _base(now)
    seen = delivered_number(base) if base else None
    if base and seen is None:
        return [problem(line, BASE, "'{value}' is not what the template wrote here; download "
                        "the template again.", value=base[:40])]
    if (seen is None and now is None) or (now is not None and seen == now.value):
        return []
    if now is None:
        return [conflict(line, "value", "Someone else removed the figure {seen} while you were "
                         "editing; download the template again and check the figure.",
                         seen=base)]
    return [conflict(line, "value", "Someone else delivered {now} for this indicator while "
                     "you were editing (your template showed {seen}); download the template "
                     "again, look at the new figure and upload yours again if it is still "
                     "right.", now=current, seen=base or "-")]


def _record(edition: m.Edition, indicator: str, value: float, cells: dict, line: int):
    record = {"id": f"{indicator}-{edition.year}", "indicator": indicator, "value": value}
    problems = []
    for column in ("reference_period", "notes", "notes_en"):
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


_DECIMALS = TypeAdapter(Decimals)


def most_decimals(written: int) -> int | None:
    """None when a figure may keep `written` decimals (the content schema's rule for
    `decimals`, which `check` holds the content to), else the most it may keep."""
    try:
        _DECIMALS.validate_python(written)
        return None
    except ValidationError as exc:
        return (exc.errors()[0].get("ctx") or {}).get("le", 0)


def delivered_number(text: str) -> float | None:
    """A number as a delivered file writes it (decimal comma or point), or None."""
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


def apply_figures(engine: Engine, edition_id: str, data: bytes, filename: str, actor: str,
                  organisation: str | None = None) -> int:
    """Validate the uploaded file in full, then write its figures into the draft edition in
    one transaction. A partner (`organisation`) may deliver only assigned indicators.
    Returns the number of figures written; raises UploadRejected (nothing written)."""
    header, rows = read_rows(data, filename, FIGURE_COLUMNS, REQUIRED)
    with serialised(engine) as session:
        edition = draft_of(session, edition_id)
        allowed = store.assigned(session, organisation) if organisation else None
        figures = check_figures(session, edition, rows, allowed, BASE in header)
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
            values = spec.model_dump(exclude_none=True)
            values["indicator_id"] = values.pop("indicator")
            values["source_location"] = f"delivered by {actor}"
            if existing is None:
                session.add(m.Measurement(**values))
            else:  # delivered again: changed in place, so its tables still break it down
                for column in m.Measurement.__table__.columns:
                    if column.key != "id":
                        setattr(existing, column.key,
                                values.get(column.key, EMPTY.get(column.key)))
            entry = entries[spec.indicator]
            entry.measurement_id = spec.id
            entry.status = EntryStatus.NEW.value
            entry.printed = None
            audit.record(session, actor, "figure_delivered", "measurement", spec.id, "value",
                         old, spec.value)
        if figures:
            store.new_content_version(session)
        return len(figures)
