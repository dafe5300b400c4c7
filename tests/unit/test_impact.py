"""Impact arithmetic, hand-checked."""
from __future__ import annotations

import pytest

from matching.impact import Facility, estimate
from matching.units import Coefficient, Factors

FACTORS = Factors(
    kgce_per_kwh=Coefficient(0.1229, "kgce/kWh", "GB/T 2589-2020"),
    grid_kgco2_per_kwh=Coefficient(0.5581, "kgCO2/kWh", "MEE & NBS 2023 (Chongqing)"),
    coal_tco2_per_tce=Coefficient(2.66, "tCO2/tce", "raw coal"),
)


def test_clinker_line_fuel_saving():
    line = Facility("kgce/t", unit_energy=112, annual_output=1_500_000, coal_price=900)
    impact = estimate(line, saving_pct=5, saving_source="CE-01 figure", capex_cny=30_000_000,
                      factors=FACTORS)
    # 112 kgce/t × 1.5 Mt = 168,000 tce; 5 % = 8,400 tce
    assert impact.energy_tce == pytest.approx(8_400)
    assert impact.co2_t == pytest.approx(8_400 * 2.66)
    assert impact.cost_cny == pytest.approx(8_400 / 0.7143 * 900)
    assert impact.payback_years == pytest.approx(30_000_000 / (8_400 / 0.7143 * 900))
    assert not impact.missing


def test_electrolysis_saving_in_kwh():
    pots = Facility("kWh/t", unit_energy=13_400, annual_output=100_000, electricity_price=0.4)
    impact = estimate(pots, 6, "NF-01", None, FACTORS)
    kwh = 13_400 * 100_000 * 0.06
    assert impact.energy_tce == pytest.approx(kwh * 0.1229 / 1000)
    assert impact.co2_t == pytest.approx(kwh * 0.5581 / 1000)
    assert impact.cost_cny == pytest.approx(kwh * 0.4)
    assert impact.payback_years is None and impact.missing == ["capex"]


def test_missing_inputs_are_named_not_invented():
    impact = estimate(Facility("kgce/t", unit_energy=None, annual_output=1000), 5, "x", None, FACTORS)
    assert impact.energy_tce is None and impact.missing == ["unit_energy"]
    impact = estimate(Facility("kgce/t", 110, 1000), None, "x", None, FACTORS)
    assert impact.energy_tce is None and "saving_pct" in impact.missing
    impact = estimate(Facility("kgce/t", 110, 1000), 5, "x", 1e6, FACTORS)
    assert impact.energy_tce == pytest.approx(5.5) and impact.missing == ["coal_price"]
