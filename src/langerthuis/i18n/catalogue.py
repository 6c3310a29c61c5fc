"""The messages the code and the templates use, extracted with Babel: what the catalogues
must translate (see the catalogue test and `python -m langerthuis.i18n.catalogue`, which
adds new messages to both catalogues with an empty translation)."""
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import LANGUAGES, catalogue_path

PACKAGE = Path(__file__).resolve().parents[1]
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2"),
           ("**/partials/**.html", "jinja2")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"},
           "**/partials/**.html": {"extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "Text": None,
            # errors and upload problems that people read in their language
            "AccountError": None, "EditingError": None, "Conflict": None,
            "problem": (3,), "conflict": (3,), "not_yours": (3,)}


def used_messages() -> dict[str, str | None]:
    """msgid -> msgid_plural (None for a message without plural) of every message the
    package uses."""
    found: dict[str, str | None] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, METHODS, options_map=OPTIONS, keywords=KEYWORDS):
        if isinstance(message, tuple):
            found[message[0]] = message[1]
        else:
            found.setdefault(message, None)
    return found


def read(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def update() -> None:
    """Add every used message that a catalogue lacks (empty, to be translated) and drop the
    entries no code uses any more."""
    used = used_messages()
    for lang in LANGUAGES:
        catalogue = read(lang) if catalogue_path(lang).exists() else Catalog(locale=lang)
        for message in list(catalogue):
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            if msgid and msgid not in used:
                catalogue.delete(message.id)
        for msgid, plural in used.items():
            key = (msgid, plural) if plural else msgid
            if msgid not in catalogue:
                catalogue.add(key, ("", "") if plural else "")
        catalogue.fuzzy = False
        catalogue_path(lang).parent.mkdir(parents=True, exist_ok=True)
        with catalogue_path(lang).open("wb") as f:
            write_po(f, catalogue, width=100, sort_output=True, omit_header=False)


if __name__ == "__main__":
    update()
