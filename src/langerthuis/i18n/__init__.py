"""The interface's two languages. Every text of the interface (pages, report, reflection)
is a message in one gettext catalogue per language (`locales/<lang>/LC_MESSAGES/
messages.po`, managed with Babel); templates use Jinja2's i18n extension, Python code
`gettext`/`ngettext` from `translations(lang)`. Message ids are English. Texts of the
content have a Dutch and an English value in the content itself (see `localised`)."""
from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("nl", "en")
LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"


def catalogue_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> Translations:
    """The catalogue of `lang`, compiled from its .po file once per process."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    with catalogue_path(lang).open("rb") as po:
        catalogue = read_po(po, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is translated later (gettext_noop)."""
    return message


class Text:
    """A message shown later in the reader's language: its catalogue id (English, with
    {named} places) and the values for those places. `str()` gives the English text."""

    __slots__ = ("msgid", "values")

    def __init__(self, msgid: str, /, **values: object):
        self.msgid = msgid
        self.values = values

    def __str__(self) -> str:
        return self.msgid.format(**self.values)

    def __repr__(self) -> str:
        return f"Text({self.msgid!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.msgid, self.values) == (other.msgid, other.values)

    def to(self, lang: str) -> str:
        return translations(lang).gettext(self.msgid).format(**self.values)


def localised(nl: str | None, en: str | None, lang: str) -> str:
    """A content text in the reader's language: the English value on English pages where
    the content has one, else the Dutch value."""
    if lang == "en" and en:
        return en
    return nl or en or ""


def other_language(lang: str) -> str:
    return "en" if lang == "nl" else "nl"
