"""job leases and stored files (issue 19)

- console_job.lease_until / attempts / worker: the worker running a job renews its lease; a job
  whose lease has run out is retried or failed, never left "running"
- stored_file, stored_file_chunk: attachments and job results kept in the database (the
  FILE_STORAGE=database backend), in chunks so they are written and read a piece at a time

Upgrade keeps every job (existing ones get attempts 0 and no lease); downgrade drops the columns
and the two tables (files kept in the database are lost with them; the local backend is untouched).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('console_job') as batch:
        batch.add_column(sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('worker', sa.String(length=80), nullable=False, server_default=''))
        batch.create_index(batch.f('ix_console_job_lease_until'), ['lease_until'], unique=False)
    op.create_table(
        'stored_file',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('chunks', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_stored_file')),
    )
    op.create_table(
        'stored_file_chunk',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['key'], ['stored_file.key'], ondelete='CASCADE',
                                name=op.f('fk_stored_file_chunk_key_stored_file')),
        sa.PrimaryKeyConstraint('key', 'seq', name=op.f('pk_stored_file_chunk')),
    )


def downgrade() -> None:
    op.drop_table('stored_file_chunk')
    op.drop_table('stored_file')
    with op.batch_alter_table('console_job') as batch:
        batch.drop_index(batch.f('ix_console_job_lease_until'))
        batch.drop_column('worker')
        batch.drop_column('attempts')
        batch.drop_column('lease_until')
