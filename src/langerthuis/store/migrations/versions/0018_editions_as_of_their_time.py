"""editions as of their time: the first edition a reference or a quality note holds for,
the programme of a quality note, and an indicator's title under each definition

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0018'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reference') as batch:
        batch.add_column(sa.Column('from_edition_id', sa.String(length=64), nullable=True))
        batch.create_foreign_key(op.f('fk_reference_from_edition_id_edition'), 'edition',
                                 ['from_edition_id'], ['id'])
    with op.batch_alter_table('quality_note') as batch:
        batch.add_column(sa.Column('programme_id', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('from_edition_id', sa.String(length=64), nullable=True))
        batch.create_foreign_key(op.f('fk_quality_note_programme_id_programme'), 'programme',
                                 ['programme_id'], ['id'])
        batch.create_foreign_key(op.f('fk_quality_note_from_edition_id_edition'), 'edition',
                                 ['from_edition_id'], ['id'])
    with op.batch_alter_table('edition') as batch:
        batch.add_column(sa.Column('reflection_references', sa.JSON(), nullable=True))
    with op.batch_alter_table('definition_version') as batch:
        batch.add_column(sa.Column('title', sa.String(length=500), nullable=True))
        batch.add_column(sa.Column('title_en', sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('definition_version') as batch:
        batch.drop_column('title_en')
        batch.drop_column('title')
    with op.batch_alter_table('edition') as batch:
        batch.drop_column('reflection_references')
    with op.batch_alter_table('quality_note') as batch:
        batch.drop_constraint(op.f('fk_quality_note_from_edition_id_edition'), type_='foreignkey')
        batch.drop_constraint(op.f('fk_quality_note_programme_id_programme'), type_='foreignkey')
        batch.drop_column('from_edition_id')
        batch.drop_column('programme_id')
    with op.batch_alter_table('reference') as batch:
        batch.drop_constraint(op.f('fk_reference_from_edition_id_edition'), type_='foreignkey')
        batch.drop_column('from_edition_id')
