"""one Message-ID per outbox message, and uncertain deliveries (issue 17)

- outbox_message.message_id: the Message-ID header, chosen once (at the first attempt) and sent
  again on every retry, so a receiver can drop a second copy
- outbox_message.uncertain: how many attempts timed out after the message's data had been sent
  (the server may have accepted it); after the second such attempt the message is not sent again

Upgrade keeps every message (message_id empty until its next attempt, uncertain 0); downgrade
drops the two columns (the messages stay).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 17:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('uncertain', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('uncertain')
        batch_op.drop_column('message_id')
