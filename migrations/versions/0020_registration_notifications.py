"""the bureau is notified of registrations awaiting verification (issue 20)

- notification.kind may be 'registration_pending' (a new organisation confirmed its e-mail)

Upgrade keeps every notification. Downgrade removes the 'registration_pending' notices and
preferences (the old schema cannot hold them; the organisations stay pending in the bureau's
verification queue, which is where the notices pointed).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 17:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

OLD_KINDS = ('inquiry_new', 'inquiry_message', 'inquiry_step', 'interest_forward', 'submission_review',
             'objection', 'need_matches', 'leads', 'saved_search')
NEW_KINDS = (*OLD_KINDS, 'registration_pending')
# Rows the downgrade deletes (table → condition); `flask db downgrade` counts them and asks first.
DOWNGRADE_DELETES = {"notification": "kind = 'registration_pending'",
                     "notification_preference": "kind = 'registration_pending'"}


def _kinds(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def _replace(kinds: tuple[str, ...]) -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_notification_kind_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_notification_kind_known'), _kinds(kinds))


def upgrade() -> None:
    _replace(NEW_KINDS)


def downgrade() -> None:
    for table, condition in DOWNGRADE_DELETES.items():
        op.execute(sa.text(f"DELETE FROM {table} WHERE {condition}"))
    _replace(OLD_KINDS)
