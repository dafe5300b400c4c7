"""Interface labels of the enterprise workspace (factor names, standings, inputs)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from matching.units import PRICE_UNIT

from ..supplier.labels import EMC_MODEL

FACTORS = {
    "text": _l("Text relevance"), "stage": _l("Process-stage fit"), "product": _l("Benchmark-product fit"),
    "gap": _l("Benchmark gap it can close"), "saving": _l("Saving against the target"),
    "capex": _l("Investment against the budget"), "financing": _l("Financing fit (EMC offers)"),
    "maturity": _l("Maturity (TRL)"), "supplier": _l("Verified suppliers in the region"),
    "plan": _l("Named by the plan / featured"),
}
STANDINGS = {
    "benchmark": _l("At benchmark level (达到标杆水平)"),
    "between": _l("Between baseline and benchmark (介于基准与标杆之间)"),
    "below_baseline": _l("Below the baseline: retrofit or exit before the deadline (低于基准水平)"),
    "unknown": _l("No national levels for this product"),
}
CARRIERS = {
    "coal": _l("Coal (raw coal)"), "natural_gas": _l("Natural gas"), "coke": _l("Coke"),
    "fuel_oil": _l("Fuel oil"), "electricity": _l("Electricity"), "biomass": _l("Biomass"),
    "waste_fuel": _l("Waste-derived fuel"), "hydrogen": _l("Hydrogen"), "heat": _l("Heat"),
    "fuel": _l("The line's fuels"), "all": _l("All the line's energy"), "co2": _l("Process CO₂"),
}
MECHANISMS = {
    "indicator_share": _l("Lowers the line's energy use by a share"),
    "indicator_amount": _l("Lowers the line's energy use by an amount per unit of output"),
    "generation": _l("Generates energy the line no longer buys"),
    "fuel_switch": _l("Replaces part of a fuel by another carrier"),
    "process_co2": _l("Cuts process CO₂"),
    "enabling": _l("Enabling measure (management, metering, accounting)"),
}
INPUTS = {
    "unit_energy": _l("Unit energy consumption of the line"), "annual_output": _l("Annual output"),
    "effect": _l("What the technology does (its effect model)"),
    **{f"share_{c}": _l("Share of %(carrier)s in the line's energy", carrier=CARRIERS[c])
       for c in ("coal", "natural_gas", "coke", "fuel_oil", "electricity")},
    **{f"kgce_{c}": _l("%(carrier)s: conversion to standard coal", carrier=CARRIERS[c])
       for c in ("coal", "natural_gas", "coke", "fuel_oil", "electricity")},
    **{f"kgco2_{c}": _l("%(carrier)s: CO₂ emission factor", carrier=CARRIERS[c])
       for c in ("coal", "natural_gas", "coke", "fuel_oil", "electricity")},
    **{f"{c}_price": _l("%(carrier)s price", carrier=CARRIERS[c])
       for c in ("coal", "natural_gas", "coke", "fuel_oil", "electricity")},
    "fuel_shares": _l("the line's energy mix (shares of its carriers)"),
    "capex": _l("investment"),
}
GOALS = {
    "energy": _l("lower energy use"), "process_co2": _l("lower process CO₂"),
    "fuel_switch": _l("switch fuel"),
    "comply": _l("meet a limit or deadline"), "measure": _l("measure and report"), "finance": _l("financing"),
    "resource": _l("use wastes and by-products"), "cost": _l("cut the energy bill"),
}
SENSITIVITY = {
    "base": _l("As estimated"), "price_low": _l("Energy price −20 %"), "price_high": _l("Energy price +20 %"),
    "saving_low": _l("Low saving of the effect model"), "saving_high": _l("High saving of the effect model"),
}
STEPS = {
    "line_energy": _l("The line's energy a year"), "carrier_energy": _l("Of which this carrier"),
    "saving": _l("Saving"), "fuel_split": _l("Split over the line's fuels"),
    "heat_tce": _l("Heat in standard coal"), "replaced": _l("Energy replaced"),
    "substitute": _l("Substitute used"), "substitute_co2": _l("CO₂ of the substitute counted"),
    "process_co2": _l("Process CO₂ avoided"), "amount": _l("Amount"), "tce": _l("In standard coal"),
    "co2": _l("CO₂"), "cost": _l("Money"),
}
REASONS = {
    "not_quantified": _l("No reliable data (暂无可靠数据): no citable source quantifies this technology's "
                         "effect on a line."),
    "product": _l("Its figures are for other products; they cannot be applied to this line."),
    "sector": _l("It is a technology of another sector; its figures are not applied to this line."),
    "electric_line": _l("This line's indicator is electricity only; the technology acts on fuels."),
    "no_carrier": _l("The line records no energy of the carrier this technology acts on; enter the "
                     "line's energy mix."),
    "no_fuel": _l("The line records no fuel."),
    "negative_indicator": _l("The line's indicator is net negative; a share of it means nothing."),
    "substitute_co2": _l("the CO₂ of the substitute fuel (no source gives its fossil share)"),
    "substitute_cost": _l("the money saved (the price of the substitute fuel is not known)"),
}
NEED_STATUSES = {
    "draft": _l("Draft"), "open": _l("Open"), "in_negotiation": _l("In negotiation"),
    "contracted": _l("Contracted"), "closed": _l("Closed"), "withdrawn": _l("Withdrawn"),
}
# The supplier workspace names the EMC models; self-funding is the comparison.
EMC_MODELS = {**EMC_MODEL, "self_funded": _l("Self-funded")}


def globals_() -> dict:
    return {"FACTOR_LABELS": FACTORS, "STANDING_LABELS": STANDINGS, "INPUT_LABELS": INPUTS,
            "NEED_STATUS_LABELS": NEED_STATUSES, "EMC_LABELS": EMC_MODELS, "CARRIER_LABELS": CARRIERS,
            "MECHANISM_LABELS": MECHANISMS, "STEP_LABELS": STEPS, "REASON_LABELS": REASONS,
            "SENSITIVITY_LABELS": SENSITIVITY, "PRICE_UNITS": PRICE_UNIT, "GOAL_LABELS": GOALS}
