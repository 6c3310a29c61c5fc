"""The schema built by the Alembic migrations is the schema of the models."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from langerthuis.model import Base
from langerthuis.store import current_revision, upgrade
from langerthuis.store.migrate import MIGRATIONS


def test_migrations_create_the_schema_of_the_models(engine):
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)


def test_upgrade_is_idempotent_and_records_the_head(engine):
    upgrade(engine)
    upgrade(engine)
    heads = sorted(p.stem.split("_")[0] for p in (MIGRATIONS / "versions").glob("*.py"))
    assert current_revision(engine) == heads[-1]
