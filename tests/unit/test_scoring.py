"""Matching factors, weights and reasons; property tests keep scores sane."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.scoring import (
    WEIGHTS,
    Candidate,
    Need,
    OfferInfo,
    active_factors,
    capex_fit,
    financing_fit,
    maturity_fit,
    product_fit,
    rank,
    saving_fit,
    score,
    stage_fit,
)

CE01 = Candidate("CE-01", "低阻高效预热预分解系统与第四代篦冷机", "preheater and grate cooler", "cement",
                 "clinker_burning", 9, ("cement_clinker",), text_score=0.9, plan_named=True)
GN08 = Candidate("GN-08", "高效电机", "efficient motors", "cross_cutting", "utilities_motors", 9)
NEED = Need(sector="cement", stage="clinker_burning", product="cement_clinker", gap_share=0.1)


def test_weights_are_in_one_place_and_sum_to_one():
    assert sum(WEIGHTS.values()) == pytest.approx(1)
    assert sum(active_factors(Need()).values()) == pytest.approx(1)
    assert "capex" not in active_factors(Need()) and "product" not in active_factors(Need())


def test_stage_and_product_fit():
    assert stage_fit(NEED, CE01) == 1.0 and stage_fit(NEED, GN08) == 0.5
    assert product_fit(NEED, CE01) == 1.0 and product_fit(NEED, GN08) == 0.3


def test_saving_capex_maturity():
    need = Need(target_saving_pct=10, budget_cny=1_000_000, min_trl=7)
    assert saving_fit(need, Candidate("A", "", "", "cement", "x", 9, saving_pct=5)) == 0.5
    assert saving_fit(need, Candidate("A", "", "", "cement", "x", 9, saving_pct=None)) == 0.5
    assert capex_fit(need, Candidate("A", "", "", "cement", "x", 9, capex_cny=4_000_000)) == 0.25
    assert maturity_fit(need, Candidate("A", "", "", "cement", "x", 6)) == 0.0


def test_financing_needs_a_fitting_offer():
    shared = Candidate("A", "", "", "cement", "x", 9,
                       offers=(OfferInfo("shared_savings", 2_000_000, ("chongqing",), True),))
    assert financing_fit(Need(financing="any_emc", budget_cny=5_000_000), shared) == 1.0
    assert financing_fit(Need(financing="any_emc", budget_cny=1_000_000), shared) == 0.2  # too small
    assert financing_fit(Need(financing="financing_lease"), shared) == 0.2
    assert financing_fit(Need(financing="self_funded"), shared) == 1.0


def test_rank_orders_and_explains():
    matches = rank(NEED, [GN08, CE01])
    assert [m.candidate.code for m in matches] == ["CE-01", "GN-08"]
    assert 2 <= len(matches[0].reasons_zh) <= 4 and len(matches[0].reasons_en) == len(matches[0].reasons_zh)
    assert any("熟料" in r or "clinker_burning" in r or "工序" in r for r in matches[0].reasons_zh)


def test_rank_is_deterministic_on_ties():
    twins = [Candidate(code, "", "", "cement", "x", 9) for code in ("B-2", "A-1", "C-3")]
    assert [m.candidate.code for m in rank(Need(), twins)] == ["A-1", "B-2", "C-3"]


candidates = st.builds(
    Candidate, code=st.text(min_size=1, max_size=5), name_zh=st.just(""), name_en=st.just(""),
    sector=st.sampled_from(["cement", "steel", "cross_cutting"]),
    stage=st.sampled_from(["clinker_burning", "sintering", "waste_heat"]),
    trl=st.integers(1, 9), applicable_to=st.sampled_from([(), ("cement_clinker",)]),
    text_score=st.floats(-1, 2), saving_pct=st.none() | st.floats(0, 100),
    capex_cny=st.none() | st.floats(0, 1e9), plan_named=st.booleans(), promoted=st.booleans(),
)
needs = st.builds(
    Need, sector=st.none() | st.just("cement"), stage=st.none() | st.just("clinker_burning"),
    product=st.none() | st.just("cement_clinker"), gap_share=st.none() | st.floats(0, 1),
    target_saving_pct=st.none() | st.floats(0.1, 100), budget_cny=st.none() | st.floats(1, 1e9),
    financing=st.sampled_from(["any", "self_funded", "any_emc", "shared_savings"]),
    min_trl=st.none() | st.integers(1, 9),
)


@given(needs, candidates)
def test_scores_stay_in_range(need, candidate):
    match = score(need, candidate)
    assert 0.0 <= match.score <= 1.0
    assert all(0.0 <= f.value <= 1.0 for f in match.factors)


@given(needs, candidates, st.floats(0, 100), st.floats(0, 100))
def test_more_saving_never_lowers_the_saving_factor(need, candidate, a, b):
    low, high = sorted((a, b))
    from dataclasses import replace

    assert saving_fit(need, replace(candidate, saving_pct=high)) >= \
        saving_fit(need, replace(candidate, saving_pct=low))
