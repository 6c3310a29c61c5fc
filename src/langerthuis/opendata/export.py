"""All downloads, written to a folder by `langerthuis export DIR` (and served under /data):

    key-figures.csv                one row per indicator per edition (the dashboards' figures)
    breakdowns.csv                 every breakdown table as tidy long data
    actions.csv                    one row per action, with where it stands and since when
    action-progress.csv            one row per progress entry of an action, with its source
    findings.csv                   the figures in the text of each edition (one row per fact),
                                   and its numbered figures (a figure without values: one row)
    editions/<year>/key-figures.csv and .json
    indicators/<id>.csv and .json
    monitor.json                   the whole dataset, as the API serialises it
    monitor.xlsx                   one sheet per table plus a sheet that explains columns and sources
    datapackage.json               Frictionless Data Package describing the CSV files
    LICENSE.txt                    licence and attribution
    catalog.jsonld                 the catalogue in DCAT-AP-DONL (see opendata/catalog.py)
    housing/...                    the housing monitor (see opendata/housing.py)

Each is a view of the same domain objects as the pages and the API."""
from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ..config import load_settings
from ..views import resources as r
from ..views.snapshot import Resources, Snapshot
from .catalog import catalog
from .housing import datapackage_resources, housing_downloads
from .keyfigures import COLUMNS, FORMULA_START, key_figure_rows, to_csv
from .progress import ACTION_FIELDS, PROGRESS_FIELDS, action_rows, progress_rows

#: Said where the content has no catalogue.yaml, so no licence of its own.
NO_LICENCE = ("The content states no licence for this data (it has no catalogue.yaml); ask "
              "its publisher before reuse.")


def licence_text(res: Resources) -> str:
    """The licence and attribution of the downloads, from the content's catalogue."""
    d = res.dataset
    if d is None:
        return NO_LICENCE
    sources = "; ".join(f"{s.organisation}, {s.title}" + (f" ({s.licence_note})"
                                                          if s.licence_note else "")
                        for s in d.sources)
    return (f"Licence: {d.licence.title_en} ({d.licence.url}). Name as the source: "
            f"{d.publisher}, {d.title}. Made from: {sources}. Compiled by Monitor Langer Thuis "
            "(open software); descriptions and story summaries are our own words.")


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
    "revised_on": ("date", "Date of the latest correction of a published figure; empty "
                   "where it was never revised."),
    "first_published_value": ("number", "The value as first published, where the figure "
                              "was revised since."),
}
BREAKDOWN_BASE = ["edition", "table_number", "table_id", "table_title", "indicator_id",
                  "measurement_id"]
BREAKDOWN_TAIL = ["value", "unit", "n", "qualifiers", "printed"]


def _tables_in_order(res: Resources) -> list:
    """Breakdown tables by edition year (our own computations, without edition, first)."""
    years = {e.id: e.year for e in res.editions}
    return sorted(res.tables, key=lambda t: (t.edition is not None, years.get(t.edition, 0), t.id))


def breakdown_rows(res: Resources) -> tuple[list[str], list[dict]]:
    years = {e.id: e.year for e in res.editions}
    tables = _tables_in_order(res)
    dims: list[str] = []
    for t in tables:
        dims += [d for d in t.dimensions if d not in dims]
    rows = []
    for t in tables:
        for r in t.rows:
            rows.append({"edition": years.get(t.edition), "table_number": t.number,
                         "table_id": t.id, "table_title": t.title, "indicator_id": t.indicator,
                         "measurement_id": t.measurement,
                         **{d: r.dimensions.get(d, "") for d in dims},
                         "value": r.value, "unit": r.unit, "n": r.n,
                         "qualifiers": ";".join(r.qualifiers or []), "printed": r.printed})
    return BREAKDOWN_BASE + dims + BREAKDOWN_TAIL, rows


