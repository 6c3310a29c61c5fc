"""published claims of a reflection

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('published_claim',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('edition_id', sa.String(length=64), nullable=False),
    sa.Column('metric', sa.String(length=20), nullable=False),
    sa.Column('action_lines', sa.JSON(), nullable=False),
    sa.Column('include_overall', sa.Boolean(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('of', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=True),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_published_claim_edition_id_edition'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_published_claim'))
    )


def downgrade() -> None:
    op.drop_table('published_claim')
