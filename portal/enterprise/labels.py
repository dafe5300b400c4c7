"""Interface labels of the enterprise workspace (factor names, standings, inputs)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
INPUTS = {
    "unit_energy": _l("unit energy consumption of the line"), "annual_output": _l("annual output"),
    "saving_pct": _l("expected saving (%)"), "capex": _l("investment"),
    "electricity_price": _l("electricity price"), "coal_price": _l("coal price"),
    "kgce_per_kwh": _l("electricity conversion (equal value)"),
    "grid_kgco2_per_kwh": _l("Chongqing grid emission factor"),
    "coal_tco2_per_tce": _l("CO₂ per tce of raw coal"), "coal_tce_per_t": _l("raw coal conversion"),
}
NEED_STATUSES = {
    "draft": _l("Draft"), "open": _l("Open"), "in_negotiation": _l("In negotiation"),
    "contracted": _l("Contracted"), "closed": _l("Closed"), "withdrawn": _l("Withdrawn"),
}
# The supplier workspace names the EMC models; self-funding is the comparison.
EMC_MODELS = {**EMC_MODEL, "self_funded": _l("Self-funded")}


def globals_() -> dict:
    return {"FACTOR_LABELS": FACTORS, "STANDING_LABELS": STANDINGS, "INPUT_LABELS": INPUTS,
            "NEED_STATUS_LABELS": NEED_STATUSES, "EMC_LABELS": EMC_MODELS}
