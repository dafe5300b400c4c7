"""stored leads: each supplier's leads as the alert scan (or a need's own save) last
scored them, so the leads page reads rows instead of scoring every open need, and when
each supplier or need was last scored (lead_refresh) (issue 15)

The tables start empty: the next `flask --app portal notify scan` fills them (and posting
or editing a need fills that need's rows at once). Downgrade drops them; nothing else
depends on them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-11 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'stored_lead',
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('need_id', sa.Integer(), nullable=False),
        sa.Column('technology_id', sa.Integer(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('reasons_zh', sa.JSON(), nullable=False),
        sa.Column('reasons_en', sa.JSON(), nullable=False),
        sa.Column('offer_ids', sa.JSON(), nullable=False),
        sa.Column('scored_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_stored_lead_need_id_need'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'],
                                name=op.f('fk_stored_lead_organisation_id_organisation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['technology_id'], ['technology.id'],
                                name=op.f('fk_stored_lead_technology_id_technology'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('organisation_id', 'need_id', name=op.f('pk_stored_lead')),
    )
    with op.batch_alter_table('stored_lead', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_lead_need_id'), ['need_id'], unique=False)
        batch_op.create_index('ix_stored_lead_rank', ['organisation_id', 'score'], unique=False)
    op.create_table(
        'lead_refresh',
        sa.Column('subject', sa.String(length=8), nullable=False),
        sa.Column('subject_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('scored_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("subject IN ('supplier', 'need')", name=op.f('ck_lead_refresh_subject_known')),
        sa.PrimaryKeyConstraint('subject', 'subject_id', name=op.f('pk_lead_refresh')),
    )


def downgrade() -> None:
    op.drop_table('lead_refresh')
    with op.batch_alter_table('stored_lead', schema=None) as batch_op:
        batch_op.drop_index('ix_stored_lead_rank')
        batch_op.drop_index(batch_op.f('ix_stored_lead_need_id'))
    op.drop_table('stored_lead')
