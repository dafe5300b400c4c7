"""inquiries and pipeline

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 07:21:31.143278
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inquiry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('technology_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('lost_reason', sa.String(length=24), nullable=True),
    sa.Column('contract_model', sa.String(length=24), nullable=True),
    sa.Column('contract_value_cny', sa.Float(), nullable=True),
    sa.Column('expected_saving_tce', sa.Float(), nullable=True),
    sa.Column('expected_co2_t', sa.Float(), nullable=True),
    sa.Column('measured_saving_tce', sa.Float(), nullable=True),
    sa.Column('follow_up_due', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('sent', 'replied', 'site_survey', 'proposal', 'contracted', 'implemented', 'closed', 'lost')", name=op.f('ck_inquiry_status_known')),
    sa.CheckConstraint('product_id IS NOT NULL OR offer_id IS NOT NULL', name=op.f('ck_inquiry_about_something')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_inquiry_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['enterprise_id'], ['organisation.id'], name=op.f('fk_inquiry_enterprise_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_inquiry_need_id_need'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offer_id'], ['emc_offer.id'], name=op.f('fk_inquiry_offer_id_emc_offer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_inquiry_product_id_product'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['supplier_id'], ['organisation.id'], name=op.f('fk_inquiry_supplier_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_inquiry_technology_id_technology'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiry'))
    )
    with op.batch_alter_table('inquiry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_follow_up_due'), ['follow_up_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('follow_up',
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('achieved_saving_tce', sa.Float(), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('satisfaction BETWEEN 1 AND 5', name=op.f('ck_follow_up_satisfaction_range')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_follow_up_answered_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiry.id'], name=op.f('fk_follow_up_inquiry_id_inquiry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('inquiry_id', name=op.f('pk_follow_up'))
    )
    op.create_table('inquiry_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_inquiry_event_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiry.id'], name=op.f('fk_inquiry_event_inquiry_id_inquiry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiry_event'))
    )
    with op.batch_alter_table('inquiry_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_event_inquiry_id'), ['inquiry_id'], unique=False)

    op.create_table('inquiry_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_inquiry_message_author_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiry.id'], name=op.f('fk_inquiry_message_inquiry_id_inquiry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_inquiry_message_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiry_message'))
    )
    with op.batch_alter_table('inquiry_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_message_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_message_inquiry_id'), ['inquiry_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('inquiry_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_message_inquiry_id'))
        batch_op.drop_index(batch_op.f('ix_inquiry_message_created_at'))

    op.drop_table('inquiry_message')
    with op.batch_alter_table('inquiry_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_event_inquiry_id'))

    op.drop_table('inquiry_event')
    op.drop_table('follow_up')
    with op.batch_alter_table('inquiry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_inquiry_status'))
        batch_op.drop_index(batch_op.f('ix_inquiry_follow_up_due'))
        batch_op.drop_index(batch_op.f('ix_inquiry_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_inquiry_created_at'))

    op.drop_table('inquiry')
