"""housing monitor: the national housing target and its categories, per-area targets
(official or estimated), imported deliveries, the projects they are linked into, and the
pairs of records left for review

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('delivery_import',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_import'))
    )
    op.create_table('delivery_review',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_review'))
    )
    op.create_table('housing_area_target',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('target_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('homes', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_housing_area_target'))
    )
    op.create_index('ix_housing_area_target_kind_level', 'housing_area_target', ['kind', 'level'], unique=False)
    op.create_table('housing_project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('homes', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('link_method', sa.String(length=20), nullable=False),
    sa.Column('disagreements', sa.JSON(), nullable=False),
    sa.Column('disagreement_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_housing_project'))
    )
    op.create_table('housing_target',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('programme', sa.String(length=64), nullable=False),
    sa.Column('target_year', sa.Integer(), nullable=False),
    sa.Column('homes', sa.Integer(), nullable=False),
    sa.Column('homes_built', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('summary_en', sa.Text(), nullable=True),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_housing_target'))
    )
    op.create_table('delivery',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('project_name', sa.String(length=300), nullable=True),
    sa.Column('bag_id', sa.String(length=16), nullable=True),
    sa.Column('street', sa.String(length=200), nullable=True),
    sa.Column('house_number', sa.String(length=20), nullable=True),
    sa.Column('postcode', sa.String(length=6), nullable=True),
    sa.Column('municipality_code', sa.String(length=6), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('homes', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('link_method', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['import_id'], ['delivery_import.id'], name=op.f('fk_delivery_import_id_delivery_import'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery'))
    )
    op.create_index('ix_delivery_source', 'delivery', ['source'], unique=False)
    op.create_table('housing_target_category',
    sa.Column('target_id', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('homes', sa.Integer(), nullable=False),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['target_id'], ['housing_target.id'], name=op.f('fk_housing_target_category_target_id_housing_target'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('target_id', 'category', name=op.f('pk_housing_target_category'))
    )


def downgrade() -> None:
    op.drop_table('housing_target_category')
    op.drop_index('ix_delivery_source', table_name='delivery')
    op.drop_table('delivery')
    op.drop_table('housing_target')
    op.drop_table('housing_project')
    op.drop_index('ix_housing_area_target_kind_level', table_name='housing_area_target')
    op.drop_table('housing_area_target')
    op.drop_table('delivery_review')
    op.drop_table('delivery_import')
