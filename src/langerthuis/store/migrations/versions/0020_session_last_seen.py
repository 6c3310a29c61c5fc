"""login sessions remember when they were last used, for the idle timeout

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('login_session') as batch:
        batch.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('login_session') as batch:
        batch.drop_column('last_seen_at')
