"""Shared test fixtures: the fixture content set, editable copies of it, and databases."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from langerthuis.config import sqlite_url
from langerthuis.store import make_engine

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """An editable copy of the fixture content."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """Apply `change` to the parsed YAML in `path` and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "db" / "langerthuis.sqlite")


@pytest.fixture
def engine(database_url: str):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def bundled_database(tmp_path_factory):
    """A database with the bundled content (no geography), shared read-only by the tests:
    returns its URL and engine."""
    from langerthuis.config import CHECKOUT
    from langerthuis.content import check_content
    from langerthuis.store import load_content
    url = sqlite_url(tmp_path_factory.mktemp("bundled") / "bundled.sqlite")
    engine = make_engine(url)
    load_content(engine, check_content(CHECKOUT / "content"))
    return url, engine
