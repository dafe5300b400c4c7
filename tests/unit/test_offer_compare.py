"""Turning a published offer's terms into cash flows for one need."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from catalog.enterprise.offers import _view, compare
from matching.impact import Impact


def terms(**kw):
    base = dict(offer_id=1, title="余热发电效益分享", model="shared_savings", min_project_cny=5e6,
                regions=("chongqing",), enterprise_share=(0.2, 0.2, 0.4), term_years=3, investor="esco",
                esco_investment_share=1.0, esco_investment_max_cny=None, guaranteed_saving=None,
                guarantee_unit="cny_per_year", mv_method="ipmvp_b", supplier_id=9, supplier_name="某节能公司",
                supplier_verified=True)
    return SimpleNamespace(**{**base, **kw})


def test_budget_sets_the_project_size_and_the_esco_invests_its_share():
    view = _view(terms(esco_investment_share=0.5))
    [c] = compare([view], Impact(cost_cny=2e6), budget_cny=8e6)
    assert (c.project_cny, c.project_basis) == (8e6, "budget")
    assert c.emc.years[0].esco == pytest.approx(2e6 * 0.8 - 4e6)
    assert c.own.years[0].enterprise == pytest.approx(2e6 - 8e6)


def test_without_budget_the_minimum_project_size_is_assumed_and_capped_investment():
    [c] = compare([_view(terms(esco_investment_max_cny=3e6))], Impact(cost_cny=1e6), budget_cny=None)
    assert (c.project_cny, c.project_basis) == (5e6, "minimum_project")
    assert c.emc.years[0].esco == pytest.approx(1e6 * 0.8 - 3e6)


def test_no_cash_flow_without_a_money_saving():
    [c] = compare([_view(terms())], Impact(cost_cny=None), budget_cny=1e6)
    assert c.emc is None and c.own is None
