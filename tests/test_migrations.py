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


def test_upgrading_a_database_with_content_keeps_it(engine):
    """From the first revision to the newest on a database that holds content."""
    from sqlalchemy import text
    upgrade(engine, "0001")
    with engine.begin() as conn:
        for sql in (
            "insert into programme (id, name, start_year) values ('p', 'P', 2018)",
            "insert into edition (id, programme_id, year, title, status) values "
            "('e', 'p', 2019, 'E', 'published')",
            "insert into indicator (id, programme_id, kind, is_overall, title, unit, decimals, "
            "desired_direction, direction_reason) values ('i', 'p', 'outcome', 1, 'I', "
            "'percentage', 0, 'higher', 'r')",
            "insert into measurement (id, indicator_id, value, sources, qualifiers, provenance) "
            "values ('m', 'i', 65, '[]', '[]', '{}')",
            "insert into breakdown_table (id, measurement_id, edition_id, number, title, unit, "
            "decimals, dimensions) values ('t', 'm', 'e', 2, 'T', 'percentage', 1, '[\"b\"]')",
            "insert into breakdown_row (table_id, position, dimensions, value, unit, "
            "qualifiers) values ('t', 0, '{\"b\": \"x\"}', 68.5, 'percentage', '[]')"):
            conn.execute(text(sql))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("select value from breakdown_row")).scalar() == 68.5
        assert conn.execute(text("select checks from breakdown_table")).scalar() == "{}"
