"""The same schema and load work on PostgreSQL (the server is the session's `pg_engine`,
from conftest.py). The bundled content served from PostgreSQL is tested in
tests/bundled/test_bundled_site.py."""
from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

import json
import os
import shutil
import subprocess
import sys
import urllib.request

from conftest import FIXTURE_CONTENT, edit_yaml, serve
from langerthuis import model as m
from langerthuis.content import check_content
from langerthuis.store import load_content
from test_migrations import test_migrations_create_the_schema_of_the_models as check_schema

pytestmark = pytest.mark.postgresql


def test_schema_and_load_on_postgresql(pg_engine):
    check_schema(pg_engine)
    load_content(pg_engine, check_content(FIXTURE_CONTENT))
    load_content(pg_engine, check_content(FIXTURE_CONTENT))  # a reload replaces
    with Session(pg_engine) as s:
        assert s.get(m.Measurement, "so-hours-2021").qualifiers == ["provisional", "lower_bound"]
        assert len(s.get(m.Edition, "lt-2020").entries) == 3


def test_the_fixture_site_on_postgresql(pg_engine, registry, population):
    """The fixture content with its geography and residents, served from PostgreSQL."""
    from fastapi.testclient import TestClient

    from langerthuis.app import create_app
    load_content(pg_engine, check_content(FIXTURE_CONTENT), registry, population)
    client = TestClient(create_app(pg_engine.url.render_as_string(hide_password=False)))
    assert "37.469 uur" in client.get("/monitor/2021").text
    assert client.get("/api/analysis/lt-2021").json()["data"]["summary"]["updated"] == 5
    assert client.get("/api/measurements?edition=lt-2020").status_code == 200
    assert "Amsterdam" in client.get("/kaart?jaar=2020").text
    assert "inwoners van 75 jaar en ouder" in client.get("/gemeente/amsterdam").text


def _value(base: str, measurement: str) -> float:
    """The value of a measurement as one request (a new connection) finds it."""
    with urllib.request.urlopen(f"{base}/api/measurements?limit=100") as answer:
        return next(m["value"] for m in json.load(answer)["data"] if m["id"] == measurement)


def test_two_workers_switch_to_a_new_content_version(pg_engine, tmp_path):
    """`serve --workers 2` on one PostgreSQL database: after a `load` of changed content,
    every answer (from whichever worker takes the connection) shows the new version."""
    url = pg_engine.url.render_as_string(hide_password=False)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    env = {**os.environ, "LANGERTHUIS_OPEN_DATA_DIR": str(tmp_path / "none"),
           "LANGERTHUIS_PREBUILD_REPORTS": "0"}

    def load() -> None:
        done = subprocess.run([sys.executable, "-m", "langerthuis.cli", "load", "--content",
                               str(content), "--database", url], env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    load()
    with serve(url, workers="2") as base:
        assert {_value(base, "qol-2021") for _ in range(40)} == {69}
        edit_yaml(content / "lt/measurements.yaml",
                  lambda d: d["measurements"][2].update(value=71))
        load()
        assert {_value(base, "qol-2021") for _ in range(40)} == {71}
