"""Domain objects as plain dictionaries: the one place that decides how each looks in the
API and in the JSON downloads."""
from __future__ import annotations

import datetime as dt

from .. import model as m


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def organisation(o: m.Organisation) -> dict:
    return {"id": o.id, "name": o.name, "abbreviation": o.abbreviation, "url": o.url}


def goal(g: m.Goal) -> dict:
    return {"id": g.id, "action_line": g.action_line.number, "number": g.number,
            "title": g.title, "title_en": g.title_en}


def action_line(al: m.ActionLine) -> dict:
    return {"id": al.id, "programme": al.programme_id, "number": al.number, "title": al.title,
            "title_en": al.title_en, "summary": al.summary, "goals": [goal(g) for g in al.goals]}


def programme(p: m.Programme) -> dict:
    return {"id": p.id, "name": p.name, "name_en": p.name_en, "start_year": p.start_year,
            "end_year": p.end_year, "summary": p.summary, "url": p.url,
            "partners": [o.id for o in p.partners],
            "action_lines": [action_line(al) for al in p.action_lines]}


def action(a: m.Action) -> dict:
    return {"id": a.id, "programme": a.programme_id, "action_line": a.action_line.number,
            "goal": a.goal.number if a.goal else None, "number": a.number, "title": a.title,
            "timeline": a.timeline, "milestone": a.milestone, "leads": [o.id for o in a.leads],
            "leads_printed": a.leads_printed, "status": a.status}


def indicator(i: m.Indicator) -> dict:
    return {"id": i.id, "programme": i.programme_id, "kind": i.kind, "is_overall": i.is_overall,
            "action_line": i.action_line.number if i.action_line else None,
            "goal": i.goal.number if i.goal else None, "title": i.title, "title_en": i.title_en,
            "short_label": i.short_label, "unit": i.unit, "decimals": i.decimals,
            "desired_direction": i.desired_direction, "direction_reason": i.direction_reason,
            "description": i.description, "source": i.source,
            "definitions": [{"from_edition": d.from_edition_id, "from_year": d.from_year,
                             "text": d.text, "change_note": d.change_note}
                            for d in i.definitions]}


def measurement(x: m.Measurement, editions: list[str] | None = None) -> dict:
    return {"id": x.id, "indicator": x.indicator_id, "value": x.value, "decimals": x.decimals,
            "reference_period": x.reference_period, "period_start": _date(x.period_start),
            "period_end": _date(x.period_end), "reference_date": _date(x.reference_date),
            "sources": list(x.sources or []), "n": x.n, "qualifiers": list(x.qualifiers or []),
            "notes": x.notes, "source_location": x.source_location,
            "editions": editions or []}


def entry(e: m.EditionEntry) -> dict:
    return {"indicator": e.indicator_id, "number": e.number, "title": e.title,
            "status": e.status, "measurement": e.measurement_id,
            "value": e.measurement.value if e.measurement else None, "printed": e.printed,
            "source_location": e.source_location, "note": e.note}


def edition(e: m.Edition, with_entries: bool = True) -> dict:
    return {"id": e.id, "programme": e.programme_id, "year": e.year, "title": e.title,
            "publication_date": _date(e.publication_date), "status": e.status,
            "publisher": e.publisher, "url": e.url,
            "entries": [entry(x) for x in e.entries] if with_entries else []}


def table_row(r: m.BreakdownRow) -> dict:
    return {"dimensions": dict(r.dimensions), "value": r.value, "unit": r.unit, "n": r.n,
            "qualifiers": list(r.qualifiers or []), "printed": r.printed}


def table(t: m.BreakdownTable, with_rows: bool = True) -> dict:
    return {"id": t.id, "edition": t.edition_id, "measurement": t.measurement_id,
            "indicator": t.measurement.indicator_id, "number": t.number, "title": t.title,
            "unit": t.unit, "decimals": t.decimals, "dimensions": list(t.dimensions),
            "notes": t.notes, "source_location": t.source_location,
            "rows": [table_row(r) for r in t.rows] if with_rows else []}


def story(s: m.Story) -> dict:
    return {"id": s.id, "indicator": s.indicator_id, "edition": s.edition_id, "title": s.title,
            "persons": list(s.persons or []), "date": _date(s.date),
            "source_title": s.source_title, "source_url": s.source_url, "summary": s.summary}


def initiative(i: m.Initiative) -> dict:
    return {"id": i.id, "kind": i.kind, "name": i.name, "indicator": i.indicator_id,
            "action_line": i.action_line.number if i.action_line else None,
            "municipality_code": i.municipality_code, "municipality_name": i.municipality_name,
            "year": i.year, "phase": i.phase, "count": i.count,
            "attributes": dict(i.attributes or {}), "source_location": i.source_location}


def reference(r: m.Reference) -> dict:
    return {"id": r.id, "title": r.title, "organisation": r.organisation, "date": _date(r.date),
            "date_text": r.date_text, "url": r.url, "indicators": sorted(i.id for i in r.indicators)}


def quality_note(q: m.QualityNote) -> dict:
    return {"id": q.id, "subject_type": q.subject_type, "subject_id": q.subject_id,
            "kind": q.kind, "text": q.text, "locations": list(q.locations or []),
            "values": list(q.values or [])}


def claim(c: m.PublishedClaim) -> dict:
    return {"id": c.id, "edition": c.edition_id, "metric": c.metric,
            "action_lines": list(c.action_lines or []), "include_overall": c.include_overall,
            "kinds": list(c.kinds or []), "value": c.value, "of": c.of, "text": c.text,
            "text_en": c.text_en, "source_location": c.source_location}


def relation(r: m.Relation) -> dict:
    return {"id": r.id, "kind": r.kind, "table": r.table_id, **dict(r.definition or {}),
            "source_location": r.source_location}


def table_checks(t: m.BreakdownTable) -> dict:
    return dict(t.checks or {})
