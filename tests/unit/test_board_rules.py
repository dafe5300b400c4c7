"""The public needs board's rules without a database (issue 22): how a need
is shown (the leads' coarsening by ``anonymity.shown``, and on the board no
title and no listing date for an anonymous need), the expiry the owner may
choose, the owner's view of a listing, and the escaped LIKE pattern."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog import models as m
from catalog.errors import RuleError
from catalog.pipeline import board
from catalog.pipeline.anonymity import Band, HalfYear, Places

WHERE = Places({"fuling": "main_metro", "wanzhou": "northeast"},
               {"fuling": ("涪陵区", "Fuling District"),
                "main_metro": ("主城都市区", "Chongqing Main Metropolitan Area")})
TODAY = date(2026, 12, 5)
NAME = "渝东隐名建材股份有限公司"


def need(kind: str, **values) -> m.Need:
    defaults = dict(id=7, organisation_id=3, title="二号窑篦冷机（隐名建材）",
                    description="二号窑篦冷机热耗高。",
                    stage_key="clinker_burning", problem_type="energy_efficiency", financing="any_emc",
                    budget_cny=20_000_000.0, target_saving_pct=12.0, target_saving_tce=350.0,
                    desired_start=date(2027, 3, 15), status="open", confidentiality=kind,
                    board_listed_at=datetime(2026, 12, 4, 20, 0, tzinfo=UTC),
                    board_expires_on=date(2027, 3, 4))
    return m.Need(**(defaults | values))


def test_an_anonymous_need_on_the_board_is_coarsened_and_untitled():
    """Worked example: 2,000 万元 → 1,000–5,000 万元; 12 % → 10–15 %; 350 tce/a → 200–500 tce/a;
    15 March 2027 → 2027 H1; 涪陵区 → 主城都市区; no title, enterprise, description or listing date."""
    entry = board.board_entry(need("anonymous"), NAME, "cement", "fuling", WHERE)
    shown, f = entry.need, entry.need.figures
    assert (shown.title, shown.enterprise, shown.description, shown.facility) == ("", None, "", None)
    assert f.budget_cny == Band(1e7, 5e7) and f.target_saving_pct == Band(10, 15)
    assert f.target_saving_tce == Band(200, 500) and f.desired_start is None
    assert f.start_half == HalfYear(2027, 1)
    assert (shown.place_key, f.place_is_region, shown.place_zh) == ("main_metro", True, "主城都市区")
    assert entry.listed_on is None and entry.expires_on == date(2027, 3, 4)
    assert (shown.sector_key, shown.stage_key, shown.problem_type) == ("cement", "clinker_burning",
                                                                        "energy_efficiency")


def test_a_public_need_on_the_board_is_shown_exactly_with_its_listing_day_in_china():
    """20:00 UTC on 4 December is 04:00 on 5 December in Chongqing."""
    entry = board.board_entry(need("public"), NAME, "cement", "fuling", WHERE)
    shown, f = entry.need, entry.need.figures
    assert shown.title == "二号窑篦冷机（隐名建材）" and shown.enterprise == NAME
    assert f.budget_cny == Band(2e7, 2e7) and f.target_saving_tce.exact
    assert shown.place_key == "fuling" and not f.place_is_region
    assert entry.listed_on == date(2026, 12, 5)


def test_a_naive_stored_moment_is_read_as_utc():
    assert board.china_day(datetime(2026, 12, 4, 16, 0)) == date(2026, 12, 5)
    assert board.china_day(datetime(2026, 12, 4, 15, 59)) == date(2026, 12, 4)


@given(st.floats(0, 1e11), st.floats(0, 100), st.floats(0, 1e8), st.sampled_from(["fuling", "wanzhou"]))
def test_nothing_of_an_anonymous_need_reaches_its_entry(budget, pct, tce, district):
    """Whatever its figures: its name, title, description and district are
    nowhere in the entry, and every figure is a band that is not exact."""
    entry = board.board_entry(need("anonymous", budget_cny=budget, target_saving_pct=pct,
                                   target_saving_tce=tce), NAME, "cement", district, WHERE)
    text = repr(entry)
    for secret in (NAME, "隐名建材", "热耗高", district, "2026-12-04", "2026, 12, 4"):
        assert secret not in text
    f = entry.need.figures
    assert not (f.budget_cny.exact or f.target_saving_pct.exact or f.target_saving_tce.exact)


@pytest.mark.parametrize("raw, expected", [
    ("", TODAY + timedelta(days=90)), (None, TODAY + timedelta(days=90)), ("2026-12-05", TODAY),
    ("2027-12-05", date(2027, 12, 5)), (date(2027, 1, 1), date(2027, 1, 1)),
    (" 2027-01-01 ", date(2027, 1, 1))])
def test_the_expiry_is_from_today_to_one_year_ahead_blank_is_90_days(raw, expected):
    assert board._expiry(raw, TODAY) == expected


@pytest.mark.parametrize("raw, code", [
    ("2026-12-04", "board.expiry_range"), ("2027-12-06", "board.expiry_range"),
    ("2099-01-01", "board.expiry_range"),
    ("05/12/2027", "date.invalid"), ("x" * 300, "date.invalid"), ("2027-02-30", "date.invalid")])
def test_an_expiry_outside_the_year_or_not_a_date_is_refused(raw, code):
    with pytest.raises(RuleError) as caught:
        board._expiry(raw, TODAY)
    assert caught.value.code == code and caught.value.field == "expires_on"


def test_one_year_ahead_of_29_february_is_28_february():
    assert board.latest_expiry(date(2028, 2, 29)) == date(2029, 2, 28)


@pytest.mark.parametrize("values, state", [
    ({"board_listed_at": None, "board_expires_on": None}, "not_listed"),
    ({}, "listed"),
    ({"board_expires_on": TODAY}, "listed"),                       # the expiry day is included
    ({"board_expires_on": TODAY - timedelta(days=1)}, "expired"),
    ({"status": "in_negotiation"}, "paused"),
    ({"status": "closed"}, "paused"),
    ({"confidentiality": "bureau_only"}, "paused"),
])
def test_the_owner_sees_the_state_of_the_listing(values, state):
    assert board.owner_state(need("public", **values), TODAY) == state


@pytest.mark.parametrize("text, pattern", [
    ("篦冷机", "%篦冷机%"), ("100%", "%100\\%%"), ("a_b", "%a\\_b%"), ("c:\\d", "%c:\\\\d%")])
def test_the_query_is_a_like_pattern_with_its_wildcards_escaped(text, pattern):
    assert board.like_pattern(text) == pattern