#: The columns of findings.csv: (name, Table Schema type, meaning).
FINDING_FIELDS = [
    ("edition", "integer", "Year of the edition whose text gives the figure."),
    ("indicator_id", "string", "Stable id of the indicator."),
    ("finding_id", "string", "Id of the finding (a group of figures, or a numbered figure)."),
    ("title", "string", "Title of the finding in Dutch (a figure's caption as published)."),
    ("title_en", "string", "Title of the finding in English."),
    ("figure", "integer", "Number of the edition's figure (Figuur), if the finding is one."),
    ("figure_values", "string", "How many of the figure's values the sources print: all, some "
                                "or none (a figure with none has one row without a value)."),
    ("label", "string", "What the figure counts, in Dutch (our words)."),
    ("label_en", "string", "What the figure counts, in English."),
    ("value", "number", "The value, with a dot as decimal separator."),
    ("unit", "string", "percentage, count, mark, ratio, hours or euro."),
    ("decimals", "integer", "Decimals the value is shown with."),
    ("printed", "string", "How the source wrote the value, where words carry it."),
    ("period", "string", "Period the figure describes, in Dutch."),
    ("period_en", "string", "Period the figure describes, in English."),
    ("reference_date", "date", "Date the count was taken."),
    ("n", "integer", "Number of respondents, where given."),
    ("qualifiers", "string", "Semicolon-separated qualifiers (lower_bound, estimate, ...)."),
    ("source", "string", "Who delivered the figure."),
    ("source_location", "string", "Where in the sources the figure stands."),
]


def finding_rows(res: Resources, indicator: str | None = None) -> list[dict]:
    years = {e.id: e.year for e in res.editions}
    rows = []
    for f in res.findings:
        if indicator and f.indicator != indicator:
            continue
        head = {"edition": years.get(f.edition), "indicator_id": f.indicator,
                "finding_id": f.id, "title": f.title, "title_en": f.title_en,
                "figure": f.figure, "figure_values": f.figure_values, "source": f.source}
        for x in f.facts or [None]:
            rows.append({**head, **({
                "label": x.label, "label_en": x.label_en, "value": x.value, "unit": x.unit,
                "decimals": x.decimals, "printed": x.printed, "period": x.period,
                "period_en": x.period_en, "reference_date": x.reference_date, "n": x.n,
                "qualifiers": ";".join(x.qualifiers),
                "source_location": x.source_location or f.source_location} if x else {
                "source_location": f.source_location})})
    return rows


def whole_dataset(res: Resources) -> dict:
    def dump(items) -> list[dict]:
        return [x.model_dump(mode="json") for x in items]
    return {
        "licence": licence_text(res),
        "programmes": dump(res.programmes), "organisations": dump(res.organisations),
        "actions": dump(sorted(res.actions, key=lambda a: a.id)),
        "indicators": dump(res.indicators),
        "editions": dump(sorted(res.editions, key=lambda e: e.year)),
        "measurements": dump(res.measurements), "tables": dump(res.tables),
        "stories": dump(res.stories), "initiative_kinds": dump(res.initiative_kinds),
        "initiatives": dump(res.initiatives),
        "references": dump(res.references), "quality_notes": dump(res.quality_notes),
        "claims": dump(res.claims), "relations": dump(res.relations),
        "findings": dump(res.findings), "reflection": dump(res.reflection),
        "introduction": dump(res.introduction),
        "table_checks": res.table_checks,
        **({"catalogue": res.catalogue} if res.catalogue else {}),
    }


