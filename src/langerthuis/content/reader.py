"""Reading a content directory into validated records (`ContentSet`).

Layout (documented in content/README.md):

    organisations.yaml            organisations shared by all programmes
    <programme>/programme.yaml    the programme, its action lines and goals
    <programme>/actions.yaml      ... and one file per kind of record, all optional
    <programme>/tables/*.csv      the rows of breakdown tables, one file per table
    housing/targets.yaml          the national housing targets (optional)

Every file is read and every problem collected before anything is reported, so that one
run of `langerthuis check` shows all that needs fixing. Only plain files inside the content
folder are read (`files.py`), each within the limits of `limits.py`.
"""
from __future__ import annotations

import csv
import difflib
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import ValidationError

from ..errors import ContentError, Problem, Where
from . import schema as s
from .files import decode, outside, present, read_bytes
from .numbers import PLAIN_FLOAT, PLAIN_INTEGER, float_problem, refused_form
from .limits import (INT32_MAX, MAX_CSV_BYTES, MAX_CSV_FIELD, MAX_RECORDS, MAX_TABLE_ROWS,
                     MAX_TOTAL_ROWS)
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
    "initiative_kinds.yaml": ("initiative_kinds", s.InitiativeKindSpec),
    "initiatives.yaml": ("initiatives", s.InitiativeSpec),
    "references.yaml": ("references", s.ReferenceSpec),
    "quality_notes.yaml": ("quality_notes", s.QualityNoteSpec),
    "claims.yaml": ("claims", s.ClaimSpec),
    "relations.yaml": ("relations", s.RelationSpec),
    "progress.yaml": ("progress", s.ProgressEntrySpec),
    "continuity.yaml": ("continuity", s.ContinuationSpec),
    "findings.yaml": ("findings", s.FindingSpec),
    "reflection.yaml": ("reflection", s.ReflectionPointSpec),
    "introduction.yaml": ("introduction", s.IntroSectionSpec),
}

#: Files of the content folder itself, and of its `housing/` folder (same form).
ROOT_FILES: dict[str, tuple[str, type[s.Record]]] = {
    "organisations.yaml": ("organisations", s.OrganisationSpec),
}
HOUSING_FOLDER = "housing"
#: The open data's own metadata (one mapping, optional).
CATALOGUE_FILE = "catalogue.yaml"
HOUSING_FILES: dict[str, tuple[str, type[s.Record]]] = {
    "targets.yaml": ("housing_targets", s.HousingTargetSpec),
}
#: The file that makes a folder a programme folder; its folders of tables and of computed
#: measurements (files there are known when a table or the reader uses them).
PROGRAMME_FILE = "programme.yaml"
PROGRAMME_FOLDERS = ("tables", "computed")
#: Files allowed anywhere that are not content: documentation. Hidden files and folders
#: (`.git`, `.gitignore`) are not content either.
NOT_CONTENT = ("README.md",)
#: Entries of the content tree looked at for files no rule reads (bounded, like all reading).
MAX_TREE_ENTRIES = 10_000

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
    initiative_kinds: list[s.InitiativeKindSpec] = field(default_factory=list)
    initiatives: list[s.InitiativeSpec] = field(default_factory=list)
    references: list[s.ReferenceSpec] = field(default_factory=list)
    quality_notes: list[s.QualityNoteSpec] = field(default_factory=list)
    claims: list[s.ClaimSpec] = field(default_factory=list)
    relations: list[s.RelationSpec] = field(default_factory=list)
    progress: list[s.ProgressEntrySpec] = field(default_factory=list)
    continuity: list[s.ContinuationSpec] = field(default_factory=list)
    findings: list[s.FindingSpec] = field(default_factory=list)
    reflection: list[s.ReflectionPointSpec] = field(default_factory=list)
    introduction: list[s.IntroSectionSpec] = field(default_factory=list)


