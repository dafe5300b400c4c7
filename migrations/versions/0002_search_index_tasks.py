"""search index tasks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('search_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_type', sa.String(length=24), nullable=False),
    sa.Column('doc_key', sa.String(length=64), nullable=False),
    sa.Column('op', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_task'))
    )
    with op.batch_alter_table('search_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_task_created_at'), ['created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('search_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_task_created_at'))

    op.drop_table('search_task')
