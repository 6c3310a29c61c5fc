"""The dashboard of an edition: every indicator's key figure at a glance, by kind and
action line, with the change since the previous edition."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .. import model as m
from ..analysis import EditionAnalysis
from ..i18n import localised, translations
from ..i18n.labels import ENTRY_STATUSES, KINDS, label
from ..store.dataset import Dataset
from .asof import is_current_definition, title_as_of
from .values import (ChangeView, as_printed, change_view, edition_title, figure, in_words,
                     reads, shown_qualifiers)

KIND_ORDER = ("outcome", "process", "narrative")


@dataclass(frozen=True)
class Card:
    indicator_id: str
    number: int
    label: str
    kind: str
    value: str  # the key figure, or the number of stories for a narrative indicator
    notes: tuple[str, ...]  # status (where not new) and qualifiers
    change: ChangeView | None
    previous: str  # "2020: 8,5%", or "" when the previous edition had no figure


@dataclass(frozen=True)
class Cell:
    line_number: int
    line_title: str
    cards: tuple[Card, ...]
    summary: str  # how many moved in the desired direction, and so on; "" for stories


@dataclass(frozen=True)
class KindRow:
    kind: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class LineHead:
    number: int
    title: str


@dataclass(frozen=True)
class EditionLink:
    year: int
    title: str
    current: bool


@dataclass(frozen=True)
class DashboardView:
    edition_id: str
    year: int
    title: str
    editions: tuple[EditionLink, ...]
    summary: str  # "12 / 34 · indicators with new information since 2020", or ""
    has_previous: bool
    overall: Card | None
    lines: tuple[LineHead, ...]
    rows: tuple[KindRow, ...]


def edition_links(data: Dataset, edition: m.Edition, lang: str) -> tuple[EditionLink, ...]:
    mine = sorted(data.programme_editions(edition.programme_id), key=lambda e: -e.year)
    return tuple(EditionLink(e.year, edition_title(e, lang), e.id == edition.id) for e in mine)


def _label(entry: m.EditionEntry, latest: bool, lang: str) -> str:
    """An indicator's short label is the one of the latest dashboard; for earlier editions
    the content keeps each dashboard's own label as the entry title. In English an earlier
    edition shows the English title of the definition it had, where a later definition
    replaced it, else the English short label."""
    ind = entry.indicator
    if lang == "en":
        if not latest and not is_current_definition(ind, entry.edition.year):
            return title_as_of(ind, entry.edition.year, lang)
        return ind.short_label_en or ind.title_en or entry.title
    return (ind.short_label or entry.title) if latest else entry.title


def _cell_summary(cards: list[Card], lang: str) -> str:
    """Counts of the changes in a cell, in the order desired, undesired, unchanged, not
    comparable; words, not colour."""
    counts = Counter(c.change.css for c in cards if c.change is not None)
    tr = translations(lang)
    texts = {"desired": tr.ngettext("{n} desired", "{n} desired", counts["desired"]),
             "undesired": tr.ngettext("{n} undesired", "{n} undesired", counts["undesired"]),
             "unchanged": tr.ngettext("{n} unchanged", "{n} unchanged", counts["unchanged"]),
             "nc": tr.ngettext("{n} not comparable", "{n} not comparable", counts["nc"])}
    return " · ".join(text.format(n=counts[key]) for key, text in texts.items() if counts[key])


def dashboard_view(data: Dataset, analysis: EditionAnalysis, lang: str) -> DashboardView:
    tr = translations(lang)
    edition = next(e for e in data.editions if e.id == analysis.edition_id)
    entries = {e.indicator_id: e for e in edition.entries}
    latest = edition.year == max(e.year for e in data.programme_editions(edition.programme_id))
    stories = Counter(s.indicator_id for s in data.stories if s.edition_id == edition.id)
    overall, cells = None, {}
    for fact in analysis.facts:
        entry = entries[fact.indicator_id]
        previous = ""
        if fact.kind == "narrative":
            n = stories[fact.indicator_id]
            value = (tr.ngettext("{n} story", "{n} stories", n).format(n=n) if n
                     else tr.gettext("no stories available"))
            notes = ()
        else:
            value = figure(entry.measurement, lang, entry.printed)
            notes = ((label(ENTRY_STATUSES, entry.status, lang),) if entry.status != "new"
                     else ())
            printed = as_printed(entry, lang)
            if printed is not None:  # what this edition printed; the page says why
                notes += (tr.gettext("later sources: {value}").format(value=value),)
                value = printed
            x = entry.measurement
            notes += shown_qualifiers(x.qualifiers if x else [], x and in_words(
                entry.printed, x.value, fact.unit, fact.decimals, lang), lang)
            if analysis.previous_year and fact.previous_value is not None:
                previous = f"{analysis.previous_year}: " + reads(
                    fact.previous_value, fact.unit, fact.decimals, lang)
        card = Card(fact.indicator_id, fact.number, _label(entry, latest, lang), fact.kind,
                    value, notes,
                    change_view(fact, lang) if analysis.previous_edition_id else None, previous)
        if fact.is_overall:
            overall = card
        else:
            cells.setdefault((fact.kind, fact.action_line), []).append(card)
    lines = edition.programme.action_lines
    heads = tuple(LineHead(al.number, localised(al.title, al.title_en, lang)) for al in lines)
    rows = tuple(KindRow(kind, label(KINDS, kind, lang), tuple(
        Cell(h.number, h.title, tuple(cells.get((kind, h.number), [])),
             _cell_summary(cells.get((kind, h.number), []), lang)) for h in heads))
        for kind in KIND_ORDER if any(k == kind for k, _n in cells))
    summary = ""
    if analysis.previous_year:
        summary = tr.gettext(
            "{n} / {total} · indicators with new information since {year}").format(
            n=len(analysis.totals.updated), total=analysis.totals.total,
            year=analysis.previous_year)
    return DashboardView(edition.id, edition.year, edition_title(edition, lang),
                         edition_links(data, edition, lang),
                         summary, analysis.previous_edition_id is not None, overall, heads, rows)
