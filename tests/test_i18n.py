"""The interface catalogue: every message the code and templates use is translated in
both languages, every catalogue entry is used, and nothing is built from a message in a
way the extraction cannot see."""
from __future__ import annotations

import re

from langerthuis.i18n import LANGUAGES, translations
from langerthuis.i18n.catalogue import PACKAGE, read, used_messages


def test_every_used_message_is_translated_in_both_languages():
    used = used_messages()
    for lang in LANGUAGES:
        catalogue = read(lang)
        missing = [m for m in used if m not in catalogue or not (
            all(catalogue[m].string) if isinstance(catalogue[m].string, tuple)
            else catalogue[m].string)]
        assert not missing, f"{lang}: untranslated messages {missing}"


def test_every_catalogue_entry_is_used():
    used = used_messages()
    for lang in LANGUAGES:
        unused = [m.id for m in read(lang) if m.id and
                  (m.id[0] if isinstance(m.id, tuple) else m.id) not in used]
        assert not unused, f"{lang}: entries no code uses {unused}"


def test_plurals_follow_the_number():
    nl = translations("nl")
    assert nl.ngettext("{n} story", "{n} stories", 1).format(n=1) == "1 verhaal"
    assert nl.ngettext("{n} story", "{n} stories", 3).format(n=3) == "3 verhalen"
    assert translations("en").ngettext("{n} story", "{n} stories", 1).format(n=1) == "1 story"


def test_no_language_branches_in_templates_and_no_hidden_messages():
    for template in PACKAGE.rglob("*.html"):
        assert "lang ==" not in template.read_text(encoding="utf-8"), template
    for source in PACKAGE.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        # a message inside an f-string is invisible to the extraction
        assert not re.search(r"""f["'][^"'\n]*\{_\(""", text), source


def test_counts_are_plural_messages_not_s_in_brackets():
    """A count reads in its number ("1 lokaal initiatief", "1 edition"): no message spells a
    plural as "(s)" or counts with a plural-only message."""
    used = used_messages()
    assert not [m for m in used if "(s)" in m and re.search(r"\{(n|count)\}", m)]
    nl, en = translations("nl"), translations("en")
    assert nl.ngettext("{n} local initiative", "{n} local initiatives", 1).format(n=1) == \
        "1 lokaal initiatief"
    assert nl.ngettext("{n} municipality", "{n} municipalities", 1).format(n=1) == "1 gemeente"
    assert en.ngettext("{n} edition", "{n} editions", 1).format(n=1) == "1 edition"


def test_captions_are_numbered_once():
    """The caption's number is in the text; no stylesheet adds a second one beside it."""
    for sheet in PACKAGE.rglob("*.css"):
        assert "counter(figure)" not in sheet.read_text(encoding="utf-8"), sheet
