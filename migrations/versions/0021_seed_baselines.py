"""what the seed last loaded, per catalogue entry (issue 17)

- seed_baseline: for each entry (kind "technology", key its code) the field values the seed
  last wrote. `flask setup` brings a seed update into a field only while the field still holds
  that value; a field the bureau changed (import, curation, edition) is kept and reported.

Upgrade creates the table empty: until the next `setup` records the baselines, a field that
differs from the seed counts as the bureau's (kept and reported, never overwritten).
Downgrade drops it (the next setup after an upgrade records it again).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 17:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'seed_baseline',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('values', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_seed_baseline')),
        sa.UniqueConstraint('kind', 'key', name=op.f('uq_seed_baseline_kind')),
    )


def downgrade() -> None:
    op.drop_table('seed_baseline')
