"""EMC cash flows, checked by hand."""
from __future__ import annotations

import pytest

from matching.emc import Offer, annuity, emc_cash_flow, self_funded


def test_self_funded_pays_capex_in_year_one():
    flow = self_funded(capex=1_000_000, annual_saving=400_000, years=3)
    assert [y.enterprise for y in flow.years] == [-600_000, 400_000, 400_000]
    assert flow.enterprise_total == 200_000


def test_shared_savings_split_by_year():
    offer = Offer("shared_savings", term_years=3, enterprise_share=(0.2, 0.3, 0.5), esco_investment=500_000)
    flow = emc_cash_flow(offer, capex=500_000, annual_saving=300_000)
    assert [y.enterprise for y in flow.years] == pytest.approx([60_000, 90_000, 150_000])
    assert [y.esco for y in flow.years] == pytest.approx([240_000 - 500_000, 210_000, 150_000])
    assert flow.enterprise_total + flow.esco_total == pytest.approx(3 * 300_000 - 500_000)


def test_guaranteed_savings_shortfall_is_paid_by_the_esco():
    offer = Offer("guaranteed_savings", term_years=2, guaranteed_saving=250_000, service_fee=20_000)
    flow = emc_cash_flow(offer, capex=400_000, annual_saving=200_000)
    # year 1: 200k saving + 50k shortfall − 20k fee − 400k capex
    assert flow.years[0].enterprise == -170_000 and flow.years[0].esco == -30_000
    assert flow.years[1].enterprise == 230_000


def test_energy_cost_hosting():
    offer = Offer("energy_cost_hosting", term_years=1, hosting_discount=0.05, esco_investment=100_000)
    flow = emc_cash_flow(offer, capex=100_000, annual_saving=150_000, baseline_energy_cost=1_000_000)
    year = flow.years[0]
    assert year.enterprise == pytest.approx(50_000)          # pays 950k instead of 1m
    assert year.esco == pytest.approx(950_000 - 850_000 - 100_000)


def test_financing_lease_annuity():
    assert annuity(1_000_000, 0.0, 4) == 250_000
    assert annuity(1_000_000, 0.05, 5) == pytest.approx(230_975, abs=1)
    flow = emc_cash_flow(Offer("financing_lease", term_years=5, lease_rate=0.05), 1_000_000, 300_000)
    assert flow.years[0].enterprise == pytest.approx(300_000 - 230_975, abs=1)


@pytest.mark.parametrize("kw", [
    {"model": "barter", "term_years": 3},
    {"model": "shared_savings", "term_years": 0},
    {"model": "shared_savings", "term_years": 2, "enterprise_share": (1.2,)},
])
def test_impossible_offers_are_refused(kw):
    with pytest.raises(ValueError):
        Offer(**kw)
