"""EMC contracts, one worked example per model with the arithmetic written
out. Figures are CNY; year 0 is the investment; each row's columns add up to
that year's saving (year 0: − capex)."""
from __future__ import annotations

import pytest

from matching.emc import Project, Shortfall, Terms, annuity, contract, missing_terms, self_funded

R = 0.08


def column(flow, party):
    return [getattr(y, party) for y in flow.years]


def discounted(flows, rate=R):
    return sum(f / (1 + rate) ** t for t, f in enumerate(flows))


def test_self_funded_pays_capex_in_year_zero():
    flow = self_funded(capex=1_000_000, annual_saving=400_000, years=3, discount_rate=0.1)
    assert column(flow, "enterprise") == [-1_000_000, 400_000, 400_000, 400_000]
    assert flow.enterprise_total == 200_000
    # −1,000,000 + 400,000/1.1 + 400,000/1.21 + 400,000/1.331 = −5,259.20
    assert flow.enterprise_npv == pytest.approx(-5_259.20, abs=0.01)


def test_shared_savings_with_co_investment_and_a_service_life_beyond_the_term():
    """Capex 2,000,000: the ESCO invests 60 % = 1,200,000, the enterprise
    co-invests 40 % = 800,000. Saving 800,000 a year, shares 20/30/50 % over a
    3-year term, service life 5 years (years 4–5: the enterprise keeps all)."""
    terms = Terms("shared_savings", 3, (0.2, 0.3, 0.5), esco_investment_share=0.6)
    c = contract(terms, Project(800_000, 2_000_000, R, service_life=5))
    flow = c.emc
    # year 1: 800,000 × 20 % = 160,000 | 640,000; year 2: × 30 % = 240,000 | 560,000;
    # year 3: × 50 % = 400,000 | 400,000; years 4, 5: 800,000 | 0
    assert column(flow, "enterprise") == pytest.approx([-800_000, 160_000, 240_000, 400_000, 800_000,
                                                        800_000])
    assert column(flow, "esco") == pytest.approx([-1_200_000, 640_000, 560_000, 400_000, 0, 0])
    # enterprise: −800,000 + 160,000 + 240,000 + 400,000 + 2 × 800,000 = 1,600,000
    # ESCO: −1,200,000 + 640,000 + 560,000 + 400,000 = 400,000
    # together 2,000,000 = 5 × 800,000 − 2,000,000 (money is conserved)
    assert (flow.enterprise_total, flow.esco_total) == pytest.approx((1_600_000, 400_000))
    assert c.own.enterprise_total == pytest.approx(2_000_000)
    # NPV at 8 %: −800,000 + 160,000/1.08 + 240,000/1.1664 + 400,000/1.259712
    #             + 800,000/1.36048896 + 800,000/1.4693280768 = 1,003,932.80
    assert flow.enterprise_npv == pytest.approx(1_003_932.80, abs=0.01)
    assert flow.esco_npv == pytest.approx(discounted([-1_200_000, 640_000, 560_000, 400_000]))
    named = {a.name: a.value for a in c.assumptions}
    assert named["esco_investment"] == 1_200_000 and named["enterprise_investment"] == 800_000
    assert named["horizon"] == 5 and named["discount_rate"] == 8 and named["enterprise_share"] == "20/30/50"


def test_the_esco_cap_leaves_the_rest_of_the_capex_to_the_enterprise():
    # 100 % of 5,000,000 would be the ESCO's, but it takes on at most 3,000,000
    c = contract(Terms("shared_savings", 2, (0.5,), esco_investment_max=3_000_000),
                 Project(1_000_000, 5_000_000, R))
    assert c.emc.years[0].esco == -3_000_000 and c.emc.years[0].enterprise == -2_000_000


