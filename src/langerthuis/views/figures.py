"""The charts of an indicator as views: the key figure over time (on the period the data
describe, breaks marked) and each breakdown drawn from its cross table (totals apart). Each
chart has an id under which the outputs offer it as SVG, PNG and CSV, and the rows of the
table beside it, which the CSV holds."""
from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..analysis import EditionAnalysis
from ..analysis.compare import Reason
from ..charts import Chart
from ..charts.bars import Group, Item, breakdown_chart
from ..charts.trend import Point, trend_chart
from ..formatting import format_number, format_value
from ..i18n import translations
from ..i18n.labels import QUALIFIERS, REASONS, UNITS, label
from ..model.vocabulary import Qualifier
from .crosstable import CrossTable
from .values import period as period_of
from .values import printed_words, reads

#: Why two figures in a row are not one series: a break is drawn between them.
BREAKS = (Reason.DEFINITION_CHANGED, Reason.COMPARABILITY_NOTE, Reason.REFERENCE_PERIOD_CHANGED)

#: Units with a fixed scale.
MAXIMUM = {"mark": 10.0}


@dataclass(frozen=True)
class FigureView:
    """A chart with what its downloads hold: `id` names the files, `rows` is the table
    beside the chart (a header, then the rows), which the CSV file holds."""
    id: str
    chart: Chart
    rows: tuple[tuple, ...]


def _tick(lang: str):
    return lambda v, decimals: format_number(v, decimals, lang)


def breakdown_figure(id: str, title: str, cross: CrossTable, lang: str) -> FigureView:
    """Grouped bars (or a dot plot) of the cells in the table's unit: a series per column
    across, totals below a rule, a total column as numbers at the right."""
    _ = translations(lang).gettext
    # a column of the table's unit is drawn, even where a row of another statistic (a mean
    # below the shares) crosses it: that row stays in the table only
    drawn = [k for k, c in enumerate(cross.columns) if not c.is_total and any(
        r.cells[k].unit == cross.unit and r.cells[k].value is not None
        for g in cross.groups for r in g.rows)]
    total = next((k for k, c in enumerate(cross.columns) if c.is_total), None)
    groups, said = [], []
    for g in cross.groups:
        items = []
        for r in g.rows:
            cells = [r.cells[k] for k in drawn]
            values = tuple(c.value if c.unit == cross.unit else None for c in cells)
            total_text = r.cells[total].text if total is not None else ""
            if all(v is None for v in values) and not total_text and not any(
                    c.text for c in cells):
                continue
            if any(c.unit != cross.unit and c.value is not None for c in cells):
                continue  # another statistic (a mean among shares): in the table only
            texts = tuple(c.text + (f" ({', '.join(c.qualifiers)})" if c.qualifiers else "")
                          for c in cells)
            items.append(Item(r.label, values, texts, r.is_total, total_text))
            shown = ", ".join(f"{cross.columns[k].label} {t}" if len(drawn) > 1 else t
                              for k, t in zip(drawn, texts) if t)
            if total_text:
                shown += (", " if shown else "") + f"{cross.columns[total].label} {total_text}"
            said.append(f"{g.label + ' – ' if g.label else ''}{r.label}: {shown}")
        if items:
            groups.append(Group(g.label, tuple(items)))
    series = tuple(cross.columns[k].label for k in drawn)
    chart = breakdown_chart(
        groups, series, title, "; ".join(said), label(UNITS, cross.unit, lang),
        cross.rows_title, _tick(lang),
        cross.columns[total].label if total is not None else "", MAXIMUM.get(cross.unit))
    return FigureView(id, chart, tuple(tuple(r) for r in cross.csv_rows()))


def trend_figure(id: str, ind: m.Indicator, entries: list[m.EditionEntry],
                 analyses: dict[str, EditionAnalysis], title: str,
                 lang: str) -> FigureView | None:
    """The key figure over time: a point per figure (a figure shown by several editions is
    one point), on the period it describes; a break where the analysis found the figure
    not comparable with the one before because its definition, method or period changed.
    None for a single figure: a chart would say no more than the number."""
    _ = translations(lang).gettext
    merged: list[tuple[m.EditionEntry, list[int]]] = []
    for e in entries:
        if merged and e.measurement_id and merged[-1][0].measurement_id == e.measurement_id:
            merged[-1][1].append(e.edition.year)
        else:
            merged.append((e, [e.edition.year]))
    if len(merged) < 2:
        return None
    points, rows, said = [], [], []
    for e, years in merged:
        x = e.measurement
        fact = next((f for f in analyses[e.edition_id].facts
                     if f.indicator_id == ind.id), None)
        why = [r for r in (fact.reasons if fact else []) if r in BREAKS]
        period = period_of(x, lang) or _("period not stated")
        edition = _("Monitor {years}").format(years=", ".join(map(str, years)))
        value = x.value if x is not None else None
        decimals = (x.decimals if x is not None and x.decimals is not None else ind.decimals)
        shown = (reads(value, ind.unit, decimals, lang) if value is not None
                 else (printed_words(e.printed, lang) if e.printed else _("no figure")))
        lower = x is not None and Qualifier.LOWER_BOUND in (x.qualifiers or [])
        reasons = "; ".join(label(REASONS, r, lang) for r in why)
        points.append(Point(period, edition, value, shown, lower,
                            _("not comparable: {reasons}").format(reasons=reasons)
                            if why and len(points) else ""))
        notes = [label(QUALIFIERS, q, lang) for q in (x.qualifiers or [])] if x else []
        if why and len(rows):
            notes.append(_("not comparable: {reasons}").format(reasons=reasons))
        rows.append((", ".join(map(str, years)), period, value if value is not None else shown,
                     "; ".join(notes)))
        said.append(f"{period} ({edition}): {shown}" + (f" ({'; '.join(notes)})" if notes
                                                          else ""))
    chart = trend_chart(points, title, "; ".join(said), label(UNITS, ind.unit, lang),
                        _("Period the figure describes (edition that showed it)"),
                        _tick(lang), _("series break: figures not comparable"),
                        _("lower bound: at least this much"), MAXIMUM.get(ind.unit))
    header = (_("Edition"), _("Period"), label(UNITS, ind.unit, lang), _("Note"))
    return FigureView(id, chart, (header,) + tuple(rows))
