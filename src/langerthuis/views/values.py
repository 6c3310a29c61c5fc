"""Values as readers see them: a figure with its unit and decimals, the change since the
previous edition as arrow, class and words. Shared by every view."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import model as m
from ..analysis.compare import Direction, IndicatorFact
from ..analysis.rules import parse_dutch_number
from ..formatting import format_date, format_number, format_value
from ..i18n import localised, translations
from ..i18n.labels import CHANGES, QUALIFIERS, label

ARROWS = {"up": "▲", "down": "▼", "same": "▬"}


@dataclass(frozen=True)
class ChangeView:
    arrow: str  # decorative; the text says the same
    css: str
    text: str


def decimals(x: m.Measurement) -> int:
    return x.decimals if x.decimals is not None else x.indicator.decimals


def reads(value: float, unit: str, places: int, lang: str) -> str:
    """A key figure as it reads in its unit: 9,1%; 37.469 uur; a mark as a mark
    ("rapportcijfer 6,6"), never as a bare number beside a label that counts."""
    text = format_value(value, unit, places, lang)
    if unit == "mark":
        return translations(lang).gettext("mark {number}").format(number=text)
    return text


def figure(x: m.Measurement | None, lang: str, printed: str | None = None) -> str:
    """The key figure as printed: 9,1%; 37.469 uur; rapportcijfer 6,6; what the edition
    printed when it has no value, in the reader's language ("nvt" is Dutch only)."""
    if x is None or x.value is None:
        return printed_words(printed, lang) if printed else "–"
    words = in_words(printed, x.value, x.indicator.unit, decimals(x), lang)
    return words[0] if words else reads(x.value, x.indicator.unit, decimals(x), lang)


#: What the editions print instead of a figure, in English.
PRINTED_EN = {"nvt": "n/a", "--": "--"}


def printed_words(printed: str, lang: str) -> str:
    """What an edition printed instead of a figure, in the reader's language."""
    if lang == "nl":
        return printed
    return PRINTED_EN.get(printed.strip(), printed)


def as_printed(entry: m.EditionEntry, lang: str) -> str | None:
    """The figure the edition printed where it differs from the measurement it shows (the
    2019 dashboard printed 65.958 hours where the figure is 65.985), in the reader's
    format; None where the edition printed the figure itself or printed no figure."""
    x = entry.measurement
    printed = parse_dutch_number(entry.printed) if entry.printed else None
    if printed is None or x is None or x.value is None or printed == x.value:
        return None
    return reads(printed, x.indicator.unit, decimals(x), lang)


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


#: The words with which the sources qualify a figure, in both languages, and the qualifier
#: each stands for: "ruim 31%" reads "more than 31%", and is a lower bound, not an estimate.
QUALIFIER_WORDS = (("meer dan", "more than", "lower_bound"), ("ruim", "more than", "lower_bound"),
                   ("bijna", "almost", "approximate"), ("circa", "about", "approximate"),
                   ("ca.", "about", "approximate"), ("ongeveer", "about", "approximate"),
                   ("maximaal", "at most", "maximum"))
#: Words after an amount ("€ 1 mln per jaar"), in English.
_AFTER_EN = {"per jaar": "a year", "per ronde": "per round"}
_MILLION = re.compile(r"\b(mln|miljoen)\b")


def in_words(printed: str | None, value: float | None, unit: str, places: int,
             lang: str) -> tuple[str, str | None] | None:
    """A figure the source wrote with words ("ruim 31%", "bijna € 1 mln", "€ 27 mln per
    jaar") as it reads in `lang` ("more than 31%", "almost € 1 million"), with the
    qualifier its words stand for; None where the source wrote the figure plainly."""
    if not printed or value is None:
        return None
    text = " ".join(printed.split())
    lower = text.lower()
    word = next((w for w in QUALIFIER_WORDS if lower.startswith(w[0] + " ")
                 or (w[0].endswith(".") and lower.startswith(w[0]))), None)
    million = _MILLION.search(lower)
    if word is None and million is None:
        return None
    if lang == "nl":
        return text, word[2] if word else None
    rest = text[len(word[0]):].strip() if word else text
    if million:
        shown = re.search(r"[\d.,]+", rest)
        places = len(shown.group(0).split(",")[1]) if shown and "," in shown.group(0) else 0
        amount = format_number(value / 1e6, places, "en") + " million"
        amount = f"€ {amount}" if "€" in rest or unit == "euro" else amount
    else:
        amount = format_value(value, unit, places, "en")
    after = next((en for nl, en in _AFTER_EN.items() if lower.endswith(nl)), "")
    out = " ".join(x for x in (word[1] if word else "", amount, after) if x)
    return out, word[2] if word else None


def shown_qualifiers(codes, words: tuple[str, str | None] | None, lang: str) -> tuple[str, ...]:
    """The qualifiers of a figure, without the one its printed words already say."""
    said = {"lower_bound", "approximate"} if words and words[1] else set()
    return qualifiers([q for q in (codes or []) if q not in said], lang)