def _append(sheet: Worksheet, values: list) -> None:
    """Append a row; text that would be taken as a formula is written as text.

    openpyxl writes a string that begins with "=" as a live formula cell: content text such as
    `=cmd|' /C calc'!A0` or `=HYPERLINK(...)` would run when the sheet is opened. Such cells
    (and those beginning with +, -, @, tab or carriage return, which spreadsheets also read
    as formulas when the cell is edited) are stored as strings with a quote prefix: shown as
    typed, never evaluated. Numbers are left alone: -1.5 stays a number."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True


def source_licences(snapshot: Snapshot) -> tuple[str, str]:
    """Each data source with its licence as it states it, and the notice for downloads
    built from a source whose licence forbids commercial use ("" when there is none)."""
    sources = snapshot.about["en"].sources if snapshot.about else ()
    listing = "\n".join(f"- {s.title} ({s.publisher}): {s.licence}" for s in sources)
    restricted = [s for s in sources if s.non_commercial]
    notice = " ".join(
        f"Figures per municipality of the years after 2022 rest on {s.title} ({s.licence}), "
        "a source with a non-commercial licence: they may not be used commercially."
        for s in restricted)
    return (f"Sources of the maps and their licences:\n{listing}\n" if listing else ""), notice


def excel(res: Resources) -> bytes:
    years = {e.id: e.year for e in res.editions}
    book = Workbook()
    about = book.active
    about.title = "Toelichting"
    _append(about, ["Monitor Langer Thuis – open data"])
    about["A1"].font = Font(bold=True, size=14)
    _append(about, [licence_text(res)])
    _append(about, [])
    _append(about, ["Sheet", "Column", "Type", "Meaning"])
    for name, (kind, meaning) in KEY_FIGURE_FIELDS.items():
        _append(about, ["Kerncijfers", name, kind, meaning])
    for name in BREAKDOWN_TAIL:
        _append(about, ["Tabel …", name, "", {"value": "The value; unit in the next column.",
                                             "unit": "Unit of the value.",
                                             "n": "Number of respondents, where given.",
                                             "qualifiers": "Semicolon-separated qualifiers.",
                                             "printed": "What the source printed, where it "
                                                        "differs from the value."}[name]])
    _append(about, ["Tabel …", "(dimension columns)", "string",
                  "An empty dimension cell means the total over that dimension."])
    for sheet_name, fields in (("Acties", ACTION_FIELDS), ("Voortgang", PROGRESS_FIELDS)):
        for name, (kind, meaning) in fields.items():
            _append(about, [sheet_name, name, kind, meaning])
    sheet = book.create_sheet("Kerncijfers")
    _append(sheet, COLUMNS)
    for r in key_figure_rows(res):
        _append(sheet, [r.get(c) for c in COLUMNS])
    for t in _tables_in_order(res):
        label = (f"Tabel {t.number} ({years[t.edition]})" if t.edition
                 else f"Berekend {t.number}")
        sheet = book.create_sheet(label[:31])
        _append(sheet, [f"Tabel {t.number}: {t.title}"])
        _append(sheet, [f"Source: {t.source_location}; measurement {t.measurement}"])
        _append(sheet, list(t.dimensions) + BREAKDOWN_TAIL)
        for r in t.rows:
            _append(sheet, [r.dimensions.get(d, "") for d in t.dimensions]
                         + [r.value, r.unit, r.n, ";".join(r.qualifiers or []), r.printed])
    for name, fields, rows in (("Acties", ACTION_FIELDS, action_rows(res)),
                               ("Voortgang", PROGRESS_FIELDS, progress_rows(res))):
        sheet = book.create_sheet(name)
        _append(sheet, list(fields))
        for r in rows:
            _append(sheet, [r[f] for f in fields])
    for name, items, fields in (
            ("Verhalen", res.stories, {"id": "id", "indicator_id": "indicator",
                                       "edition_id": "edition", "title": "title",
                                       "date": "date", "source_url": "source_url",
                                       "summary": "summary"}),
            ("Initiatieven", res.initiatives, {
                "id": "id", "kind": "kind", "name": "name", "indicator_id": "indicator",
                "municipality_code": "municipality_code",
                "municipality_name": "municipality_name", "year": "year", "phase": "phase",
                "count": "count", "source_location": "source_location"})):
        sheet = book.create_sheet(name)
        _append(sheet, list(fields))
        for x in items:
            _append(sheet, [getattr(x, f) for f in fields.values()])
    sheet = book.create_sheet("Bevindingen")
    names = [n for n, _k, _d in FINDING_FIELDS]
    _append(sheet, names)
    for r in finding_rows(res):
        _append(sheet, [r.get(n) for n in names])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def package_licence(licence: r.LicenceInfo) -> dict:
    return {"name": licence.spdx or licence.id, "title": licence.title_en, "path": licence.url}


def package_sources(sources: list[r.SourceInfo]) -> list[dict]:
    """Sources as a Data Package lists them, each with its licence where it states one."""
    out = []
    for x in sources:
        source = {"title": f"{x.organisation}, {x.title}"}
        if x.url:
            source["path"] = x.url
        if x.licence is not None:
            source["licenses"] = [package_licence(x.licence)]
        elif x.licence_note:
            source["licence"] = x.licence_note
        out.append(source)
    return out


def with_metadata(package: dict, dataset: r.DatasetInfo | None) -> dict:
    """The Data Package with the title, licences and sources of the content's catalogue:
    the package's own, and per resource the sources it is made from."""
    if dataset is None:
        return package
    licence = [package_licence(dataset.licence)]
    package.update({"name": dataset.id, "title": f"{dataset.title_en}: {dataset.coverage_en}",
                    "description": dataset.description_en, "licenses": licence,
                    "sources": package_sources([x for x in dataset.sources if x.resources])})
    if dataset.modified:
        package["created"] = f"{dataset.modified.isoformat()}T00:00:00Z"
    for resource in package["resources"]:
        resource["licenses"] = licence
        resource["sources"] = package_sources([x for x in dataset.sources
                                               if resource["name"] in x.resources])
    return package


