"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organisation',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('abbreviation', sa.String(length=64), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    op.create_table('programme',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=True),
    sa.Column('predecessor_id', sa.String(length=64), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['predecessor_id'], ['programme.id'], name=op.f('fk_programme_predecessor_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme'))
    )
    op.create_table('quality_note',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('subject_type', sa.String(length=40), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('locations', sa.JSON(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_note'))
    )
    op.create_table('reference',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=True),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('date_text', sa.String(length=100), nullable=True),
    sa.Column('url', sa.String(length=1000), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference'))
    )
    op.create_table('action_line',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_action_line_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_line')),
    sa.UniqueConstraint('programme_id', 'number', name=op.f('uq_action_line_programme_id_number'))
    )
    op.create_table('edition',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('publication_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_edition_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition')),
    sa.UniqueConstraint('programme_id', 'year', name=op.f('uq_edition_programme_id_year'))
    )
    op.create_table('programme_partner',
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('organisation_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_programme_partner_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_partner_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('programme_id', 'organisation_id', name=op.f('pk_programme_partner'))
    )
    op.create_table('goal',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('action_line_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('title_en', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_line.id'], name=op.f('fk_goal_action_line_id_action_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal')),
    sa.UniqueConstraint('action_line_id', 'number', name=op.f('uq_goal_action_line_id_number'))
    )
    op.create_table('action',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('action_line_id', sa.String(length=64), nullable=False),
    sa.Column('goal_id', sa.String(length=64), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('timeline', sa.String(length=300), nullable=True),
    sa.Column('milestone', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('leads_printed', sa.String(length=500), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_line.id'], name=op.f('fk_action_action_line_id_action_line')),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_action_goal_id_goal')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_action_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action')),
    sa.UniqueConstraint('action_line_id', 'number', name=op.f('uq_action_action_line_id_number'))
    )
    op.create_table('indicator',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('is_overall', sa.Boolean(), nullable=False),
    sa.Column('action_line_id', sa.String(length=64), nullable=True),
    sa.Column('goal_id', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('title_en', sa.String(length=500), nullable=True),
    sa.Column('short_label', sa.String(length=300), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('decimals', sa.Integer(), nullable=False),
    sa.Column('desired_direction', sa.String(length=10), nullable=False),
    sa.Column('direction_reason', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_line.id'], name=op.f('fk_indicator_action_line_id_action_line')),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_indicator_goal_id_goal')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_indicator_programme_id_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator'))
    )
    op.create_table('action_lead',
    sa.Column('action_id', sa.String(length=64), nullable=False),
    sa.Column('organisation_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_lead_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_action_lead_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('action_id', 'organisation_id', name=op.f('pk_action_lead'))
    )
    op.create_table('definition_version',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('from_edition_id', sa.String(length=64), nullable=False),
    sa.Column('from_year', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('change_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['from_edition_id'], ['edition.id'], name=op.f('fk_definition_version_from_edition_id_edition')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_definition_version_indicator_id_indicator'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_definition_version')),
    sa.UniqueConstraint('indicator_id', 'from_edition_id', name=op.f('uq_definition_version_indicator_id_from_edition_id'))
    )
    op.create_table('indicator_reference',
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('reference_id', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicator_reference_indicator_id_indicator'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reference_id'], ['reference.id'], name=op.f('fk_indicator_reference_reference_id_reference'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('indicator_id', 'reference_id', name=op.f('pk_indicator_reference'))
    )
    op.create_table('initiative',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('indicator_id', sa.String(length=64), nullable=True),
    sa.Column('action_line_id', sa.String(length=64), nullable=True),
    sa.Column('municipality_code', sa.String(length=6), nullable=True),
    sa.Column('municipality_name', sa.String(length=200), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=20), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['action_line_id'], ['action_line.id'], name=op.f('fk_initiative_action_line_id_action_line')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_initiative_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative'))
    )
    op.create_table('measurement',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('decimals', sa.Integer(), nullable=True),
    sa.Column('reference_period', sa.String(length=100), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('reference_date', sa.Date(), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=True),
    sa.Column('qualifiers', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.Column('provenance', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_measurement_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement'))
    )
    op.create_table('story',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('edition_id', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('persons', sa.JSON(), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('source_title', sa.String(length=300), nullable=True),
    sa.Column('source_url', sa.String(length=500), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_story_edition_id_edition')),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_story_indicator_id_indicator')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story'))
    )
    op.create_table('breakdown_table',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('measurement_id', sa.String(length=64), nullable=False),
    sa.Column('edition_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('decimals', sa.Integer(), nullable=False),
    sa.Column('dimensions', sa.JSON(), nullable=False),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_breakdown_table_edition_id_edition')),
    sa.ForeignKeyConstraint(['measurement_id'], ['measurement.id'], name=op.f('fk_breakdown_table_measurement_id_measurement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_breakdown_table'))
    )
    op.create_table('edition_entry',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('edition_id', sa.String(length=64), nullable=False),
    sa.Column('indicator_id', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('measurement_id', sa.String(length=64), nullable=True),
    sa.Column('printed', sa.String(length=100), nullable=True),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_entry_edition_id_edition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_edition_entry_indicator_id_indicator')),
    sa.ForeignKeyConstraint(['measurement_id'], ['measurement.id'], name=op.f('fk_edition_entry_measurement_id_measurement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_entry')),
    sa.UniqueConstraint('edition_id', 'indicator_id', name=op.f('uq_edition_entry_edition_id_indicator_id')),
    sa.UniqueConstraint('edition_id', 'number', name=op.f('uq_edition_entry_edition_id_number'))
    )
    op.create_table('breakdown_row',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('dimensions', sa.JSON(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('n', sa.Integer(), nullable=True),
    sa.Column('qualifiers', sa.JSON(), nullable=False),
    sa.Column('printed', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['table_id'], ['breakdown_table.id'], name=op.f('fk_breakdown_row_table_id_breakdown_table'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_breakdown_row'))
    )


def downgrade() -> None:
    op.drop_table('breakdown_row')
    op.drop_table('edition_entry')
    op.drop_table('breakdown_table')
    op.drop_table('story')
    op.drop_table('measurement')
    op.drop_table('initiative')
    op.drop_table('indicator_reference')
    op.drop_table('definition_version')
    op.drop_table('action_lead')
    op.drop_table('indicator')
    op.drop_table('action')
    op.drop_table('goal')
    op.drop_table('programme_partner')
    op.drop_table('edition')
    op.drop_table('action_line')
    op.drop_table('reference')
    op.drop_table('quality_note')
    op.drop_table('programme')
    op.drop_table('organisation')
