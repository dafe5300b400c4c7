"""The one coarsening of anonymous needs (issue 16): worked examples of each
band, and properties — the value lies in its band, the band depends only on
the value's band (so neighbours share it), a public need passes unchanged."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.pipeline import anonymity as a
from catalog.pipeline.anonymity import Band, HalfYear

WHERE = a.Places({"fuling": "main_metro", "wanzhou": "northeast"}, {})


@pytest.mark.parametrize("cny, band", [
    (0, Band(0, 1e6)), (999_999, Band(0, 1e6)), (1e6, Band(1e6, 5e6)), (2e7, Band(1e7, 5e7)),
    (99_999_999, Band(5e7, 1e8)), (1e8, Band(1e8, None)), (3e9, Band(1e8, None))])
def test_budgets_fall_in_wan_yuan_bands(cny, band):
    assert a.budget_band(cny) == band


@pytest.mark.parametrize("pct, band", [(0, Band(0, 5)), (4.9, Band(0, 5)), (5, Band(5, 10)),
                                       (12.5, Band(10, 15)), (49.9, Band(45, 50)), (50, Band(50, None)),
                                       (100, Band(50, None))])
def test_saving_shares_fall_in_five_point_bands(pct, band):
    assert a.saving_pct_band(pct) == band


@pytest.mark.parametrize("tce, band", [(0, Band(0, 100)), (99, Band(0, 100)), (100, Band(100, 200)),
                                       (199, Band(100, 200)), (200, Band(200, 500)), (3000, Band(2000, 5000)),
                                       (7500, Band(5000, 10000)), (1000, Band(1000, 2000)),
                                       (123_456, Band(100_000, 200_000))])
def test_tonnes_fall_in_a_one_two_five_series(tce, band):
    assert a.tce_band(tce) == band


def test_a_date_becomes_its_half_year():
    assert a.half_year(date(2027, 6, 30)) == HalfYear(2027, 1)
    assert a.half_year(date(2027, 7, 1)) == HalfYear(2027, 2)
    assert (HalfYear(2027, 1).label("zh"), HalfYear(2027, 2).label("en")) == ("2027 年上半年", "2027 H2")


def inside(value: float, band: Band) -> bool:
    return band.low <= value and (band.high is None or value < band.high)


@given(st.floats(0, 1e12))
def test_every_value_lies_in_its_band_and_the_band_is_not_exact(value):
    for band in (a.budget_band(value), a.saving_pct_band(min(value, 100)), a.tce_band(value)):
        assert not band.exact
    assert inside(value, a.budget_band(value)) and inside(value, a.tce_band(value))
    assert inside(min(value, 100), a.saving_pct_band(min(value, 100)))


@given(st.floats(100, 1e9))
def test_a_band_is_the_same_for_every_value_inside_it(value):
    band = a.tce_band(value)
    assert a.tce_band(band.low) == band


def test_a_public_need_is_exact_and_an_anonymous_one_coarse():
    public = a.shown(False, "fuling", WHERE, 2e7, 5.0, 3000.0, date(2027, 3, 1))
    assert (public.place_key, public.place_is_region, public.budget_cny, public.desired_start) == (
        "fuling", False, Band(2e7, 2e7), date(2027, 3, 1))
    hidden = a.shown(True, "fuling", WHERE, 2e7, 5.0, 3000.0, date(2027, 3, 1))
    assert (hidden.place_key, hidden.place_is_region, hidden.budget_cny, hidden.desired_start,
            hidden.start_half) == ("main_metro", True, Band(1e7, 5e7), None, HalfYear(2027, 1))
    nothing = a.shown(True, None, WHERE, None, None, None, None)
    assert nothing == a.Shown(None, True, None, None, None, None, None)
