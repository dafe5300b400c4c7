"""The contract terms of issue 13 through the offer service: every model saves
with its complete terms, impossible combinations are refused on their field,
and an offer saved before the terms existed says which it lacks."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.accounts.checks import InvalidFields
from catalog.supply import offers
from catalog.supply.contract import emc_terms, missing, terms
from matching.emc import Project, contract
from tests.supply_world import EMAILS, actor_of, offer_input

GUARANTEED = dict(model="guaranteed_savings", investor="enterprise", esco_investment_pct="0",
                  enterprise_shares="", guaranteed_saving="1200", guarantee_unit="tce_per_year",
                  shortfall_kind="capped", shortfall_cap_wan="20", service_fee_wan="8")
HOSTING = dict(model="energy_cost_hosting", enterprise_shares="", hosting_discount_pct="8",
               hosting_baseline_wan="500")
LEASE = dict(model="financing_lease", investor="financier", esco_investment_pct="0", enterprise_shares="",
             financing_partner="重庆某金融租赁有限公司", lease_rate_pct="6", lease_instalments="4",
             down_payment_pct="20")
HYBRID = dict(model="hybrid", investor="shared", esco_investment_pct="70", enterprise_investment_pct="30",
              guaranteed_saving="600000", guarantee_unit="cny_per_year", shortfall_kind="share",
              shortfall_share_pct="50")


@pytest.fixture
def db(supply_db, supply_world):
    with supply_db["sessions"]() as session:
        yield session


def create(db, supply_world, **overrides):
    return offers.create(db, actor_of(db, EMAILS["supplier_admin"]), supply_world["orgs"]["V"],
                         offer_input(**overrides))


def test_every_model_saves_with_complete_terms(db, supply_world):
    guaranteed = create(db, supply_world, **GUARANTEED)
    assert (guaranteed.shortfall_kind, guaranteed.shortfall_cap_cny, guaranteed.service_fee_cny) == \
        ("capped", 200_000, 80_000)                                  # 万元 → CNY
    hosting = create(db, supply_world, **HOSTING)
    assert (hosting.hosting_discount_pct, hosting.hosting_baseline_cny) == (8, 5_000_000)
    lease = create(db, supply_world, **LEASE)
    assert (lease.lease_rate_pct, lease.lease_instalments_per_year, lease.down_payment_pct) == (6, 4, 20)
    assert lease.enterprise_investment_pct is None
    hybrid = create(db, supply_world, **HYBRID)
    assert (hybrid.enterprise_investment_pct, hybrid.shortfall_share_pct) == (30, 50)
    shared = create(db, supply_world)
    assert shared.enterprise_investment_pct == 0                   # 100 % − the ESCO's 100 %
    for offer in (guaranteed, hosting, lease, hybrid, shared):
        assert missing(offer) == (), offer.model


def test_the_saved_terms_reach_the_cash_flow(db, supply_world):
    t = terms(create(db, supply_world, **GUARANTEED))
    c = contract(emc_terms(t), Project(1_000_000, 3_000_000, 0.08, tce_price=1_000))
    # guarantee 1,200 tce × 1,000 = 1,200,000; shortfall 200,000, capped at 200,000 (20 万元);
    # the enterprise: 1,000,000 − 80,000 fee + 200,000 = 1,120,000 a year
    assert c.emc.years[1].enterprise == pytest.approx(1_120_000)
    assert c.emc.years[1].esco == pytest.approx(80_000 - 200_000)


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"service_fee_wan": "5"}, {"service_fee": "term.not_applicable"}),
    ({**GUARANTEED, "service_fee_wan": ""}, {"service_fee": "term.required"}),
    ({**GUARANTEED, "service_fee_wan": "abc"}, {"service_fee": "field.number"}),
    ({**HOSTING, "hosting_discount_pct": ""}, {"hosting_discount_pct": "term.required"}),
    ({**HOSTING, "hosting_discount_pct": "120"}, {"hosting_discount_pct": "field.range"}),
    ({"hosting_discount_pct": "5"}, {"hosting_discount_pct": "term.not_applicable"}),
    ({"lease_rate_pct": "5"}, {"lease_rate_pct": "term.not_applicable"}),
    ({**LEASE, "lease_rate_pct": "", "down_payment_pct": ""},
     {"lease_rate_pct": "term.required", "down_payment_pct": "term.required"}),
    ({**LEASE, "lease_instalments": "3"}, {"lease_instalments": "field.choice"}),
    ({**LEASE, "lease_instalments": ""}, {"lease_instalments": "term.required"}),
    ({**LEASE, "down_payment_pct": "100"}, {"down_payment_pct": "field.range"}),
    ({**LEASE, "investor": "shared", "esco_investment_pct": "50"}, {"esco_investment_pct": "investor.lease"}),
    ({**LEASE, "enterprise_investment_pct": "20"}, {"enterprise_investment_pct": "coinvest.lease"}),
    ({**HYBRID, "enterprise_investment_pct": "40"}, {"enterprise_investment_pct": "coinvest.mismatch"}),
    ({**GUARANTEED, "shortfall_kind": "share", "shortfall_cap_wan": ""},
     {"shortfall_share_pct": "term.required"}),
    ({**GUARANTEED, "shortfall_cap_wan": ""}, {"shortfall_cap": "term.required"}),
    ({**GUARANTEED, "shortfall_kind": "full"}, {"shortfall_cap": "term.not_applicable"}),
    ({**GUARANTEED, "shortfall_kind": "half"}, {"shortfall_kind": "field.choice",
                                                "shortfall_cap": "term.not_applicable"}),
    ({"shortfall_kind": "full"}, {"shortfall_kind": "shortfall.without_guarantee"}),
    ({"guaranteed_saving": "500", "guarantee_unit": "tce_per_year"},
     {"guaranteed_saving": "term.not_applicable"}),
    ({**HYBRID, "guaranteed_saving": "", "shortfall_kind": "", "shortfall_share_pct": ""},
     {"guaranteed_saving": "guarantee.required"}),
])
def test_impossible_combinations_are_refused_on_their_field(db, supply_world, overrides, expected):
    before = db.scalar(select(func.count()).select_from(m.EmcOffer))
    with pytest.raises(InvalidFields) as caught:
        create(db, supply_world, **overrides)
    assert {e.field: e.code for e in caught.value.errors} == expected
    assert db.scalar(select(func.count()).select_from(m.EmcOffer)) == before


def test_an_offer_saved_before_the_terms_existed_names_what_it_lacks(db, supply_world):
    """As the migration leaves them: an old guaranteed-savings offer with a
    free-text rule only, an old lease with no rate."""
    old = create(db, supply_world, **GUARANTEED)
    old.service_fee_cny = old.shortfall_kind = old.shortfall_cap_cny = None
    lease = create(db, supply_world, **LEASE)
    lease.lease_rate_pct = lease.lease_instalments_per_year = lease.down_payment_pct = None
    db.commit()
    assert missing(old) == ("service_fee", "shortfall_kind")
    assert missing(lease) == ("lease_rate", "instalments_per_year", "down_payment")
