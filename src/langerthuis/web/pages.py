"""View models of the pages: plain dictionaries built from the domain objects and the
analysis, so that templates only lay out what is decided here."""
from __future__ import annotations

from collections import defaultdict

from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import model as m
from ..analysis import analyse_edition
from ..analysis.compare import Direction, IndicatorFact
from ..charts import bar_chart, trend_chart
from ..charts.maps import Area, Marker, classes, municipality_map
from ..formatting import format_number, format_value
from ..geography.sources import attribution
from ..store import queries
from .i18n import dimension_label, translator

ARROWS = {"up": "▲", "down": "▼", "same": "▬"}


def _decimals(x: m.Measurement) -> int:
    return x.decimals if x.decimals is not None else x.indicator.decimals


def figure(x: m.Measurement | None, lang: str, printed: str | None = None) -> str:
    if x is None or x.value is None:
        return printed or "–"
    return format_value(x.value, x.indicator.unit, _decimals(x), lang)


def change_view(fact: IndicatorFact, lang: str) -> dict | None:
    """The change since the previous edition as an arrow, a class and words (colour is
    never the only signal)."""
    if fact.kind == "narrative":
        return None
    t = translator(lang)
    if fact.direction == Direction.NOT_COMPARABLE:
        return {"arrow": "", "css": "nc", "text": t("not_comparable")}
    sign = "up" if fact.change > 0 else "down" if fact.change < 0 else "same"
    return {"arrow": ARROWS[sign], "css": str(fact.direction), "text": t(str(fact.direction))}


def _label(entry: m.EditionEntry, latest: bool, lang: str) -> str:
    """The dashboard label. An indicator's short label is the one of the latest dashboard;
    for earlier editions the content keeps each dashboard's own label as the entry title."""
    ind = entry.indicator
    if lang == "en":
        return ind.title_en or entry.title
    return (ind.short_label or entry.title) if latest else entry.title


def dashboard(session: Session, year: int, lang: str) -> dict:
    analysis = analyse_edition(session, str(year))
    edition = session.get(m.Edition, analysis.edition_id)
    entries = {e.indicator_id: e for e in edition.entries}
    lines = edition.programme.action_lines
    latest = edition.year == max(e.year for e in queries.editions(session)
                                 if e.programme_id == edition.programme_id)
    cells: dict[tuple[str, int], list[dict]] = defaultdict(list)
    overall = None
    story_counts: dict[str, int] = defaultdict(int)
    for s in queries.stories(session, edition.id):
        story_counts[s.indicator_id] += 1
    for fact in analysis.facts:
        entry = entries[fact.indicator_id]
        card = {
            "id": fact.indicator_id, "number": fact.number,
            "label": _label(entry, latest, lang),
            "value": figure(entry.measurement, lang, entry.printed),
            "status": entry.status, "kind": fact.kind,
            "qualifiers": list(entry.measurement.qualifiers) if entry.measurement else [],
            "change": change_view(fact, lang) if analysis.previous_edition_id else None,
            "stories": story_counts[fact.indicator_id],
        }
        if fact.is_overall:
            overall = card
        else:
            cells[(fact.kind, fact.action_line)].append(card)
    return {"edition": edition, "editions": queries.editions(session), "overall": overall,
            "lines": lines, "kinds": ["outcome", "process", "narrative"], "cells": cells,
            "analysis": analysis}


