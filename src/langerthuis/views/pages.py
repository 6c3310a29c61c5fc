"""The smaller views: the reflection of an edition, search and the about page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .. import model as m
from ..analysis.reflection import Reflection
from ..geography.names import variants_by_name, without_accents
from ..i18n import localised
from ..store.dataset import Dataset
from .dashboard import EditionLink
from .initiative_map import kind_words
from .municipality import MunicipalityData
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
    page: str = ""  # a municipality's page (its slug)
    before: str = ""  # the snippet around the first match: before, match, after
    match: str = ""
    after: str = ""
    action_id: str | None = None  # an action's own page


@dataclass(frozen=True)
class SearchEntry:
    hit_nl: Hit
    hit_en: Hit
    text: str  # everything searchable, as written

#: Characters of context shown on each side of a match.
SNIPPET = 70
KINDS = ("municipality", "indicator", "action", "story", "initiative")


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


def search_index(data: Dataset, municipalities: MunicipalityData | None = None) -> SearchIndex:
    """Everything search finds: municipalities (by name, common variants, the name without
    accents and the municipalities merged into it), indicators, actions, stories and
    initiatives."""
    def text(*parts) -> str:
        return " · ".join(dict.fromkeys(" ".join(p.split()) for p in parts if p))
    entries = []
    variants = variants_by_name()
    for x in municipalities.items if municipalities else ():
        hit = Hit("municipality", f"{x.name} ({x.province})" if x.province else x.name,
                  page=x.slug)
        entries.append(SearchEntry(hit, hit, text(x.name, *variants.get(x.name, ()),
                                                  without_accents(x.name), *x.predecessors)))
    found: dict[str, list[str]] = {}  # what the monitor's text adds, per indicator
    for f in data.findings:
        found.setdefault(f.indicator_id, []).extend(
            [f.title, f.title_en or "", f.notes or "", f.notes_en or ""]
            + [x for fact in f.facts for x in (fact.label, fact.label_en or "")])
    for i in data.indicators:
        entries += [SearchEntry(Hit("indicator", localised(i.title, i.title_en, "nl"), i.id),
                                Hit("indicator", localised(i.title, i.title_en, "en"), i.id),
                                text(i.title, i.title_en, i.short_label, i.short_label_en,
                                     i.description, i.description_en, i.source,
                                     *found.get(i.id, [])))]
    for a in sorted(data.actions, key=lambda a: a.id):
        nl, en = (Hit("action", f"{a.action_line.number}.{a.number} "
                      f"{localised(a.title, a.title_en, lang)}",
                      action_line=a.action_line.number, action_id=a.id) for lang in ("nl", "en"))
        entries.append(SearchEntry(nl, en, text(
            a.title, a.title_en, a.milestone, a.milestone_en, a.timeline, a.timeline_en,
            a.leads_printed, a.governance, a.governance_en, a.annex_summary,
            a.annex_summary_en, *(t for e in a.progress for t in (e.summary, e.summary_en)))))
    for s in data.stories:
        entries.append(SearchEntry(
            Hit("story", s.title, s.indicator_id),
            Hit("story", localised(s.title, s.title_en, "en"), s.indicator_id),
            text(s.title, s.title_en, s.summary, s.summary_en,
                 *(p.get("name") for p in s.persons))))
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
        entries.append(SearchEntry(nl, en, text(*names, i.description, i.description_en,
                                                place, i.municipality_code)))
    return SearchIndex(tuple(entries))


@dataclass(frozen=True)
class SourceView:
    title: str
    url: str
    publisher: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class Citation:
    """How to cite a programme's latest monitor, and where it is published."""
    text: str
    url: str


@dataclass(frozen=True)
class AboutView:
    """The colophon: who publishes, when the content was last loaded, how to cite each
    programme's latest monitor; also whom the accessibility statement sends readers to."""
    last_update: str
    citations: tuple[Citation, ...]
    sources: tuple[SourceView, ...]
    #: (publisher, address of its latest monitor) for each publisher of an edition
    publishers: tuple[tuple[str, str], ...] = ()


def last_update(data: Dataset, lang: str) -> str:
    """The day the content was last loaded, as text ("" before the first load)."""
    loaded = dt.datetime.fromisoformat(data.version).date() if data.version != "empty" else None
    return date_text(loaded, lang)


def citation(edition: m.Edition, lang: str) -> str:
    """How to cite an edition: publisher, title and (when known) the publication date."""
    when = date_text(edition.publication_date, lang)  # the title carries the year
    return f"{edition.publisher or 'RIVM'}. {edition.title}." + (f" {when}." if when else "")


def about_view(data: Dataset, lang: str) -> AboutView:
    latest = {}
    for edition in sorted(data.editions, key=lambda e: e.year):
        latest[edition.programme_id] = edition
    return AboutView(last_update(data, lang),
                     tuple(Citation(citation(e, lang), e.url or "") for e in latest.values()),
                     tuple(SourceView(s.title, s.url, s.publisher, s.licence, s.attribution)
                           for s in data.data_sources),
                     _publishers(data))


def _publishers(data: Dataset) -> tuple[tuple[str, str], ...]:
    latest: dict[str, str] = {}
    for edition in sorted(data.editions, key=lambda e: e.year):
        if edition.publisher:
            latest[edition.publisher] = edition.url or ""
    return tuple(latest.items())
