"""A recipe's result as content the loader accepts: a YAML file in the programme's
`computed/` folder with the measurement (and its provenance), and, when the result has a
breakdown, a table whose rows are a CSV file beside it."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from .recipes import Result


def content_records(result: Result, *, measurement_id: str, indicator: str, decimals: int,
                    provenance: dict[str, Any], table_title: tuple[str, str] | None = None,
                    dimensions: list[str] | None = None, reference_date: str | None = None,
                    source: str = "") -> tuple[dict, dict | None, list[dict]]:
    """The records of a result; `table_title` is the table's title in Dutch and English
    (every text of the content is in both languages)."""
    measurement = {"id": measurement_id, "indicator": indicator,
                   "value": None if result.value is None else round(result.value, decimals),
                   "decimals": decimals, "provenance": provenance,
                   "sources": [source] if source else []}
    if result.n is not None:
        measurement["n"] = result.n
    if reference_date:
        measurement["reference_date"] = reference_date
    if result.ci95:
        low, high = (f"{x:.{decimals}f}" for x in result.ci95)
        measurement["notes"] = (f"95%-betrouwbaarheidsinterval {low.replace('.', ',')} tot "
                                f"{high.replace('.', ',')}")
        measurement["notes_en"] = f"95% confidence interval {low} to {high}"
    if not result.rows or not dimensions:
        return measurement, None, []
    title, title_en = table_title or (measurement_id, measurement_id)
    table = {"id": f"{measurement_id}-table", "measurement": measurement_id, "number": 1,
             "title": title, "title_en": title_en, "unit": result.unit, "decimals": decimals,
             "dimensions": dimensions, "file": f"{measurement_id}-table.csv"}
    rows = [{**{d: str(r.get(d) or "") for d in dimensions},
             "value": "" if r.get("value") is None else round(r["value"], decimals),
             "n": r.get("n", "") if r.get("n") is not None else ""} for r in result.rows]
    return measurement, table, rows


def write_content(folder: Path, measurement: dict, table: dict | None, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{measurement['id']}.yaml"
    data: dict[str, Any] = {"measurements": [measurement]}
    if table:
        data["tables"] = [table]
        with (folder / table["file"]).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=[*table["dimensions"], "value", "n"],
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    path.write_text("# Computed by `langerthuis compute`; do not edit by hand.\n"
                    + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path
