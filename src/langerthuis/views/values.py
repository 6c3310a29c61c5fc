"""Values as readers see them: a figure with its unit and decimals, the change since the
previous edition as arrow, class and words. Shared by every view."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..analysis.compare import Direction, IndicatorFact
from ..formatting import format_date, format_value
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
