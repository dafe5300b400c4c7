"""guides, the public needs board and the supplier directory (issue 22)

- guide_draft, guide_edition: the bureau's 供需对接指南 (one per sector and one
  cross-cutting) and 技术推广方案 (one per promoted category): the introduction
  being edited, and the published, numbered editions with their frozen content
  and the stored PDF's key.
- need.board_listed_at, need.board_expires_on: a need is on the public board only
  once its owner confirmed it, until the expiry date. Upgrade leaves both empty,
  so existing needs stay hidden until their owners confirm.
- follow_up.reference_ok: the enterprise agrees that the supplier directory names
  it with the completed project. Upgrade sets it false for existing answers.

Downgrade drops the tables and columns (published guides, board listings and
reference consents are lost; nothing else is touched).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04 20:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'guide_draft',
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('intro_zh', sa.Text(), nullable=False),
        sa.Column('intro_en', sa.Text(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('sector', 'cross', 'plan')", name=op.f('ck_guide_draft_kind_known')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'],
                                name=op.f('fk_guide_draft_updated_by_id_user_account'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('kind', 'subject', name=op.f('pk_guide_draft')),
    )
    op.create_table(
        'guide_edition',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('subject', sa.String(length=64), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('intro_zh', sa.Text(), nullable=False),
        sa.Column('intro_en', sa.Text(), nullable=False),
        sa.Column('content', sa.JSON(), nullable=False),
        sa.Column('pdf_key', sa.String(length=200), nullable=True),
        sa.Column('pdf_size', sa.Integer(), nullable=True),
        sa.Column('published_by_id', sa.Integer(), nullable=True),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('sector', 'cross', 'plan')", name=op.f('ck_guide_edition_kind_known')),
        sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'],
                                name=op.f('fk_guide_edition_published_by_id_user_account'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_guide_edition')),
        sa.UniqueConstraint('kind', 'subject', 'number', name=op.f('uq_guide_edition_kind')),
    )
    op.create_index(op.f('ix_guide_edition_published_at'), 'guide_edition', ['published_at'])
    with op.batch_alter_table('need') as batch:
        batch.add_column(sa.Column('board_listed_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('board_expires_on', sa.Date(), nullable=True))
        batch.create_index(batch.f('ix_need_board_listed_at'), ['board_listed_at'])
    with op.batch_alter_table('follow_up') as batch:
        batch.add_column(sa.Column('reference_ok', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('follow_up') as batch:
        batch.drop_column('reference_ok')
    with op.batch_alter_table('need') as batch:
        batch.drop_index(batch.f('ix_need_board_listed_at'))
        batch.drop_column('board_expires_on')
        batch.drop_column('board_listed_at')
    op.drop_index(op.f('ix_guide_edition_published_at'), table_name='guide_edition')
    op.drop_table('guide_edition')
    op.drop_table('guide_draft')
