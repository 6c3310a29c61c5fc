"""geography: municipalities, crosswalk, map shapes, sources

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('data_source',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('publisher', sa.String(length=300), nullable=False),
    sa.Column('licence', sa.String(length=100), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('attribution', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_source'))
    )
    op.create_table('map_shape',
    sa.Column('layer', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('geometry', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('layer', 'year', 'code', name=op.f('pk_map_shape'))
    )
    op.create_table('municipality',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('province_code', sa.String(length=10), nullable=True),
    sa.Column('province', sa.String(length=100), nullable=True),
    sa.Column('ggd_region_code', sa.String(length=10), nullable=True),
    sa.Column('ggd_region', sa.String(length=100), nullable=True),
    sa.Column('care_office_region_code', sa.String(length=10), nullable=True),
    sa.Column('care_office_region', sa.String(length=100), nullable=True),
    sa.Column('shrinking_region', sa.String(length=100), nullable=True),
    sa.Column('derived', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('year', 'code', name=op.f('pk_municipality'))
    )
    op.create_table('municipality_link',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('from_year', sa.Integer(), nullable=False),
    sa.Column('from_code', sa.String(length=6), nullable=False),
    sa.Column('to_year', sa.Integer(), nullable=False),
    sa.Column('to_code', sa.String(length=6), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('exact', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipality_link'))
    )


def downgrade() -> None:
    op.drop_table('municipality_link')
    op.drop_table('municipality')
    op.drop_table('map_shape')
    op.drop_table('data_source')
