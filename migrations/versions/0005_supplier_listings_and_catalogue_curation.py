"""supplier listings and catalogue curation

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 06:42:01.388716
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('emc_offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('model', sa.String(length=24), nullable=False),
    sa.Column('investor', sa.String(length=16), nullable=False),
    sa.Column('esco_investment_pct', sa.Float(), nullable=False),
    sa.Column('max_investment_cny', sa.Float(), nullable=True),
    sa.Column('enterprise_shares', sa.JSON(), nullable=False),
    sa.Column('term_years', sa.Integer(), nullable=False),
    sa.Column('guaranteed_saving', sa.Float(), nullable=True),
    sa.Column('guarantee_unit', sa.String(length=16), nullable=False),
    sa.Column('shortfall_rule', sa.Text(), nullable=False),
    sa.Column('baseline_method', sa.Text(), nullable=False),
    sa.Column('mv_method', sa.String(length=16), nullable=False),
    sa.Column('min_project_cny', sa.Float(), nullable=False),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('financing_partner', sa.String(length=200), nullable=False),
    sa.Column('subsidy_note', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("investor IN ('esco', 'enterprise', 'shared', 'financier')", name=op.f('ck_emc_offer_investor_known')),
    sa.CheckConstraint("model IN ('shared_savings', 'guaranteed_savings', 'energy_cost_hosting', 'financing_lease', 'hybrid')", name=op.f('ck_emc_offer_model_known')),
    sa.CheckConstraint("status IN ('draft', 'published', 'withdrawn')", name=op.f('ck_emc_offer_status_known')),
    sa.CheckConstraint('esco_investment_pct BETWEEN 0 AND 100', name=op.f('ck_emc_offer_investment_share_range')),
    sa.CheckConstraint('min_project_cny >= 0', name=op.f('ck_emc_offer_min_project_not_negative')),
    sa.CheckConstraint('term_years BETWEEN 1 AND 30', name=op.f('ck_emc_offer_term_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_emc_offer_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_emc_offer'))
    )
    with op.batch_alter_table('emc_offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_emc_offer_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_emc_offer_status'), ['status'], unique=False)

    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('specs', sa.JSON(), nullable=False),
    sa.Column('stage_keys', sa.JSON(), nullable=False),
    sa.Column('capacity_note', sa.String(length=300), nullable=False),
    sa.Column('price_min_cny', sa.Float(), nullable=True),
    sa.Column('price_max_cny', sa.Float(), nullable=True),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('certificates', sa.JSON(), nullable=False),
    sa.Column('cases', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'published', 'withdrawn')", name=op.f('ck_product_status_known')),
    sa.CheckConstraint('price_min_cny IS NULL OR price_max_cny IS NULL OR price_min_cny <= price_max_cny', name=op.f('ck_product_price_range')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_product_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product'))
    )
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_product_status'), ['status'], unique=False)

    op.create_table('curation_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('publish_min_total', sa.Float(), nullable=False),
    sa.Column('reject_below_total', sa.Float(), nullable=False),
    sa.Column('min_per_criterion', sa.Float(), nullable=False),
    sa.Column('min_reviewers', sa.Integer(), nullable=False),
    sa.Column('notice_days', sa.Integer(), nullable=False),
    sa.Column('review_years', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('min_reviewers BETWEEN 1 AND 9', name=op.f('ck_curation_settings_reviewers_range')),
    sa.CheckConstraint('notice_days BETWEEN 1 AND 60', name=op.f('ck_curation_settings_notice_days_range')),
    sa.CheckConstraint('reject_below_total <= publish_min_total', name=op.f('ck_curation_settings_thresholds_ordered')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_curation_settings_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_curation_settings'))
    )
    op.create_table('offer_product',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['emc_offer.id'], name=op.f('fk_offer_product_offer_id_emc_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_offer_product_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offer_id', 'product_id', name=op.f('pk_offer_product'))
    )
    op.create_table('offer_technology',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['emc_offer.id'], name=op.f('fk_offer_technology_offer_id_emc_offer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_offer_technology_technology_id_technology'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offer_id', 'technology_id', name=op.f('pk_offer_technology'))
    )
    op.create_table('product_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_product_revision_actor_id_user_account')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_revision_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_revision')),
    sa.UniqueConstraint('product_id', 'version', name=op.f('uq_product_revision_product_id'))
    )
    with op.batch_alter_table('product_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_revision_product_id'), ['product_id'], unique=False)

    op.create_table('product_technology',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_technology_product_id_product'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_product_technology_technology_id_technology'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'technology_id', name=op.f('pk_product_technology'))
    )
    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=300), nullable=False),
    sa.Column('sector_key', sa.String(length=32), nullable=True),
    sa.Column('stage_key', sa.String(length=48), nullable=True),
    sa.Column('category_key', sa.String(length=48), nullable=True),
    sa.Column('maturity_key', sa.String(length=32), nullable=True),
    sa.Column('trl', sa.Integer(), nullable=True),
    sa.Column('summary_zh', sa.Text(), nullable=False),
    sa.Column('summary_en', sa.Text(), nullable=False),
    sa.Column('description_zh', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('keywords_zh', sa.JSON(), nullable=False),
    sa.Column('keywords_en', sa.JSON(), nullable=False),
    sa.Column('energy_carriers', sa.JSON(), nullable=False),
    sa.Column('applicable_to', sa.JSON(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('cases', sa.JSON(), nullable=False),
    sa.Column('notice_starts_on', sa.Date(), nullable=True),
    sa.Column('notice_ends_on', sa.Date(), nullable=True),
    sa.Column('edition_id', sa.Integer(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind = 'new' OR technology_id IS NOT NULL", name=op.f('ck_submission_change_has_target')),
    sa.CheckConstraint("kind IN ('new', 'change')", name=op.f('ck_submission_kind_known')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'under_review', 'returned', 'approved', 'public_notice', 'published', 'rejected')", name=op.f('ck_submission_status_known')),
    sa.CheckConstraint('trl IS NULL OR trl BETWEEN 1 AND 9', name=op.f('ck_submission_trl_range')),
    sa.ForeignKeyConstraint(['category_key'], ['category.key'], name=op.f('fk_submission_category_key_category')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_submission_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_submission_edition_id_edition'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['maturity_key'], ['maturity_level.key'], name=op.f('fk_submission_maturity_key_maturity_level')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_submission_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sector_key'], ['sector.key'], name=op.f('fk_submission_sector_key_sector')),
    sa.ForeignKeyConstraint(['stage_key'], ['process_stage.key'], name=op.f('fk_submission_stage_key_process_stage')),
    sa.ForeignKeyConstraint(['technology_id'], ['technology.id'], name=op.f('fk_submission_technology_id_technology')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_edition_id'), ['edition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_sector_key'), ['sector_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_technology_id'), ['technology_id'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=32), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('stored_name', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("content_type IN ('application/pdf', 'image/png', 'image/jpeg')", name=op.f('ck_attachment_type_known')),
    sa.CheckConstraint('(product_id IS NULL) <> (submission_id IS NULL)', name=op.f('ck_attachment_one_owner')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_attachment_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_attachment_product_id_product'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_attachment_submission_id_submission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_attachment_uploaded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_attachment_stored_name'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_submission_id'), ['submission_id'], unique=False)

    op.create_table('objection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'dismissed', 'upheld')", name=op.f('ck_objection_status_known')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_objection_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['user_account.id'], name=op.f('fk_objection_resolved_by_id_user_account')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_objection_submission_id_submission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_objection_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objection'))
    )
    with op.batch_alter_table('objection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objection_submission_id'), ['submission_id'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('conflict', sa.Boolean(), nullable=False),
    sa.Column('conflict_note', sa.Text(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reviewer_id'], ['user_account.id'], name=op.f('fk_review_reviewer_id_user_account')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_review_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review')),
    sa.UniqueConstraint('submission_id', 'reviewer_id', 'round', name=op.f('uq_review_submission_id'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_submission_id'), ['submission_id'], unique=False)

    op.create_table('submission_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_submission_event_actor_id_user_account')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_submission_event_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_event'))
    )
    with op.batch_alter_table('submission_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_event_submission_id'), ['submission_id'], unique=False)

    with op.batch_alter_table('edition_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('snapshot', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))

    with op.batch_alter_table('technology', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('retired_reason', sa.Text(), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('technology', schema=None) as batch_op:
        batch_op.drop_column('retired_reason')
        batch_op.drop_column('retired_at')

    with op.batch_alter_table('edition_entry', schema=None) as batch_op:
        batch_op.drop_column('snapshot')

    with op.batch_alter_table('submission_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_event_submission_id'))

    op.drop_table('submission_event')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_submission_id'))

    op.drop_table('review')
    with op.batch_alter_table('objection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objection_submission_id'))

    op.drop_table('objection')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_submission_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_product_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_organisation_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_technology_id'))
        batch_op.drop_index(batch_op.f('ix_submission_status'))
        batch_op.drop_index(batch_op.f('ix_submission_sector_key'))
        batch_op.drop_index(batch_op.f('ix_submission_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_submission_edition_id'))

    op.drop_table('submission')
    op.drop_table('product_technology')
    with op.batch_alter_table('product_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_revision_product_id'))

    op.drop_table('product_revision')
    op.drop_table('offer_technology')
    op.drop_table('offer_product')
    op.drop_table('curation_settings')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_status'))
        batch_op.drop_index(batch_op.f('ix_product_organisation_id'))

    op.drop_table('product')
    with op.batch_alter_table('emc_offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_emc_offer_status'))
        batch_op.drop_index(batch_op.f('ix_emc_offer_organisation_id'))

    op.drop_table('emc_offer')