@pytest.mark.parametrize(("rule", "compensation"), [
    (Shortfall("full"), 100_000),                      # the whole 100,000 shortfall
    (Shortfall("share", share=0.4), 40_000),           # 40 % × 100,000
    (Shortfall("capped", cap=30_000), 30_000),         # min(100,000, 30,000)
])
def test_guaranteed_savings_in_tce_with_each_shortfall_rule(rule, compensation):
    """The enterprise invests 1,500,000 and pays a 50,000 service fee a year
    for 3 years. Guarantee 500 tce/yr × 1,000 CNY/tce = 500,000 CNY a year;
    the saving is 400,000, so the shortfall is 100,000 a year."""
    terms = Terms("guaranteed_savings", 3, esco_investment_share=0.0, service_fee=50_000, guarantee=500,
                  guarantee_unit="tce_per_year", shortfall=rule)
    c = contract(terms, Project(400_000, 1_500_000, R, tce_price=1_000))
    assert (c.conversion.amount, c.conversion.price, c.conversion.cny) == (500, 1_000, 500_000)
    # enterprise: 400,000 − 50,000 + compensation; ESCO: 50,000 − compensation
    enterprise, esco = 350_000 + compensation, 50_000 - compensation
    assert column(c.emc, "enterprise") == pytest.approx([-1_500_000] + [enterprise] * 3)
    assert column(c.emc, "esco") == pytest.approx([0] + [esco] * 3)
    # totals: 3 × 400,000 − 1,500,000 = −300,000 between them
    assert c.emc.enterprise_total + c.emc.esco_total == pytest.approx(-300_000)


def test_a_guarantee_in_tce_without_a_price_is_incomplete():
    terms = Terms("guaranteed_savings", 3, service_fee=0, guarantee=500, guarantee_unit="tce_per_year",
                  shortfall=Shortfall("full"))
    c = contract(terms, Project(400_000, 1_500_000, R))
    assert c.emc is None and c.missing_inputs == ("price",) and c.missing_terms == ()


def test_energy_cost_hosting():
    """Baseline 5,000,000 a year, 10 % discount: the enterprise pays the ESCO
    4,500,000 instead of its 5,000,000 bill (+500,000 a year). The ESCO pays
    the bill after the retrofit, 5,000,000 − 1,200,000 = 3,800,000, so it
    keeps 4,500,000 − 3,800,000 = 700,000 a year; it invested 2,000,000."""
    terms = Terms("energy_cost_hosting", 4, hosting_baseline=5_000_000, hosting_discount=0.1)
    c = contract(terms, Project(1_200_000, 2_000_000, R, baseline_energy_cost=5_000_000))
    assert column(c.emc, "enterprise") == pytest.approx([0, 500_000, 500_000, 500_000, 500_000])
    assert column(c.emc, "esco") == pytest.approx([-2_000_000, 700_000, 700_000, 700_000, 700_000])
    # 2,000,000 + 800,000 = 4 × 1,200,000 − 2,000,000
    assert (c.emc.enterprise_total, c.emc.esco_total) == pytest.approx((2_000_000, 800_000))


def test_hosting_takes_the_lines_energy_cost_when_the_offer_states_no_baseline():
    terms = Terms("energy_cost_hosting", 1, hosting_discount=0.05)
    c = contract(terms, Project(150_000, 100_000, R, baseline_energy_cost=1_000_000))
    # pays 950,000 instead of 1,000,000; the ESCO: 950,000 − 850,000 = 100,000
    assert (c.emc.years[1].enterprise, c.emc.years[1].esco) == pytest.approx((50_000, 100_000))
    assert {a.name: a.source for a in c.assumptions}["hosting_baseline"] == "project"
    assert contract(terms, Project(150_000, 100_000, R)).missing_inputs == ("baseline_energy_cost",)


def test_financing_lease_with_quarterly_instalments():
    """Capex 1,000,000; down payment 20 % = 200,000; the lessor finances
    800,000 at 6 % a year, 4 instalments a year over 2 years: 8 quarters at
    1.5 %. Instalment = 800,000 × 0.015 / (1 − 1.015⁻⁸) = 12,000 / 0.112289…
    = 106,867.22; 427,468.88 a year; interest 8 × 106,867.22 − 800,000
    = 54,937.76 (the lessor's income). Saving 500,000 a year; life 4 years."""
    assert annuity(800_000, 0.015, 8) == pytest.approx(106_867.22, abs=0.01)
    terms = Terms("financing_lease", 2, lease_rate=0.06, instalments_per_year=4, down_payment_share=0.2)
    c = contract(terms, Project(500_000, 1_000_000, R, service_life=4))
    yearly = 427_468.88
    assert column(c.emc, "enterprise") == pytest.approx(
        [-200_000, 500_000 - yearly, 500_000 - yearly, 500_000, 500_000], abs=0.01)
    assert column(c.emc, "lessor") == pytest.approx([-800_000, yearly, yearly, 0, 0], abs=0.01)
    assert column(c.emc, "esco") == [0] * 5
    assert c.emc.lessor_total == pytest.approx(54_937.76, abs=0.01)
    # enterprise 945,062.24 + lessor 54,937.76 = 4 × 500,000 − 1,000,000
    assert c.emc.enterprise_total + c.emc.lessor_total == pytest.approx(1_000_000)
    assert c.emc.has_lessor and {a.name: a.value for a in c.assumptions}["lease_interest"] == \
        pytest.approx(54_937.76, abs=0.01)


