"""support programmes and green finance (issue 23)

- programme: the bureau's list of support programmes (retrofit funds, 首台(套)
  support, green credit, the central bank's facilities) with their eligibility
  rules, money rule and cited source. Upgrade creates the table empty
  (``flask setup`` loads the seed programmes from data/programmes.yaml).

Downgrade drops the table (the programmes and the bureau's edits are lost;
nothing else is touched).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 21:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'programme',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('name_zh', sa.String(length=200), nullable=False),
        sa.Column('name_en', sa.String(length=200), nullable=False),
        sa.Column('administrator_zh', sa.String(length=200), nullable=False),
        sa.Column('administrator_en', sa.String(length=200), nullable=False),
        sa.Column('summary_zh', sa.Text(), nullable=False),
        sa.Column('summary_en', sa.Text(), nullable=False),
        sa.Column('sectors', sa.JSON(), nullable=False),
        sa.Column('categories', sa.JSON(), nullable=False),
        sa.Column('technologies', sa.JSON(), nullable=False),
        sa.Column('min_saving_tce', sa.Float(), nullable=True),
        sa.Column('deadline', sa.Date(), nullable=True),
        sa.Column('share', sa.Float(), nullable=True),
        sa.Column('cap_cny', sa.Float(), nullable=True),
        sa.Column('rate', sa.Float(), nullable=True),
        sa.Column('years', sa.Integer(), nullable=True),
        sa.Column('source_key', sa.String(length=64), nullable=True),
        sa.Column('basis_zh', sa.Text(), nullable=False),
        sa.Column('basis_en', sa.Text(), nullable=False),
        sa.Column('retired_reason', sa.String(length=500), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('grant', 'interest_subsidy', 'credit', 'recognition')",
                           name=op.f('ck_programme_kind_known')),
        sa.CheckConstraint("status IN ('draft', 'published', 'retired')",
                           name=op.f('ck_programme_status_known')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'],
                                name=op.f('fk_programme_updated_by_id_user_account'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme')),
        sa.UniqueConstraint('slug', name=op.f('uq_programme_slug')),
    )
    op.create_index(op.f('ix_programme_status'), 'programme', ['status'])


def downgrade() -> None:
    op.drop_index(op.f('ix_programme_status'), table_name='programme')
    op.drop_table('programme')
