from matching.benchmark import Levels, Standing, position

CLINKER = Levels(benchmark=100, baseline=117)
BOF = Levels(benchmark=-30, baseline=-10)


def test_at_or_better_than_benchmark():
    assert position(100, CLINKER).standing is Standing.AT_BENCHMARK
    assert position(96.5, CLINKER).gap_to_benchmark == 0


def test_between_baseline_and_benchmark_reports_the_gap():
    p = position(108, CLINKER)
    assert p.standing is Standing.BETWEEN
    assert p.gap_to_benchmark == 8
    assert p.gap_to_baseline == 0


def test_below_baseline():
    p = position(121, CLINKER)
    assert p.standing is Standing.BELOW_BASELINE
    assert (p.gap_to_benchmark, p.gap_to_baseline) == (21, 4)


def test_net_negative_indicator_needs_no_special_case():
    assert position(-32, BOF).standing is Standing.AT_BENCHMARK
    assert position(-20, BOF).standing is Standing.BETWEEN
    assert position(-5, BOF).standing is Standing.BELOW_BASELINE


def test_higher_is_better_indicator():
    levels = Levels(benchmark=80, baseline=60, lower_is_better=False)
    assert position(85, levels).standing is Standing.AT_BENCHMARK
    assert position(55, levels).gap_to_baseline == 5


def test_missing_level_is_unknown_not_a_guess():
    p = position(50, Levels(benchmark=None, baseline=None))
    assert p.standing is Standing.UNKNOWN and p.gap_to_benchmark is None


from datetime import date  # noqa: E402

import pytest  # noqa: E402

from matching.benchmark import Limit, Product, deadline_status, diagnose  # noqa: E402
from tests.unit.factors_fixture import FACTORS  # noqa: E402

TODAY = date(2026, 12, 3)
COAL = {"coal": 1.0}


def test_clinker_line_between_levels_gap_in_tce_and_co2():
    product = Product("cement_clinker", "kgce/t", Levels(100, 117), date(2025, 12, 31))
    d = diagnose(product, 112, 1_500_000, FACTORS, COAL, TODAY)
    assert d.standing is Standing.BETWEEN and d.gap_to_benchmark == 12
    assert d.gap_tce == pytest.approx(18_000)            # 12 kgce/t × 1.5 Mt / 1000
    # coal: 1.9003 tCO2/t ÷ 0.7143 tce/t = 2.6604 tCO2/tce
    assert d.gap_tco2 == pytest.approx(18_000 * 1.9003 / 0.7143)
    assert d.deadline is None and d.deadline_status == "none"   # only below the baseline


def test_gas_fired_glass_gap_counts_gas_not_coal():
    product = Product("flat_glass_800", "kgce/重量箱", Levels(8, 12))
    d = diagnose(product, 10, 10_000_000, FACTORS, {"natural_gas": 1.0}, TODAY)
    # 2 kgce × 10 M 重量箱 = 20,000 tce; × 2.1622 kgCO2/m³ ÷ 1.33 kgce/m³ = 1.6257 tCO2/tce
    assert d.gap_tco2 == pytest.approx(20_000 * 2.1622 / 1.33)


def test_electrolytic_aluminium_gap_uses_the_grid_factor_and_the_deadline_is_overdue():
    product = Product("aluminium_electrolysis", "kWh/t", Levels(13000, 13350), date(2025, 12, 31))
    d = diagnose(product, 13400, 100_000, FACTORS, {"electricity": 1.0}, TODAY)
    assert d.standing is Standing.BELOW_BASELINE and d.deadline == date(2025, 12, 31)
    kwh = 400 * 100_000
    assert d.gap_tce == pytest.approx(kwh * 0.1229 / 1000)
    assert d.gap_tco2 == pytest.approx(kwh * 0.5581 / 1000)
    # 2025-12-31 → 2026-12-03: 337 days overdue
    assert (d.deadline_status, d.overdue_days) == ("overdue", 337)


def test_mandatory_limit_of_the_standard():
    limit = Limit("GB 21256-2025", 415, date(2026, 7, 1))
    product = Product("bf_ironmaking", "kgce/t", Levels(361, 435), date(2025, 12, 31), limit=limit)
    assert diagnose(product, 420, 1e6, FACTORS, {"coke": 1.0}, TODAY).limit_exceeded is True
    assert diagnose(product, 400, 1e6, FACTORS, {"coke": 1.0}, TODAY).limit_exceeded is False


def test_deadline_status_on_leap_days():
    assert deadline_status(date(2028, 2, 29), date(2028, 3, 1)) == ("overdue", 1)
    assert deadline_status(date(2028, 2, 29), date(2028, 2, 29)) == ("upcoming", None)
    assert deadline_status(None, TODAY) == ("none", None)