def indicator(session: Session, indicator_id: str, lang: str, upto: int | None = None,
              analyses: dict | None = None) -> dict | None:
    """An indicator with its values in every edition (up to the edition of `upto`)."""
    ind = session.get(m.Indicator, indicator_id)
    if ind is None:
        return None
    t = translator(lang)
    analyses = {} if analyses is None else analyses
    entries = [e for e in session.scalars(select(m.EditionEntry).join(m.EditionEntry.edition)
                                          .where(m.EditionEntry.indicator_id == indicator_id)
                                          .order_by(m.Edition.year))
               if upto is None or e.edition.year <= upto]
    latest = entries[-1] if entries else None
    rows = [{"edition": e.edition, "number": e.number, "title": e.title,
             "status": t(f"status_{e.status}"), "value": figure(e.measurement, lang, e.printed),
             "printed": e.printed, "measurement": e.measurement} for e in entries]
    title = ind.title if lang == "nl" else (ind.title_en or ind.title)
    chart = None
    if ind.kind != "narrative":
        points = [(str(e.edition.year), e.measurement.value if e.measurement else None,
                   e.printed or t("no_figure")) for e in entries]
        unit_fmt = lambda v: format_value(v, ind.unit, ind.decimals, lang)  # noqa: E731
        chart = trend_chart(points, f"{t('values_per_edition')}: {title}",
                            "; ".join(f"{p[0]}: {unit_fmt(p[1]) if p[1] is not None else p[2]}"
                                      for p in points), unit_fmt)
    shown = {e.measurement_id for e in entries if e.measurement_id}
    tables = list(session.scalars(select(m.BreakdownTable)
                                  .where(m.BreakdownTable.measurement_id.in_(shown))
                                  .order_by(m.BreakdownTable.number))) if shown else []
    notes = [n for n in queries.quality_notes(session)
             if (n.subject_type == "indicator" and n.subject_id == indicator_id)
             or (n.subject_type == "measurement" and n.subject_id in shown)
             or (n.subject_type == "edition_entry" and n.subject_id.endswith("/" + indicator_id))]
    facts = {}
    for e in entries:
        if e.edition_id not in analyses:
            analyses[e.edition_id] = analyse_edition(session, e.edition_id)
        a = analyses[e.edition_id]
        facts[e.edition.year] = next(f for f in a.facts if f.indicator_id == indicator_id)
    computed = [x for x in session.scalars(select(m.Measurement).where(
                    m.Measurement.indicator_id == indicator_id).order_by(m.Measurement.id))
                if x.id not in shown and (x.provenance or {}).get("recipe")]
    refs = list(session.scalars(select(m.Reference).join(m.Reference.indicators)
                                .where(m.Indicator.id == indicator_id).order_by(m.Reference.id)))
    return {"indicator": ind, "title": title, "latest": latest, "rows": rows, "chart": chart,
            "tables": [table_view(tb, lang) for tb in tables], "notes": notes, "facts": facts,
            "stories": [s for s in queries.stories(session) if s.indicator_id == indicator_id],
            "references": refs,
            "computed": [{"measurement": x, "value": figure(x, lang),
                          "tables": [tb.id for tb in x.tables]} for x in computed]}


def _row_label(row: m.BreakdownRow, table: m.BreakdownTable, lang: str) -> str:
    parts = [row.dimensions.get(d, "") for d in table.dimensions]
    shown = [p for p in parts if p]
    return " – ".join(shown) if shown else translator(lang)("total")


def table_view(table: m.BreakdownTable, lang: str) -> dict:
    t = translator(lang)
    headers = [dimension_label(d, lang) for d in table.dimensions]
    rows = [{"dims": [r.dimensions.get(d, "") or t("total") for d in table.dimensions],
             "value": format_value(r.value, r.unit, table.decimals if r.unit != "count" else 0,
                                   lang) if r.value is not None else (r.printed or "–"),
             "n": format_number(r.n, 0, lang) if r.n is not None else "",
             "qualifiers": [t(q) for q in (r.qualifiers or [])]} for r in table.rows]
    main = [r for r in table.rows if r.unit == table.unit]
    fmt = lambda v: format_value(v, table.unit, table.decimals, lang) if v is not None else "–"  # noqa: E731
    chart = bar_chart([(_row_label(r, table, lang), r.value) for r in main],
                      f"{t('table')} {table.number}: {table.title}",
                      "; ".join(f"{_row_label(r, table, lang)}: {fmt(r.value)}" for r in main),
                      fmt, maximum={"percentage": 100, "mark": 10}.get(table.unit))
    return {"table": table, "headers": headers, "rows": rows, "chart": chart,
            "has_n": any(r.n is not None for r in table.rows)}


def actions(session: Session, line: str | None, lead: str | None) -> dict:
    programme = session.get(m.Programme, "langer-thuis") or session.scalars(select(m.Programme)).first()
    query = select(m.Action).order_by(m.Action.action_line_id, m.Action.number)
    all_actions = list(session.scalars(query))
    leads = sorted({o for a in all_actions for o in a.leads}, key=lambda o: o.name.lower())
    shown = [a for a in all_actions
             if (not line or str(a.action_line.number) == line)
             and (not lead or any(o.id == lead for o in a.leads))]
    return {"programme": programme, "actions": shown, "total": len(all_actions),
            "leads": leads, "line": line, "lead": lead}


