"""emc contract terms: service fee, structured shortfall rule, hosting baseline and
discount, lease rate / instalments / down payment, enterprise co-investment on
emc_offer; the bureau's discount rate for NPVs on curation_settings

Existing offers keep every value; the new terms stay empty (NULL), so an old
offer shows which terms it lacks. Downgrade drops only the new columns.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OFFER_COLUMNS = (
    ('enterprise_investment_pct', sa.Float()),
    ('service_fee_cny', sa.Float()),
    ('shortfall_kind', sa.String(length=8)),
    ('shortfall_share_pct', sa.Float()),
    ('shortfall_cap_cny', sa.Float()),
    ('hosting_baseline_cny', sa.Float()),
    ('hosting_discount_pct', sa.Float()),
    ('lease_rate_pct', sa.Float()),
    ('lease_instalments_per_year', sa.Integer()),
    ('down_payment_pct', sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table('emc_offer', schema=None) as batch_op:
        for name, kind in OFFER_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
        batch_op.create_check_constraint(op.f('ck_emc_offer_shortfall_kind_known'),
                                         "shortfall_kind IN ('full', 'share', 'capped')")
        batch_op.create_check_constraint(op.f('ck_emc_offer_instalments_known'),
                                         'lease_instalments_per_year IN (1, 2, 4, 12)')
    with op.batch_alter_table('curation_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('discount_rate_pct', sa.Float(), server_default='8', nullable=False))
        batch_op.create_check_constraint(op.f('ck_curation_settings_discount_rate_range'),
                                         'discount_rate_pct BETWEEN 0 AND 30')


def downgrade() -> None:
    with op.batch_alter_table('curation_settings', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_curation_settings_discount_rate_range'), type_='check')
        batch_op.drop_column('discount_rate_pct')
    with op.batch_alter_table('emc_offer', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_emc_offer_instalments_known'), type_='check')
        batch_op.drop_constraint(op.f('ck_emc_offer_shortfall_kind_known'), type_='check')
        for name, _kind in reversed(OFFER_COLUMNS):
            batch_op.drop_column(name)
