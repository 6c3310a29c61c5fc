"""A backup of the whole database (`langerthuis dump FILE` / `langerthuis restore FILE`):
every table of the schema, content and not (accounts, sessions, tokens, the audit trail,
drafts and revisions, imported deliveries, geography), as JSON lines, gzip-compressed when
the file name ends in `.gz`. The same file restores into SQLite or PostgreSQL.

The file:

    {"format": "langerthuis-dump", "version": 1, "schema": "0015", "tables": [...], ...}
    {"table": "organisation", "columns": ["id", "name", ...]}
    ["actiz", "ActiZ", ...]                     one line per row
    ...
    {"end": true, "rows": {"organisation": 31, ...}, "sha256": "..."}

Values are JSON: dates and times as ISO 8601 text, JSON columns as they are. The last line
holds the number of rows of each table and the SHA-256 digest of every line before it, so
a file cut short or changed after it was written is refused. A restore reads and checks the
whole file before it touches the database, then replaces everything in one transaction:
all or nothing. The digest finds damage, not a deliberate forgery: keep backups where only
the administrators can write."""
from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (Boolean, Date, DateTime, Engine, Float, Integer, Numeric, String, Table,
                        func, select, text)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .. import model as m
from ..errors import LangerThuisError
from .migrate import current_revision, head_revision, upgrade

FORMAT, VERSION = "langerthuis-dump", 1
#: Rows inserted per statement on restore.
CHUNK = 5_000


class BackupError(LangerThuisError):
    """A dump cannot be written or restored; the database was left as it was."""


