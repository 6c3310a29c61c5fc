"""population per municipality: residents by five-year age band, from the CBS postcode
data, for the page of each municipality

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'population',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=6), nullable=False),
        sa.Column('age_band', sa.String(length=10), nullable=False),
        sa.Column('persons', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('year', 'code', 'age_band', name=op.f('pk_population')))


def downgrade() -> None:
    op.drop_table('population')
