"""the open data's own metadata (content file catalogue.yaml): title, publisher, contact
point, licences, themes and the sources of each download

Revision ID: 0023
Revises: 0020
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0023'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'catalogue',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('title_en', sa.String(length=300), nullable=True),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('description_en', sa.Text(), nullable=True),
        sa.Column('publisher_id', sa.String(length=64), nullable=False),
        sa.Column('publisher_uri', sa.String(length=500), nullable=True),
        sa.Column('contact_name', sa.String(length=300), nullable=False),
        sa.Column('contact_email', sa.String(length=300), nullable=True),
        sa.Column('contact_url', sa.String(length=500), nullable=True),
        sa.Column('licence', sa.String(length=64), nullable=False),
        sa.Column('licences', sa.JSON(), nullable=False),
        sa.Column('themes', sa.JSON(), nullable=False),
        sa.Column('keywords', sa.JSON(), nullable=False),
        sa.Column('keywords_en', sa.JSON(), nullable=False),
        sa.Column('spatial', sa.String(length=500), nullable=True),
        sa.Column('spatial_scheme', sa.String(length=500), nullable=True),
        sa.Column('sources', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['publisher_id'], ['organisation.id'],
                                name=op.f('fk_catalogue_publisher_id_organisation')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue')))


def downgrade() -> None:
    op.drop_table('catalogue')
