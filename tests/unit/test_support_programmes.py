"""matching.support: what a programme does to one investment's payback and
NPV, with the hand arithmetic (issue 23), and properties: a grant or an
interest subsidy never lengthens the payback nor lowers the NPV; a loan never
changes the payback."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import support
from matching.support import Rule

CAPEX, NET, RATE, BASE_NPV = 1_000_000.0, 250_000.0, 0.08, 100_000.0


def test_grant_is_a_capped_share_of_the_investment():
    # 1,000,000 × 20 % = 200,000 > cap 150,000 → grant 150,000
    found = support.apply(Rule("grant", share=0.2, cap_cny=150_000), CAPEX, NET, RATE, BASE_NPV)
    assert found.usable and found.support_cny == 150_000
    # without: 1,000,000 ÷ 250,000 = 4.0 years; with: (1,000,000 − 150,000) ÷ 250,000 = 3.4 years
    assert found.effective_capex == 850_000
    assert found.payback_years == pytest.approx(3.4)
    assert found.npv == pytest.approx(100_000 + 150_000)


def test_grant_below_its_cap():
    # 1,000,000 × 10 % = 100,000 < cap 5,000,000
    found = support.apply(Rule("grant", share=0.1, cap_cny=5_000_000), CAPEX, NET, RATE)
    assert found.support_cny == pytest.approx(100_000)
    assert found.payback_years == pytest.approx(900_000 / 250_000)   # 3.6 years
    assert found.npv is None                                           # no base NPV given


def test_interest_subsidy_of_one_and_a_half_points_for_two_years():
    # 1,000,000 × 1.5 % = 15,000 a year; × 2 years = 30,000
    found = support.apply(Rule("interest_subsidy", rate=0.015, years=2), CAPEX, NET, RATE, BASE_NPV)
    assert found.instalment_cny == pytest.approx(15_000)
    assert found.support_cny == pytest.approx(30_000)
    # payback (1,000,000 − 30,000) ÷ 250,000 = 3.88 years
    assert found.payback_years == pytest.approx(3.88)
    # NPV + 15,000 ÷ 1.08 + 15,000 ÷ 1.08² = 100,000 + 13,888.89 + 12,860.08
    assert found.npv_gain == pytest.approx(13_888.889 + 12_860.082, abs=0.01)
    assert found.npv == pytest.approx(126_748.97, abs=0.01)


def test_loan_below_the_discount_rate_adds_its_financing_benefit():
    # instalment 1,000,000 × 0.04 ÷ (1 − 1.04⁻⁵) = 224,627.11 a year for 5 years
    found = support.apply(Rule("credit", rate=0.04, years=5), CAPEX, NET, RATE, BASE_NPV)
    assert found.instalment_cny == pytest.approx(224_627.11, abs=0.01)
    # benefit = 1,000,000 − Σ 224,627.11 ÷ 1.08^t (t = 1…5) = 1,000,000 − 896,870.91
    assert found.npv_gain == pytest.approx(103_129.07, abs=0.01)
    assert found.payback_years == pytest.approx(4.0)   # a loan does not lower the investment


def test_loan_share_and_zero_rate():
    found = support.apply(Rule("credit", share=0.5, rate=0.0, years=4), CAPEX, NET, RATE)
    assert found.support_cny == 500_000 and found.instalment_cny == 125_000


def test_missing_figure_is_not_used():
    found = support.apply(Rule("grant"), CAPEX, NET, RATE, BASE_NPV)
    assert not found.usable and found.missing == ("share",) and found.payback_years is None
    found = support.apply(Rule("credit", rate=0.035), CAPEX, NET, RATE)
    assert not found.usable and found.missing == ("years",)


def test_never_pays_back_without_a_positive_net_saving():
    found = support.apply(Rule("grant", share=0.3), CAPEX, -10.0, RATE)
    assert found.usable and found.payback_years is None


money = st.floats(min_value=1, max_value=1e9, allow_nan=False, allow_infinity=False)
fraction = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
rate = st.floats(min_value=0.0, max_value=0.3, allow_nan=False)


@given(capex=money, net=money, share=fraction, cap=st.none() | money, points=rate,
       years=st.integers(1, 20), discount=rate)
def test_a_subsidy_never_lengthens_the_payback(capex, net, share, cap, points, years, discount):
    base = capex / net
    for rule in (Rule("grant", share=share, cap_cny=cap), Rule("interest_subsidy", rate=points, years=years)):
        found = support.apply(rule, capex, net, discount, 0.0)
        assert found.payback_years <= base * (1 + 1e-12)
        assert found.payback_years >= 0
        assert found.npv >= 0


@given(capex=money, net=money, loan_rate=rate, years=st.integers(1, 30), discount=rate)
def test_a_loan_keeps_the_payback_and_helps_only_below_the_discount_rate(capex, net, loan_rate, years,
                                                                         discount):
    found = support.apply(Rule("credit", rate=loan_rate, years=years), capex, net, discount, 0.0)
    assert found.payback_years == pytest.approx(capex / net)
    if loan_rate < discount - 1e-9:
        assert found.npv_gain >= -1e-6 * capex
    elif loan_rate > discount + 1e-9:
        assert found.npv_gain <= 1e-6 * capex
