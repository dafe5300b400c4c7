"""What one technology does for one line: a worked example per mechanism,
with the hand arithmetic written out, and the invariants the estimate keeps."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.effects import Effect, Range
from matching.impact import Line, estimate
from tests.unit.factors_fixture import FACTORS

CLINKER = Line("kgce/t", "cement_clinker", unit_energy=112, annual_output=1_500_000,
               shares=(("coal", 0.93), ("electricity", 0.07)), main_fuel="coal",
               prices=(("coal", 900.0), ("electricity", 0.6)), gap_to_benchmark=12)


def carrier(impact, name):
    return next(c for c in impact.carriers if c.carrier == name)


def test_generation_waste_heat_power_on_a_clinker_line():
    effect = Effect("CE-04", "generation", "electricity", "kWh/t", Range(20, 25, 30), ("cement_clinker",))
    impact = estimate(effect, CLINKER, FACTORS)
    # 25 kWh/t × 1,500,000 t = 37,500,000 kWh the line no longer buys
    assert carrier(impact, "electricity").amount.typical == pytest.approx(37_500_000)
    # 37,500,000 kWh × 0.1229 kgce/kWh ÷ 1000 = 4,608.75 tce
    assert impact.energy_tce.typical == pytest.approx(4_608.75)
    # 37,500,000 kWh × 0.5581 kgCO2/kWh ÷ 1000 = 20,928.75 t CO2
    assert impact.co2_t.typical == pytest.approx(20_928.75)
    # 37,500,000 kWh × 0.60 CNY/kWh = 22,500,000 CNY
    assert impact.cost_cny.typical == pytest.approx(22_500_000)
    # low and high: 20 and 30 kWh/t → 30,000,000 and 45,000,000 kWh × 0.60 CNY/kWh
    assert (impact.cost_cny.low, impact.cost_cny.high) == pytest.approx((18_000_000, 27_000_000))
    # power generation does not lower the indicator: no share of the gap is claimed
    assert impact.gap_share_closed is None
    assert [s.label for s in impact.steps][:2] == ["line_energy", "saving"]


def test_indicator_amount_of_fuel_on_a_coal_fired_line():
    effect = Effect("CE-01", "indicator_amount", "fuel", "kgce/t", Range(3, 5, 8), ("cement_clinker",))
    impact = estimate(effect, CLINKER, FACTORS)
    # 5 kgce/t × 1,500,000 t = 7,500,000 kgce = 7,500 tce, all of it coal (the only fuel)
    assert impact.energy_tce.typical == pytest.approx(7_500)
    # 7,500 tce ÷ 0.7143 tce/t = 10,499.79 t coal; × 1.9003 tCO2/t = 19,952.75 t CO2; × 900 CNY/t
    coal = carrier(impact, "coal")
    assert coal.amount.typical == pytest.approx(7_500 / 0.7143)
    assert impact.co2_t.typical == pytest.approx(7_500 / 0.7143 * 1.9003)
    assert impact.cost_cny.typical == pytest.approx(7_500 / 0.7143 * 900)
    # 5 kgce/t of a 12 kgce/t gap to the benchmark: 41.7 % of the gap
    assert impact.gap_share_closed == pytest.approx(5 / 12)


def test_indicator_share_of_the_lines_electricity():
    effect = Effect("GN-08", "indicator_share", "electricity", "%", Range(3, 5, 8))
    impact = estimate(effect, CLINKER, FACTORS)
    # 168,000 tce × 7 % electricity = 11,760 tce; 5 % of it = 588 tce
    assert impact.energy_tce.typical == pytest.approx(588)
    # 588 tce ÷ 0.1229 kgce/kWh × 1000 = 4,784,377.5 kWh; × 0.5581 kgCO2/kWh ÷ 1000 = 2,670.16 t CO2
    assert carrier(impact, "electricity").amount.typical == pytest.approx(588 / 0.1229 * 1000)
    assert impact.co2_t.typical == pytest.approx(588 / 0.1229 * 0.5581)


def test_share_on_a_gas_fired_float_glass_line_is_priced_and_counted_as_gas():
    glass = Line("kgce/重量箱", "flat_glass", 13, 10_000_000, (("natural_gas", 1.0),), False, "natural_gas",
                 (("natural_gas", 3.2),))
    effect = Effect("GL-05", "indicator_share", "fuel", "%", Range(3, 5, 8))
    impact = estimate(effect, glass, FACTORS)
    # 13 kgce × 10,000,000 重量箱 ÷ 1000 = 130,000 tce; 5 % = 6,500 tce of gas
    # 6,500 tce ÷ 1.33 kgce/m³ × 1000 = 4,887,218 m³; × 2.1622 kgCO2/m³ ÷ 1000 = 10,567 t CO2; × 3.2 CNY/m³
    gas = carrier(impact, "natural_gas")
    assert gas.amount.typical == pytest.approx(6_500 / 1.33 * 1000)
    assert impact.co2_t.typical == pytest.approx(6_500 / 1.33 * 2.1622)
    assert impact.cost_cny.typical == pytest.approx(6_500 / 1.33 * 1000 * 3.2)
    # the raw-coal factor would have said 6,500 / 0.7143 × 1.9003 = 17,293 t: 64 % too high
    assert 6_500 / 0.7143 * 1.9003 / impact.co2_t.typical == pytest.approx(1.636, abs=0.001)


def test_fuel_switch_to_biomass_changes_carrier_and_co2_not_tce():
    effect = Effect("CE-05", "fuel_switch", "biomass", "%", Range(10, 20, 30), replaces="main_fuel",
                    substitute_tco2_per_tce=0.0)
    impact = estimate(effect, CLINKER, FACTORS)
    # coal: 168,000 tce × 93 % = 156,240 tce; 20 % of it = 31,248 tce replaced by 31,248 tce of biomass
    assert impact.energy_tce.typical == pytest.approx(0)
    assert impact.substitute_tce.typical == pytest.approx(31_248)
    # 31,248 tce ÷ 0.7143 tce/t = 43,746.3 t coal × 1.9003 tCO2/t = 83,131 t CO2; biogenic CO2 not counted
    assert impact.co2_t.typical == pytest.approx(31_248 / 0.7143 * 1.9003)
    # what the biomass costs is not known: no money figure rather than half of one
    assert impact.cost_cny is None and "substitute_cost" in impact.unavailable


def test_fuel_switch_to_electricity_counts_the_added_electricity():
    effect = Effect("GN-01", "fuel_switch", "electricity", "%", Range(10, 10, 10), replaces="coal")
    impact = estimate(effect, CLINKER, FACTORS)
    # 15,624 tce of coal out, 15,624 tce of electricity in (kWh = 15,624 ÷ 0.1229 × 1000)
    elec = carrier(impact, "electricity")
    assert elec.amount.typical == pytest.approx(-15_624 / 0.1229 * 1000)
    co2 = 15_624 / 0.7143 * 1.9003 - 15_624 / 0.1229 * 0.5581
    assert impact.co2_t.typical == pytest.approx(co2)  # negative: more CO2 at today's grid factor


def test_process_co2_per_tonne_of_clinker():
    effect = Effect("CE-09", "process_co2", "co2", "tCO2/t", Range(0.05, 0.1, 0.15), ("cement_clinker",))
    impact = estimate(effect, CLINKER, FACTORS)
    # 0.1 tCO2/t × 1,500,000 t = 150,000 t CO2 of process emissions avoided; no energy change
    assert impact.co2_t.typical == pytest.approx(150_000)
    assert impact.energy_tce.typical == 0 and impact.cost_cny is None


def test_not_quantified_never_borrows_the_benchmark_gap():
    impact = estimate(Effect("GN-10", "enabling"), CLINKER, FACTORS)
    assert impact.status == "not_quantified"
    assert impact.energy_tce is None and impact.co2_t is None and impact.cost_cny is None


def test_per_unit_effect_on_another_product_is_not_applicable():
    effect = Effect("ST-14", "generation", "electricity", "kWh/t", Range(30, 35, 40), ("bf_ironmaking",))
    assert estimate(effect, CLINKER, FACTORS).reason == "product"


def test_missing_price_is_named():
    line = Line("kgce/t", "cement_clinker", 112, 1_500_000, (("coal", 1.0),), True, "coal", ())
    effect = Effect("CE-01", "indicator_amount", "fuel", "kgce/t", Range(3, 5, 8), ("cement_clinker",))
    impact = estimate(effect, line, FACTORS)
    assert impact.missing == ["coal_price"] and impact.cost_cny is None and impact.energy_tce is not None


def test_aluminium_potline_share_is_electricity():
    pots = Line("kWh/t", "aluminium_electrolysis", 13_400, 100_000, prices=(("electricity", 0.4),),
                gap_to_benchmark=400)
    effect = Effect("NF-01", "indicator_amount", "electricity", "kWh/t", Range(300, 500, 800),
                    ("aluminium_electrolysis",))
    impact = estimate(effect, pots, FACTORS)
    # 500 kWh/t × 100,000 t = 50,000,000 kWh; × 0.4 CNY/kWh = 20,000,000 CNY;
    # 500 of a 400 kWh/t gap → all of it
    assert impact.cost_cny.typical == pytest.approx(20_000_000)
    assert impact.gap_share_closed == 1.0


MECHANISM_EFFECTS = [
    ("indicator_share", "all", "%"), ("indicator_share", "fuel", "%"), ("indicator_amount", "fuel", "kgce/t"),
    ("indicator_amount", "electricity", "kWh/t"), ("generation", "electricity", "kWh/t"),
    ("generation", "heat", "GJ/t"),
]
fossil = st.sampled_from(["coal", "natural_gas", "coke", "fuel_oil"])


@given(st.sampled_from(MECHANISM_EFFECTS), st.floats(0, 50), st.floats(0, 50),
       st.dictionaries(fossil, st.floats(0.01, 1), min_size=1), st.floats(0, 0.5))
def test_a_larger_saving_never_saves_less_energy_or_co2(kind, a, b, fuels, electricity):
    mechanism, scope, unit = kind
    total = sum(fuels.values()) + electricity
    shares = tuple((c, s / total) for c, s in {**fuels, "electricity": electricity}.items() if s)
    line = Line("kgce/t", "cement_clinker", 110, 1_000_000, shares, False, next(iter(fuels)))
    small, large = sorted((a, b))

    def saved(v):
        effect = Effect("X", mechanism, scope, unit, Range(v, v, v), ("cement_clinker",))
        impact = estimate(effect, line, FACTORS)
        return impact.energy_tce.typical, impact.co2_t.typical

    (e1, c1), (e2, c2) = saved(small), saved(large)
    assert e2 >= e1 - 1e-6 and c2 >= c1 - 1e-6


@given(st.dictionaries(fossil, st.floats(0.001, 1), min_size=1))
def test_co2_per_tce_of_any_fossil_mix_lies_between_gas_and_coke(shares):
    per_tce = FACTORS.mix_tco2_per_tce(shares)
    assert FACTORS["natural_gas"].tco2_per_tce - 1e-9 <= per_tce <= FACTORS["coke"].tco2_per_tce + 1e-9


@given(st.floats(0, 40), st.floats(0, 40), st.floats(0, 40))
def test_ranges_stay_ordered(x, y, z):
    low, typical, high = sorted((x, y, z))
    effect = Effect("CE-01", "indicator_amount", "fuel", "kgce/t", Range(low, typical, high),
                    ("cement_clinker",))
    impact = estimate(effect, CLINKER, FACTORS)
    for r in (impact.energy_tce, impact.co2_t, impact.cost_cny):
        assert r.low <= r.typical + 1e-6 and r.typical <= r.high + 1e-6
