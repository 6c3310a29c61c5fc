"""The view of one indicator: its key figure in every edition, source and period, what it
serves, breakdown tables with charts, stories, our own computations, notes and references.
The website's indicator page and the report's indicator sections render this view."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..analysis import EditionAnalysis
from ..charts import Chart
from ..formatting import format_number, format_value
from ..i18n import localised, translations
from ..i18n.labels import ENTRY_STATUSES, KINDS, REASONS, label
from .crosstable import CrossTable, cross_table
from .figures import FigureView, breakdown_figure, trend_figure
from ..store.dataset import Dataset
from .asof import (definition_as_of, edition_years, is_current_definition, note_holds,
                   reference_holds, title_as_of)
from .published import FindingView, indicator_findings
from .values import (ChangeView, as_printed, change_view, date_text, decimals, edition_title,
                     figure, in_words, period, shown_qualifiers)


@dataclass(frozen=True)
class Fact:
    term: str
    text: str


@dataclass(frozen=True)
class TrendRow:
    year: int
    edition_title: str
    number: int
    value: str
    printed_note: str  # what the edition printed where it differs, else ""
    status: str
    is_new: bool
    period: str


@dataclass(frozen=True)
class TableView:
    """A breakdown table as a cross table, with its chart."""
    id: str
    number: int  # as published in its edition
    title: str
    notes: str
    cross: CrossTable
    figure: FigureView

    @property
    def chart(self) -> Chart:
        return self.figure.chart


@dataclass(frozen=True)
class StoryView:
    title: str
    persons: str
    date: str
    summary: str
    source_title: str
    source_url: str
    edition_id: str


@dataclass(frozen=True)
class ReferenceView:
    organisation: str
    title: str
    date: str
    url: str


@dataclass(frozen=True)
class ComputedView:
    """A figure we computed ourselves; how, is on the methods page."""
    value: str
    period: str
    sources: str
    table_ids: tuple[str, ...]


@dataclass(frozen=True)
class ContinuityView:
    """The series of an indicator together with the one it carries on (or that carries it
    on) in another programme."""
    other_id: str
    other_title: str
    other_programme: str
    continues: bool  # True: this indicator carries on the other; False: the other, this one
    note: str
    series: tuple[TrendRow, ...]  # both indicators' key figures, oldest first
    chart: Chart | None


@dataclass(frozen=True)
class IndicatorView:
    id: str
    title: str
    kind: str
    kind_label: str
    action_line: int | None  # None for the overall indicator
    context: str  # "Outcome · Action line 1" or "... · Overall indicator"
    number: int | None  # in the latest edition shown
    edition_title: str
    key_figure: str | None  # None for narrative indicators and when no edition shows it
    facts: tuple[Fact, ...]  # edition, source, period, reference date, n, qualifiers
    change: ChangeView | None  # since the previous edition shown
    change_reasons: str
    description: str
    goal: str
    trend: tuple[TrendRow, ...]
    figure: FigureView | None  # the key figure over time
    definitions: tuple[Fact, ...]
    change_notes: tuple[Fact, ...]
    tables: tuple[TableView, ...]
    stories: tuple[StoryView, ...]
    computed: tuple[ComputedView, ...]
    notes_in: tuple[int, ...]  # the editions whose methods page has notes on it
    as_of: int | None  # the edition this view shows the indicator as of; None: all
    editions: tuple[int, ...]  # the years of the editions that show the indicator
    references: tuple[ReferenceView, ...]
    continuity: tuple[ContinuityView, ...] = ()
    findings: tuple[FindingView, ...] = ()  # what the text of the monitor adds (verdieping)


def table_view(table: m.BreakdownTable, lang: str) -> TableView:
    cross = cross_table(table, lang)
    title = localised(table.title, table.title_en, lang)
    # The exceptions to the rules of arithmetic that the published table makes (declared in
    # the content's `checks.exceptions`) are said to the reader with the table's notes.
    excepted = [localised(x.get("note"), x.get("note_en"), lang)
                for x in (table.checks or {}).get("exceptions", [])]
    notes = " ".join(x for x in (localised(table.notes, table.notes_en, lang), *excepted) if x)
    return TableView(table.id, table.number, title, notes or None, cross,
                     breakdown_figure(table.id, title, cross, lang))


def _goal(ind: m.Indicator, lang: str) -> str:
    _ = translations(lang).gettext
    if ind.goal:
        return _("Action line {line}, goal {goal}: {title}").format(
            line=ind.action_line.number, goal=ind.goal.number,
            title=localised(ind.goal.title, ind.goal.title_en, lang))
    if ind.action_line:
        return _("Action line {line}: {title}").format(
            line=ind.action_line.number,
            title=localised(ind.action_line.title, ind.action_line.title_en, lang))
    return _("Overall indicator")


def context_line(ind: m.Indicator, lang: str) -> str:
    _ = translations(lang).gettext
    where = (_("Action line {line}").format(line=ind.action_line.number) if ind.action_line
             else _("Overall indicator"))
    return f"{label(KINDS, ind.kind, lang)} · {where}"


def _persons(story: m.Story, lang: str) -> str:
    """"Cora (daughter and informal carer), Cora's mother (89)": each person by name, or by
    role where the story names no one, with role and age."""
    out = []
    for p in story.persons or []:
        role = localised(p.get("role"), p.get("role_en"), lang)
        name = p.get("name") or role
        extra = [x for x in (role if p.get("name") else "", str(p.get("age") or "")) if x]
        out.append(name + (f" ({', '.join(extra)})" if extra else ""))
    return ", ".join(out)


def _facts(ind: m.Indicator, latest: m.EditionEntry, lang: str) -> tuple[Fact, ...]:
    _ = translations(lang).gettext
    x = latest.measurement
    facts = [Fact(_("Edition"), _("{edition} (no. {number})").format(
        edition=edition_title(latest.edition, lang), number=latest.number)
        + f" · {label(ENTRY_STATUSES, latest.status, lang)}")]
    if x is not None:
        facts.append(Fact(_("Source"), "; ".join(x.sources or []) or ind.source or ""))
        facts.append(Fact(_("Period"), period(x, lang) or "–"))
        if x.reference_date:
            facts.append(Fact(_("Reference date"), date_text(x.reference_date, lang)))
        if x.n:
            facts.append(Fact("n", format_number(x.n, 0, lang)))
        shown = shown_qualifiers(x.qualifiers, in_words(
            latest.printed, x.value, ind.unit, decimals(x), lang), lang)
        if shown:
            facts.append(Fact(_("Note"), ", ".join(shown)))
        for r in x.revisions:
            facts.append(Fact(_("Revised"), _(
                "revised on {date}; before: {value}. Reason: {reason}").format(
                    date=date_text(r.revised_on, lang),
                    value=format_value(r.old_value, ind.unit, decimals(x), lang)
                    if r.old_value is not None else "–", reason=r.reason)))
    elif ind.source:
        facts.append(Fact(_("Source"), ind.source))
    return tuple(facts)


def _entries(data: Dataset, indicator_id: str, upto: int | None) -> list[m.EditionEntry]:
    """The edition entries of an indicator, oldest first (up to the year `upto`)."""
    return sorted((e for ed in data.editions for e in ed.entries
                   if e.indicator_id == indicator_id and (upto is None or ed.year <= upto)),
                  key=lambda e: e.edition.year)


def _trend_rows(entries: list[m.EditionEntry], lang: str) -> tuple[TrendRow, ...]:
    _ = translations(lang).gettext
    return tuple(TrendRow(
        year=e.edition.year, edition_title=edition_title(e.edition, lang), number=e.number,
        value=figure(e.measurement, lang, e.printed),
        printed_note=(_("in the edition: {value}").format(value=as_printed(e, lang))
                      if as_printed(e, lang) else ""),
        status=label(ENTRY_STATUSES, e.status, lang), is_new=e.status == "new",
        period=period(e.measurement, lang) or "–") for e in entries)


def _continuity(data: Dataset, analyses: dict[str, EditionAnalysis], ind: m.Indicator,
                lang: str, upto: int | None) -> tuple[ContinuityView, ...]:
    """The indicator's series joined with each indicator of another programme that it
    carries on, or that carries it on."""
    _ = translations(lang).gettext
    out = []
    for c in data.continuations:
        if ind.id not in (c.indicator_id, c.continues_id):
            continue
        other = c.continues if c.indicator_id == ind.id else c.indicator
        entries = sorted(_entries(data, c.continues_id, upto) + _entries(data, c.indicator_id, upto),
                         key=lambda e: e.edition.year)
        if not entries:
            continue
        title = localised(ind.title, ind.title_en, lang)
        joined = (trend_figure(
            f"{ind.id}-{other.id}-trend" + (f"-{upto}" if upto else ""), ind, entries,
            analyses, _("Key figure in both programmes: {title}").format(title=title), lang)
            if ind.unit == other.unit and ind.kind != "narrative" else None)
        out.append(ContinuityView(
            other.id, localised(other.title, other.title_en, lang),
            localised(other.programme.name, other.programme.name_en, lang),
            c.indicator_id == ind.id, localised(c.note, c.note_en, lang),
            _trend_rows(entries, lang), joined.chart if joined else None))
    return tuple(out)


def indicator_view(data: Dataset, analyses: dict[str, EditionAnalysis], indicator_id: str,
                   lang: str, upto: int | None = None) -> IndicatorView | None:
    """The indicator with its values in every edition (up to the edition of `upto`)."""
    ind = next((i for i in data.indicators if i.id == indicator_id), None)
    if ind is None:
        return None
    _ = translations(lang).gettext
    entries = _entries(data, indicator_id, upto)
    latest = entries[-1] if entries else None
    title = title_as_of(ind, upto, lang)
    years = edition_years(data)
    # as of an edition: only what it had (its definitions, notes, references, stories)
    current = is_current_definition(ind, upto)
    definitions = [d for d in ind.definitions if upto is None or d.from_year <= upto]
    trend = _trend_rows(entries, lang)
    over_time = None
    if ind.kind != "narrative" and entries:
        over_time = trend_figure(
            ind.id + "-trend" + (f"-{upto}" if upto else ""), ind, entries, analyses,
            _("{title}, over time").format(title=title), lang)
    shown = {e.measurement_id for e in entries if e.measurement_id}
    tables = [t for t in data.tables if t.measurement_id in shown]
    notes = [n for n in data.quality_notes if note_holds(n, upto, years) and (
             (n.subject_type == "indicator" and n.subject_id == indicator_id)
             or (n.subject_type == "measurement" and n.subject_id in shown)
             or (n.subject_type == "finding" and n.subject_id in {
                 f.id for f in data.findings if f.indicator_id == indicator_id})
             or (n.subject_type == "edition_entry" and n.subject_id.endswith("/" + indicator_id)))]
    change, reasons = None, ""
    if latest is not None:
        fact = next(f for f in analyses[latest.edition_id].facts
                    if f.indicator_id == indicator_id)
        if fact.kind != "narrative" and "first_edition" not in fact.reasons:
            change = change_view(fact, lang, with_arrow=False)
            reasons = "; ".join(label(REASONS, r, lang) for r in fact.reasons)
    later = upto is not None and latest is not None and any(
        e.year > upto for e in data.programme_editions(ind.programme_id))
    computed = [x for x in data.measurements if x.indicator_id == indicator_id and not later
                and x.id not in shown and (x.provenance or {}).get("recipe")]
    refs = [r for r in data.references if any(i.id == indicator_id for i in r.indicators)
            and (latest is None or upto is None or reference_holds(r, latest.edition, years))]
    return IndicatorView(
        id=ind.id, title=title, kind=ind.kind, kind_label=label(KINDS, ind.kind, lang),
        action_line=ind.action_line.number if ind.action_line else None,
        context=context_line(ind, lang), number=latest.number if latest else None,
        edition_title=edition_title(latest.edition, lang) if latest else "",
        key_figure=(trend[-1].value if latest and ind.kind != "narrative" else None),
        facts=_facts(ind, latest, lang) if latest else (), change=change,
        change_reasons=reasons,
        description=(localised(ind.description, ind.description_en, lang) if current
                     else localised(definition_as_of(ind, upto).text,
                                    definition_as_of(ind, upto).text_en, lang)),
        goal=_goal(ind, lang),
        trend=trend, figure=over_time,
        definitions=tuple(Fact(_("from edition {year}").format(year=d.from_year),
                               localised(d.text, d.text_en, lang)) for d in definitions),
        change_notes=tuple(Fact(_("from edition {year}").format(year=d.from_year),
                                localised(d.change_note, d.change_note_en, lang))
                           for d in definitions if d.change_note),
        tables=tuple(table_view(t, lang) for t in tables),
        stories=tuple(StoryView(localised(s.title, s.title_en, lang), _persons(s, lang),
                                date_text(s.date, lang), localised(s.summary, s.summary_en, lang),
                                s.source_title or "", s.source_url or "", s.edition_id)
                      for s in data.stories if s.indicator_id == indicator_id
                      and (upto is None or years.get(s.edition_id, 0) <= upto)),
        computed=tuple(ComputedView(figure(x, lang), period(x, lang),
                                    "; ".join(x.sources or []),
                                    tuple(t.id for t in x.tables)) for x in computed),
        notes_in=tuple(sorted({e.edition.year for e in entries if any(
            n.id in {q.id for q in notes} for n in analyses[e.edition_id].quality_notes)})),
        as_of=upto,
        editions=tuple(e.edition.year for ed in data.programme_editions(ind.programme_id)
                       for e in ed.entries if e.indicator_id == indicator_id),
        references=tuple(ReferenceView(
            r.organisation or "", r.title,
            date_text(r.date, lang) if r.date else localised(r.date_text, r.date_text_en, lang),
            r.url or "")
            for r in refs),
        continuity=_continuity(data, analyses, ind, lang, upto),
        findings=indicator_findings(data, indicator_id, lang, upto))
