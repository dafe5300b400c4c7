"""posting lists for the PostgreSQL search backend (issue 15/18: first-seen words at 100k)

- search_posting: per index term and field, the documents holding it (docnums, 8 bytes each, big
  endian, ascending) and how often (one byte each): what a search reads for a word instead of ranking
  every candidate's tsvector
- search_queue: documents written since their postings were last merged, with the terms their
  replaced version had; a search reads those documents from search_document, `search sync` (every
  minute on the task queue) merges them
- search_lexicon.postings_ready: false until the postings are built after a rebuild (searches then
  read every document from search_document, as before)

On SQLite the tables stay empty (Whoosh is used). Upgrade keeps every row; the postings start unbuilt
(the next `search sync` or `search rebuild` builds them). Downgrade drops the tables and the column
(derived data only).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-05 11:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None

TERMS = sa.Text().with_variant(postgresql.ARRAY(sa.Text()), 'postgresql')


def upgrade() -> None:
    op.create_table(
        'search_posting',
        sa.Column('term', sa.Text(), nullable=False),
        sa.Column('field', sa.SmallInteger(), nullable=False),
        sa.Column('docnums', sa.LargeBinary(), nullable=False),
        sa.Column('tfs', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('term', 'field', name=op.f('pk_search_posting')),
    )
    op.create_table(
        'search_queue',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('docnum', sa.BigInteger(), nullable=False),
        sa.Column('terms', TERMS, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_queue')),
    )
    with op.batch_alter_table('search_lexicon') as batch:
        batch.add_column(sa.Column('postings_ready', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('search_lexicon') as batch:
        batch.drop_column('postings_ready')
    op.drop_table('search_queue')
    op.drop_table('search_posting')
