"""Importing files into the database: every file is read and checked in full against the
stored geography before anything is written; then one transaction writes all of it."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..store.housing import (SourceFile, geography, national_target, write_deliveries,
                             write_official_targets)
from .deliveries import read_source
from .targets import read_official


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_deliveries(engine: Engine, files: Sequence[tuple[Path, str]]) -> dict[str, int]:
    """Import (path, source) pairs: each replaces its source's deliveries."""
    with Session(engine) as session:
        geo = geography(session)
    valid = set(geo.municipalities)
    read = [SourceFile(source, path.name, _checksum(path),
                       read_source(path, source, valid, geo.year)) for path, source in files]
    return write_deliveries(engine, read)


def import_targets(engine: Engine, path: Path, year: int | None,
                   target_id: str | None = None) -> int:
    """Import the official per-area targets in `path` for the municipalities of `year`."""
    with Session(engine) as session:
        tid, national = national_target(session, target_id)
        geo = geography(session, year)
    return write_official_targets(engine, read_official(path, tid, national, geo))
