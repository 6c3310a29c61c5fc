"""The view of one indicator: its key figure in every edition, source and period, what it
serves, breakdown tables with charts, stories, our own computations, notes and references.
The website's indicator page and the report's indicator sections render this view."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..analysis import EditionAnalysis
from ..charts import Chart, bar_chart, trend_chart
from ..formatting import format_number, format_value
from ..i18n import localised, translations
from ..i18n.labels import DIMENSIONS, ENTRY_STATUSES, KINDS, REASONS, label
from ..store.dataset import Dataset
from .published import FindingView, indicator_findings
from .values import ChangeView, change_view, date_text, figure, qualifiers


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
class TableRowView:
    dims: tuple[str, ...]
    value: str
    n: str
    qualifiers: tuple[str, ...]


@dataclass(frozen=True)
class TableView:
    id: str
    number: int
    title: str
    notes: str
    headers: tuple[str, ...]
    rows: tuple[TableRowView, ...]
    has_n: bool
    chart: Chart


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
    chart: Chart | None
    definitions: tuple[Fact, ...]
    change_notes: tuple[Fact, ...]
    tables: tuple[TableView, ...]
    stories: tuple[StoryView, ...]
    computed: tuple[ComputedView, ...]
    notes_in: tuple[int, ...]  # the editions whose methods page has notes on it
    as_of: int | None  # the edition this view shows the indicator as of; None: all
    editions: tuple[int, ...]  # the years of the editions that show the indicator
    references: tuple[ReferenceView, ...]
    findings: tuple[FindingView, ...] = ()  # what the text of the monitor adds (verdieping)


def _decimals(value: float, unit: str, decimals: int) -> int:
    """Counts, hours and amounts that are whole show no decimals (37.469 uur, not
    37.469,00 uur); shares and marks keep the table's decimals."""
    if unit == "count" or (unit in ("hours", "euro") and float(value).is_integer()):
        return 0
    return decimals


def table_view(table: m.BreakdownTable, lang: str) -> TableView:
    _ = translations(lang).gettext
    total = _("Total")
    headers = tuple(label(DIMENSIONS, d, lang) for d in table.dimensions)

    def row_label(row: m.BreakdownRow) -> str:
        shown = [row.dimensions.get(d, "") for d in table.dimensions]
        return " – ".join(p for p in shown if p) or total

    def fmt(v):
        if v is None:
            return "–"
        return format_value(v, table.unit, _decimals(v, table.unit, table.decimals), lang)
    rows = tuple(TableRowView(
        dims=tuple(r.dimensions.get(d, "") or total for d in table.dimensions),
        value=(format_value(r.value, r.unit, _decimals(r.value, r.unit, table.decimals), lang)
               if r.value is not None else (r.printed or "–")),
        n=format_number(r.n, 0, lang) if r.n is not None else "",
        qualifiers=qualifiers(r.qualifiers, lang)) for r in table.rows)
    main = [r for r in table.rows if r.unit == table.unit]
    caption = _("Table {number}: {title}").format(number=table.number, title=table.title)
    chart = bar_chart([(row_label(r), r.value) for r in main], caption,
                      "; ".join(f"{row_label(r)}: {fmt(r.value)}" for r in main),
                      fmt, maximum={"percentage": 100, "mark": 10}.get(table.unit))
    return TableView(table.id, table.number, table.title, table.notes or "", headers, rows,
                     any(r.n is not None for r in table.rows), chart)


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


def _persons(story: m.Story) -> str:
    return ", ".join(p["name"] + (f" ({p['age']})" if p.get("age") else "")
                     for p in story.persons or [])


def _facts(ind: m.Indicator, latest: m.EditionEntry, lang: str) -> tuple[Fact, ...]:
    _ = translations(lang).gettext
    x = latest.measurement
    facts = [Fact(_("Edition"), _("{edition} (no. {number})").format(
        edition=latest.edition.title, number=latest.number)
        + f" · {label(ENTRY_STATUSES, latest.status, lang)}")]
    if x is not None:
        facts.append(Fact(_("Source"), "; ".join(x.sources or []) or ind.source or ""))
        facts.append(Fact(_("Period"), x.reference_period or "–"))
        if x.reference_date:
            facts.append(Fact(_("Reference date"), date_text(x.reference_date, lang)))
        if x.n:
            facts.append(Fact("n", format_number(x.n, 0, lang)))
        if x.qualifiers:
            facts.append(Fact(_("Note"), ", ".join(qualifiers(x.qualifiers, lang))))
    elif ind.source:
        facts.append(Fact(_("Source"), ind.source))
    return tuple(facts)


