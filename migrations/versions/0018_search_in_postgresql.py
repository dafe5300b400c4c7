"""search documents in the database (PostgreSQL backend) and replayable index tasks (issue 18)

- search_document, search_stat, search_term, search_word, search_lexicon: the search index when the
  portal runs on PostgreSQL (weighted tsvector with a GIN index, pg_trgm for did-you-mean); on SQLite
  the tables stay empty and Whoosh is used
- search_task.applied_at: a task applied while a rebuild runs is kept (marked) so the rebuild replays it

On PostgreSQL the pg_trgm extension is created (CREATE EXTENSION IF NOT EXISTS; contrib only). Upgrade
keeps every pending task; the new tables start empty (`setup` / `search rebuild` fills them). Downgrade
drops the tables (derived data only) and the column (pending tasks stay).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 17:30:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

TSV = sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql')


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    if postgres:
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    op.create_table(
        'search_document',
        sa.Column('doc_id', sa.String(length=80), nullable=False),
        sa.Column('docnum', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('doc_type', sa.String(length=24), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('sector', sa.String(length=64), nullable=False),
        sa.Column('stage', sa.String(length=64), nullable=False),
        sa.Column('category', sa.String(length=64), nullable=False),
        sa.Column('maturity', sa.String(length=64), nullable=False),
        sa.Column('plan_named', sa.String(length=1), nullable=False),
        sa.Column('published', sa.DateTime(), nullable=False),
        sa.Column('saving', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=64), nullable=False),
        sa.Column('title_zh', sa.Text(), nullable=False),
        sa.Column('title_en', sa.Text(), nullable=False),
        sa.Column('summary_zh', sa.Text(), nullable=False),
        sa.Column('summary_en', sa.Text(), nullable=False),
        sa.Column('body_zh', sa.Text(), nullable=False),
        sa.Column('body_en', sa.Text(), nullable=False),
        sa.Column('name_len', sa.Integer(), nullable=False),
        sa.Column('text_len', sa.Integer(), nullable=False),
        sa.Column('problems_len', sa.Integer(), nullable=False),
        sa.Column('tsv', TSV, nullable=False),
        sa.PrimaryKeyConstraint('doc_id', name=op.f('pk_search_document')),
        sa.UniqueConstraint('docnum', name=op.f('uq_search_document_docnum')),
    )
    op.create_index('ix_search_document_tsv', 'search_document', ['tsv'], unique=False,
                    postgresql_using='gin')
    op.create_table(
        'search_stat',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('docs', sa.BigInteger(), nullable=False),
        sa.Column('name_len', sa.BigInteger(), nullable=False),
        sa.Column('text_len', sa.BigInteger(), nullable=False),
        sa.Column('problems_len', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_stat')),
    )
    op.create_table(
        'search_term',
        sa.Column('term', sa.String(length=200), nullable=False),
        sa.Column('docs', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('term', name=op.f('pk_search_term')),
    )
    op.create_table(
        'search_word',
        sa.Column('word', sa.String(length=64), nullable=False),
        sa.Column('stem', sa.String(length=64), nullable=False),
        sa.Column('docs', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('word', name=op.f('pk_search_word')),
    )
    op.create_index(op.f('ix_search_word_stem'), 'search_word', ['stem'], unique=False)
    op.create_index('ix_search_word_trgm', 'search_word', ['word'], unique=False,
                    postgresql_using='gin', postgresql_ops={'word': 'gin_trgm_ops'})
    op.create_table(
        'search_lexicon',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('build', sa.String(length=32), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_lexicon')),
    )
    with op.batch_alter_table('search_task') as batch:
        batch.add_column(sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('search_task') as batch:
        batch.drop_column('applied_at')
    op.drop_table('search_lexicon')
    op.drop_index('ix_search_word_trgm', table_name='search_word')
    op.drop_index(op.f('ix_search_word_stem'), table_name='search_word')
    op.drop_table('search_word')
    op.drop_table('search_term')
    op.drop_table('search_stat')
    op.drop_index('ix_search_document_tsv', table_name='search_document')
    op.drop_table('search_document')