@dataclass
class ContentSet:
    root: Path
    organisations: list[s.OrganisationSpec] = field(default_factory=list)
    programmes: list[ProgrammeContent] = field(default_factory=list)
    housing_targets: list[s.HousingTargetSpec] = field(default_factory=list)
    #: What the open data says about itself (catalogue.yaml); None without that file.
    catalogue: s.CatalogueSpec | None = None
    #: Per-area targets derived at load (our estimate), see housing/estimate.py.
    area_estimates: list = field(default_factory=list)


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.rows = 0  # breakdown rows read so far, over all tables
        #: Every file a rule read or looked for (resolved): the others are unaccounted for.
        self.known: set[Path] = set()

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def knows(self, path: Path) -> None:
        """Record that a rule reads `path` (and, through a link, the file it points at)."""
        self.known.add(path.absolute())
        if path.is_symlink():
            self.known.add(path.resolve())

    def yaml(self, path: Path) -> Any:
        """The parsed file; None when it is empty, FAILED when it could not be read."""
        self.knows(path)
        try:
            return read_yaml(path, self.shown(path), self.root)
        except ContentError as exc:
            self.problems.extend(exc.problems)
            return FAILED

    def records(self, path: Path, key: str, spec: type[R], *, required: bool = False) -> list[R]:
        shown = self.shown(path)
        if not present(path):
            if required:
                self.problems.append(Problem(Where(shown), "file is missing"))
            return []
        data = self.yaml(path)
        if data is FAILED:
            return []
        if data is None:
            self.problems.append(Problem(Where(shown), _empty(key)))
            return []
        if not isinstance(data, dict) or key not in data:
            self.problems.append(Problem(Where(shown, 1), f"expected a mapping with the key "
                                         f"{key!r} holding a list, found {_kind(data)}"))
            return []
        extra = sorted(set(data) - {key}, key=repr)
        if extra:
            self.problems.append(Problem(Where(shown, 1), f"unknown top-level key(s) "
                                         f"{', '.join(map(repr, extra))}; expected only {key!r}"))
        return self.items(data[key], spec, Where(shown, getattr(data, "line", 1), key))

    def items(self, items: Any, spec: type[R], where: Where) -> list[R]:
        """The records of the list `items` found at `where` (a file and its key)."""
        key = where.path
        if items is None:
            self.problems.append(Problem(where, f"holds nothing; an empty {key!r} would "
                                         f"remove every record of it: write '{key}: []' if "
                                         "there are none, or delete the file"))
            return []
        if not isinstance(items, list):
            self.problems.append(Problem(where, f"expected a list, found {_kind(items)}"))
            return []
        if len(items) > MAX_RECORDS:
            self.problems.append(Problem(where, f"holds {len(items):,} records; the limit is "
                                         f"{MAX_RECORDS:,} per list"))
            return []
        return [r for i, item in enumerate(items)
                if (r := self.one(item, spec, Where(where.file, None, f"{key}[{i}]")))
                is not None]

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
                return f"{path} ({key} {short_repr(item[key], 70)})"
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
    return f"found {short_repr(err.get('input'))}: {msg[0].lower() + msg[1:]}"


