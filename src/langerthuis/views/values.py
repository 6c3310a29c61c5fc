"""Values as readers see them: a figure with its unit and decimals, the change since the
previous edition as arrow, class and words. Shared by every view."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..analysis.compare import Direction, IndicatorFact
from ..analysis.rules import parse_dutch_number
from ..formatting import format_date, format_value
from ..i18n import localised
from ..i18n.labels import CHANGES, QUALIFIERS, label

ARROWS = {"up": "▲", "down": "▼", "same": "▬"}


@dataclass(frozen=True)
class ChangeView:
    arrow: str  # decorative; the text says the same
    css: str
    text: str


def decimals(x: m.Measurement) -> int:
    return x.decimals if x.decimals is not None else x.indicator.decimals


def figure(x: m.Measurement | None, lang: str, printed: str | None = None) -> str:
    """The key figure as printed: 9,1%; 37.469 uur; what the edition printed when it has
    no value."""
    if x is None or x.value is None:
        return printed or "–"
    return format_value(x.value, x.indicator.unit, decimals(x), lang)


def as_printed(entry: m.EditionEntry, lang: str) -> str | None:
    """The figure the edition printed where it differs from the measurement it shows (the
    2019 dashboard printed 65.958 hours where the figure is 65.985), in the reader's
    format; None where the edition printed the figure itself or printed no figure."""
    x = entry.measurement
    printed = parse_dutch_number(entry.printed) if entry.printed else None
    if printed is None or x is None or x.value is None or printed == x.value:
        return None
    return format_value(printed, x.indicator.unit, decimals(x), lang)


def period(x: m.Measurement | None, lang: str) -> str:
    """The period a measurement describes, as published, in the reader's language."""
    if x is None:
        return ""
    return localised(x.reference_period, x.reference_period_en, lang)


def edition_title(edition: m.Edition, lang: str) -> str:
    return localised(edition.title, edition.title_en, lang)


def change_view(fact: IndicatorFact, lang: str, with_arrow: bool = True) -> ChangeView | None:
    """The change since the previous edition (colour is never the only signal)."""
    if fact.kind == "narrative":
        return None
    if fact.direction == Direction.NOT_COMPARABLE:
        return ChangeView("", "nc", label(CHANGES, "not_comparable", lang))
    sign = "up" if fact.change > 0 else "down" if fact.change < 0 else "same"
    return ChangeView(ARROWS[sign] if with_arrow else "", str(fact.direction),
                      label(CHANGES, str(fact.direction), lang))


def qualifiers(codes, lang: str) -> tuple[str, ...]:
    return tuple(label(QUALIFIERS, q, lang) for q in (codes or []))


def date_text(value, lang: str) -> str:
    return format_date(value, lang) if value else ""
