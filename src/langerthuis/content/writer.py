"""Writing content files, the inverse of `reader.py`: a list of records as a YAML file
with one top-level key, and the rows of a breakdown table as its CSV file, so that
`read_content` reads back exactly what was written.

Records are plain mappings here (keys as in `schema.py`); what goes into them is decided
by whoever exports (`store/export_content.py`)."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from .reader import OPTIONAL_COLUMNS

#: The first lines of every file written: where it came from, and that it is content.
HEADER = ("# Written by `langerthuis export-content` from the database; `langerthuis check`\n"
          "# validates it and `langerthuis load` loads it (see content/README.md).\n")


class _Dumper(yaml.SafeDumper):
    """Block style for records, a literal block for text of several lines, a whole number
    kept as a float in the database written as a whole number (65, not 65.0)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # list items indented under their key


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    if value.is_integer() and abs(value) < 2 ** 53:
        return dumper.represent_int(int(value))
    return dumper.represent_float(value)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(float, _float)


def yaml_text(document: dict[str, Any]) -> str:
    """A content file holding `document`: its top-level keys (one list of records, or a
    programme and its action lines)."""
    return HEADER + yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                              width=100, default_flow_style=False)


def write_yaml(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml_text(document), encoding="utf-8")


def number(value: float | int | None) -> str:
    """A number as a CSV cell: empty for none, 65 for 65.0, 65.3 as itself."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return str(int(value))
    return repr(value)


def table_csv(dimensions: list[str], unit: str, rows: list[dict[str, Any]]) -> str:
    """The CSV file of a table's rows (each with `dimensions`, `value`, `unit`, `n`,
    `qualifiers`, `printed`): one column per dimension and `value`, and of the optional
    columns only those a row needs (`unit` where a row's unit is not the table's)."""
    cells = [{
        **{d: r["dimensions"].get(d, "") for d in dimensions},
        "value": number(r.get("value")),
        "n": number(r.get("n")),
        "unit": r["unit"] if r.get("unit") and r["unit"] != unit else "",
        "qualifiers": ";".join(r.get("qualifiers") or []),
        "printed": r.get("printed") or "",
    } for r in rows]
    used = [c for c in OPTIONAL_COLUMNS if any(row[c] for row in cells)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*dimensions, "value", *used],
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(cells)
    return out.getvalue()


def write_table(path: Path, dimensions: list[str], unit: str, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table_csv(dimensions, unit, rows), encoding="utf-8", newline="")
