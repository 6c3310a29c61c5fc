"""Numbers and dates as Dutch (or English) readers expect them: 9,1%; 37.469; 1 mei 2021.
Every output (page, report, download labels) formats through here."""
from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal

from .i18n import translations

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@functools.lru_cache(maxsize=65536)  # pages repeat their numbers; Babel is slow per call
def format_number(value: float | None, decimals: int = 0, lang: str = "nl") -> str:
    """`value` with exactly `decimals` decimals and the locale's separators; an en dash for
    a missing value."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern, locale=LOCALES[lang])


def format_value(value: float | None, unit: str, decimals: int = 0, lang: str = "nl") -> str:
    """A value with its unit as the monitor prints it: 9,1%; 37.469 uur; € 1.250."""
    number = format_number(value, decimals, lang)
    if value is None:
        return number
    if unit == "percentage":
        return f"{number}%"
    if unit == "hours":
        return translations(lang).gettext("{number} hours").format(number=number)
    if unit == "euro":
        return f"€ {number}"
    return number


def format_date(value: dt.date | None, lang: str = "nl") -> str:
    if value is None:
        return ""
    return _format_date(value, format="long", locale=LOCALES[lang])


def format_period_date(value: dt.date | None, precision: str = "day", lang: str = "nl") -> str:
    """A date as precisely as its source gives it: "1 mei 2021", "juni 2020" or "2020"."""
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return _format_date(value, format="LLLL y", locale=LOCALES[lang])
    return format_date(value, lang)
