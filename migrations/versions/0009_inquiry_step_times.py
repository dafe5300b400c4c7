"""inquiry step times: when each inquiry first reached a step (for the funnel); indexes
for the dashboard's data fingerprint

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 08:55:59.618176
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inquiry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('surveyed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('contracted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('implemented_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_inquiry_updated_at'), ['updated_at'], unique=False)
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_scored_at'), ['scored_at'], unique=False)
    # existing inquiries: the first event of each step
    for status, column in (('site_survey', 'surveyed_at'), ('proposal', 'proposed_at'),
                           ('contracted', 'contracted_at'), ('implemented', 'implemented_at')):
        op.execute(sa.text(
            f"UPDATE inquiry SET {column} = (SELECT MIN(e.at) FROM inquiry_event e "
            f"WHERE e.inquiry_id = inquiry.id AND e.to_status = '{status}')"))


def downgrade() -> None:
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_scored_at'))
        batch_op.drop_index(batch_op.f('ix_need_updated_at'))
    with op.batch_alter_table('inquiry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_updated_at'))
        batch_op.drop_column('implemented_at')
        batch_op.drop_column('contracted_at')
        batch_op.drop_column('proposed_at')
        batch_op.drop_column('surveyed_at')