def short_repr(value: Any, limit: int = 80) -> str:
    """The repr of a value found in the content, cut short: a message quotes what it found,
    not a megabyte of it."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    return {list: "a list", str: "text"}.get(type(value), type(value).__name__)


def _empty(key: str) -> str:
    return (f"is empty; an empty file would remove every record of {key!r} from the "
            f"database: write '{key}: []' if there are none, or delete the file")


#: What `_Reader.yaml` returns for a file it could not read (its problems are recorded).
FAILED = object()


def read_table_rows(reader: _Reader, base: Path, table: s.TableSpec) -> list[s.TableRowSpec]:
    path = base / table.file
    reader.knows(path)
    shown = reader.shown(path.resolve())
    if not path.resolve().is_relative_to(base.resolve()):
        reader.problems.append(Problem(table.where.at("file"),
                                       f"{table.file!r} points outside the programme directory"))
        return []
    if not present(path):
        reader.problems.append(Problem(table.where.at("file"), f"file {shown!r} does not exist"))
        return []
    try:
        text = decode(read_bytes(path, shown, reader.root, MAX_CSV_BYTES, "a table of "
                                 f"{MAX_TABLE_ROWS:,} rows fits in it; split larger data"),
                      Where(shown))
    except ContentError as exc:
        reader.problems.extend(exc.problems)
        return []
    csv.field_size_limit(MAX_CSV_FIELD)  # the default; other libraries raise it process-wide
    rows = csv.DictReader(io.StringIO(text))
    try:
        header = rows.fieldnames or []
    except csv.Error as exc:
        reader.problems.append(Problem(Where(shown, 1, "header"), f"is not valid CSV: {exc}"))
        return []
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
    i = 0
    while True:
        try:
            raw = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # the DictReader's line_num is the last good row's
            reader.problems.append(Problem(Where(shown, rows.reader.line_num, f"row {i + 1}"),
                                           f"is not valid CSV: {exc}"))
            return out
        i += 1
        if i > MAX_TABLE_ROWS:
            reader.problems.append(Problem(Where(shown, rows.line_num), f"has more than "
                                           f"{MAX_TABLE_ROWS:,} rows, the limit for one table"))
            return out
        reader.rows += 1
        if reader.rows == MAX_TOTAL_ROWS + 1:
            reader.problems.append(Problem(Where(shown, rows.line_num), f"brings the rows of "
                                           f"all tables over {MAX_TOTAL_ROWS:,}, the limit for "
                                           "the whole content"))
        if reader.rows > MAX_TOTAL_ROWS:
            return out
        line = rows.line_num
        where = Where(shown, line, f"row {i}")
        if None in raw:
            reader.problems.append(Problem(where, "has more cells than the header"))
            continue
        short = [c for c, v in raw.items() if v is None]
        if short:
            reader.problems.append(Problem(where, f"has {len(header) - len(short)} cells, the "
                                           f"header {len(header)}: no cell for "
                                           f"{', '.join(short)}; an empty cell is written as "
                                           "nothing between two commas"))
            continue
        try:
            item = table_row(raw, table.dimensions, table.unit)
        except ValueError as exc:
            reader.problems.append(Problem(where.at(exc.args[0]), exc.args[1]))
            continue
        row = reader.one(item, s.TableRowSpec, where)
        if row is not None:
            row._where = where
            out.append(row)
    return out


def table_row(raw: dict[str, str | None], dimensions: list[str], unit: str) -> dict[str, Any]:
    """One row of a table's CSV file (cells by column) as the record `TableRowSpec` checks:
    its dimension values, the numbers of `value` and `n`, its unit (the table's `unit` where
    the row names none), qualifiers and what the source printed. ValueError(column, message)
    when a number cell holds something else."""
    return {
        "dimensions": {d: (raw.get(d) or "").strip() for d in dimensions},
        "value": _cell_number(raw.get("value"), integer=False),
        "unit": _blank_none(raw.get("unit")) or unit,
        "n": _cell_number(raw.get("n"), integer=True),
        "qualifiers": [q.strip() for q in (raw.get("qualifiers") or "").split(";")
                       if q.strip()],
        "printed": _blank_none(raw.get("printed")),
    }




def _cell_number(cell: str | None, integer: bool) -> float | int | None:
    """The number in a CSV cell (None when it is empty); ValueError(column, message) when
    the cell holds something else."""
    text = _blank_none(cell)
    if text is None:
        return None
    column = "n" if integer else "value"
    form = refused_form(text)
    if form and form != "a word YAML 1.1 reads as true or false":
        raise ValueError(column, f"found {_short(text)}, {form}; write the number as a "
                         "plain decimal (65.3, 3242), or leave the cell empty")
    if integer:
        if len(text) > 20 or not PLAIN_INTEGER.fullmatch(text):
            raise ValueError(column, f"found {_short(text)}: expected a whole number of at "
                             f"most {INT32_MAX:,}, or an empty cell")
        return int(text)
    number = float(text) if len(text) <= 40 and PLAIN_FLOAT.fullmatch(text) else math.nan
    if math.isnan(number):
        raise ValueError(column, f"found {_short(text)}: expected a finite number written "
                         "with a dot as decimal separator (65.3), or an empty cell")
    problem = float_problem(text, number)
    if problem:
        raise ValueError(column, f"found {_short(text)}: {problem}")
    return number


def _short(text: str) -> str:
    return short_repr(text, 40)


def _blank_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _read_computed(reader: _Reader, content: ProgrammeContent, path: Path) -> None:
    """A file written by `langerthuis compute`: measurements and the tables that break them
    down (each table's CSV file beside it)."""
    data = reader.yaml(path)
    if data is FAILED:
        return
    shown = reader.shown(path)
    if data is None:
        reader.problems.append(Problem(Where(shown), _empty("measurements")))
        return
    if not isinstance(data, dict) or not set(data) <= {"measurements", "tables"}:
        reader.problems.append(Problem(Where(shown, 1), "expected the keys 'measurements' "
                                       "and optionally 'tables'"))
        return
    for key, spec in (("measurements", s.MeasurementSpec), ("tables", s.TableSpec)):
        if key not in data:
            continue
        records = reader.items(data[key], spec, Where(shown, getattr(data, "line", 1), key))
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
        raise ContentError([Problem(Where(str(root)), "is not a folder; expected the content "
                                    "folder" if root.exists() else
                                    "the content directory does not exist")])
    content = ContentSet(root)
    for name, (key, spec) in ROOT_FILES.items():
        setattr(content, key, reader.records(root / name, key, spec, required=True))
    for directory in sorted(p.parent for p in root.glob(f"*/{PROGRAMME_FILE}")):
        away = outside(directory, root)
        if away:
            reader.problems.append(Problem(Where(reader.shown(directory)), f"the programme "
                                           f"folder {away}"))
            continue
        programme = _read_programme(reader, directory)
        if programme is not None:
            content.programmes.append(programme)
    for name, (key, spec) in HOUSING_FILES.items():
        setattr(content, key, reader.records(root / HOUSING_FOLDER / name, key, spec))
    content.catalogue = _read_catalogue(reader, root / CATALOGUE_FILE)
    _unaccounted(reader, root)
    if not content.programmes and not reader.problems:
        reader.problems.append(Problem(Where(reader.shown(root)),
                                       "holds no programme: expected a folder with programme.yaml"))
    if reader.problems:
        raise ContentError(reader.problems)
    return content


def _unaccounted(reader: _Reader, root: Path) -> None:
    """A problem for every file in the content folder that no rule reads (a misspelt
    `storys.yaml` would drop its stories without a word), and for every folder that is not
    a programme folder (one whose programme.yaml is missing or misspelt)."""
    seen = 0

    def entries(folder: Path) -> list[Path]:
        nonlocal seen
        try:
            children = sorted(folder.iterdir())[:MAX_TREE_ENTRIES - seen]
        except OSError:
            return []
        seen += len(children)
        return [c for c in children if not c.name.startswith(".")
                and c.name not in NOT_CONTENT and c.absolute() not in reader.known]

    def add(path: Path, message: str) -> None:
        reader.problems.append(Problem(Where(reader.shown(path)), message))

    def unknown_file(path: Path, expected: Iterable[str]) -> None:
        add(path, f"is not a content file, so nothing in it would be loaded; "
            f"{_did_you_mean(path.name, expected)}the files here are {', '.join(expected)}")

    def table_folder(folder: Path) -> None:
        for child in entries(folder):
            used = [p.name for p in reader.known if p.parent == folder]
            if child.is_dir():
                add(child, "is a folder no content rule reads; move or remove it")
            else:
                add(child, "is not the file of any table or content record, so nothing in "
                    f"it would be loaded; {_did_you_mean(child.name, used)}refer to it from "
                    "a table's `file` or remove it")

    for child in entries(root):
        if not child.is_dir():
            unknown_file(child, [*ROOT_FILES, CATALOGUE_FILE, f"{HOUSING_FOLDER}/", f"<programme>/{PROGRAMME_FILE}"])
        elif child.name == HOUSING_FOLDER:
            for item in entries(child):
                unknown_file(item, HOUSING_FILES)
        elif not present(child / PROGRAMME_FILE):
            yamls = [p.name for p in child.glob("*.yaml")]
            add(child, f"is a folder without {PROGRAMME_FILE}, so nothing in it is read; "
                f"{_did_you_mean(PROGRAMME_FILE, yamls, reverse=True)}a programme folder "
                f"needs {PROGRAMME_FILE}")
        elif outside(child, root) is None:
            for item in entries(child):
                if item.is_dir() and item.name in PROGRAMME_FOLDERS:
                    table_folder(item)
                elif item.is_dir():
                    add(item, f"is a folder no content rule reads (a programme folder holds "
                        f"{', '.join(PROGRAMME_FOLDERS)}); move or remove it")
                else:
                    unknown_file(item, [PROGRAMME_FILE, *PROGRAMME_FILES])


def _did_you_mean(name: str, names: Iterable[str], reverse: bool = False) -> str:
    """"did you mean X? " for the known name nearest to `name` (with `reverse`: "is X meant
    to be NAME? " for the present file nearest to the expected `name`), or nothing."""
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"is {close[0]} meant to be {name}? " if reverse else f"did you mean {close[0]}? "


def _read_catalogue(reader: _Reader, path: Path) -> s.CatalogueSpec | None:
    """The one record of catalogue.yaml (a mapping under the key 'catalogue')."""
    if not present(path):
        return None
    shown = reader.shown(path)
    data = reader.yaml(path)
    if data is FAILED:
        return None
    if not isinstance(data, dict) or set(data) != {"catalogue"}:
        reader.problems.append(Problem(Where(shown, 1), "expected only the key 'catalogue' "
                                       f"holding a mapping, found {_kind(data)}"
                                       + (f" with the keys {', '.join(map(repr, data))}"
                                          if isinstance(data, dict) else "")))
        return None
    return reader.one(data["catalogue"], s.CatalogueSpec, Where(shown, None, "catalogue"))


def _read_programme(reader: _Reader, directory: Path) -> ProgrammeContent | None:
    path = directory / PROGRAMME_FILE
    shown = reader.shown(path)
    data = reader.yaml(path)
    if data is FAILED:
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
    action_lines = reader.items(data.get("action_lines", []), s.ActionLineSpec,
                                Where(shown, None, "action_lines"))
    if programme is None:
        return None
    content = ProgrammeContent(directory, programme, action_lines)
    for name, (key, spec) in PROGRAMME_FILES.items():
        setattr(content, key, reader.records(directory / name, key, spec))
    computed = directory / "computed"
    away = outside(computed, reader.root) if present(computed) else None
    if away:
        reader.problems.append(Problem(Where(reader.shown(computed)), f"the folder {away}"))
    for path in sorted(computed.glob("*.yaml")) if not away else []:
        _read_computed(reader, content, path)
    for table in content.tables:
        if table.id not in content.table_rows:
            content.table_rows[table.id] = read_table_rows(reader, directory, table)
    return content
