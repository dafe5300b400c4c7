"""catalogue and reference data

Revision ID: 0001
Revises: 
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('category',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_category'))
    )
    op.create_table('conversion_factor',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('name_zh', sa.String(length=128), nullable=False),
    sa.Column('name_en', sa.String(length=160), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('flag', sa.String(length=48), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_conversion_factor'))
    )
    op.create_table('district',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('parent_key', sa.String(length=48), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_district'))
    )
    op.create_table('edition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('title_zh', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('notes_zh', sa.Text(), nullable=False),
    sa.Column('notes_en', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition')),
    sa.UniqueConstraint('code', name=op.f('uq_edition_code'))
    )
    op.create_table('evidence_level',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('badge', sa.String(length=16), nullable=False),
    sa.Column('trusted', sa.Boolean(), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_evidence_level'))
    )
    op.create_table('fuel',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('unit', sa.String(length=16), nullable=False),
    sa.Column('ncv_kj', sa.Float(), nullable=True),
    sa.Column('kgce_per_unit', sa.Float(), nullable=True),
    sa.Column('carbon_tc_per_tj', sa.Float(), nullable=True),
    sa.Column('oxidation', sa.Float(), nullable=True),
    sa.Column('co2_kg_per_unit', sa.Float(), nullable=True),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('flag', sa.String(length=48), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_fuel'))
    )
    op.create_table('glossary_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zh', sa.String(length=128), nullable=False),
    sa.Column('en', sa.String(length=200), nullable=False),
    sa.Column('domain', sa.String(length=24), nullable=False),
    sa.Column('synonyms_zh', sa.JSON(), nullable=False),
    sa.Column('synonyms_en', sa.JSON(), nullable=False),
    sa.Column('abbreviations', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_term')),
    sa.UniqueConstraint('zh', 'en', name=op.f('uq_glossary_term_zh'))
    )
    op.create_table('grid_factor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region', sa.String(length=48), nullable=False),
    sa.Column('region_zh', sa.String(length=64), nullable=False),
    sa.Column('region_en', sa.String(length=128), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('basis', sa.String(length=48), nullable=False),
    sa.Column('announcement', sa.String(length=160), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('flag', sa.String(length=48), nullable=False),
    sa.Column('default_for_chongqing', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid_factor')),
    sa.UniqueConstraint('region', 'year', 'basis', name=op.f('uq_grid_factor_region'))
    )
    op.create_table('maturity_level',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('trl_range', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_maturity_level'))
    )
    op.create_table('sector',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('code_prefix', sa.String(length=4), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sector')),
    sa.UniqueConstraint('code_prefix', name=op.f('uq_sector_code_prefix'))
    )
    op.create_table('benchmark_product',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('family', sa.String(length=48), nullable=False),
    sa.Column('sector_key', sa.String(length=32), nullable=False),
    sa.Column('row', sa.String(length=8), nullable=False),
    sa.Column('name_zh', sa.String(length=128), nullable=False),
    sa.Column('name_en', sa.String(length=160), nullable=False),
    sa.Column('indicator_zh', sa.String(length=128), nullable=False),
    sa.Column('indicator_en', sa.String(length=160), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('output_unit_zh', sa.String(length=32), nullable=False),
    sa.Column('output_unit_en', sa.String(length=32), nullable=False),
    sa.Column('benchmark', sa.Float(), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('flag', sa.String(length=48), nullable=False),
    sa.Column('benchmark_flag', sa.String(length=48), nullable=False),
    sa.Column('baseline_flag', sa.String(length=48), nullable=False),
    sa.Column('annex_source', sa.String(length=16), nullable=True),
    sa.Column('standard', sa.String(length=64), nullable=False),
    sa.Column('standard_l1', sa.Float(), nullable=True),
    sa.Column('standard_l2', sa.Float(), nullable=True),
    sa.Column('standard_l3', sa.Float(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('in_annex', sa.Boolean(), nullable=False),
    sa.Column('lower_is_better', sa.Boolean(), nullable=False),
    sa.Column('notes_zh', sa.Text(), nullable=False),
    sa.Column('notes_en', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sector_key'], ['sector.key'], name=op.f('fk_benchmark_product_sector_key_sector')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_benchmark_product'))
    )
    with op.batch_alter_table('benchmark_product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_benchmark_product_family'), ['family'], unique=False)

    op.create_table('process_stage',
    sa.Column('key', sa.String(length=48), nullable=False),
    sa.Column('sector_key', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=128), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sector_key'], ['sector.key'], name=op.f('fk_process_stage_sector_key_sector')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_process_stage'))
    )
    op.create_table('reference_flag',
    sa.Column('flag', sa.String(length=48), nullable=False),
    sa.Column('evidence_key', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['evidence_key'], ['evidence_level.key'], name=op.f('fk_reference_flag_evidence_key_evidence_level')),
    sa.PrimaryKeyConstraint('flag', name=op.f('pk_reference_flag'))
    )
    op.create_table('technology',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('sector_key', sa.String(length=32), nullable=False),
    sa.Column('stage_key', sa.String(length=48), nullable=False),
    sa.Column('category_key', sa.String(length=48), nullable=False),
    sa.Column('maturity_key', sa.String(length=32), nullable=False),
    sa.Column('trl', sa.Integer(), nullable=False),
    sa.Column('summary_zh', sa.Text(), nullable=False),
    sa.Column('summary_en', sa.Text(), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('keywords_zh', sa.JSON(), nullable=False),
    sa.Column('keywords_en', sa.JSON(), nullable=False),
    sa.Column('energy_carriers', sa.JSON(), nullable=False),
    sa.Column('applicable_to', sa.JSON(), nullable=False),
    sa.Column('plan_refs', sa.JSON(), nullable=False),
    sa.Column('plan_named', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('promoted', sa.Boolean(), nullable=False),
    sa.Column('review_due', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft','under_review','public_notice','published','retired')", name=op.f('ck_technology_status_known')),
    sa.CheckConstraint('trl BETWEEN 1 AND 9', name=op.f('ck_technology_trl_range')),
    sa.ForeignKeyConstraint(['category_key'], ['category.key'], name=op.f('fk_technology_category_key_category')),
    sa.ForeignKeyConstraint(['maturity_key'], ['maturity_level.key'], name=op.f('fk_technology_maturity_key_maturity_level')),
    sa.ForeignKeyConstraint(['sector_key'], ['sector.key'], name=op.f('fk_technology_sector_key_sector')),
    sa.ForeignKeyConstraint(['stage_key'], ['process_stage.key'], name=op.f('fk_technology_stage_key_process_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_technology')),
    sa.UniqueConstraint('code', name=op.f('uq_technology_code'))
    )
    with op.batch_alter_table('technology', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_technology_category_key'), ['category_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_technology_plan_named'), ['plan_named'], unique=False)
        batch_op.create_index(batch_op.f('ix_technology_sector_key'), ['sector_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_technology_stage_key'), ['stage_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_technology_status'), ['status'], unique=False)

    op.create_table('edition_entry',
    sa.Column('edition_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.Column('change', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_entry_edition_id_edition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_edition_entry_technology_id_technology'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('edition_id', 'technology_id', name=op.f('pk_edition_entry'))
    )
    op.create_table('technology_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('metric', sa.String(length=32), nullable=False),
    sa.Column('value_text', sa.String(length=64), nullable=False),
    sa.Column('value_num', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('flag', sa.String(length=48), nullable=False),
    sa.Column('evidence_key', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['evidence_key'], ['evidence_level.key'], name=op.f('fk_technology_figure_evidence_key_evidence_level')),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_technology_figure_technology_id_technology'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_technology_figure')),
    sa.UniqueConstraint('technology_id', 'position', name=op.f('uq_technology_figure_technology_id'))
    )
    with op.batch_alter_table('technology_figure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_technology_figure_technology_id'), ['technology_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('technology_figure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_technology_figure_technology_id'))

    op.drop_table('technology_figure')
    op.drop_table('edition_entry')
    with op.batch_alter_table('technology', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_technology_status'))
        batch_op.drop_index(batch_op.f('ix_technology_stage_key'))
        batch_op.drop_index(batch_op.f('ix_technology_sector_key'))
        batch_op.drop_index(batch_op.f('ix_technology_plan_named'))
        batch_op.drop_index(batch_op.f('ix_technology_category_key'))

    op.drop_table('technology')
    op.drop_table('reference_flag')
    op.drop_table('process_stage')
    with op.batch_alter_table('benchmark_product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_benchmark_product_family'))

    op.drop_table('benchmark_product')
    op.drop_table('sector')
    op.drop_table('maturity_level')
    op.drop_table('grid_factor')
    op.drop_table('glossary_term')
    op.drop_table('fuel')
    op.drop_table('evidence_level')
    op.drop_table('edition')
    op.drop_table('district')
    op.drop_table('conversion_factor')
    op.drop_table('category')
