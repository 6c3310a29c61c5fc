"""Per indicator: did an edition bring new information, how much did the key figure change
since the previous edition, and does that go in the direction the programme wants?"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .. import model as m
from ..model.vocabulary import Direction as Wanted
from ..model.vocabulary import EntryStatus, Kind, Qualifier, Unit

#: Units where a relative change means something (counts and amounts, not shares or marks).
RELATIVE_UNITS = {Unit.COUNT, Unit.HOURS, Unit.EURO, Unit.RATIO}


class Direction(StrEnum):
    DESIRED = "desired"
    UNDESIRED = "undesired"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not_comparable"


class Reason(StrEnum):
    """Why a change is not comparable."""

    NARRATIVE = "narrative"
    NOT_UPDATED = "not_updated"
    NO_CURRENT_FIGURE = "no_current_figure"
    NO_EARLIER_FIGURE = "no_earlier_figure"
    DEFINITION_CHANGED = "definition_changed"
    LOWER_BOUND = "lower_bound"
    COMPARABILITY_NOTE = "comparability_note"
    REFERENCE_PERIOD_CHANGED = "reference_period_changed"
    NO_DESIRED_DIRECTION = "no_desired_direction"
    FIRST_EDITION = "first_edition"


@dataclass
class IndicatorFact:
    indicator_id: str
    number: int
    previous_number: int | None
    title: str
    title_en: str
    short_label: str
    kind: str
    action_line: int | None
    is_overall: bool
    unit: str
    decimals: int
    status: str
    updated: bool
    value: float | None
    previous_value: float | None
    change: float | None
    relative_change: float | None
    direction: Direction
    reasons: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str | None:
        return ",".join(self.reasons) if self.reasons else None

    def to_dict(self) -> dict:
        return {
            "indicator_id": self.indicator_id, "number": self.number,
            "previous_number": self.previous_number, "title": self.title,
            "title_en": self.title_en,
            "kind": self.kind, "action_line": self.action_line, "is_overall": self.is_overall,
            "unit": self.unit, "status": self.status, "updated": self.updated,
            "value": self.value, "previous_value": self.previous_value,
            "change": self.change, "relative_change": self.relative_change,
            "direction": str(self.direction), "reason": self.reason,
            "reasons": [str(r) for r in self.reasons], "notes": self.notes,
        }


def rounded(value: float, decimals: int) -> Decimal:
    """A value at its published precision, rounded half up as the monitor prints it."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _decimals(entry: m.EditionEntry) -> int:
    if entry.measurement is not None and entry.measurement.decimals is not None:
        return entry.measurement.decimals
    return entry.indicator.decimals


def _comparability_notes(entry: m.EditionEntry, notes: list[m.QualityNote]) -> list[str]:
    mid = entry.measurement_id
    key = f"{entry.edition_id}/{entry.indicator_id}"
    return [n.text for n in notes if n.kind == "comparability" and (
        (n.subject_type == "measurement" and n.subject_id == mid)
        or (n.subject_type == "edition_entry" and n.subject_id == key))]


def _period_days(x: m.Measurement) -> int | None:
    if x.period_start and x.period_end:
        return (x.period_end - x.period_start).days + 1
    return None


def compare_entry(entry: m.EditionEntry, previous: m.EditionEntry | None,
                  previous_edition: m.Edition | None, stories: set[str],
                  notes: list[m.QualityNote]) -> IndicatorFact:
    """The fact for one indicator of an edition compared with the previous edition."""
    ind = entry.indicator
    narrative = ind.kind == Kind.NARRATIVE
    current = entry.measurement
    before = previous.measurement if previous is not None else None
    if narrative:
        updated = entry.status == EntryStatus.NEW or ind.id in stories
    else:
        updated = (entry.status == EntryStatus.NEW and current is not None
                   and (before is None or before.id != current.id))
    decimals = _decimals(entry)
    fact = IndicatorFact(
        indicator_id=ind.id, number=entry.number,
        previous_number=previous.number if previous is not None else None,
        title=entry.title, title_en=ind.title_in(entry.edition.year)[1] or entry.title,
        short_label=ind.short_label or ind.title, kind=ind.kind,
        action_line=ind.action_line.number if ind.action_line else None,
        is_overall=ind.is_overall, unit=ind.unit, decimals=decimals, status=entry.status,
        updated=updated, value=current.value if current else None,
        previous_value=before.value if before else None, change=None, relative_change=None,
        direction=Direction.NOT_COMPARABLE)

    reasons = fact.reasons
    if narrative:
        reasons.append(Reason.NARRATIVE)
    elif previous_edition is None:
        reasons.append(Reason.FIRST_EDITION)
    elif current is None or current.value is None:
        reasons.append(Reason.NO_CURRENT_FIGURE)
    elif not updated:
        reasons.append(Reason.NOT_UPDATED)
    elif before is None or before.value is None:
        reasons.append(Reason.NO_EARLIER_FIGURE)
    if not narrative and previous_edition is not None:
        if ind.definition_for(previous_edition.year) is not ind.definition_for(entry.edition.year):
            reasons.append(Reason.DEFINITION_CHANGED)
        shown = [x for x in (current, before) if x is not None]
        if any(Qualifier.LOWER_BOUND in (x.qualifiers or []) for x in shown):
            reasons.append(Reason.LOWER_BOUND)
        fact.notes = _comparability_notes(entry, notes)
        if fact.notes:
            reasons.append(Reason.COMPARABILITY_NOTE)
        if current is not None and before is not None:
            days = _period_days(current), _period_days(before)
            if None not in days and abs(days[0] - days[1]) > 0.1 * max(days):
                reasons.append(Reason.REFERENCE_PERIOD_CHANGED)
    if ind.desired_direction == Wanted.NONE and not narrative:
        reasons.append(Reason.NO_DESIRED_DIRECTION)

    if current is not None and before is not None and None not in (current.value, before.value):
        fact.change = float(rounded(current.value - before.value, decimals + 1))
        if ind.unit in RELATIVE_UNITS and before.value:
            fact.relative_change = round((current.value - before.value) / before.value, 4)
    if not reasons:
        fact.direction = _direction(current.value, before.value, decimals, ind.desired_direction)
    return fact


def _direction(value: float, previous: float, decimals: int, wanted: str) -> Direction:
    now, then = rounded(value, decimals), rounded(previous, decimals)
    if now == then:
        return Direction.UNCHANGED
    up = now > then
    return Direction.DESIRED if up == (wanted == Wanted.HIGHER) else Direction.UNDESIRED


def previous_edition(edition: m.Edition, editions: list[m.Edition]) -> m.Edition | None:
    earlier = [e for e in editions
               if e.programme_id == edition.programme_id and e.year < edition.year]
    return max(earlier, key=lambda e: e.year) if earlier else None


def compare_editions(edition: m.Edition, previous: m.Edition | None,
                     stories: list[m.Story], notes: list[m.QualityNote]) -> list[IndicatorFact]:
    """One fact per indicator of `edition`, in the edition's own order."""
    before = {e.indicator_id: e for e in previous.entries} if previous else {}
    new_stories = {s.indicator_id for s in stories if s.edition_id == edition.id}
    return [compare_entry(e, before.get(e.indicator_id), previous, new_stories, notes)
            for e in sorted(edition.entries, key=lambda e: e.number)]
