"""Capex for a line (quote, listed prices, scaled reference project) and the
appraisal built on it, with the hand arithmetic written out."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.enterprise.appraisal import appraise, capex_for
from matching.capex import from_prices, from_quote, scaled
from matching.effects import Range
from matching.impact import Impact

WHP = {"reference": {"capacity": 1_550_000, "capex_cny": 50_000_000, "source": "k", "evidence": "V-sec"},
       "service_life_years": 20, "service_life_source": "capex-gasturbineworld-hrsg"}


def impact(cost: Range) -> Impact:
    return Impact("generation", cost_cny=cost, energy_tce=Range(1, 1, 1))


def test_reference_project_scaled_by_the_six_tenths_rule_and_linear():
    capex = scaled(50_000_000, 1_550_000, 1_200_000)
    # 50,000,000 × (1,200,000 ÷ 1,550,000)^0.6 = 42,882,464; linear: 50,000,000 × 0.7742 = 38,709,677
    assert capex.value.typical == pytest.approx(50_000_000 * (1_200_000 / 1_550_000) ** 0.6)
    assert capex.value.low == pytest.approx(50_000_000 * 1_200_000 / 1_550_000)
    assert "^0.6" in capex.formula and capex.kind == "reference"


def test_a_cost_per_cell_scales_linearly():
    capex = scaled(40_000, 437, 200_000, linear_only=True)
    # 40,000 CNY × 200,000 ÷ 437 = 18,306,636 CNY (458 cells' worth)
    assert capex.value.typical == capex.value.low == capex.value.high == pytest.approx(40_000 * 200_000 / 437)


def test_listed_prices_give_a_range():
    capex = from_prices([(1_000_000, 3_000_000), (2_000_000, None)])
    assert (capex.value.low, capex.value.high) == (1_000_000, 3_000_000) and capex.kind == "product"
    assert from_prices([(None, None)]) is None


def test_a_quote_comes_first_then_prices_then_the_reference():
    assert capex_for(WHP, 8_000_000, [(1, 2)], 1e6).kind == "quote"
    assert capex_for(WHP, None, [(1_000_000, 2_000_000)], 1e6).kind == "product"
    assert capex_for(WHP, None, [], 1_200_000).kind == "reference"
    assert capex_for({}, None, [], 1_200_000) is None     # the budget is never the capex


def test_payback_npv_and_irr_over_the_service_life():
    capex = from_quote(40_000_000)
    found = appraise(WHP, impact(Range(12_000_000, 15_000_000, 18_000_000)), capex, 0.08)
    # payback = 40,000,000 ÷ 15,000,000 = 2.667 years; best 40 ÷ 18, worst 40 ÷ 12
    assert found.payback_years.typical == pytest.approx(40 / 15)
    assert (found.payback_years.low, found.payback_years.high) == pytest.approx((40 / 18, 40 / 12))
    # NPV = −40,000,000 + 15,000,000 × (1 − 1.08^−20) ÷ 0.08 = 107,272,109
    assert found.npv_cny.typical == pytest.approx(-40e6 + 15e6 * (1 - 1.08 ** -20) / 0.08)
    assert found.irr == pytest.approx(0.3747, abs=1e-3)
    cases = {row["case"]: row for row in found.sensitivity}
    assert cases["price_low"]["payback_years"] == pytest.approx(40 / 12)        # 15 M × 0.8
    assert cases["saving_high"]["annual_saving_cny"] == 18_000_000


def test_without_a_cited_service_life_the_statutory_depreciation_period_is_used_and_said():
    found = appraise({}, impact(Range(1e6, 1e6, 1e6)), from_quote(3e6), 0.08)
    # NPV = −3,000,000 + 1,000,000 × (1 − 1.08^−10) ÷ 0.08 = 3,710,081
    assert found.payback_years.typical == 3 and found.life_years == 10 and found.life_statutory
    assert found.npv_cny.typical == pytest.approx(-3e6 + 1e6 * (1 - 1.08 ** -10) / 0.08)
    assert found.life_source == "state-council-2007-512"


def test_without_capex_nothing_is_computed():
    found = appraise(WHP, impact(Range(1, 2, 3)), None, 0.08)
    assert found.payback_years is None and found.missing == ["capex"]


@given(st.floats(1e4, 1e9), st.floats(1e3, 1e8))
def test_payback_is_capex_over_the_yearly_net_saving(capex, saving):
    found = appraise({}, impact(Range(saving, saving, saving)), from_quote(capex), 0.08)
    assert found.payback_years.typical == pytest.approx(capex / saving)


@given(st.floats(1e3, 1e8), st.floats(1e3, 1e8))
def test_a_larger_saving_never_lowers_npv(a, b):
    small, large = sorted((a, b))
    npv = [appraise(WHP, impact(Range(s, s, s)), from_quote(5e6), 0.08).npv_cny.typical
           for s in (small, large)]
    assert npv[1] >= npv[0] - 1e-6
