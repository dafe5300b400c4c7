"""effect models, a line's energy mix, and sources a reader can look up (issue 12)

- reference_source: the registry of cited documents (data/sources)
- technology.problems: how plants describe what it solves, goals, capital size (issue 14)
- technology.effect: what the technology does for a line (data/catalogue/effects), and the
  typical saving / investment / payback at its reference project (derived, for sorting)
- curation_settings: the bureau's reference energy prices for those paybacks
- technology_figure: basis in Chinese, a unit for Chinese pages, a cited source key
- need.gap_requested_at: the enterprise asked the bureau to fill a catalogue gap (issue 14)
- match_quote: an enterprise's quoted capex for a technology on a need's line (issue 13)
- facility: the catalogue entries it already has and a note (issue 14); main fuel and tce shares by carrier (replacing electricity_share, whose
  values move into the shares), coke and fuel-oil prices
- benchmark_product: the limit standard's source and in-force date, the default main fuel
- conversion_factor / fuel: bases in both languages, the CO₂ source of each fuel

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 14:00:00
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# The main fuel a line of each benchmark family burns by default (as in data/benchmarks.yaml),
# for the lines whose electricity share moves into their shares.
_ELECTRIC = ('eaf_steelmaking', 'aluminium_electrolysis', 'ferroalloy_fesi', 'ferroalloy_simn',
             'industrial_silicon')
_GAS = ('flat_glass', 'building_ceramics', 'sanitary_ceramics')
_COKE = ('bf_ironmaking', 'bof_steelmaking')
REFERENCE_PRICES = ('ref_electricity_price', 'ref_coal_price', 'ref_gas_price', 'ref_coke_price',
                    'ref_fuel_oil_price')


def _main_fuel(family: str) -> str:
    if family in _ELECTRIC:
        return 'electricity'
    if family in _GAS:
        return 'natural_gas'
    return 'coke' if family in _COKE else 'coal'


def upgrade() -> None:
    op.create_table(
        'reference_source',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('publisher_zh', sa.String(length=300), nullable=False, server_default=''),
        sa.Column('publisher_en', sa.String(length=300), nullable=False, server_default=''),
        sa.Column('title', sa.Text(), nullable=False, server_default=''),
        sa.Column('date', sa.String(length=10), nullable=True),
        sa.Column('url', sa.Text(), nullable=True),
        sa.Column('kind', sa.String(length=32), nullable=False, server_default=''),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_reference_source')),
    )
    with op.batch_alter_table('technology', schema=None) as batch_op:
        batch_op.add_column(sa.Column('effect', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('problems', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('ref_saving_tce', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('ref_capex_cny', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('ref_payback_years', sa.Float(), nullable=True))
        batch_op.create_index(batch_op.f('ix_technology_ref_capex_cny'), ['ref_capex_cny'], unique=False)
        batch_op.create_index(batch_op.f('ix_technology_ref_payback_years'), ['ref_payback_years'], unique=False)
    with op.batch_alter_table('curation_settings', schema=None) as batch_op:
        for name in REFERENCE_PRICES:
            batch_op.add_column(sa.Column(name, sa.Float(), nullable=True))
    with op.batch_alter_table('technology_figure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_zh', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('basis_zh', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('source_key', sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_technology_figure_source_key_reference_source'),
                                    'reference_source', ['source_key'], ['key'])
    with op.batch_alter_table('benchmark_product', schema=None) as batch_op:
        batch_op.alter_column('annex_source', existing_type=sa.String(length=16), type_=sa.String(length=64))
        batch_op.add_column(sa.Column('standard_source', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('standard_in_force', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('default_main_fuel', sa.String(length=16), nullable=False,
                                      server_default='coal'))
    for table in ('conversion_factor', 'fuel'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('basis_zh', sa.Text(), nullable=False, server_default=''))
            batch_op.add_column(sa.Column('basis_en', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('fuel', schema=None) as batch_op:
        batch_op.add_column(sa.Column('co2_source', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.add_column(sa.Column('main_fuel', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('fuel_shares', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('coke_price', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('fuel_oil_price', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('installed', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('installed_note', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gap_requested_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'match_quote',
        sa.Column('need_id', sa.Integer(), nullable=False),
        sa.Column('technology_id', sa.Integer(), nullable=False),
        sa.Column('capex_cny', sa.Float(), nullable=False),
        sa.Column('quoted_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('capex_cny > 0', name=op.f('ck_match_quote_capex_positive')),
        sa.ForeignKeyConstraint(['need_id'], ['need.id'], name=op.f('fk_match_quote_need_id_need'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['technology_id'], ['technology.id'],
                                name=op.f('fk_match_quote_technology_id_technology'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('need_id', 'technology_id', name=op.f('pk_match_quote')),
    )
    _shares_from_electricity_share()
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.drop_column('electricity_share')


def _shares_from_electricity_share() -> None:
    """A recorded electricity share becomes the line's shares: electricity and
    the rest on the family's main fuel."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT f.id, p.family, f.electricity_share FROM facility f "
        "JOIN benchmark_product p ON p.key = f.product_key WHERE f.electricity_share IS NOT NULL")).all()
    for facility_id, family, share in rows:
        main = _main_fuel(family)
        shares = {'electricity': 1.0} if main == 'electricity' else \
            {k: v for k, v in ((main, round(1 - share, 6)), ('electricity', share)) if v > 0}
        bind.execute(sa.text("UPDATE facility SET main_fuel = :main, fuel_shares = :shares WHERE id = :id"),
                     {"main": main, "shares": json.dumps(shares), "id": facility_id})


