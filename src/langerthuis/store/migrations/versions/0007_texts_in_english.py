"""texts in English: the summaries of a programme and its action lines, and data-quality
notes, in both languages

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('programme') as batch:
        batch.add_column(sa.Column('summary_en', sa.Text(), nullable=True))
    with op.batch_alter_table('action_line') as batch:
        batch.add_column(sa.Column('summary_en', sa.Text(), nullable=True))
    with op.batch_alter_table('quality_note') as batch:
        batch.add_column(sa.Column('text_en', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('quality_note') as batch:
        batch.drop_column('text_en')
    with op.batch_alter_table('action_line') as batch:
        batch.drop_column('summary_en')
    with op.batch_alter_table('programme') as batch:
        batch.drop_column('summary_en')
