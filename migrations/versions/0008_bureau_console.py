"""bureau console

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 08:04:00.634961
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('announcement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('title_zh', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('body_zh', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('registration_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('sectors', sa.JSON(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('notice', 'event')", name=op.f('ck_announcement_kind_known')),
    sa.CheckConstraint("status IN ('draft', 'published', 'cancelled')", name=op.f('ck_announcement_status_known')),
    sa.CheckConstraint('ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at', name=op.f('ck_announcement_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_announcement_created_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_announcement'))
    )
    with op.batch_alter_table('announcement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_announcement_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_announcement_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_announcement_status'), ['status'], unique=False)

    op.create_table('console_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('source_name', sa.String(length=200), nullable=False),
    sa.Column('result_name', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('import_technologies', 'import_organisations', 'export')", name=op.f('ck_console_job_kind_known')),
    sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f('ck_console_job_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_console_job_created_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_job'))
    )
    with op.batch_alter_table('console_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_job_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_console_job_status'), ['status'], unique=False)

    op.create_table('announcement_registration',
    sa.Column('announcement_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('attendees', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['announcement_id'], ['announcement.id'], name=op.f('fk_announcement_registration_announcement_id_announcement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_announcement_registration_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_announcement_registration_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('announcement_id', 'organisation_id', name=op.f('pk_announcement_registration'))
    )
    op.create_table('announcement_technology',
    sa.Column('announcement_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['announcement_id'], ['announcement.id'], name=op.f('fk_announcement_technology_announcement_id_announcement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_announcement_technology_technology_id_technology'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('announcement_id', 'technology_id', name=op.f('pk_announcement_technology'))
    )
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.add_column(sa.Column('best_score', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('match_count', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('scored_at', sa.DateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_column('scored_at')
        batch_op.drop_column('match_count')
        batch_op.drop_column('best_score')

    op.drop_table('announcement_technology')
    op.drop_table('announcement_registration')
    with op.batch_alter_table('console_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_job_status'))
        batch_op.drop_index(batch_op.f('ix_console_job_created_by_id'))

    op.drop_table('console_job')
    with op.batch_alter_table('announcement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_announcement_status'))
        batch_op.drop_index(batch_op.f('ix_announcement_starts_at'))
        batch_op.drop_index(batch_op.f('ix_announcement_published_at'))

    op.drop_table('announcement')