def downgrade() -> None:
    op.drop_table('match_quote')
    with op.batch_alter_table('need', schema=None) as batch_op:
        batch_op.drop_column('gap_requested_at')
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.add_column(sa.Column('electricity_share', sa.Float(), nullable=True))
    bind = op.get_bind()
    for facility_id, shares in bind.execute(sa.text(
            "SELECT id, fuel_shares FROM facility WHERE fuel_shares IS NOT NULL")).all():
        # a JSON null is stored as the text 'null' on SQLite
        value = ((json.loads(shares) if isinstance(shares, str) else shares) or {}).get('electricity')
        bind.execute(sa.text("UPDATE facility SET electricity_share = :s WHERE id = :id"),
                     {"s": value, "id": facility_id})
    with op.batch_alter_table('facility', schema=None) as batch_op:
        batch_op.drop_column('installed_note')
        batch_op.drop_column('installed')
        batch_op.drop_column('fuel_oil_price')
        batch_op.drop_column('coke_price')
        batch_op.drop_column('fuel_shares')
        batch_op.drop_column('main_fuel')
    with op.batch_alter_table('fuel', schema=None) as batch_op:
        batch_op.drop_column('co2_source')
    for table in ('fuel', 'conversion_factor'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('basis_en')
            batch_op.drop_column('basis_zh')
    with op.batch_alter_table('benchmark_product', schema=None) as batch_op:
        batch_op.drop_column('default_main_fuel')
        batch_op.drop_column('standard_in_force')
        batch_op.drop_column('standard_source')
        # annex_source stays 64 wide: its values are source keys now
    with op.batch_alter_table('technology_figure', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_technology_figure_source_key_reference_source'),
                                 type_='foreignkey')
        batch_op.drop_column('source_key')
        batch_op.drop_column('basis_zh')
        batch_op.drop_column('unit_zh')
    with op.batch_alter_table('curation_settings', schema=None) as batch_op:
        for name in REFERENCE_PRICES:
            batch_op.drop_column(name)
    with op.batch_alter_table('technology', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_technology_ref_payback_years'))
        batch_op.drop_index(batch_op.f('ix_technology_ref_capex_cny'))
        batch_op.drop_column('ref_payback_years')
        batch_op.drop_column('ref_capex_cny')
        batch_op.drop_column('ref_saving_tce')
        batch_op.drop_column('problems')
        batch_op.drop_column('effect')
    op.drop_table('reference_source')