@dataclass
class Summary:
    schema: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables() -> list[Table]:
    """Every table of the schema, each after the tables it refers to."""
    return list(m.Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _decoders(table: Table) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        if isinstance(column.type, DateTime):
            out[column.name] = dt.datetime.fromisoformat
        elif isinstance(column.type, Date):
            out[column.name] = dt.date.fromisoformat
    return out


def _line(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode() + b"\n"


def _create(path: Path, gzipped: bool) -> IO[bytes]:
    return gzip.open(path, "wb") if gzipped else path.open("wb")


def _open(path: Path) -> IO[bytes]:
    with path.open("rb") as f:
        gzipped = f.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else path.open("rb")


def dump(engine: Engine, path: Path) -> Summary:
    """Write every table of the database into `path` (replaced only once complete)."""
    schema = current_revision(engine)
    if schema is None:
        raise BackupError(f"The database at {_shown(engine)} has no schema; there is nothing "
                          "to dump (run `langerthuis load` or `langerthuis migrate` first).")
    tables = _tables()
    _writable_folder(path.parent)
    rows: dict[str, int] = {}
    digest = hashlib.sha256()
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One read transaction: on PostgreSQL a consistent snapshot of every table.
        with _create(partial, path.name.endswith(".gz")) as out, engine.connect() as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            elif conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN")  # the driver begins none before a read

            def write(data: Any) -> None:
                line = _line(data)
                digest.update(line)
                out.write(line)
            write({"format": FORMAT, "version": VERSION, "schema": schema,
                   "dialect": conn.dialect.name, "tables": [t.name for t in tables],
                   "written_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
            for table in tables:
                columns = [c.name for c in table.columns]
                write({"table": table.name, "columns": columns})
                rows[table.name] = 0
                order = list(table.primary_key.columns) or list(table.columns)
                for row in conn.execute(select(table).order_by(*order)):
                    write([_encode(v) for v in row])
                    rows[table.name] += 1
            out.write(_line({"end": True, "rows": rows, "sha256": digest.hexdigest()}))
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BackupError(f"Cannot write the dump to {path} ({exc.strerror or exc}); choose "
                          "a folder you may write in.") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Summary(schema, rows)


@dataclass
class _Section:
    table: Table
    columns: list[str]


def _read(path: Path) -> Iterator[tuple[int, bytes, Any]]:
    """(line number, the line, parsed) of every line of the dump; BackupError for a file that
    is not one."""
    try:
        with _open(path) as f:
            for number, raw in enumerate(f, start=1):
                if not raw.endswith(b"\n"):
                    raise BackupError(f"{path}, line {number}: the line is cut off; the file "
                                      "is incomplete (truncated). Restore from a complete dump.")
                try:
                    yield number, raw, json.loads(raw)
                except ValueError as exc:
                    raise BackupError(f"{path}, line {number}: not a line of a dump ({exc}); "
                                      "the file is damaged.") from None
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise BackupError(f"{path}: cannot be read as a dump ({exc}); the file is damaged or "
                          "incomplete.") from None


def _sections(path: Path, check_only: bool) -> Iterator[tuple[_Section, list[list[Any]]]]:
    """The rows of each table in the dump, in chunks; with `check_only` the whole file is
    read and checked (digest, counts, shape) and nothing is yielded."""
    by_name = {t.name: t for t in _tables()}
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    section: _Section | None = None
    chunk: list[list[Any]] = []
    end = None
    for number, raw, data in _read(path):
        where = f"{path}, line {number}"
        if end is not None:
            raise BackupError(f"{where}: more lines follow the last line; the file was changed "
                              "after it was written.")
        if number == 1:
            _header(path, data)
        elif isinstance(data, dict) and data.get("end") is True:
            end = data
            continue
        elif isinstance(data, dict) and "table" in data:
            if chunk and not check_only:
                yield section, chunk
            chunk = []
            table = by_name.get(data["table"])
            if table is None or data.get("columns") != [c.name for c in table.columns]:
                raise BackupError(f"{where}: the table {data.get('table')!r} does not match "
                                  "this version's schema; the file was changed after it was "
                                  "written.")
            section = _Section(table, data["columns"])
            counts[table.name] = 0
        elif isinstance(data, list) and section is not None and \
                len(data) == len(section.columns):
            if check_only:
                for column, value in zip(section.table.columns, data):
                    _checked(where, column, value)
            counts[section.table.name] += 1
            if not check_only:
                chunk.append(data)
                if len(chunk) >= CHUNK:
                    yield section, chunk
                    chunk = []
        else:
            raise BackupError(f"{where}: not a row of the table before it; the file was "
                              "changed after it was written.")
        digest.update(raw)
    if end is None:
        raise BackupError(f"{path}: the last line (with the row counts and the digest) is "
                          "missing; the file is incomplete (truncated). Restore from a "
                          "complete dump.")
    if end.get("sha256") != digest.hexdigest():
        raise BackupError(f"{path}: the digest does not match the content; the file was "
                          "changed or damaged after it was written. Restore from an intact "
                          "dump.")
    if end.get("rows") != counts:
        raise BackupError(f"{path}: the row counts of the last line do not match the rows "
                          "in the file; the file was changed after it was written.")
    if chunk and not check_only:
        yield section, chunk


def _header(path: Path, data: Any) -> dict[str, Any]:
    """The first line of a dump, checked: its format and its schema revision."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path}: not a dump of `langerthuis dump` (its first line does not "
                          "name the format).")
    if data.get("version") != VERSION:
        raise BackupError(f"{path}: a dump of format version {data.get('version')!r}; this "
                          f"version of langerthuis reads version {VERSION}.")
    wanted = head_revision()
    if data.get("schema") != wanted:
        raise BackupError(
            f"{path}: a dump of schema revision {data.get('schema')!r}; this version of "
            f"langerthuis has schema revision {wanted!r}. Restore it with the version that "
            "wrote it, then upgrade (`langerthuis migrate`) and dump again.")
    return data


def counts(engine: Engine) -> dict[str, int]:
    """The number of rows of every table that holds any."""
    with engine.connect() as conn:
        found = {t.name: conn.scalar(select(func.count()).select_from(t)) for t in _tables()
                 if conn.dialect.has_table(conn, t.name)}
    return {k: v for k, v in found.items() if v}


def restore(engine: Engine, path: Path, force: bool = False) -> Summary:
    """Replace everything in the database with the dump in `path`: checked in full first,
    then written in one transaction. Refuses a database that holds rows unless `force`."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file; give the path of a dump written by "
                          "`langerthuis dump`.")
    for _ in _sections(path, check_only=True):
        pass
    held = counts(engine)
    if held and not force:
        some = ", ".join(f"{k}: {v}" for k, v in list(held.items())[:3])
        raise BackupError(f"The database at {_shown(engine)} is not empty ({sum(held.values())} "
                          f"rows, e.g. {some}); a restore replaces everything in it: add "
                          "--force, or restore into a new database.")
    if current_revision(engine) != head_revision():
        upgrade(engine)
    rows: dict[str, int] = {}
    try:
        with engine.begin() as conn:
            for table in reversed(_tables()):
                conn.execute(table.delete())
            for section, chunk in _sections(path, check_only=False):
                decode = _decoders(section.table)
                try:
                    records = [{c: (decode[c](v) if c in decode and v is not None else v)
                                for c, v in zip(section.columns, row)} for row in chunk]
                except (TypeError, ValueError) as exc:
                    raise BackupError(f"{path}: a date or time in table {section.table.name!r} "
                                      f"cannot be read ({exc}); the file is damaged.") from None
                for part in _parents_first(section.table, records):
                    conn.execute(section.table.insert(), part)
                rows[section.table.name] = rows.get(section.table.name, 0) + len(records)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
            _check_content(path, conn)
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:300]
        raise BackupError(f"{path}: the database refused the dump's rows ({detail}); nothing "
                          "was restored, the database is as it was.") from None
    return Summary(head_revision(), rows)


def _check_content(path: Path, conn) -> None:
    """The restored rows held to the rules `check` holds content to, before the commit: a
    dump changed by hand (its digest computed again) can hold what no page can show."""
    from ..errors import ContentError
    from .export_content import check_database
    try:
        with Session(bind=conn) as session:
            check_database(session)
    except ContentError as exc:
        shown = "; ".join(str(p) for p in exc.problems[:5])
        raise BackupError(f"{path}: the dump holds content that `load` would refuse "
                          f"({len(exc.problems)} problem(s): {shown}); nothing was restored, "
                          "the database is as it was.") from None


def _checked(where: str, column, value: Any) -> None:
    """A value of the dump checked against its column's type, as the database would not
    (SQLite stores anything anywhere)."""
    kind = column.type
    if value is None:
        if not column.nullable and not column.primary_key:
            raise BackupError(f"{where}: column {column.table.name}.{column.name} is empty, "
                              "where the schema needs a value; the file was changed after it "
                              "was written.")
        return
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(kind, (Float, Numeric)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and \
            math.isfinite(value)
    elif isinstance(kind, (DateTime, Date)):
        ok = isinstance(value, str) and _iso(value, isinstance(kind, DateTime))
    elif isinstance(kind, String):
        ok = isinstance(value, str) and (kind.length is None or len(value) <= kind.length)
    else:  # JSON and the like: any value JSON holds
        ok = True
    if not ok:
        raise BackupError(f"{where}: {str(value)[:40]!r} in column {column.table.name}."
                          f"{column.name} is not a value of its type ({kind}); the file was "
                          "changed after it was written. Restore from an intact dump.")


def _iso(text: str, with_time: bool) -> bool:
    try:
        (dt.datetime if with_time else dt.date).fromisoformat(text)
    except ValueError:
        return False
    return True


def _parents_first(table: Table, records: list[dict]) -> list[list[dict]]:
    """The rows in batches that each refer only to rows of earlier batches where the table
    refers to itself (a programme and its predecessor)."""
    own = [fk for fk in table.foreign_keys if fk.column.table is table]
    if not own:
        return [records]
    key, parent = own[0].column.name, own[0].parent.name
    done: set[Any] = set()
    batches: list[list[dict]] = []
    left = records
    while left:
        ready = [r for r in left if r[parent] is None or r[parent] in done or
                 r[parent] == r[key]]
        if not ready:  # refers to rows not in this chunk: the database checks them
            ready = left
        batches.append(ready)
        done |= {r[key] for r in ready}
        left = [r for r in left if r not in ready]
    return batches


def _reset_sequences(conn) -> None:
    """PostgreSQL hands out the next id from a sequence: set each past the restored ids."""
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and isinstance(pk[0].type, Integer):
            sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                   {"t": table.name, "c": pk[0].name})
            if sequence:
                highest = conn.scalar(select(func.max(pk[0])))
                conn.execute(text("SELECT setval(CAST(:s AS regclass), :v, false)"),
                             {"s": sequence, "v": (highest or 0) + 1})


def _writable_folder(folder: Path) -> None:
    for above in (folder, *folder.parents):
        if above.exists():
            if not above.is_dir():
                raise BackupError(f"{above} is a file, not a folder; give the dump a path in "
                                  "a folder.")
            return


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)