def indicator_view(data: Dataset, analyses: dict[str, EditionAnalysis], indicator_id: str,
                   lang: str, upto: int | None = None) -> IndicatorView | None:
    """The indicator with its values in every edition (up to the edition of `upto`)."""
    ind = next((i for i in data.indicators if i.id == indicator_id), None)
    if ind is None:
        return None
    _ = translations(lang).gettext
    entries = [e for ed in data.programme_editions(ind.programme_id) for e in ed.entries
               if e.indicator_id == indicator_id and (upto is None or ed.year <= upto)]
    latest = entries[-1] if entries else None
    title = localised(ind.title, ind.title_en, lang)
    trend = tuple(TrendRow(
        year=e.edition.year, edition_title=e.edition.title, number=e.number,
        value=figure(e.measurement, lang, e.printed),
        printed_note=(_("printed as {printed}").format(printed=e.printed)
                      if e.printed and e.measurement
                      and e.printed not in ("--", "nvt") else ""),
        status=label(ENTRY_STATUSES, e.status, lang), is_new=e.status == "new",
        period=e.measurement.reference_period if e.measurement and
        e.measurement.reference_period else "–") for e in entries)
    chart = None
    if ind.kind != "narrative":
        points = [(str(e.edition.year), e.measurement.value if e.measurement else None,
                   e.printed or _("no figure")) for e in entries]

        def unit_fmt(v):
            return format_value(v, ind.unit, ind.decimals, lang)
        chart = trend_chart(points, _("Key figure per edition: {title}").format(title=title),
                            "; ".join(f"{p[0]}: {unit_fmt(p[1]) if p[1] is not None else p[2]}"
                                      for p in points), unit_fmt)
    shown = {e.measurement_id for e in entries if e.measurement_id}
    tables = [t for t in data.tables if t.measurement_id in shown]
    notes = [n for n in data.quality_notes
             if (n.subject_type == "indicator" and n.subject_id == indicator_id)
             or (n.subject_type == "measurement" and n.subject_id in shown)
             or (n.subject_type == "finding" and n.subject_id in {
                 f.id for f in data.findings if f.indicator_id == indicator_id})
             or (n.subject_type == "edition_entry" and n.subject_id.endswith("/" + indicator_id))]
    change, reasons = None, ""
    if latest is not None:
        fact = next(f for f in analyses[latest.edition_id].facts
                    if f.indicator_id == indicator_id)
        if fact.kind != "narrative" and "first_edition" not in fact.reasons:
            change = change_view(fact, lang, with_arrow=False)
            reasons = "; ".join(label(REASONS, r, lang) for r in fact.reasons)
    computed = [x for x in data.measurements if x.indicator_id == indicator_id
                and x.id not in shown and (x.provenance or {}).get("recipe")]
    refs = [r for r in data.references if any(i.id == indicator_id for i in r.indicators)]
    return IndicatorView(
        id=ind.id, title=title, kind=ind.kind, kind_label=label(KINDS, ind.kind, lang),
        action_line=ind.action_line.number if ind.action_line else None,
        context=context_line(ind, lang), number=latest.number if latest else None,
        edition_title=latest.edition.title if latest else "",
        key_figure=(trend[-1].value if latest and ind.kind != "narrative" else None),
        facts=_facts(ind, latest, lang) if latest else (), change=change,
        change_reasons=reasons,
        description=ind.description or "", goal=_goal(ind, lang), trend=trend, chart=chart,
        definitions=tuple(Fact(_("from edition {year}").format(year=d.from_year), d.text)
                          for d in ind.definitions),
        change_notes=tuple(Fact(_("from edition {year}").format(year=d.from_year),
                                d.change_note) for d in ind.definitions if d.change_note),
        tables=tuple(table_view(t, lang) for t in tables),
        stories=tuple(StoryView(s.title, _persons(s), date_text(s.date, lang), s.summary,
                                s.source_title or "", s.source_url or "", s.edition_id)
                      for s in data.stories if s.indicator_id == indicator_id),
        computed=tuple(ComputedView(figure(x, lang), x.reference_period or "",
                                    "; ".join(x.sources or []),
                                    tuple(t.id for t in x.tables)) for x in computed),
        notes_in=tuple(sorted({e.edition.year for e in entries if any(
            n.id in {q.id for q in notes} for n in analyses[e.edition_id].quality_notes)})),
        as_of=upto,
        editions=tuple(e.edition.year for ed in data.programme_editions(ind.programme_id)
                       for e in ed.entries if e.indicator_id == indicator_id),
        references=tuple(ReferenceView(
            r.organisation or "", r.title,
            date_text(r.date, lang) if r.date else (r.date_text or ""), r.url or "")
            for r in refs),
        findings=indicator_findings(data, indicator_id, lang, upto))
