"""action progress: dated progress entries per action (status, summary in Dutch and
English, source reference), the action's governance and annex summary, and its title,
timeline and milestone in English; the stored action status gives way to the progress

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_TEXTS = [('title_en', sa.String(length=500)), ('timeline_en', sa.String(length=300)),
          ('milestone_en', sa.Text()), ('governance', sa.Text()), ('governance_en', sa.Text()),
          ('annex_summary', sa.Text()), ('annex_summary_en', sa.Text()),
          ('annex_location', sa.String(length=300))]


def upgrade() -> None:
    with op.batch_alter_table('action') as batch:
        for name, type_ in _TEXTS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.drop_column('status')
    op.create_table(
        'progress_entry',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('action_id', sa.String(length=64), nullable=False),
        sa.Column('date', sa.Date(), nullable=False),
        sa.Column('date_precision', sa.String(length=5), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('covid_19', sa.Boolean(), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('summary_en', sa.Text(), nullable=False),
        sa.Column('reference_id', sa.String(length=64), nullable=False),
        sa.Column('source_location', sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reference_id'], ['reference.id']),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('progress_entry')
    with op.batch_alter_table('action') as batch:
        batch.add_column(sa.Column('status', sa.String(length=20), nullable=False,
                                   server_default='unknown'))
        for name, _ in reversed(_TEXTS):
            batch.drop_column(name)
