"""revisions of published figures and assignments of indicators to partners

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assignment',
    sa.Column('organisation_id', sa.String(length=64), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('organisation_id', 'indicator_id', name=op.f('pk_assignment')),
    info={'kept_by_load': True}
    )
    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measurement_id', sa.String(length=64), nullable=False),
    sa.Column('old_value', sa.Float(), nullable=True),
    sa.Column('new_value', sa.Float(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('revised_on', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=320), nullable=False),
    sa.ForeignKeyConstraint(['measurement_id'], ['measurement.id'], name=op.f('fk_revision_measurement_id_measurement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision'))
    )


def downgrade() -> None:
    op.drop_table('revision')
    op.drop_table('assignment')
