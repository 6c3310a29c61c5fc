"""every content text in English: indicators' labels, reasons and descriptions, definitions,
an organisation's former name, edition titles, reference periods and notes, breakdown tables (titles, notes, the words for
their rows), stories, references' dates in words, initiatives and the kinds of initiative

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

#: The English columns added to existing tables: table -> (column, type).
COLUMNS = {
    'organisation': [('former_name', sa.String(length=200))],
    'indicator': [('short_label_en', sa.String(length=300)), ('direction_reason_en', sa.Text()),
                  ('description_en', sa.Text())],
    'definition_version': [('text_en', sa.Text()), ('change_note_en', sa.Text())],
    'edition': [('title_en', sa.String(length=300))],
    'edition_entry': [('note_en', sa.Text())],
    'measurement': [('reference_period_en', sa.String(length=100)), ('notes_en', sa.Text())],
    'breakdown_table': [('title_en', sa.String(length=500)), ('notes_en', sa.Text()),
                        ('labels_en', sa.JSON())],  # not null, '{}' by default
    'story': [('title_en', sa.String(length=300)), ('summary_en', sa.Text())],
    'initiative': [('description', sa.Text()), ('description_en', sa.Text())],
    'reference': [('date_text_en', sa.String(length=100))],
}


def upgrade() -> None:
    op.create_table(
        'initiative_kind',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('name_en', sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_kind')),
    )
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, kind in columns:
                if isinstance(kind, sa.JSON):
                    batch.add_column(sa.Column(name, kind, nullable=False,
                                               server_default=sa.text("'{}'")))
                else:
                    batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for table, columns in reversed(COLUMNS.items()):
        with op.batch_alter_table(table) as batch:
            for name, _kind in reversed(columns):
                batch.drop_column(name)
    op.drop_table('initiative_kind')
