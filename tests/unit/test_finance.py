"""Payback, NPV, IRR and the sensitivity table, checked by hand and by
property."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.finance import Project, appraise, cash_flows, irr, npv, payback_years, sensitivity


def test_worked_example():
    """Capex 3,000,000; saving 1,000,000 − O&M 200,000 = 800,000 a year for 5
    years at 8 %."""
    p = Project(capex=3_000_000, annual_saving=1_000_000, life_years=5, discount_rate=0.08, om=200_000)
    found = appraise(p)
    assert found.flows == (-3_000_000, 800_000, 800_000, 800_000, 800_000, 800_000)
    assert found.payback_years == 3.75                       # 3,000,000 ÷ 800,000
    # −3,000,000 + 800,000 × (1 − 1.08⁻⁵) / 0.08 = −3,000,000 + 800,000 × 3.9927100 = 194,168.03
    assert found.npv == pytest.approx(194_168.03, abs=0.01)
    assert npv(found.irr, found.flows) == pytest.approx(0, abs=1e-3)    # of 3,000,000
    assert found.irr == pytest.approx(0.104248, abs=1e-6)    # between 8 % (NPV > 0) and 11 % (NPV < 0)


def test_irr_of_two_years_by_hand():
    # 600 x² + 600 x − 1000 = 0 with x = 1/(1+r): x = (−600 + √(360,000 + 2,400,000)) / 1200
    x = (-600 + (360_000 + 2_400_000) ** 0.5) / 1200
    assert irr([-1000, 600, 600]) == pytest.approx(1 / x - 1, abs=1e-9)   # 13.07 %
    assert irr([-100, 110]) == pytest.approx(0.10, abs=1e-9)
    assert npv(0.1, [-1000, 600, 600]) == pytest.approx(-1000 + 600 / 1.1 + 600 / 1.21)


def test_no_payback_and_no_irr_where_there_is_none():
    assert payback_years(1_000_000, 0) is None and payback_years(1_000_000, -5) is None
    assert irr([-1000, -10, -10]) is None          # never positive
    assert irr([0, 100, 100]) is None              # nothing invested: no rate makes NPV zero
    # the project only loses money: IRR exists and is negative,
    # 300 x² + 300 x − 1000 = 0: x = (−300 + √1,290,000) / 600 = 1.392966, r = 1/x − 1 = −28.21 %
    assert irr([-1000, 300, 300]) == pytest.approx(-0.28211, abs=1e-5)


def test_sensitivity_table():
    p = Project(capex=1_000_000, annual_saving=400_000, life_years=10, discount_rate=0.08, om=40_000)
    cases = {c.name: c for c in sensitivity(p, saving_low=300_000, saving_high=500_000)}
    assert list(cases) == ["base", "price_low", "price_high", "saving_low", "saving_high"]
    # price −20 %: 400,000 × 0.8 = 320,000, less 40,000 O&M = 280,000 → payback 3.571…
    assert cases["price_low"].annual_saving == pytest.approx(320_000)
    assert cases["price_low"].payback_years == pytest.approx(1_000_000 / 280_000)
    assert cases["price_high"].payback_years == pytest.approx(1_000_000 / 440_000)
    assert cases["saving_low"].payback_years == pytest.approx(1_000_000 / 260_000)
    assert cases["saving_low"].npv < cases["base"].npv < cases["saving_high"].npv
    assert [c.name for c in sensitivity(p)] == ["base", "price_low", "price_high"]


def test_impossible_projects_are_refused():
    for kw in ({"life_years": 0}, {"capex": -1.0}, {"discount_rate": -1.0}):
        with pytest.raises(ValueError):
            Project(**{"capex": 1.0, "annual_saving": 1.0, "life_years": 5, "discount_rate": 0.08, **kw})


money = st.floats(min_value=0, max_value=1e9, allow_nan=False)
projects = st.builds(Project, capex=st.floats(min_value=1e3, max_value=1e9), annual_saving=money,
                     life_years=st.integers(1, 40), discount_rate=st.floats(min_value=0, max_value=0.3),
                     om=st.floats(min_value=0, max_value=1e8))


@given(projects)
def test_payback_is_capex_over_the_yearly_net_saving(p):
    found = appraise(p)
    if p.net_saving > 0:
        assert found.payback_years == pytest.approx(p.capex / p.net_saving)
    else:
        assert found.payback_years is None


@given(projects, st.floats(min_value=0, max_value=1e9))
def test_a_larger_saving_never_lowers_the_npv(p, more):
    from dataclasses import replace

    assert appraise(replace(p, annual_saving=p.annual_saving + more)).npv >= appraise(p).npv - 1e-6


@given(projects)
def test_irr_makes_the_npv_zero(p):
    found = appraise(p)
    flows = cash_flows(p)
    if found.irr is not None:
        scale = max(abs(f) for f in flows)
        assert abs(npv(found.irr, flows)) <= 1e-6 * scale * p.life_years
    else:  # no sign change between −99 % and +1000 %
        assert p.net_saving <= 0 or npv(10.0, flows) > 0 or npv(-0.99, flows) < 0
