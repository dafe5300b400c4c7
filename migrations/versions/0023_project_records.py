"""project records, measured outcomes as evidence, and the plan's what-if baseline (issue 23)

- project_record: an implemented inquiry's follow-up as a project of one
  technology on one line (claimed and measured saving, the line's output and
  unit energy when recorded, the evidence level and the bureau's review).
- project_evidence: metering / M&V files uploaded for a record.
- effect_revision: each change of a technology's typical effect value made from
  verified projects (old, new, n, the projects and their per-unit values).
- plan_baseline: a baseline the bureau enters for the plan's what-if (clinker
  energy intensity), with its source.

Upgrade creates the four tables empty (nothing existing changes). Downgrade
drops them (records, evidence rows, revisions and baselines are lost; the
effect values already adopted stay in technology.effect until the next seed load).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-04 21:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    referred = target.split('.')[0]
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f'fk_{table}_{column}_{referred}'),
                                   ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        'effect_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('technology_id', sa.Integer(), nullable=False),
        sa.Column('unit', sa.String(length=32), nullable=False),
        sa.Column('old_typical', sa.Float(), nullable=True),
        sa.Column('new_typical', sa.Float(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.Column('project_ids', sa.JSON(), nullable=False),
        sa.Column('values', sa.JSON(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        _fk('effect_revision', 'technology_id', 'technology.id', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_effect_revision')),
    )
    op.create_index(op.f('ix_effect_revision_technology_id'), 'effect_revision', ['technology_id'])
    op.create_table(
        'plan_baseline',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indicator', sa.String(length=32), nullable=False),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('unit', sa.String(length=32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('target_change_pct', sa.Float(), nullable=True),
        sa.Column('publisher', sa.String(length=200), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("indicator IN ('clinker_intensity')",
                           name=op.f('ck_plan_baseline_indicator_known')),
        sa.CheckConstraint('value > 0', name=op.f('ck_plan_baseline_value_positive')),
        _fk('plan_baseline', 'entered_by_id', 'user_account.id', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_baseline')),
    )
    op.create_table(
        'project_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('inquiry_id', sa.Integer(), nullable=False),
        sa.Column('technology_id', sa.Integer(), nullable=False),
        sa.Column('enterprise_id', sa.Integer(), nullable=False),
        sa.Column('facility_id', sa.Integer(), nullable=True),
        sa.Column('product_key', sa.String(length=48), nullable=True),
        sa.Column('district_key', sa.String(length=48), nullable=True),
        sa.Column('energy_unit', sa.String(length=32), nullable=False),
        sa.Column('unit_energy', sa.Float(), nullable=True),
        sa.Column('fuel_share', sa.Float(), nullable=True),
        sa.Column('annual_output', sa.Float(), nullable=True),
        sa.Column('claimed_saving_tce', sa.Float(), nullable=True),
        sa.Column('measured_saving_tce', sa.Float(), nullable=True),
        sa.Column('verified_saving_tce', sa.Float(), nullable=True),
        sa.Column('implemented_on', sa.Date(), nullable=True),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('review_note', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("level IN ('self_declared', 'submitted', 'verified', 'rejected')",
                           name=op.f('ck_project_record_level_known')),
        sa.CheckConstraint('annual_output IS NULL OR annual_output > 0',
                           name=op.f('ck_project_record_output_positive')),
        _fk('project_record', 'enterprise_id', 'organisation.id', 'CASCADE'),
        _fk('project_record', 'facility_id', 'facility.id', 'SET NULL'),
        _fk('project_record', 'inquiry_id', 'inquiry.id', 'CASCADE'),
        _fk('project_record', 'reviewed_by_id', 'user_account.id', 'SET NULL'),
        _fk('project_record', 'technology_id', 'technology.id', 'CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_project_record')),
        sa.UniqueConstraint('inquiry_id', name=op.f('uq_project_record_inquiry_id')),
    )
    op.create_index(op.f('ix_project_record_enterprise_id'), 'project_record', ['enterprise_id'])
    op.create_index(op.f('ix_project_record_level'), 'project_record', ['level'])
    op.create_index(op.f('ix_project_record_technology_id'), 'project_record', ['technology_id'])
    op.create_table(
        'project_evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('content_type', sa.String(length=32), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("content_type IN ('application/pdf', 'image/png', 'image/jpeg')",
                           name=op.f('ck_project_evidence_type_known')),
        sa.CheckConstraint("kind IN ('metering', 'm_and_v')", name=op.f('ck_project_evidence_kind_known')),
        _fk('project_evidence', 'organisation_id', 'organisation.id', 'CASCADE'),
        _fk('project_evidence', 'record_id', 'project_record.id', 'CASCADE'),
        _fk('project_evidence', 'uploaded_by_id', 'user_account.id', 'SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_project_evidence')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_project_evidence_stored_name')),
    )
    op.create_index(op.f('ix_project_evidence_record_id'), 'project_evidence', ['record_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_project_evidence_record_id'), table_name='project_evidence')
    op.drop_table('project_evidence')
    for name in ('enterprise_id', 'level', 'technology_id'):
        op.drop_index(op.f(f'ix_project_record_{name}'), table_name='project_record')
    op.drop_table('project_record')
    op.drop_table('plan_baseline')
    op.drop_index(op.f('ix_effect_revision_technology_id'), table_name='effect_revision')
    op.drop_table('effect_revision')
