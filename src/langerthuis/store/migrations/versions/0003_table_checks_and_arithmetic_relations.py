"""table checks and arithmetic relations

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('relation',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('table_id', sa.String(length=64), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('source_location', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['table_id'], ['breakdown_table.id'], name=op.f('fk_relation_table_id_breakdown_table')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relation'))
    )
    with op.batch_alter_table('breakdown_table', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checks', sa.JSON(), nullable=False,
                                      server_default=sa.text("'{}'")))



def downgrade() -> None:
    with op.batch_alter_table('breakdown_table', schema=None) as batch_op:
        batch_op.drop_column('checks')

    op.drop_table('relation')
