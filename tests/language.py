"""Which language a text is in, by the function words it uses: the language test of the
pages and reports (tests/bundled/test_bundled_language.py) and its own tests
(tests/test_language.py).

A block of text (a paragraph, cell, heading, link, label, ...) is in the other language
when it holds more function words of the other language than of its own, and at least
one. Names are not language: proper names that are Dutch on every page (municipalities,
organisations, the titles of Dutch publications, the names of programmes and schemes) are
taken out of the text before counting, from an allow-list made of the content itself plus a
few fixed names. Parts of a page marked with the other language (`lang="nl"` on an English
page) are left out, as they declare what they are.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

#: Common words of one language that the other language does not use as words (so not
#: "is", "in", "of", "was", "over": those are words of both).
FUNCTION_WORDS = {
    "nl": frozenset("de het een van en niet met voor dat die zijn naar bij ook wordt worden "
                    "aan uit om geen nog dan deze wel er te tot heeft hebben werd waren zich "
                    "hun wij kan als maar dit wat op".split()),
    "en": frozenset("the and not with for that which this are from by to be has have were "
                    "on at their its been who than these those would should will".split()),
}

#: Names that are the same on Dutch and English pages and that the content does not list as
#: a name of its own (programmes, schemes, campaigns and the like named in running text).
FIXED_NAMES = (
    "Moeder aan de Lijn", "Moeder aan de lijn", "In voor Mantelzorg", "In voor mantelzorg",
    "Samen Ouder Worden", "Samen ouder worden", "samen ouder worden",
    "Stimuleringsregeling Wonen en Zorg", "Zorg van Nu",
    "Stimuleringsregeling E-health Thuis", "Langer thuis - Inclusieve wijk",
    "Langer thuis-inclusieve wijk", "Langer thuis – Inclusieve wijk", "Wonen en Zorg",
    "Nederland Zorgt Voor Elkaar", "Nederland Zorgt voor Elkaar", "NL Zorgt voor Elkaar",
    "Deel je zorg", "Tao of care", "Lokale Netwerken Samenhangende Ouderenzorg",
    "Langdurige Zorg en Ondersteuning", "venster op de samenwerking", "Venster op de samenwerking",
    "versterken sociale basis", "Mijn woning nu en in de toekomst", "CC BY-NC-SA 4.0",
    "CC BY 4.0", "CC0",
)

BLOCKS = frozenset("p li td th dd dt h1 h2 h3 h4 h5 h6 caption figcaption title a button label "
                   "option summary legend span small strong em b text desc tspan".split())
_SKIP = frozenset(("script", "style"))
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class _Blocks(HTMLParser):
    """The text of every block element, nested text included, leaving out script, style and
    any part marked with another language than `lang`."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.stack: list[tuple[str, bool, list[str]]] = []  # (tag, foreign-marked, texts)
        self.blocks: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        declared = dict(attrs).get("lang")
        marked = bool(declared) and not declared.startswith(self.lang)
        if tag in _SKIP:
            self.skip += 1
        self.stack.append((tag, marked, []))

    def handle_endtag(self, tag):
        if tag in _VOID or not any(t == tag for t, _m, _x in self.stack):
            return
        while self.stack:
            t, marked, texts = self.stack.pop()
            if t in _SKIP:
                self.skip -= 1
            text = " ".join(" ".join(texts).split())
            if not marked:
                if self.stack:
                    self.stack[-1][2].append(text)
                if t in BLOCKS and text:
                    self.blocks.append(text)
            if t == tag:
                break

    def handle_data(self, data):
        if not self.skip and self.stack and not any(m for _t, m, _x in self.stack):
            self.stack[-1][2].append(data)


def html_blocks(html: str, lang: str) -> list[str]:
    parser = _Blocks(lang)
    parser.feed(html)
    parser.close()
    return parser.blocks


def text_blocks(text: str) -> list[str]:
    """Paragraphs of plain text (pdftotext output): runs of lines between blank lines."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


#: Web addresses, absolute or relative to the site (their words are no language), also as pdftotext breaks them over lines:
#: "https://www.scp.nl/publicaties/ blijvende-bron-van-zorg".
_ADDRESS = re.compile(r"(?:https?://\s?|www\.)\S+(?:\s[\w+%.-]*[-/][\w+%./-]*)*"
                      r"|(?<![\w.])/[\w-]+/\S*"  # a site-relative address: /en/indicator/...
                      r"|\b\w+(?:-\w+){2,}\b")
_HYPHEN = re.compile(r"[-\u2010\u2011]\s*")


def _plain(text: str) -> str:
    """Without hyphens and with single spaces: names match however a PDF breaks lines
    ("E-\nhealth" comes out of pdftotext as "Ehealth")."""
    return " ".join(_HYPHEN.sub("", text).split())


def without_names(text: str, names: Iterable[str]) -> str:
    text = _plain(_ADDRESS.sub(" ", text))
    for name in names:
        name = _plain(name)
        if name and name in text:
            text = text.replace(name, " ")
    return text


def counts(text: str) -> dict[str, int]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {lang: sum(w in fw for w in words) for lang, fw in FUNCTION_WORDS.items()}


def in_other_language(text: str, lang: str, names: Iterable[str] = ()) -> bool:
    """Whether `text`, on a page in `lang`, reads as the other language."""
    found = counts(without_names(text, names))
    other = found["en" if lang == "nl" else "nl"]
    return other >= 1 and other > found[lang]


def foreign_blocks(blocks: Iterable[str], lang: str, names: Iterable[str] = ()) -> list[str]:
    ordered = sorted(set(names), key=len, reverse=True)  # longest first: "Wonen en Zorg" last
    seen, out = set(), []
    for b in blocks:
        if b not in seen:
            seen.add(b)
            if in_other_language(b, lang, ordered):
                out.append(b)
    return out


#: What we noted while curating, which readers should never see: how a source printed a
#: value, our remarks on the sources' wording, notes under a figure that has no values.
CURATION_PHRASES = (
    "gedrukt als", "printed as", "zoals de monitor het schrijft", "as the monitor writes it",
    "verhalen niet in onze bronnen", "stories not in our sources",
    "De waarden van deze figuur staan niet in de bronnen",
    "The values of this figure are not in the sources")

#: What a report never calls itself: it is a document, not the website.
SELF_AS_WEBSITE = ("deze website", "this website")

#: Dutch abbreviations that an English text must write out ("nvt": n/a; "t/m": to; "mln":
#: million; "ca.": about; "bijv.", "o.a.", "i.p.v.", "m.b.t.", "mbt").
_DUTCH_ABBREVIATIONS = re.compile(
    r"(?<![\w/])(?:nvt|n\.v\.t\.|t/m|mln|ca\.|bijv\.|o\.a\.|i\.p\.v\.|m\.b\.t\.|mbt)(?![\w/])",
    re.IGNORECASE)


def curation_talk(blocks: Iterable[str], phrases: Iterable[str] = CURATION_PHRASES) -> list[str]:
    """The blocks that hold one of `phrases` (case-insensitive)."""
    wanted = [p.lower() for p in phrases]
    return [b for b in dict.fromkeys(blocks) if any(p in b.lower() for p in wanted)]


def dutch_abbreviations(blocks: Iterable[str], names: Iterable[str] = ()) -> list[str]:
    """The blocks of an English text that use a Dutch abbreviation outside a name."""
    ordered = sorted(set(names), key=len, reverse=True)
    return [b for b in dict.fromkeys(blocks)
            if _DUTCH_ABBREVIATIONS.search(without_names(b, ordered))]
