"""The methods page (Verantwoording) of an edition: what readers need to judge the figures
but that would clutter the pages that show them. The data-quality notes in plain language,
grouped for the public (`GROUPS`: the sources; how figures were taken from the
publications; where sources disagree and what we show), what the consistency rules found,
and how our own computations were made. Only notes of the edition's programme that held
for the edition (views/asof.py); commands, file names and digests are in the open data's
provenance, not here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import model as m
from ..analysis import EditionAnalysis
from ..analysis.edition import subject_edition
from ..formatting import format_date
from ..i18n import N_, localised, translations
from ..i18n.labels import NOTE_KINDS, RECIPES, RULES, label
from ..store.dataset import Dataset
from .asof import edition_years, note_holds, progress_sources, title_as_of
from .dashboard import EditionLink, edition_links
from .values import edition_title, figure, period

#: Notes about these subjects concern the programme's sources, not one edition.
GENERAL_SUBJECTS = ("programme", "action", "progress_entry", "reference", "table", "initiative")

#: The groups of the methods page, in order: (id, heading, introduction, note kinds). A
#: note about a source (a reference) is in the group "sources" whatever its kind; other
#: notes go to the group of their kind (a kind not listed: to "taken"), the notes on
#: indicators first, by number. A group without notes is left out, except where the page
#: has more to say.
GROUPS = (
    ("sources", N_("The sources"), N_(
        "The figures come from the published editions of the monitor and from the documents "
        "of the programme it follows. The open data and the API also say where in the "
        "sources each fact stands."), ()),
    ("taken", N_("How the figures were taken from the publications"), N_(
        "The publications are PDF files. Where their text lost a table's layout, left a "
        "figure's values out or shortened a title, this is what we did."),
     ("reconstructed", "shortened", "assumption")),
    ("disagree", N_("Where the sources disagree, and what we show"), N_(
        "Where two places in the sources give different facts, or leave a fact open, we keep "
        "both and say here which one the pages show."),
     ("disagreement", "uncertain", "comparability")),
)


@dataclass(frozen=True)
class NoteItem:
    kind: str
    text: str
    about: str = ""  # "6. <title>" for a note on an indicator, "" otherwise
    anchor: str = ""  # the indicator's id on its first note of the page (for links)


@dataclass(frozen=True)
class NoteGroup:
    id: str
    title: str
    intro: str
    notes: tuple[NoteItem, ...]


@dataclass(frozen=True)
class Computation:
    indicator_id: str
    indicator: str
    value: str
    period: str
    sources: str
    method: str  # what the recipe computes, and its version
    computed_on: str


@dataclass(frozen=True)
class MethodsView:
    year: int
    title: str
    editions: tuple[EditionLink, ...]
    groups: tuple[NoteGroup, ...]  # the groups with notes, in the order of GROUPS
    findings: tuple[str, ...]
    computations: tuple[Computation, ...]
    #: The sources of the actions' progress this edition could know ("Eerste
    #: voortgangsrapportage programma Langer Thuis (2019)"), oldest first; () when none.
    progress_sources: tuple[str, ...] = ()


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


def _group_of(note: m.QualityNote) -> str:
    if note.subject_type == "reference":
        return "sources"
    return next((g for g, _t, _i, kinds in GROUPS if note.kind in kinds), "taken")


def methods_view(data: Dataset, analysis: EditionAnalysis, lang: str) -> MethodsView:
    _ = translations(lang).gettext
    edition = next(e for e in data.editions if e.id == analysis.edition_id)
    measurements = {x.id: x for x in data.measurements}
    findings_by_id = {f.id: f for f in data.findings}
    entries = {e.indicator_id: e for e in edition.entries}
    years = edition_years(data)
    # our computations use today's open data: they belong to the latest edition only
    latest = edition.year == max(e.year for e in data.programme_editions(edition.programme_id))
    general = [n for n in data.quality_notes if n.subject_type in GENERAL_SUBJECTS
               and n.programme_id in (None, edition.programme_id)
               and note_holds(n, edition.year, years)]
    notes = [*general, *(n for n in analysis.quality_notes if n not in general)]

    def order(n: m.QualityNote) -> tuple[int, int]:
        indicator = _indicator_of(n, measurements, findings_by_id)
        return (entries[indicator].number if indicator in entries else 1000, notes.index(n))

    grouped: dict[str, list[NoteItem]] = {}
    anchored: set[str] = set()
    for note in sorted(notes, key=order):
        indicator = _indicator_of(note, measurements, findings_by_id)
        about, anchor = "", ""
        earlier = subject_edition(note)
        if earlier is not None and earlier != edition.id:  # a later note on an earlier edition
            then = next(e for e in data.editions if e.id == earlier)
            about = _("Later note on {edition}").format(edition=edition_title(then, lang))
            entry = next((x for x in then.entries if x.indicator_id == indicator), None)
            if note.subject_type == "edition_entry" and entry is not None:
                about += f", {entry.number}. " + title_as_of(entry.indicator, then.year, lang)
        elif indicator in entries:
            entry = entries[indicator]
            about = f"{entry.number}. {title_as_of(entry.indicator, edition.year, lang)}"
            if indicator not in anchored:
                anchored.add(indicator)
                anchor = indicator
        grouped.setdefault(_group_of(note), []).append(NoteItem(
            label(NOTE_KINDS, note.kind, lang), localised(note.text, note.text_en, lang),
            about, anchor))
    groups = tuple(NoteGroup(g, _(title), _(intro), tuple(grouped.get(g, ())))
                   for g, title, intro, _kinds in GROUPS)
    findings = tuple(f"{label(RULES, f.rule, lang)} ({' / '.join(f.values)})"
                     for f in analysis.findings)
    titles = {i.id: title_as_of(i, edition.year, lang) for i in data.indicators}
    computations = tuple(Computation(
        x.indicator_id, titles.get(x.indicator_id, ""), figure(x, lang),
        period(x, lang), "; ".join(x.sources or []),
        _("{what} (version {version})").format(
            what=label(RECIPES, x.provenance.get("recipe"), lang),
            version=x.provenance.get("recipe_version")),
        _computed_on(x.provenance.get("computed_at"), lang))
        for x in data.measurements if (x.provenance or {}).get("recipe") and latest
        and x.indicator.programme_id == edition.programme_id)
    sources = tuple(
        r.title + (f" ({when})" if (when := localised(r.date_text, r.date_text_en, lang)
                                    or format_date(r.date, lang)) else "")
        for r in progress_sources(data, edition))
    return MethodsView(edition.year, edition_title(edition, lang),
                       edition_links(data, edition, lang), groups, findings, computations,
                       sources)
