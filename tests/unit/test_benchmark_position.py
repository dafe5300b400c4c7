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

from matching.benchmark import Product, diagnose  # noqa: E402
from matching.units import Coefficient, Factors  # noqa: E402

FACTORS = Factors(
    kgce_per_kwh=Coefficient(0.1229, "kgce/kWh", "GB/T 2589-2020"),
    grid_kgco2_per_kwh=Coefficient(0.5581, "kgCO2/kWh", "MEE & NBS 2023, Chongqing"),
    coal_tco2_per_tce=Coefficient(2.66, "tCO2/tce", "raw coal"),
)


def test_clinker_line_between_levels_gap_in_tce_and_co2():
    product = Product("cement_clinker", "kgce/t", Levels(100, 117), date(2025, 12, 31))
    d = diagnose(product, unit_energy=112, annual_output=1_500_000, factors=FACTORS)
    assert d.standing is Standing.BETWEEN and d.gap_to_benchmark == 12
    assert d.gap_tce == pytest.approx(18_000)            # 12 kgce/t × 1.5 Mt / 1000
    assert d.gap_tco2 == pytest.approx(18_000 * 2.66)
    assert d.deadline is None                            # only below the baseline


def test_electrolytic_aluminium_gap_uses_the_grid_factor():
    product = Product("aluminium_electrolysis", "kWh/t", Levels(13000, 13350), date(2025, 12, 31))
    d = diagnose(product, unit_energy=13400, annual_output=100_000, factors=FACTORS)
    assert d.standing is Standing.BELOW_BASELINE and d.deadline == date(2025, 12, 31)
    kwh = 400 * 100_000
    assert d.gap_tce == pytest.approx(kwh * 0.1229 / 1000)
    assert d.gap_tco2 == pytest.approx(kwh * 0.5581 / 1000)
