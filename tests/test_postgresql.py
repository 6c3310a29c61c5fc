"""The same schema and load work on PostgreSQL. CI installs PostgreSQL, so there a missing
server is a failure, not a skip."""
from __future__ import annotations

import os

import pytest
from sqlalchemy.orm import Session

import postgres
from conftest import FIXTURE_CONTENT
from langerthuis import model as m
from langerthuis.content import check_content
from langerthuis.store import load_content, make_engine
from test_migrations import test_migrations_create_the_schema_of_the_models as check_schema


@pytest.fixture(scope="module")
def pg_engine():
    if not postgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; the test command installs it")
        pytest.skip("PostgreSQL is not installed")
    with postgres.temporary_server() as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def test_schema_and_load_on_postgresql(pg_engine):
    check_schema(pg_engine)
    load_content(pg_engine, check_content(FIXTURE_CONTENT))
    load_content(pg_engine, check_content(FIXTURE_CONTENT))  # a reload replaces
    with Session(pg_engine) as s:
        assert s.get(m.Measurement, "so-hours-2021").qualifiers == ["provisional", "lower_bound"]
        assert len(s.get(m.Edition, "lt-2020").entries) == 3


def test_the_whole_monitor_on_postgresql(pg_engine):
    """The bundled content with its geography, served from PostgreSQL."""
    from fastapi.testclient import TestClient

    from langerthuis.config import CHECKOUT, load_settings
    from langerthuis.app import create_app
    settings = load_settings()
    registry = None
    if settings.open_data_dir.is_dir():
        from langerthuis.geography.registry import build_registry
        from langerthuis.geography.sources import OpenData
        registry = build_registry(OpenData(settings.open_data_dir))
    load_content(pg_engine, check_content(CHECKOUT / "content"), registry)
    client = TestClient(create_app(pg_engine.url.render_as_string(hide_password=False)))
    assert "37.469 uur" in client.get("/monitor/2021").text
    assert client.get("/api/analysis/lt-2021").json()["data"]["summary"]["updated"] == 29
    assert client.get("/api/measurements?edition=lt-2020").status_code == 200
    if registry is not None:
        assert "Capelle aan den IJssel" in client.get("/kaart?jaar=2019").text
