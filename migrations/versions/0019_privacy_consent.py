"""consent to the privacy policy at registration (issue 21, 个人信息保护法)

- user_account.privacy_version: the version of the privacy policy the person agreed to when
  registering (e.g. "2026-12-04"); NULL for accounts made before consent was asked, by the
  command line or by invitation.
- user_account.privacy_accepted_at: when they agreed (UTC).

Both nullable, so upgrade keeps every row as it is; downgrade drops the two columns (the
consent records go with them).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 16:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_version', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('privacy_accepted_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('privacy_accepted_at')
        batch_op.drop_column('privacy_version')
