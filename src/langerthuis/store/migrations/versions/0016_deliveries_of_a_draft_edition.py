"""progress entries and initiatives delivered for a draft edition: the edition they came
with, so that the public sees them only once it is published

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

TABLES = ('progress_entry', 'initiative')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('edition_id', sa.String(length=64), nullable=True))
            batch.create_foreign_key(op.f(f'fk_{table}_edition_id_edition'), 'edition',
                                     ['edition_id'], ['id'])


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f'fk_{table}_edition_id_edition'), type_='foreignkey')
            batch.drop_column('edition_id')
