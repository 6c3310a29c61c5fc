"""Where a computed figure comes from: recipe and version, input checksum, engine, time."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


def provenance(recipe, engine: str, input_checksum: str, parameters: dict[str, Any]) -> dict:
    return {"recipe": recipe.name, "recipe_version": recipe.version, "engine": engine,
            "input": input_checksum, "parameters": {k: _plain(v) for k, v in parameters.items()},
            "computed_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
