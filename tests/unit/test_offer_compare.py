"""A published offer's terms (``OfferTerms``) turned into cash flows for one
project: the line's saving and the capex, never the need's budget."""
from __future__ import annotations

import pytest

from catalog.enterprise.offers import compare_terms, view
from catalog.supply.contract import OfferTerms, emc_terms


def terms(**kw) -> OfferTerms:
    base = dict(offer_id=1, title="余热发电效益分享", model="shared_savings", min_project_cny=5e6,
                regions=("chongqing",), enterprise_share=(0.2, 0.2, 0.4), term_years=3, investor="esco",
                esco_investment_share=1.0, esco_investment_max_cny=None, guaranteed_saving=None,
                guarantee_unit="", mv_method="ipmvp_b", supplier_id=9, supplier_name="某节能公司",
                supplier_verified=True)
    return OfferTerms(**{**base, **kw})


def test_the_capex_sizes_the_project_and_a_co_investment_is_deducted():
    offer = view(terms(investor="shared", esco_investment_share=0.5, enterprise_investment_share=0.5))
    [c] = compare_terms([offer], 2e6, 8e6, discount_rate=0.08)
    assert (c.project_cny, c.project_basis, c.complete) == (8e6, "capex", True)
    # year 0: the ESCO 4,000,000, the enterprise its 4,000,000 co-investment
    assert (c.emc.years[0].esco, c.emc.years[0].enterprise) == (-4e6, -4e6)
    assert c.emc.years[1].esco == pytest.approx(2e6 * 0.8)
    # enterprise: −4,000,000 + 2,000,000 × (0.2 + 0.2 + 0.4) = −2,400,000
    assert c.emc.enterprise_total == pytest.approx(-2.4e6)
    assert c.own.years[0].enterprise == -8e6 and c.emc.discount_rate == 0.08


def test_the_service_life_extends_both_flows():
    [c] = compare_terms([view(terms())], 1e6, 3e6, discount_rate=0.08, service_life_years=10)
    assert c.result.horizon_years == 10 and len(c.emc.years) == len(c.own.years) == 11
    assert c.emc.years[10].enterprise == 1e6 and c.emc.years[10].esco == 0


def test_a_guarantee_in_mwh_is_valued_at_the_callers_price():
    t = terms(model="guaranteed_savings", enterprise_share=(), investor="enterprise",
              esco_investment_share=0.0, guaranteed_saving=2000, guarantee_unit="mwh_per_year",
              service_fee_cny=30_000, shortfall_kind="share", shortfall_share=0.5)
    [c] = compare_terms([view(t)], 500_000, 2e6, discount_rate=0.08, prices={"mwh": 600.0})
    # 2,000 MWh × 600 CNY/MWh = 1,200,000 a year; shortfall 700,000; the ESCO pays half: 350,000
    assert c.conversion.cny == 1_200_000 and c.conversion.price_unit == "cny_per_mwh"
    assert c.emc.years[1].enterprise == pytest.approx(500_000 - 30_000 + 350_000)
    assert c.emc.years[1].esco == pytest.approx(30_000 - 350_000)
    [priceless] = compare_terms([view(t)], 500_000, 2e6, discount_rate=0.08)
    assert priceless.emc is None and priceless.missing_inputs == ("price",)


def test_an_old_offer_without_the_new_terms_is_incomplete():
    t = terms(model="guaranteed_savings", enterprise_share=(), guaranteed_saving=1200,
              guarantee_unit="tce_per_year")
    [c] = compare_terms([view(t)], 1e6, 3e6, discount_rate=0.08, prices={"tce": 900})
    assert c.emc is None and c.missing_terms == ("service_fee", "shortfall_kind")


def test_hosting_uses_the_lines_baseline_energy_cost():
    t = terms(model="energy_cost_hosting", enterprise_share=(), hosting_discount=0.08)
    [c] = compare_terms([view(t)], 600_000, 1.5e6, discount_rate=0.08, baseline_energy_cost_cny=4e6)
    # the enterprise pays 4,000,000 × 92 % = 3,680,000 instead of 4,000,000
    assert c.emc.years[1].enterprise == pytest.approx(320_000)
    assert c.emc.years[1].esco == pytest.approx(3_680_000 - (4e6 - 600_000))


def test_a_capex_below_the_offers_minimum_project_is_flagged():
    [c] = compare_terms([view(terms())], 1e6, 3e6, discount_rate=0.08)
    assert c.below_minimum


def test_emc_terms_carry_every_stated_term():
    t = terms(model="financing_lease", enterprise_share=(), lease_rate=0.05, instalments_per_year=12,
              down_payment_share=0.1, esco_investment_share=0.0)
    found = emc_terms(t)
    assert (found.lease_rate, found.instalments_per_year, found.down_payment_share) == (0.05, 12, 0.1)
