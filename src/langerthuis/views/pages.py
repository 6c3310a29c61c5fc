"""The smaller views: the reflection of an edition, search and the about page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..analysis.reflection import Reflection
from ..i18n import localised
from ..store.dataset import Dataset
from .dashboard import EditionLink
from .published import PublishedSection
from .values import date_text


@dataclass(frozen=True)
class ReflectionView:
    year: int
    reflection: Reflection  # computed by us from the figures
    editions: tuple[EditionLink, ...]
    published: tuple[PublishedSection, ...] = ()  # as the edition published it (RIVM)


@dataclass(frozen=True)
class Hit:
    kind: str  # indicator, action, story or initiative
    label: str
    indicator_id: str | None = None
    action_line: int | None = None
    year: int | None = None  # an initiative's year: its map
    before: str = ""  # the snippet around the first match: before, match, after
    match: str = ""
    after: str = ""


@dataclass(frozen=True)
class SearchEntry:
    hit_nl: Hit
    hit_en: Hit
    text: str  # everything searchable, as written

#: Characters of context shown on each side of a match.
SNIPPET = 70
KINDS = ("indicator", "action", "story", "initiative")


def _snippet(hit: Hit, text: str, at: int, length: int) -> Hit:
    start, end = max(0, at - SNIPPET), min(len(text), at + length + SNIPPET)
    return replace(hit, before=("…" if start else "") + text[start:at],
                   match=text[at:at + length], after=text[at + length:end]
                   + ("…" if end < len(text) else ""))


@dataclass(frozen=True)
class SearchIndex:
    entries: tuple[SearchEntry, ...]

    def search(self, q: str, lang: str) -> dict[str, tuple[Hit, ...]]:
        """Hits per kind, each with the text around its first match; a query of fewer than
        two characters finds nothing."""
        needle = " ".join(q.split()).lower()
        found: dict[str, list[Hit]] = {k: [] for k in KINDS}
        if len(needle) >= 2:
            for e in self.entries:
                at = e.text.lower().find(needle)
                if at >= 0:
                    hit = e.hit_en if lang == "en" else e.hit_nl
                    found[hit.kind].append(_snippet(hit, e.text, at, len(needle)))
        return {k: tuple(v) for k, v in found.items()}


def search_index(data: Dataset) -> SearchIndex:
    def text(*parts) -> str:
        return " · ".join(" ".join(p.split()) for p in parts if p)
    entries = []
    found: dict[str, list[str]] = {}  # what the monitor's text adds, per indicator
    for f in data.findings:
        found.setdefault(f.indicator_id, []).extend(
            [f.title, f.title_en or "", f.notes or "", f.notes_en or ""]
            + [x for fact in f.facts for x in (fact.label, fact.label_en or "")])
    for i in data.indicators:
        entries += [SearchEntry(Hit("indicator", localised(i.title, i.title_en, "nl"), i.id),
                                Hit("indicator", localised(i.title, i.title_en, "en"), i.id),
                                text(i.title, i.title_en, i.short_label, i.description,
                                     i.source, *found.get(i.id, [])))]
    for a in sorted(data.actions, key=lambda a: a.id):
        hit = Hit("action", f"{a.action_line.number}.{a.number} {a.title}",
                  action_line=a.action_line.number)
        entries.append(SearchEntry(hit, hit, text(a.title, a.milestone, a.timeline,
                                                  a.leads_printed)))
    for s in data.stories:
        hit = Hit("story", s.title, s.indicator_id)
        entries.append(SearchEntry(hit, hit, text(s.title, s.summary,
                                                  *(p.get("name") for p in s.persons))))
    for i in data.initiatives:
        name = i.name or i.kind.replace("-", " ")
        place = i.municipality_name or i.municipality_code
        hit = Hit("initiative", f"{name}, {place} ({i.year})" if place else f"{name} ({i.year})",
                  i.indicator_id, i.action_line.number if i.action_line else None, i.year)
        entries.append(SearchEntry(hit, hit, text(name, place, i.municipality_code)))
    return SearchIndex(tuple(entries))


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str
    publisher: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class AboutView:
    """The colophon: who publishes, when the content was last loaded, how to cite it."""
    last_update: str
    citation: str
    citation_url: str
    sources: tuple[SourceView, ...]


def about_view(data: Dataset, lang: str) -> AboutView:
    latest = max(data.editions, key=lambda e: e.year, default=None)
    loaded = dt.datetime.fromisoformat(data.version).date() if data.version != "empty" else None
    citation = ""
    if latest is not None:
        when = date_text(latest.publication_date, lang)  # the title carries the year
        citation = f"{latest.publisher or 'RIVM'}. {latest.title}." + (f" {when}." if when else "")
    return AboutView(date_text(loaded, lang), citation, latest.url or "" if latest else "",
                     tuple(SourceView(s.title, s.url, s.publisher, s.licence, s.attribution)
                           for s in data.data_sources))
