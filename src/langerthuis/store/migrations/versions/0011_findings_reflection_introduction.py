"""the monitor's own findings (figures in the running text and numbered figures), the
published reflection point by point, and the introductory matter

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('finding',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('edition_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('figure', sa.Integer(), nullable=True),
    sa.Column('figure_values', sa.String(length=10), nullable=True),
    sa.Column('chart', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.Column('n', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('notes_en', sa.Text(), nullable=True),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_finding_edition_id_edition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_finding_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding'))
    )
    op.create_table('finding_fact',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('finding_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('label_en', sa.String(length=300), nullable=True),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('decimals', sa.Integer(), nullable=False),
    sa.Column('printed', sa.String(length=100), nullable=True),
    sa.Column('period', sa.String(length=100), nullable=True),
    sa.Column('period_en', sa.String(length=100), nullable=True),
    sa.Column('reference_date', sa.Date(), nullable=True),
    sa.Column('n', sa.Integer(), nullable=True),
    sa.Column('qualifiers', sa.JSON(), nullable=False),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], name=op.f('fk_finding_fact_finding_id_finding'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding_fact'))
    )
    op.create_table('reflection_point',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('edition_id', sa.String(length=64), nullable=False),
    sa.Column('section', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=True),
    sa.Column('indicators', sa.JSON(), nullable=False),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_reflection_point_edition_id_edition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reflection_point'))
    )
    op.create_table('intro_section',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=True),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_intro_section_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intro_section'))
    )


def downgrade() -> None:
    op.drop_table('intro_section')
    op.drop_table('reflection_point')
    op.drop_table('finding_fact')
    op.drop_table('finding')
