"""Reading a content directory into validated records (`ContentSet`).

Layout (documented in content/README.md):

    organisations.yaml            organisations shared by all programmes
    <programme>/programme.yaml    the programme, its action lines and goals
    <programme>/actions.yaml      ... and one file per kind of record, all optional
    <programme>/tables/*.csv      the rows of breakdown tables, one file per table

Every file is read and every problem collected before anything is reported, so that one
run of `langerthuis check` shows all that needs fixing.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from ..errors import ContentError, Problem, Where
from . import schema as s
from .yamlfile import LineDict, read_yaml

R = TypeVar("R", bound=s.Record)

#: Optional files of a programme directory: file name -> (top-level key, record type).
PROGRAMME_FILES: dict[str, tuple[str, type[s.Record]]] = {
    "actions.yaml": ("actions", s.ActionSpec),
    "indicators.yaml": ("indicators", s.IndicatorSpec),
    "editions.yaml": ("editions", s.EditionSpec),
    "measurements.yaml": ("measurements", s.MeasurementSpec),
    "tables.yaml": ("tables", s.TableSpec),
    "stories.yaml": ("stories", s.StorySpec),
    "initiatives.yaml": ("initiatives", s.InitiativeSpec),
    "references.yaml": ("references", s.ReferenceSpec),
    "quality_notes.yaml": ("quality_notes", s.QualityNoteSpec),
    "claims.yaml": ("claims", s.ClaimSpec),
    "relations.yaml": ("relations", s.RelationSpec),
}


#: Columns a table's CSV file may have besides its dimensions and `value`.
#: `qualifiers` holds qualifiers separated by semicolons; `printed` what the source printed
#: where it differs from the value (for example "nvt" for an empty cell).
OPTIONAL_COLUMNS = ("n", "unit", "qualifiers", "printed")


@dataclass
class ProgrammeContent:
    directory: Path
    programme: s.ProgrammeSpec
    action_lines: list[s.ActionLineSpec] = field(default_factory=list)
    actions: list[s.ActionSpec] = field(default_factory=list)
    indicators: list[s.IndicatorSpec] = field(default_factory=list)
    editions: list[s.EditionSpec] = field(default_factory=list)
    measurements: list[s.MeasurementSpec] = field(default_factory=list)
    tables: list[s.TableSpec] = field(default_factory=list)
    table_rows: dict[str, list[s.TableRowSpec]] = field(default_factory=dict)
    stories: list[s.StorySpec] = field(default_factory=list)
    initiatives: list[s.InitiativeSpec] = field(default_factory=list)
    references: list[s.ReferenceSpec] = field(default_factory=list)
    quality_notes: list[s.QualityNoteSpec] = field(default_factory=list)
    claims: list[s.ClaimSpec] = field(default_factory=list)
    relations: list[s.RelationSpec] = field(default_factory=list)


@dataclass
class ContentSet:
    root: Path
    organisations: list[s.OrganisationSpec] = field(default_factory=list)
    programmes: list[ProgrammeContent] = field(default_factory=list)


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def yaml(self, path: Path) -> Any:
        try:
            return read_yaml(path, self.shown(path))
        except ContentError as exc:
            self.problems.extend(exc.problems)
            return None

    def records(self, path: Path, key: str, spec: type[R], *, required: bool = False) -> list[R]:
        shown = self.shown(path)
        if not path.exists():
            if required:
                self.problems.append(Problem(Where(shown), "file is missing"))
            return []
        data = self.yaml(path)
        if data is None:
            return []
        if not isinstance(data, dict) or key not in data:
            self.problems.append(Problem(Where(shown, 1), f"expected a mapping with the key "
                                         f"{key!r} holding a list, found {_kind(data)}"))
            return []
        extra = sorted(set(data) - {key})
        if extra:
            self.problems.append(Problem(Where(shown, 1), f"unknown top-level key(s) "
                                         f"{', '.join(map(repr, extra))}; expected only {key!r}"))
        items = data[key] or []
        if not isinstance(items, list):
            self.problems.append(Problem(Where(shown, 1, key),
                                         f"expected a list, found {_kind(items)}"))
            return []
        return [r for i, item in enumerate(items)
                if (r := self.one(item, spec, Where(shown, None, f"{key}[{i}]"))) is not None]

    def one(self, item: Any, spec: type[R], where: Where) -> R | None:
        line = getattr(item, "line", None) or where.line
        where = Where(where.file, line, _label(where.path, item))
        if not isinstance(item, dict):
            self.problems.append(Problem(where, f"expected a mapping of keys, found {_kind(item)}"))
            return None
        try:
            record = spec.model_validate(item)
        except ValidationError as exc:
            for err in exc.errors():
                self.problems.append(Problem(_locate(where, item, err["loc"]), _message(err)))
            return None
        _attach(record, where, item)
        return record


def _attach(record: s.Record, where: Where, raw: Any) -> None:
    """Give a record and the records nested in it their place in the file."""
    record._where = where
    for name, value in record:
        sub = raw.get(name) if isinstance(raw, dict) else None
        if isinstance(value, s.Record):
            _attach(value, where.at(name, getattr(sub, "line", None)), sub)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, s.Record):
                    raw_v = sub[i] if isinstance(sub, list) and i < len(sub) else None
                    _attach(v, where.at(_label(f"{name}[{i}]", raw_v),
                                        getattr(raw_v, "line", None)), raw_v)


def _label(path: str | None, item: Any) -> str | None:
    if isinstance(item, dict):
        for key in ("id", "indicator"):
            if isinstance(item.get(key), str):
                return f"{path} ({key} {item[key]!r})"
    return path


def _locate(where: Where, item: Any, loc: tuple[Any, ...]) -> Where:
    """The line and key path of the value a pydantic error points at."""
    line, node, parts = where.line, item, []
    for part in loc:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
        if isinstance(node, LineDict) and node.line:
            line = node.line
    path = (where.path or "") + "".join(parts)
    return Where(where.file, line, path.lstrip("."))


def _message(err: dict[str, Any]) -> str:
    kind, loc = err["type"], err["loc"]
    if kind == "missing":
        return f"the required key {loc[-1]!r} is missing"
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}; check its spelling against content/README.md"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    found = err.get("input")
    return f"found {found!r}: {msg[0].lower() + msg[1:]}"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def read_table_rows(reader: _Reader, base: Path, table: s.TableSpec) -> list[s.TableRowSpec]:
    path = (base / table.file).resolve()
    shown = reader.shown(path)
    if not path.is_relative_to(base.resolve()):
        reader.problems.append(Problem(table.where.at("file"),
                                       f"{table.file!r} points outside the programme directory"))
        return []
    if not path.exists():
        reader.problems.append(Problem(table.where.at("file"), f"file {shown!r} does not exist"))
        return []
    text = path.read_text(encoding="utf-8-sig")
    rows = csv.DictReader(io.StringIO(text))
    header = rows.fieldnames or []
    expected = [*table.dimensions, "value"]
    allowed = set(expected) | set(OPTIONAL_COLUMNS)
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in allowed]
    if missing or unknown:
        what = []
        if missing:
            what.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            what.append(f"unknown column(s) {', '.join(unknown)}")
        reader.problems.append(Problem(Where(shown, 1, "header"), f"{'; '.join(what)}; expected "
                                       f"the columns {', '.join(expected)} and optionally {', '.join(OPTIONAL_COLUMNS)} "
                                       f"(from the dimensions in {table.where.file})"))
        return []
    out = []
    for i, raw in enumerate(rows):
        line = rows.line_num
        where = Where(shown, line, f"row {i + 1}")
        if None in raw:
            reader.problems.append(Problem(where, "has more cells than the header"))
            continue
        item = {
            "dimensions": {d: (raw[d] or "").strip() for d in table.dimensions},
            "value": _blank_none(raw["value"]),
            "unit": _blank_none(raw.get("unit")) or table.unit,
            "n": _blank_none(raw.get("n")),
            "qualifiers": [q.strip() for q in (raw.get("qualifiers") or "").split(";")
                           if q.strip()],
            "printed": _blank_none(raw.get("printed")),
        }
        row = reader.one(item, s.TableRowSpec, where)
        if row is not None:
            row._where = where
            out.append(row)
    return out


def _blank_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _read_computed(reader: _Reader, content: ProgrammeContent, path: Path) -> None:
    """A file written by `langerthuis compute`: measurements and the tables that break them
    down (each table's CSV file beside it)."""
    data = reader.yaml(path)
    shown = reader.shown(path)
    if not isinstance(data, dict) or not set(data) <= {"measurements", "tables"}:
        reader.problems.append(Problem(Where(shown, 1), "expected the keys 'measurements' "
                                       "and optionally 'tables'"))
        return
    for key, spec in (("measurements", s.MeasurementSpec), ("tables", s.TableSpec)):
        items = data.get(key) or []
        records = [r for i, item in enumerate(items)
                   if (r := reader.one(item, spec, Where(shown, None, f"{key}[{i}]")))]
        getattr(content, key).extend(records)
        if key == "tables":
            for table in records:
                content.table_rows[table.id] = read_table_rows(reader, path.parent, table)


def read_content(root: Path) -> ContentSet:
    """Read and validate the shape of every content file under `root`.

    Raises ContentError listing every problem found. References between records are
    checked by `langerthuis.content.validate`.
    """
    root = root.resolve()
    reader = _Reader(root)
    if not root.is_dir():
        raise ContentError([Problem(Where(str(root)), "the content directory does not exist")])
    content = ContentSet(root)
    content.organisations = reader.records(root / "organisations.yaml", "organisations",
                                           s.OrganisationSpec, required=True)
    for directory in sorted(p.parent for p in root.glob("*/programme.yaml")):
        programme = _read_programme(reader, directory)
        if programme is not None:
            content.programmes.append(programme)
    if not content.programmes and not reader.problems:
        reader.problems.append(Problem(Where(reader.shown(root)),
                                       "holds no programme: expected a folder with programme.yaml"))
    if reader.problems:
        raise ContentError(reader.problems)
    return content


def _read_programme(reader: _Reader, directory: Path) -> ProgrammeContent | None:
    path = directory / "programme.yaml"
    shown = reader.shown(path)
    data = reader.yaml(path)
    if data is None:
        return None
    if not isinstance(data, dict) or "programme" not in data:
        reader.problems.append(Problem(Where(shown, 1), "expected the keys 'programme' and "
                                       f"'action_lines', found {_kind(data)}"))
        return None
    extra = sorted(set(data) - {"programme", "action_lines"})
    if extra:
        reader.problems.append(Problem(Where(shown, 1), f"unknown top-level key(s) "
                                       f"{', '.join(map(repr, extra))}; expected 'programme' "
                                       f"and 'action_lines'"))
    programme = reader.one(data["programme"], s.ProgrammeSpec, Where(shown, None, "programme"))
    lines = data.get("action_lines") or []
    if not isinstance(lines, list):
        reader.problems.append(Problem(Where(shown, None, "action_lines"),
                                       f"expected a list, found {_kind(lines)}"))
        lines = []
    action_lines = [r for i, item in enumerate(lines) if (r := reader.one(
        item, s.ActionLineSpec, Where(shown, None, f"action_lines[{i}]"))) is not None]
    if programme is None:
        return None
    content = ProgrammeContent(directory, programme, action_lines)
    for name, (key, spec) in PROGRAMME_FILES.items():
        setattr(content, key, reader.records(directory / name, key, spec))
    for path in sorted((directory / "computed").glob("*.yaml")):
        _read_computed(reader, content, path)
    for table in content.tables:
        if table.id not in content.table_rows:
            content.table_rows[table.id] = read_table_rows(reader, directory, table)
    return content