def map_view(session: Session, year: int, line: str | None, kind: str | None,
             indicator_id: str | None, lang: str) -> dict:
    t = translator(lang)
    available = sorted(set(session.scalars(select(m.MapShape.year)
                                           .where(m.MapShape.layer == "municipality"))))
    if not available:
        return {"available": False}
    map_year = year if year in available else max(y for y in available if y <= max(year, min(available)))
    shapes = list(session.scalars(select(m.MapShape).where(
        m.MapShape.layer == "municipality", m.MapShape.year == map_year).order_by(m.MapShape.code)))
    initiatives = list(session.scalars(select(m.Initiative).order_by(m.Initiative.year,
                                                                     m.Initiative.id)))
    kinds = sorted({i.kind for i in initiatives})
    chosen = [i for i in initiatives
              if (not line or (i.action_line and str(i.action_line.number) == line))
              and (not kind or i.kind == kind)]
    placed = [i for i in chosen if i.municipality_code]
    unplaced = [i for i in chosen if not i.municipality_code]
    by_code = {s.code: s for s in shapes}
    markers, counts = [], defaultdict(int)
    carried: dict[str, list[str]] = {}
    for i in placed:
        targets = ([i.municipality_code] if i.year == map_year or i.municipality_code in by_code
                   else queries.carry_code(session, i.municipality_code, i.year, map_year))
        carried[i.id] = targets
        for code in targets:
            counts[code] += 1
    for code, n in counts.items():
        s = by_code.get(code)
        if s is None:
            continue
        point = shape(s.geometry).representative_point()
        markers.append(Marker(point.x, point.y, n, f"{s.name}: {n}"))
    values = choropleth_values(session, indicator_id, map_year)
    klass, bounds = classes(values["values"]) if values else ({}, [])
    areas = [Area(s.code, s.name or s.code, s.geometry, klass.get(s.code)) for s in shapes]
    legend = [f"{format_number(lo, values['decimals'], lang)} – "
              f"{format_number(hi, values['decimals'], lang)}" for lo, hi in bounds]
    legend.append(t("no_data") if values else t("municipality"))
    title = f"{t('map')} {map_year}: " + (values["title"] if values else t("initiatives"))
    desc = (f"{len(placed)} {t('initiatives').lower()} in {len(counts)} gemeenten"
            if lang == "nl" else f"{len(placed)} local initiatives in {len(counts)} municipalities")
    chart = municipality_map(areas, title, desc, legend, attribution(), markers)
    names = {s.code: s.name for s in shapes}
    return {"available": True, "chart": chart, "year": map_year, "years": available,
            "placed": placed, "unplaced": unplaced, "kinds": kinds, "line": line,
            "kind": kind, "names": names, "values": values, "indicator_id": indicator_id,
            "carried": carried,
            "choices": choropleth_choices(session)}


def choropleth_choices(session: Session) -> list[m.BreakdownTable]:
    return [tb for tb in session.scalars(select(m.BreakdownTable).order_by(m.BreakdownTable.id))
            if "municipality_code" in tb.dimensions]


def choropleth_values(session: Session, table_id: str | None, year: int) -> dict | None:
    """Values per municipality from a breakdown table with a `municipality_code` dimension."""
    if not table_id:
        return None
    table = session.get(m.BreakdownTable, table_id)
    if table is None or "municipality_code" not in table.dimensions:
        return None
    values = {r.dimensions["municipality_code"]: r.value for r in table.rows
              if r.dimensions.get("municipality_code") and r.value is not None}
    return {"table": table, "title": table.title, "values": values, "decimals": table.decimals}


def search(session: Session, q: str, lang: str) -> dict:
    needle = q.strip().lower()
    if len(needle) < 2:
        return {"q": q, "indicators": [], "actions": [], "stories": []}

    def hit(*texts: str | None) -> bool:
        return any(needle in (x or "").lower() for x in texts)
    return {
        "q": q,
        "indicators": [i for i in queries.indicators(session)
                       if hit(i.title, i.title_en, i.short_label, i.description, i.source)],
        "actions": [a for a in session.scalars(select(m.Action).order_by(m.Action.id))
                    if hit(a.title, a.milestone, a.timeline, a.leads_printed)],
        "stories": [s for s in queries.stories(session)
                    if hit(s.title, s.summary, *(p.get("name") for p in s.persons))],
    }
