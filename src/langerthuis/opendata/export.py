"""All downloads, written to a folder by `langerthuis export DIR` (and served under /data):

    key-figures.csv                one row per indicator per edition (the dashboards' figures)
    breakdowns.csv                 every breakdown table as tidy long data
    editions/<year>/key-figures.csv and .json
    indicators/<id>.csv and .json
    monitor.json                   the whole dataset, as the API serialises it
    monitor.xlsx                   one sheet per table plus a sheet that explains columns and sources
    datapackage.json               Frictionless Data Package describing the CSV files
    LICENSE.txt                    licence and attribution

Each is a view of the same domain objects as the pages and the API."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import model as m
from ..api import serialize as ser
from .keyfigures import COLUMNS, key_figure_rows, plain_number, to_csv

LICENCE = ("Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
           "Source: RIVM, Monitor Langer Thuis 2019, 2020 and 2021; Ministerie van VWS, "
           "Programma Langer Thuis, Plan van Aanpak 2018-2021. Maps: CBS, Kadaster (CC BY 4.0). "
           "Compiled by Monitor Langer Thuis (open software); descriptions and story "
           "summaries are our own words.")

#: What each column of the CSV files means (also the explanation sheet and the data package).
KEY_FIGURE_FIELDS = {
    "programme": ("string", "Id of the programme (langer-thuis)."),
    "edition": ("integer", "Year of the edition of the monitor."),
    "indicator_id": ("string", "Stable id of the indicator across editions."),
    "number": ("integer", "Number of the indicator in that edition."),
    "title": ("string", "Title of the indicator as printed in that edition."),
    "kind": ("string", "outcome, process or narrative."),
    "action_line": ("integer", "Number of the action line; empty for the overall indicator."),
    "value": ("number", "The key figure; a dot is the decimal separator; empty where the "
              "edition shows none (see status)."),
    "unit": ("string", "percentage, count, mark, ratio, hours, euro or stories."),
    "reference_period": ("string", "Period the figure describes, as published."),
    "reference_date": ("date", "Date a count was taken (ISO 8601)."),
    "status": ("string", "new, still_valid, not_updated, not_available, not_applicable or "
               "in_development."),
    "qualifiers": ("string", "Semicolon-separated: provisional, lower_bound, maximum_tariff, "
                   "estimate, projection."),
    "source": ("string", "Who delivered the figure."),
    "measurement_id": ("string", "Id of the measurement shown; one measurement can be shown "
                       "by several editions."),
    "source_location": ("string", "Where in the published monitor the figure stands."),
}
BREAKDOWN_BASE = ["edition", "table_number", "table_id", "table_title", "indicator_id",
                  "measurement_id"]
BREAKDOWN_TAIL = ["value", "unit", "n", "qualifiers", "printed"]


def breakdown_rows(session: Session) -> tuple[list[str], list[dict]]:
    tables = list(session.scalars(select(m.BreakdownTable).outerjoin(m.BreakdownTable.edition)
                                  .order_by(m.Edition.year, m.BreakdownTable.id)))
    dims: list[str] = []
    for t in tables:
        dims += [d for d in t.dimensions if d not in dims]
    rows = []
    for t in tables:
        for r in t.rows:
            rows.append({"edition": t.edition.year if t.edition else None,
                         "table_number": t.number, "table_id": t.id,
                         "table_title": t.title, "indicator_id": t.measurement.indicator_id,
                         "measurement_id": t.measurement_id,
                         **{d: r.dimensions.get(d, "") for d in dims},
                         "value": r.value, "unit": r.unit, "n": r.n,
                         "qualifiers": ";".join(r.qualifiers or []), "printed": r.printed})
    return BREAKDOWN_BASE + dims + BREAKDOWN_TAIL, rows


def whole_dataset(session: Session) -> dict:
    def all_of(model, order):
        return list(session.scalars(select(model).order_by(order)))
    shown: dict[str, list[str]] = {}
    for e in all_of(m.EditionEntry, m.EditionEntry.id):
        if e.measurement_id:
            shown.setdefault(e.measurement_id, []).append(e.edition_id)
    return {
        "licence": LICENCE,
        "programmes": [ser.programme(x) for x in all_of(m.Programme, m.Programme.id)],
        "organisations": [ser.organisation(x) for x in all_of(m.Organisation, m.Organisation.id)],
        "actions": [ser.action(x) for x in all_of(m.Action, m.Action.id)],
        "indicators": [ser.indicator(x) for x in all_of(m.Indicator, m.Indicator.id)],
        "editions": [ser.edition(x) for x in all_of(m.Edition, m.Edition.year)],
        "measurements": [ser.measurement(x, shown.get(x.id, []))
                         for x in all_of(m.Measurement, m.Measurement.id)],
        "tables": [ser.table(x) for x in all_of(m.BreakdownTable, m.BreakdownTable.id)],
        "stories": [ser.story(x) for x in all_of(m.Story, m.Story.id)],
        "initiatives": [ser.initiative(x) for x in all_of(m.Initiative, m.Initiative.id)],
        "references": [ser.reference(x) for x in all_of(m.Reference, m.Reference.id)],
        "quality_notes": [ser.quality_note(x) for x in all_of(m.QualityNote, m.QualityNote.id)],
        "claims": [ser.claim(x) for x in all_of(m.PublishedClaim, m.PublishedClaim.id)],
        "relations": [ser.relation(x) for x in all_of(m.Relation, m.Relation.id)],
        "table_checks": {t.id: ser.table_checks(t)
                         for t in all_of(m.BreakdownTable, m.BreakdownTable.id) if t.checks},
    }


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: plain_number(v) if k in ("value",) else ("" if v is None else v)
                         for k, v in row.items()})
    return out.getvalue()


def excel(session: Session) -> bytes:
    book = Workbook()
    about = book.active
    about.title = "Toelichting"
    about.append(["Monitor Langer Thuis – open data"])
    about["A1"].font = Font(bold=True, size=14)
    about.append([LICENCE])
    about.append([])
    about.append(["Sheet", "Column", "Type", "Meaning"])
    for name, (kind, meaning) in KEY_FIGURE_FIELDS.items():
        about.append(["Kerncijfers", name, kind, meaning])
    for name in BREAKDOWN_TAIL:
        about.append(["Tabel …", name, "", {"value": "The value; unit in the next column.",
                                             "unit": "Unit of the value.",
                                             "n": "Number of respondents, where given.",
                                             "qualifiers": "Semicolon-separated qualifiers.",
                                             "printed": "What the source printed, where it "
                                                        "differs from the value."}[name]])
    about.append(["Tabel …", "(dimension columns)", "string",
                  "An empty dimension cell means the total over that dimension."])
    sheet = book.create_sheet("Kerncijfers")
    rows = key_figure_rows(session)
    sheet.append(COLUMNS)
    for r in rows:
        sheet.append([r.get(c) for c in COLUMNS])
    for t in session.scalars(select(m.BreakdownTable).outerjoin(m.BreakdownTable.edition)
                             .order_by(m.Edition.year, m.BreakdownTable.id)):
        label = f"Tabel {t.number} ({t.edition.year})" if t.edition else f"Berekend {t.number}"
        sheet = book.create_sheet(label[:31])
        sheet.append([f"Tabel {t.number}: {t.title}"])
        sheet.append([f"Source: {t.source_location}; measurement {t.measurement_id}"])
        sheet.append(list(t.dimensions) + BREAKDOWN_TAIL)
        for r in t.rows:
            sheet.append([r.dimensions.get(d, "") for d in t.dimensions]
                         + [r.value, r.unit, r.n, ";".join(r.qualifiers or []), r.printed])
    for name, items, fields in (
            ("Verhalen", session.scalars(select(m.Story).order_by(m.Story.id)),
             ["id", "indicator_id", "edition_id", "title", "date", "source_url", "summary"]),
            ("Initiatieven", session.scalars(select(m.Initiative).order_by(m.Initiative.id)),
             ["id", "kind", "name", "indicator_id", "municipality_code", "municipality_name",
              "year", "phase", "count", "source_location"])):
        sheet = book.create_sheet(name)
        sheet.append(fields)
        for x in items:
            sheet.append([getattr(x, f) for f in fields])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def datapackage(breakdown_columns: list[str]) -> dict:
    def field(name: str, kind: str, description: str) -> dict:
        return {"name": name, "type": kind, "description": description}
    key_fields = [field(n, k, d) for n, (k, d) in KEY_FIGURE_FIELDS.items()]
    integers = {"edition", "table_number", "n"}
    numbers = {"value"}
    breakdown_fields = [field(c, "integer" if c in integers else
                              "number" if c in numbers else "string", "") for c in breakdown_columns]
    return {
        "name": "monitor-langer-thuis",
        "title": "Monitor Langer Thuis: key figures and breakdown tables, 2019-2021",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "RIVM, Monitor Langer Thuis 2019, 2020, 2021",
                     "path": "https://www.rivm.nl/monitor-langer-thuis"}],
        "resources": [
            {"name": "key-figures", "path": "key-figures.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": key_fields,
                        "primaryKey": ["programme", "edition", "indicator_id"]}},
            {"name": "breakdowns", "path": "breakdowns.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": breakdown_fields}},
        ],
    }


def build_downloads(session: Session) -> dict[str, str | bytes]:
    """Every download by its path (relative to the download folder)."""
    files: dict[str, str | bytes] = {}
    rows = key_figure_rows(session)
    files["key-figures.csv"] = to_csv(rows)
    columns, breakdowns = breakdown_rows(session)
    files["breakdowns.csv"] = _csv(columns, breakdowns)
    for edition in session.scalars(select(m.Edition).order_by(m.Edition.year)):
        mine = [r for r in rows if r["edition"] == edition.year]
        files[f"editions/{edition.year}/key-figures.csv"] = to_csv(mine)
        files[f"editions/{edition.year}/key-figures.json"] = json.dumps(
            {"licence": LICENCE, "edition": ser.edition(edition), "key_figures": mine},
            ensure_ascii=False, indent=1)
    for ind in session.scalars(select(m.Indicator).order_by(m.Indicator.id)):
        mine = [r for r in rows if r["indicator_id"] == ind.id]
        files[f"indicators/{ind.id}.csv"] = to_csv(mine)
        files[f"indicators/{ind.id}.json"] = json.dumps(
            {"licence": LICENCE, "indicator": ser.indicator(ind), "key_figures": mine},
            ensure_ascii=False, indent=1)
    files["monitor.json"] = json.dumps(whole_dataset(session), ensure_ascii=False, indent=1)
    files["monitor.xlsx"] = excel(session)
    files["datapackage.json"] = json.dumps(datapackage(columns), ensure_ascii=False, indent=2)
    files["LICENSE.txt"] = LICENCE + "\n"
    return files


def export_all(session: Session, target: Path) -> list[Path]:
    """Write every download into `target`; returns the files written."""
    written = []
    for name, content in build_downloads(session).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
