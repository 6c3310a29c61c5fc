"""indicator continuation: an indicator of a programme that carries on an indicator of an
earlier programme (WOZO after Langer Thuis), with a note in Dutch and English

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'continuation',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('indicator_id', sa.String(length=64), nullable=False),
        sa.Column('continues_id', sa.String(length=64), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('note_en', sa.Text(), nullable=True),
        sa.Column('source_location', sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'],
                                name=op.f('fk_continuation_indicator_id_indicator')),
        sa.ForeignKeyConstraint(['continues_id'], ['indicator.id'],
                                name=op.f('fk_continuation_continues_id_indicator')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_continuation')),
        sa.UniqueConstraint('indicator_id', 'continues_id',
                            name=op.f('uq_continuation_indicator_id_continues_id'))
    )


def downgrade() -> None:
    op.drop_table('continuation')
