"""Properties of every EMC model over random terms: money is conserved (each
year and in total the parties' cash adds up to the saving less the capex —
nobody outside the table is paid), and a larger saving never lowers any
party's NPV."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.emc import INSTALMENTS, MODELS, SHORTFALL_KINDS, Project, Shortfall, Terms, contract

fraction = st.floats(min_value=0, max_value=1)
money = st.floats(min_value=0, max_value=1e9)


@st.composite
def shortfalls(draw):
    kind = draw(st.sampled_from(SHORTFALL_KINDS))
    return Shortfall(kind, draw(fraction) if kind == "share" else None,
                     draw(money) if kind == "capped" else None)


@st.composite
def complete_terms(draw, model=None):
    model = model or draw(st.sampled_from(MODELS))
    term = draw(st.integers(1, 20))
    unit = draw(st.sampled_from(("cny_per_year", "tce_per_year", "mwh_per_year", "percent")))
    return Terms(
        model, term, tuple(draw(st.lists(fraction, min_size=1, max_size=term))),
        esco_investment_share=draw(fraction), esco_investment_max=draw(st.none() | money),
        service_fee=draw(money), guarantee=draw(st.floats(min_value=0, max_value=1e6)), guarantee_unit=unit,
        shortfall=draw(shortfalls()), hosting_baseline=draw(st.none() | money),
        hosting_discount=draw(fraction), lease_rate=draw(st.floats(min_value=0, max_value=0.3)),
        instalments_per_year=draw(st.sampled_from(INSTALMENTS)), down_payment_share=draw(fraction))


projects = st.builds(
    Project, annual_saving=money, capex=money, discount_rate=st.floats(min_value=0, max_value=0.3),
    service_life=st.none() | st.integers(1, 30), baseline_energy_cost=money,
    tce_price=st.floats(min_value=1, max_value=5000), mwh_price=st.floats(min_value=1, max_value=2000))


def close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= 1e-9 * max(scale, 1.0)


def largest(c) -> float:
    """The largest amount in the table (float rounding is relative to it)."""
    return max(abs(v) for flow in (c.emc, c.own) for y in flow.years
               for v in (y.saving, y.enterprise, y.esco, y.lessor)) * len(c.emc.years)


@settings(max_examples=300)
@given(complete_terms(), projects)
def test_money_is_conserved_in_every_model(terms, project):
    c = contract(terms, project)
    assert c.complete, (c.missing_terms, c.missing_inputs)
    scale = largest(c)
    for year in c.emc.years:
        expected = year.saving - (project.capex if year.year == 0 else 0.0)
        assert close(year.enterprise + year.esco + year.lessor, expected, scale), year
    flow = c.emc
    total = flow.enterprise_total + flow.esco_total + flow.lessor_total
    assert close(total, flow.saving_total - project.capex, scale)
    assert close(total, c.own.enterprise_total, scale)          # the same money as self-funding
    assert len(c.own.years) == len(flow.years) == c.horizon_years + 1


@settings(max_examples=300)
@given(complete_terms(), projects, st.floats(min_value=0, max_value=1e8))
def test_a_larger_saving_never_lowers_any_partys_npv(terms, project, more):
    before = contract(terms, project)
    after = contract(terms, replace(project, annual_saving=project.annual_saving + more))
    scale = max(largest(before), largest(after))
    for party in ("enterprise", "esco", "lessor"):
        assert after.emc.npv(party) >= before.emc.npv(party) - 1e-9 * scale, party
    assert after.own.enterprise_npv >= before.own.enterprise_npv - 1e-9 * scale


@pytest.mark.parametrize("model", MODELS)
@given(data=st.data())
def test_each_model_conserves_money(model, data):
    """The same property, drawn model by model so none is left out."""
    test_money_is_conserved_in_every_model.hypothesis.inner_test(
        data.draw(complete_terms(model)), data.draw(projects))
