"""Connecting to the database: SQLite by default, any SQLAlchemy URL (PostgreSQL) by
configuration."""
from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def make_engine(url: str) -> Engine:
    """An engine for `url`; for SQLite, creates the folder and enforces foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Foreign keys enforced; write-ahead logging, so that readers (the website) and the
    one writer (`load`) never block each other; waits for a lock instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether `exc` (or what caused it) says the disk is full: an OSError ENOSPC, SQLite's
    "database or disk is full", PostgreSQL's disk_full (53100); or SQLite's "disk I/O
    error" (what a write-ahead log that cannot grow gives) while `folder` (the database's)
    has less than a megabyte free."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(exc, DBAPIError):
            found = str(exc.orig)
            if "database or disk is full" in found or \
                    getattr(exc.orig, "sqlstate", None) == "53100":
                return True
            if "disk I/O error" in found and folder is not None and folder.is_dir() \
                    and shutil.disk_usage(folder).free < 1_000_000:
                return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def database_folder(engine: Engine) -> Path | None:
    """The folder of a SQLite database file (None for any other database)."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).parent
    return None


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A read session; objects stay usable after it closes."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
