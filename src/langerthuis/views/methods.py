"""The methods page (Verantwoording) of an edition: what readers need to judge the figures
but that would clutter the pages that show them. The data-quality notes in plain language
(about the edition, per indicator, and about the programme's sources), what the
consistency rules found, and how our own computations were made."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath

from .. import model as m
from ..analysis import EditionAnalysis
from ..formatting import format_date
from ..i18n import localised, translations
from ..i18n.labels import NOTE_KINDS, RECIPES, RULES, label
from ..store.dataset import Dataset
from .dashboard import EditionLink, edition_links
from .values import edition_title, figure, period

#: Notes about these subjects concern the programme's sources, not one edition.
GENERAL_SUBJECTS = ("programme", "action", "progress_entry", "reference", "table", "initiative")


@dataclass(frozen=True)
class NoteItem:
    kind: str
    text: str


@dataclass(frozen=True)
class IndicatorNotes:
    indicator_id: str
    number: int
    title: str
    notes: tuple[NoteItem, ...]


@dataclass(frozen=True)
class Computation:
    indicator_id: str
    indicator: str
    value: str
    period: str
    sources: str
    method: str  # what the recipe computes, and its version
    recipe: str  # the name to give `langerthuis compute`
    engine: str
    input_file: str
    checksum: str
    computed_on: str


@dataclass(frozen=True)
class MethodsView:
    year: int
    title: str
    editions: tuple[EditionLink, ...]
    edition_notes: tuple[NoteItem, ...]
    indicators: tuple[IndicatorNotes, ...]
    general: tuple[NoteItem, ...]
    findings: tuple[str, ...]
    computations: tuple[Computation, ...]


def note_item(note: m.QualityNote, lang: str) -> NoteItem:
    return NoteItem(label(NOTE_KINDS, note.kind, lang), localised(note.text, note.text_en, lang))


def _indicator_of(note: m.QualityNote, measurements: dict[str, m.Measurement],
                  findings: dict[str, m.Finding]) -> str | None:
    if note.subject_type == "indicator":
        return note.subject_id
    if note.subject_type == "edition_entry":
        return note.subject_id.split("/", 1)[1]
    if note.subject_type == "measurement" and note.subject_id in measurements:
        return measurements[note.subject_id].indicator_id
    if note.subject_type == "finding" and note.subject_id in findings:
        return findings[note.subject_id].indicator_id
    return None


def _computed_on(stamp: str | None, lang: str) -> str:
    try:
        return format_date(dt.datetime.fromisoformat(stamp).date(), lang) if stamp else ""
    except ValueError:
        return ""


def methods_view(data: Dataset, analysis: EditionAnalysis, lang: str) -> MethodsView:
    _ = translations(lang).gettext
    edition = next(e for e in data.editions if e.id == analysis.edition_id)
    measurements = {x.id: x for x in data.measurements}
    entries = {e.indicator_id: e for e in edition.entries}
    per_indicator: dict[str, list[NoteItem]] = {}
    edition_notes = []
    for note in analysis.quality_notes:
        indicator = _indicator_of(note, measurements, {f.id: f for f in data.findings})
        if indicator in entries:
            per_indicator.setdefault(indicator, []).append(note_item(note, lang))
        else:
            edition_notes.append(note_item(note, lang))
    indicators = tuple(IndicatorNotes(
        i, entries[i].number, localised(entries[i].indicator.title, entries[i].indicator.title_en,
                                        lang), tuple(notes))
        for i, notes in sorted(per_indicator.items(), key=lambda kv: entries[kv[0]].number))
    general = tuple(note_item(n, lang) for n in data.quality_notes
                    if n.subject_type in GENERAL_SUBJECTS)
    findings = tuple(f"{label(RULES, f.rule, lang)} ({' / '.join(f.values)})"
                     for f in analysis.findings)
    titles = {i.id: localised(i.title, i.title_en, lang) for i in data.indicators}
    computations = tuple(Computation(
        x.indicator_id, titles.get(x.indicator_id, ""), figure(x, lang),
        period(x, lang), "; ".join(x.sources or []),
        _("{what} (version {version})").format(
            what=label(RECIPES, x.provenance.get("recipe"), lang),
            version=x.provenance.get("recipe_version")), str(x.provenance.get("recipe")),
        str(x.provenance.get("engine", "")),
        PurePath(str(x.provenance.get("file") or "")).name,
        str(x.provenance.get("input", "")), _computed_on(x.provenance.get("computed_at"), lang))
        for x in data.measurements if (x.provenance or {}).get("recipe"))
    return MethodsView(edition.year, edition_title(edition, lang),
                       edition_links(data, edition, lang),
                       tuple(edition_notes), indicators, general, findings, computations)
