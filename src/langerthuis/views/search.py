"""Search: what the site finds for the words a reader types, in the reader's language.

Every entry (a municipality, indicator, action, story or initiative) has a text per language:
its Dutch texts for Dutch pages, its English texts (the Dutch where the content has no
English) for English pages, plus what is the same in both (names, codes, sources). Texts are
read as words: a query word finds a word that begins with it ("mantel" finds
"mantelzorger") or that has the same Snowball stem in the page's language ("mantelzorgers"
finds "mantelzorger", "carers" finds "carer"), never a word that merely contains it ("wonen"
does not find "thuiswonende"). Every word of the query must be found in an entry."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import snowballstemmer

from .. import model as m
from ..geography.names import variants_by_name, without_accents
from ..i18n import localised
from ..store.dataset import Dataset
from .initiative_map import kind_words
from .municipality import MunicipalityData

#: Characters of context shown on each side of a match.
SNIPPET = 70
KINDS = ("municipality", "indicator", "action", "story", "initiative")
STEMMERS = {"nl": "dutch", "en": "english"}
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    kind: str  # indicator, action, story or initiative
    label: str
    indicator_id: str | None = None
    action_line: int | None = None
    year: int | None = None  # an initiative's year: its map
    page: str = ""  # a municipality's page (its slug)
    before: str = ""  # the snippet around the first match: before, match, after
    match: str = ""
    after: str = ""
    action_id: str | None = None  # an action's own page


def fold(word: str) -> str:
    """A word as search compares it: lower case, without accents."""
    return without_accents(unicodedata.normalize("NFC", word)).lower()


@dataclass(frozen=True)
class Words:
    """A text and its words: (start, end, folded word, stem) in the order they stand."""
    text: str
    words: tuple[tuple[int, int, str, str], ...]

    @classmethod
    def of(cls, text: str, lang: str) -> Words:
        found = [(w.start(), w.end(), fold(w.group())) for w in _WORD.finditer(text)]
        stems = snowballstemmer.stemmer(STEMMERS[lang]).stemWords([w for _s, _e, w in found])
        return cls(text, tuple((s, e, w, stem) for (s, e, w), stem in zip(found, stems)))

    def find(self, word: str, stem: str) -> tuple[int, int] | None:
        """Where the first word stands that begins with `word` or has the stem `stem`."""
        for start, end, w, s in self.words:
            if _matches(w, s, word, stem):
                return start, end
        return None

    def phrase(self, query: list[tuple[str, str]]) -> tuple[int, int] | None:
        """Where the words of the query first stand one after the other."""
        n = len(query)
        for i in range(len(self.words) - n + 1):
            if all(_matches(*self.words[i + k][2:], *query[k]) for k in range(n)):
                return self.words[i][0], self.words[i + n - 1][1]
        return None


def _matches(word: str, stem: str, query_word: str, query_stem: str) -> bool:
    return word.startswith(query_word) or stem == query_stem


@dataclass(frozen=True)
class SearchEntry:
    hit_nl: Hit
    hit_en: Hit
    nl: Words  # everything searchable on Dutch pages
    en: Words  # everything searchable on English pages


def _snippet(hit: Hit, text: str, at: int, end: int) -> Hit:
    start, stop = max(0, at - SNIPPET), min(len(text), end + SNIPPET)
    return replace(hit, before=("…" if start else "") + text[start:at], match=text[at:end],
                   after=text[end:stop] + ("…" if stop < len(text) else ""))


def query_words(q: str, lang: str) -> list[tuple[str, str]]:
    """The words of a query, folded, with their stems; a query of fewer than two
    characters has none, and one-letter words are left out of a longer query."""
    words = [fold(w) for w in _WORD.findall(q)]
    if sum(len(w) for w in words) < 2:
        return []
    words = [w for w in words if len(w) >= 2] or words
    stems = snowballstemmer.stemmer(STEMMERS[lang]).stemWords(words)
    return list(dict.fromkeys(zip(words, stems)))


@dataclass(frozen=True)
class SearchIndex:
    entries: tuple[SearchEntry, ...]

    def search(self, q: str, lang: str) -> dict[str, tuple[Hit, ...]]:
        """Hits per kind, each entry that has every word of the query, with the text around
        where they first stand together (else around the first word's first match)."""
        words = query_words(q, lang)
        found: dict[str, list[Hit]] = {k: [] for k in KINDS}
        for e in self.entries if words else ():
            text = e.en if lang == "en" else e.nl
            where = [text.find(w, s) for w, s in words]
            if all(where):
                hit = e.hit_en if lang == "en" else e.hit_nl
                at = (text.phrase(words) if len(words) > 1 else None) or where[0]
                found[hit.kind].append(_snippet(hit, text.text, *at))
        return {k: tuple(v) for k, v in found.items()}


def _text(*parts: str | None) -> str:
    return " · ".join(dict.fromkeys(" ".join(p.split()) for p in parts if p))


def _entry(hit_nl: Hit, hit_en: Hit, pairs: list[tuple[str | None, str | None]],
           same: list[str | None] = ()) -> SearchEntry:
    """An entry from its texts as (Dutch, English) pairs and the texts that are the same in
    both languages (names, codes)."""
    nl = _text(*(n for n, _e in pairs), *same)
    en = _text(*(localised(n, e, "en") for n, e in pairs), *same)
    return SearchEntry(hit_nl, hit_en, Words.of(nl, "nl"), Words.of(en, "en"))


def _action_entry(a: m.Action) -> SearchEntry:
    nl, en = (Hit("action", f"{a.action_line.number}.{a.number} "
                  f"{localised(a.title, a.title_en, lang)}",
                  action_line=a.action_line.number, action_id=a.id) for lang in ("nl", "en"))
    return _entry(nl, en, [(a.title, a.title_en), (a.milestone, a.milestone_en),
                           (a.timeline, a.timeline_en), (a.governance, a.governance_en),
                           (a.annex_summary, a.annex_summary_en),
                           *((e.summary, e.summary_en) for e in a.progress)],
                  [a.leads_printed])


def search_index(data: Dataset, municipalities: MunicipalityData | None = None) -> SearchIndex:
    """Everything search finds: municipalities (by name, common variants, the name without
    accents and the municipalities merged into it), indicators, actions, stories and
    initiatives."""
    entries = []
    variants = variants_by_name()
    for x in municipalities.items if municipalities else ():
        hit = Hit("municipality", f"{x.name} ({x.province})" if x.province else x.name,
                  page=x.slug)
        entries.append(_entry(hit, hit, [], [x.name, *variants.get(x.name, ()),
                                             without_accents(x.name), *x.predecessors]))
    found: dict[str, list[tuple[str | None, str | None]]] = {}  # the monitor's text, per indicator
    for f in data.findings:
        found.setdefault(f.indicator_id, []).extend(
            [(f.title, f.title_en), (f.notes, f.notes_en)]
            + [(fact.label, fact.label_en) for fact in f.facts])
    for i in data.indicators:
        entries.append(_entry(
            Hit("indicator", localised(i.title, i.title_en, "nl"), i.id),
            Hit("indicator", localised(i.title, i.title_en, "en"), i.id),
            [(i.title, i.title_en), (i.short_label, i.short_label_en),
             (i.description, i.description_en), *found.get(i.id, [])], [i.source]))
    entries += [_action_entry(a) for a in sorted(data.actions, key=lambda a: a.id)]
    for s in data.stories:
        entries.append(_entry(
            Hit("story", s.title, s.indicator_id),
            Hit("story", localised(s.title, s.title_en, "en"), s.indicator_id),
            [(s.title, s.title_en), (s.summary, s.summary_en)],
            [p.get("name") for p in s.persons]))
    page_of = {}  # an initiative's municipality page, where it lies in one municipality
    for x in municipalities.items if municipalities else ():
        for li in x.initiatives:
            page_of.setdefault(li.id, x.slug)
    for i in data.initiatives:
        names = [i.name or words for words in kind_words(i)]
        place = i.municipality_name or i.municipality_code
        nl, en = (Hit("initiative", f"{name}, {place} ({i.year})" if place
                      else f"{name} ({i.year})", i.indicator_id,
                      i.action_line.number if i.action_line else None, i.year,
                      page=page_of.get(i.id, ""))
                  for name in names)
        entries.append(_entry(nl, en, [(names[0], names[1]), (i.description, i.description_en)],
                              [place, i.municipality_code]))
    return SearchIndex(tuple(entries))
