"""enterprise facilities and needs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('facility',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('product_key', sa.String(length=48), nullable=False),
    sa.Column('capacity', sa.Float(), nullable=True),
    sa.Column('annual_output', sa.Float(), nullable=True),
    sa.Column('unit_energy', sa.Float(), nullable=True),
    sa.Column('electricity_share', sa.Float(), nullable=True),
    sa.Column('electricity_price', sa.Float(), nullable=True),
    sa.Column('coal_price', sa.Float(), nullable=True),
    sa.Column('gas_price', sa.Float(), nullable=True),
    sa.Column('district_key', sa.String(length=48), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('annual_output IS NULL OR annual_output >= 0', name=op.f('ck_facility_output_not_negative')),
    sa.ForeignKeyConstraint(['district_key'], ['district.key'], name=op.f('fk_facility_district_key_district')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_facility_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_key'], ['benchmark_product.key'], name=op.f('fk_facility_product_key_benchmark_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facility'))
    )
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facility_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('need',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('stage_key', sa.String(length=48), nullable=True),
    sa.Column('problem_type', sa.String(length=24), nullable=False),
    sa.Column('target_saving_pct', sa.Float(), nullable=True),
    sa.Column('target_saving_tce', sa.Float(), nullable=True),
    sa.Column('budget_cny', sa.Float(), nullable=True),
    sa.Column('financing', sa.String(length=24), nullable=False),
    sa.Column('desired_start', sa.Date(), nullable=True),
    sa.Column('confidentiality', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'anonymous', 'bureau_only')", name=op.f('ck_need_confidentiality_known')),
    sa.CheckConstraint("financing IN ('any', 'self_funded', 'any_emc', 'shared_savings', 'guaranteed_savings', 'energy_cost_hosting', 'financing_lease')", name=op.f('ck_need_financing_known')),
    sa.CheckConstraint("status IN ('draft', 'open', 'in_negotiation', 'contracted', 'closed', 'withdrawn')", name=op.f('ck_need_status_known')),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], name=op.f('fk_need_facility_id_facility'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_need_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_key'], ['process_stage.key'], name=op.f('fk_need_stage_key_process_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need'))
    )
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_need_status'), ['status'], unique=False)

    op.create_table('match_mark',
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.String(length=16), nullable=False),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("mark IN ('shortlisted', 'dismissed')", name=op.f('ck_match_mark_mark_known')),
    sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_match_mark_need_id_need'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_match_mark_technology_id_technology'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('need_id', 'technology_id', name=op.f('pk_match_mark'))
    )


def downgrade() -> None:
    op.drop_table('match_mark')
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_status'))
        batch_op.drop_index(batch_op.f('ix_need_organisation_id'))

    op.drop_table('need')
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facility_organisation_id'))

    op.drop_table('facility')
