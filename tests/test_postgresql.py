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