def test_an_interest_free_yearly_lease_is_capex_over_the_term():
    assert annuity(1_000_000, 0.0, 4) == 250_000
    c = contract(Terms("financing_lease", 4, lease_rate=0.0, instalments_per_year=1, down_payment_share=0.0),
                 Project(300_000, 1_000_000, R))
    assert c.emc.years[1].enterprise == pytest.approx(50_000) and c.emc.lessor_total == pytest.approx(0)


def test_hybrid_guarantees_the_enterprises_share():
    """The ESCO invests 1,000,000; the enterprise keeps 30 %; the ESCO
    guarantees 600,000 a year, so the enterprise's part of it, 180,000. The
    saving is 500,000: the enterprise gets 150,000 and its part of the
    100,000 shortfall, 30,000, capped at 20,000 → 170,000; the ESCO
    350,000 − 20,000 = 330,000."""
    terms = Terms("hybrid", 2, (0.3,), guarantee=600_000, guarantee_unit="cny_per_year",
                  shortfall=Shortfall("capped", cap=20_000))
    c = contract(terms, Project(500_000, 1_000_000, R))
    assert column(c.emc, "enterprise") == pytest.approx([0, 170_000, 170_000])
    assert column(c.emc, "esco") == pytest.approx([-1_000_000, 330_000, 330_000])
    assert c.emc.enterprise_total + c.emc.esco_total == pytest.approx(2 * 500_000 - 1_000_000)


@pytest.mark.parametrize(("terms", "missing"), [
    (Terms("guaranteed_savings", 5, guarantee=1200, guarantee_unit="tce_per_year"),
     ("service_fee", "shortfall_kind")),                       # an offer saved before revision 0010
    (Terms("financing_lease", 5, lease_rate=0.05), ("instalments_per_year", "down_payment")),
    (Terms("energy_cost_hosting", 5), ("hosting_discount",)),
    (Terms("shared_savings", 5), ("enterprise_share",)),
    (Terms("hybrid", 5, (0.3,), guarantee=1, guarantee_unit="cny_per_year", shortfall=Shortfall("share")),
     ("shortfall_share",)),
])
def test_an_offer_lacking_a_term_its_model_needs_is_incomplete(terms, missing):
    assert missing_terms(terms) == missing
    c = contract(terms, Project(1e6, 1e6, R, baseline_energy_cost=5e6, tce_price=900))
    assert c.emc is None and c.own is None and not c.complete and c.missing_terms == missing


def test_no_cash_flow_without_a_saving_or_a_capex():
    c = contract(Terms("shared_savings", 3, (0.5,)), Project(None, None, R))
    assert c.missing_inputs == ("annual_saving", "capex") and c.emc is None


def test_a_service_life_shorter_than_the_term_shows_the_term():
    c = contract(Terms("shared_savings", 5, (0.5,)), Project(1e5, 1e5, R, service_life=3))
    assert c.horizon_years == 5 and len(c.emc.years) == len(c.own.years) == 6


@pytest.mark.parametrize("kw", [
    {"model": "barter", "term_years": 3},
    {"model": "shared_savings", "term_years": 0},
    {"model": "shared_savings", "term_years": 2, "enterprise_share": (1.2,)},
    {"model": "financing_lease", "term_years": 2, "instalments_per_year": 3},
    {"model": "guaranteed_savings", "term_years": 2, "guarantee": 5.0, "guarantee_unit": "kg"},
])
def test_impossible_terms_are_refused(kw):
    with pytest.raises(ValueError):
        Terms(**kw)


def test_unknown_shortfall_rule_is_refused():
    with pytest.raises(ValueError):
        Shortfall("half")
