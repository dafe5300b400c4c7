"""notifications leads saved searches and message attachments

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 08:01:20.739094
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_seen',
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('item_key', sa.String(length=64), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("subject IN ('need', 'supplier', 'saved_search')", name=op.f('ck_alert_seen_subject_known')),
    sa.PrimaryKeyConstraint('subject', 'subject_id', 'item_key', name=op.f('pk_alert_seen'))
    )
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('digested_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("channel IN ('in_app', 'email', 'digest')", name=op.f('ck_notification_channel_known')),
    sa.CheckConstraint("kind IN ('inquiry_new', 'inquiry_message', 'inquiry_step', 'interest_forward', 'submission_review', 'objection', 'need_matches', 'leads', 'saved_search')", name=op.f('ck_notification_kind_known')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_notification_user_unread', ['user_id', 'read_at'], unique=False)

    op.create_table('notification_preference',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.CheckConstraint("channel IN ('in_app', 'email', 'digest')", name=op.f('ck_notification_preference_channel_known')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_preference_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_preference'))
    )
    op.create_table('saved_search',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('alert', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_checked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("scope IN ('search', 'catalogue')", name=op.f('ck_saved_search_scope_known')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_saved_search_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_search'))
    )
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_search_user_id'), ['user_id'], unique=False)

    op.create_table('lead_mark',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.String(length=16), nullable=False),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("mark IN ('followed', 'dismissed')", name=op.f('ck_lead_mark_mark_known')),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_lead_mark_need_id_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_lead_mark_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'need_id', name=op.f('pk_lead_mark'))
    )
    op.create_table('message_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=32), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("content_type IN ('application/pdf', 'image/png', 'image/jpeg')", name=op.f('ck_message_attachment_type_known')),
    sa.ForeignKeyConstraint(['message_id'], ['inquiry_message.id'], name=op.f('fk_message_attachment_message_id_inquiry_message'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_message_attachment_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_message_attachment_uploaded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_message_attachment_stored_name'))
    )
    with op.batch_alter_table('message_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_message_attachment_message_id'), ['message_id'], unique=False)

    with op.batch_alter_table('inquiry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.String(length=16), server_default='enterprise', nullable=False))
        batch_op.add_column(sa.Column('forward_status', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('identity_revealed', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_index(batch_op.f('ix_inquiry_forward_status'), ['forward_status'], unique=False)
        # an expression of interest is about a need, without a product or offer
        batch_op.drop_constraint(batch_op.f('ck_inquiry_about_something'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_inquiry_about_something'),
            'product_id IS NOT NULL OR offer_id IS NOT NULL OR need_id IS NOT NULL')
        batch_op.create_check_constraint(batch_op.f('ck_inquiry_origin_known'),
                                         "origin IN ('enterprise', 'supplier')")
        batch_op.create_check_constraint(
            batch_op.f('ck_inquiry_forward_status_known'),
            "forward_status IS NULL OR forward_status IN ('awaiting_bureau', 'forwarded', 'not_forwarded')")

def downgrade() -> None:
    with op.batch_alter_table('inquiry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_inquiry_forward_status_known'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_inquiry_origin_known'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_inquiry_about_something'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_inquiry_about_something'),
                                         'product_id IS NOT NULL OR offer_id IS NOT NULL')
        batch_op.drop_index(batch_op.f('ix_inquiry_forward_status'))
        batch_op.drop_column('identity_revealed')
        batch_op.drop_column('forward_status')
        batch_op.drop_column('origin')

    with op.batch_alter_table('message_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_message_attachment_message_id'))

    op.drop_table('message_attachment')
    op.drop_table('lead_mark')
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_search_user_id'))

    op.drop_table('saved_search')
    op.drop_table('notification_preference')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_user_unread')
        batch_op.drop_index(batch_op.f('ix_notification_user_id'))
        batch_op.drop_index(batch_op.f('ix_notification_created_at'))

    op.drop_table('notification')
    op.drop_table('alert_seen')
