"""Which entries can answer a need at all (issue 14): what the plant has, the
need's goal against the entry's mechanism, products; and the scoring factors
for goal, sector and project size."""
from __future__ import annotations

from matching.fit import capital_fit, exclusion, goal_fit, sector_fit
from matching.scoring import Candidate, Need, active_factors, rank

ENERGY = frozenset({"energy"})


def test_what_the_plant_has_is_never_recommended_and_says_why():
    found = exclusion("CE-04", ("energy",), "generation", need_goals=ENERGY, installed=frozenset({"CE-04"}))
    assert found.reason == "installed" and "已安装" in found.reason_zh and "already has" in found.reason_en


def test_an_inert_anode_is_left_out_of_a_need_for_less_energy():
    # NF-03 cuts process CO2 and raises cell voltage: it contradicts a need that only wants less energy
    found = exclusion("NF-03", ("process_co2",), "process_co2", need_goals=ENERGY, installed=frozenset())
    assert found.reason == "goal" and "降低能耗" in found.reason_zh
    # … but answers a need for lower process CO2
    assert exclusion("NF-03", ("process_co2",), "process_co2", need_goals=frozenset({"process_co2"}),
                     installed=frozenset()) is None


def test_co_processing_does_not_answer_a_heat_consumption_need():
    assert exclusion("CE-06", ("fuel_switch",), "fuel_switch", need_goals=ENERGY,
                     installed=frozenset()).reason == "goal"


def test_several_goals_exclude_nothing_but_installed_and_products_need_a_single_goal():
    mixed = frozenset({"energy", "process_co2"})
    assert exclusion("CE-06", ("fuel_switch",), "fuel_switch", need_goals=mixed,
                     installed=frozenset()) is None
    assert exclusion("GL-07", (), "enabling", need_goals=ENERGY, installed=frozenset()).reason == "product"
    assert exclusion("GL-07", (), "enabling", need_goals=frozenset(), installed=frozenset()) is None


def test_complying_with_a_limit_is_served_by_less_energy():
    assert goal_fit(frozenset({"comply"}), ("energy",)) == 1.0
    assert goal_fit(ENERGY, ("measure",)) == 0.1 and goal_fit(frozenset(), ("energy",)) == 0.5
    assert goal_fit(ENERGY, ("energy",), "generation", "indicator_share") == 0.7


def test_sector_and_capital():
    assert sector_fit("glass", "ceramics") == 0.0 and sector_fit("glass", "cross_cutting") == 1.0
    assert sector_fit(None, "ceramics") == 1.0
    assert capital_fit("operational") > capital_fit("minor") > capital_fit("major")


def candidate(code, capital, goals=("energy",), text=0.8):
    return Candidate(code, code, code, "cement", "clinker_burning", 8, ("cement_clinker",), text,
                     capital=capital, goals=goals)


def test_no_big_capital_project_puts_control_measures_first():
    need = Need(sector="cement", stage="clinker_burning", low_capital=True, goals=ENERGY)
    assert "capital" in active_factors(need)
    ranked = rank(need, [candidate("BIG", "major", text=0.9), candidate("APC", "operational", text=0.8)])
    assert ranked[0].candidate.code == "APC"
    assert "capital" not in active_factors(Need(sector="cement"))


def test_a_need_that_only_wants_to_measure_is_answered_by_metering():
    measure = frozenset({"measure"})
    assert exclusion("CM-01", ("energy",), "indicator_share", need_goals=measure,
                     installed=frozenset()).reason == "goal"
    assert exclusion("GN-07", ("measure",), "enabling", need_goals=measure, installed=frozenset()) is None


def test_a_stated_condition_against_an_entry_lowers_it():
    need = Need(sector="cross_cutting", conditions=True)
    gas = Candidate("GN-01", "", "", "cross_cutting", "energy_supply", 9, (), 0.9, unfit=True)
    straw = Candidate("GN-11", "", "", "cross_cutting", "energy_supply", 8, (), 0.7)
    assert [m.candidate.code for m in rank(need, [gas, straw])] == ["GN-11", "GN-01"]


def test_a_mechanism_that_contradicts_every_goal_of_the_need_leaves_the_entry_out():
    # an inert anode (process CO2) answers neither less energy nor data for a verifier
    found = exclusion("NF-03", ("process_co2",), "process_co2", need_goals=frozenset({"energy", "measure"}),
                      installed=frozenset())
    assert found is not None and found.reason == "goal"
    # … but stays for a need with a process-CO2 goal among others
    mixed, none = frozenset({"energy", "process_co2"}), frozenset()
    assert exclusion("NF-03", ("process_co2",), "process_co2", need_goals=mixed, installed=none) is None
    # an energy retrofit is no outlet for wastes; a fuel switch does not bring a line under an energy limit
    assert exclusion("NF-07", ("energy",), "indicator_amount", need_goals=frozenset({"resource"}),
                     installed=frozenset()).reason == "goal"
    assert exclusion("CE-05", ("fuel_switch",), "fuel_switch", need_goals=frozenset({"comply", "energy"}),
                     installed=frozenset()).reason == "goal"
    assert exclusion("GN-11", ("fuel_switch", "comply"), "fuel_switch", need_goals=frozenset({"comply"}),
                     installed=frozenset()) is None


def test_a_cost_only_measure_is_no_product():
    # storage delivers a lower bill, not less energy: a need about peaks keeps it, an energy need does not
    assert exclusion("GN-03", ("cost",), "enabling", need_goals=frozenset({"cost", "energy"}),
                     installed=frozenset()) is None
    assert goal_fit(frozenset({"cost"}), ("cost",)) == 1.0


def test_other_sectors_adjacent_sectors_and_outlets_for_wastes():
    from matching.fit import adjacent, other_sector

    assert adjacent("wall_materials", "cement") and not adjacent("glass", "ceramics")
    assert sector_fit("wall_materials", "cement") == 0.5 and sector_fit("nonferrous", "wall_materials") == 0.0
    assert sector_fit("nonferrous", "wall_materials", takes_waste=True) == 0.8
    left = other_sector("CM-04")
    assert left.reason == "sector" and "其他行业" in left.reason_zh and "another sector" in left.reason_en


def test_a_new_line_is_never_for_a_need_without_capital_and_a_retrofit_is_if_a_third_party_pays():
    assert capital_fit("new_line") == 0.0 < capital_fit("major")
    assert capital_fit("major", third_party=True) > capital_fit("major")
    assert capital_fit("new_line", third_party=True) == 0.0