def datapackage(breakdown_columns: list[str]) -> dict:
    def field(name: str, kind: str, description: str) -> dict:
        return {"name": name, "type": kind, "description": description}
    key_fields = [field(n, k, d) for n, (k, d) in KEY_FIGURE_FIELDS.items()]

    def table(name: str, fields: dict, key: str) -> dict:
        return {"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8", "schema": {
                    "fields": [field(n, k, d) for n, (k, d) in fields.items()],
                    "primaryKey": [key]}}
    integers = {"edition", "table_number", "n"}
    numbers = {"value"}
    breakdown_fields = [field(c, "integer" if c in integers else
                              "number" if c in numbers else "string", "") for c in breakdown_columns]
    return {
        "name": "monitor-langer-thuis",
        "title": "Monitor Langer Thuis: key figures and breakdown tables",
        "resources": [
            {"name": "key-figures", "path": "key-figures.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": key_fields,
                        "primaryKey": ["programme", "edition", "indicator_id"]}},
            {"name": "breakdowns", "path": "breakdowns.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": breakdown_fields}},
            table("actions", ACTION_FIELDS, "action_id"),
            table("action-progress", PROGRESS_FIELDS, "entry_id"),
            {"name": "findings", "path": "findings.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [field(n, k, d) for n, k, d in FINDING_FIELDS]}},
        ],
    }


def build_downloads(snapshot: Snapshot) -> dict[str, str | bytes]:
    """Every download by its path (relative to the download folder)."""
    res = snapshot.resources
    licence = licence_text(res)
    files: dict[str, str | bytes] = {}
    rows = key_figure_rows(res)
    files["key-figures.csv"] = to_csv(rows)
    columns, breakdowns = breakdown_rows(res)
    files["breakdowns.csv"] = to_csv(breakdowns, columns)
    files["actions.csv"] = to_csv(action_rows(res), list(ACTION_FIELDS))
    files["action-progress.csv"] = to_csv(progress_rows(res), list(PROGRESS_FIELDS))
    files["findings.csv"] = to_csv(finding_rows(res), [n for n, _k, _d in FINDING_FIELDS])
    for edition in sorted(res.editions, key=lambda e: e.year):
        mine = [r for r in rows if r["edition"] == edition.year]
        files[f"editions/{edition.year}/key-figures.csv"] = to_csv(mine)
        files[f"editions/{edition.year}/key-figures.json"] = json.dumps(
            {"licence": licence, "edition": edition.model_dump(mode="json"),
             "key_figures": mine}, ensure_ascii=False, indent=1)
    for ind in res.indicators:
        mine = [r for r in rows if r["indicator_id"] == ind.id]
        files[f"indicators/{ind.id}.csv"] = to_csv(mine)
        files[f"indicators/{ind.id}.json"] = json.dumps(
            {"licence": licence, "indicator": ind.model_dump(mode="json"),
             "key_figures": mine,
             "findings": [f.model_dump(mode="json") for f in res.findings
                          if f.indicator == ind.id]}, ensure_ascii=False, indent=1)
    whole = whole_dataset(res)
    if snapshot.housing is not None:
        whole["housing_targets"] = [snapshot.housing.summary.target.model_dump(mode="json")]
    files["monitor.json"] = json.dumps(whole, ensure_ascii=False, indent=1)
    files["monitor.xlsx"] = excel(res)
    package = datapackage(columns)
    package["resources"] += datapackage_resources(snapshot.housing)
    package = with_metadata(package, res.dataset)
    files["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=2)
    listing, notice = source_licences(snapshot)
    files["LICENSE.txt"] = "\n\n".join(x for x in (licence, listing, notice) if x) + "\n"
    if snapshot.metadata is not None:
        files["catalog.jsonld"] = json.dumps(
            catalog(snapshot.metadata, set(files), load_settings().base_url),
            ensure_ascii=False, indent=1)
    files.update(housing_downloads(snapshot.housing, " ".join(x for x in (licence, notice) if x)))
    return files


def export_all(snapshot: Snapshot, target: Path) -> list[Path]:
    """Write every download into `target`; returns the files written."""
    written = []
    for name, content in build_downloads(snapshot).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
