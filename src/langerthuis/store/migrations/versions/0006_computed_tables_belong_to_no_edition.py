"""computed tables belong to no edition

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('breakdown_table', schema=None) as batch_op:
        batch_op.alter_column('edition_id',
               existing_type=sa.VARCHAR(length=64),
               nullable=True)



def downgrade() -> None:
    with op.batch_alter_table('breakdown_table', schema=None) as batch_op:
        batch_op.alter_column('edition_id',
               existing_type=sa.VARCHAR(length=64),
               nullable=False)

