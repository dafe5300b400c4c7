"""Interface labels for vocabulary keys that are not database rows
(figure metrics, energy carriers, sort orders)."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

METRICS = {
    "energy_saving": _l("Energy saving"),
    "power_generation": _l("Power generation"),
    "co2_reduction": _l("CO₂ reduction"),
    "capex": _l("Investment"),
    "payback_years": _l("Payback"),
    "efficiency": _l("Efficiency"),
    "specific_energy": _l("Specific energy use"),
    "policy_target": _l("Policy target"),
    "deployment": _l("Deployment"),
    "substitution_rate": _l("Substitution rate"),
    "emission_reduction": _l("Pollutant reduction"),
    "baseline_emissions": _l("Baseline emissions"),
    "baseline_share": _l("Baseline share"),
    "waste_generation": _l("Waste generation"),
    "material_intensity": _l("Material intensity"),
    "heat_recovery": _l("Heat recovery"),
    "process_temperature": _l("Process temperature"),
    "cycle_time": _l("Cycle time"),
    "cost_saving": _l("Cost saving"),
    "capture_cost": _l("Capture cost"),
    "opex": _l("Operating cost"),
    "carbon_price": _l("Carbon price"),
    "emission_factor": _l("Emission factor"),
    "energy_available": _l("Energy available"),
    "thermal_conductivity": _l("Thermal conductivity"),
    "service_life": _l("Service life"),
    "water_use": _l("Water use"),
    "sector_energy": _l("Sector energy use"),
}

CARRIERS = {
    "coal": _l("Coal"),
    "coke": _l("Coke and by-product gas"),
    "natural_gas": _l("Natural gas"),
    "electricity": _l("Electricity"),
    "heat": _l("Heat"),
    "hydrogen": _l("Hydrogen"),
    "biomass": _l("Biomass"),
    "waste_fuel": _l("Waste-derived fuel"),
}

SORTS = {
    "relevance": _l("Relevance"),
    "code": _l("Catalogue code"),
    "newest": _l("Newest"),
    "name": _l("Name"),
    "trl": _l("Readiness (TRL)"),
    "payback": _l("Payback at the reference project"),
    "capex": _l("Investment of the reference project"),
}


def page_window(page: int, pages: int, radius: int = 3) -> list[int | None]:
    """Page numbers to link: first, last and ``radius`` around the current
    page; None marks a gap (…). Keeps pagination short at 10,000 pages."""
    shown = sorted({1, pages, *range(max(1, page - radius), min(pages, page + radius) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(METRICS=METRICS, CARRIERS=CARRIERS, SORTS=SORTS,
                                 page_window=page_window)
