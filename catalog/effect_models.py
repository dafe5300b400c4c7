"""Effect models (``data/catalogue/effects``): read, check and turn into
``matching.effects.Effect``. The contract is data/catalogue/effects/README.md;
every rule it states is checked here so the seed refuses a model that breaks it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from matching.effects import MECHANISMS, SUBSTITUTES, Effect, Range
from matching.units import FUELS

from .seed import SeedError, read_yaml

UNTRUSTED_FLAGS = ("MEM-unverified", "MEM-unverified (doubtful)", "MEM (STD-consistent)", "CONFLICT")
SHARE_SCOPES = ("all", "fuel", "electricity")
CARRIERS_BY_MECHANISM = {
    "indicator_share": SHARE_SCOPES, "enabling": SHARE_SCOPES,
    "indicator_amount": ("fuel", *FUELS, "electricity"),
    "generation": ("electricity", "heat", "fuel"),
    "fuel_switch": SUBSTITUTES, "process_co2": ("co2",),
}
QUANTITIES = {"indicator_amount": ("kgce", "kWh"), "generation": ("kWh", "GJ", "kgce"),
              "process_co2": ("tCO2",)}


def read_effects(folder: Path) -> dict[str, dict[str, Any]]:
    effects: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for code, entry in (read_yaml(path) or {}).items():
            if code in effects:
                raise SeedError(f"{path.name}: {code} has an effect model in two files")
            effects[code] = dict(entry)
    return effects


def check(code: str, e: dict[str, Any], output_units: dict[str, str], sources: set[str],
          flags: set[str]) -> None:
    """Raise SeedError naming the code and the rule an effect model breaks.
    ``output_units``: benchmark family → the output unit of its indicator."""
    def fail(rule: str) -> None:
        raise SeedError(f"effects {code}: {rule}")

    mechanism = e.get("mechanism")
    if mechanism not in MECHANISMS:
        fail(f"unknown mechanism {mechanism!r}")
    products = e.get("products") or []
    unknown = [p for p in products if p not in output_units]
    if unknown:
        fail(f"unknown products {unknown}")
    for name in ("limits_zh", "limits_en"):
        if not (e.get(name) or "").strip():
            fail(f"{name} is required")
    if e.get("not_quantified") is not None:
        nq = e["not_quantified"] or {}
        if any(k in e for k in ("low", "typical", "high")):
            fail("a not-quantified model has no values")
        for name in ("reason_zh", "reason_en", "searched"):
            if not (nq.get(name) or "").strip():
                fail(f"not_quantified.{name} is required")
        return
    _check_values(code, e, mechanism, products, output_units, sources, flags, fail)


def _check_values(code, e, mechanism, products, output_units, sources, flags, fail) -> None:
    try:
        Range(float(e["low"]), float(e["typical"]), float(e["high"]))
    except (KeyError, TypeError, ValueError) as exc:
        fail(f"low ≤ typical ≤ high numbers are required ({exc})")
    if e.get("carrier") not in CARRIERS_BY_MECHANISM[mechanism]:
        fail(f"carrier {e.get('carrier')!r} does not fit {mechanism}")
    unit = str(e.get("unit") or "")
    if mechanism in QUANTITIES:
        quantity, _, per = unit.partition("/")
        if quantity not in QUANTITIES[mechanism]:
            fail(f"unit {unit!r} does not fit {mechanism}")
        if not products:
            fail("a per-unit value needs its products")
        wrong = [p for p in products if output_units[p] != per]
        if wrong:
            fail(f"unit {unit!r} is not per the output unit of {wrong}")
    elif unit != "%":
        fail(f"{mechanism} values are in %")
    for name in ("basis_zh", "basis_en"):
        if not (e.get(name) or "").strip():
            fail(f"{name} is required")
    _check_citation(e, "", sources, flags, fail)
    if mechanism == "fuel_switch":
        if e.get("replaces", "main_fuel") not in ("main_fuel", "fuel", *FUELS):
            fail(f"replaces {e.get('replaces')!r}")
        if e.get("substitute_tco2_per_tce") is not None and e.get("carrier") != "biomass" \
                and float(e["substitute_tco2_per_tce"]) > 0 and e.get("substitute_co2_source") not in sources:
            fail("substitute_tco2_per_tce needs substitute_co2_source")
    reference = e.get("reference")
    if reference:
        if not float(reference.get("capacity") or 0) > 0 or not float(reference.get("capex_cny") or 0) > 0:
            fail("reference needs capacity and capex_cny above 0")
        _check_citation(reference, "reference ", sources, flags, fail)
        if reference.get("scaling", "six_tenths") not in ("six_tenths", "linear"):
            fail("reference scaling is six_tenths or linear")
    if e.get("service_life_years") is not None and e.get("service_life_source") not in sources:
        fail("service_life_years needs service_life_source")


def _check_citation(e: dict, where: str, sources: set[str], flags: set[str], fail) -> None:
    if e.get("source") not in sources:
        fail(f"{where}source {e.get('source')!r} is not in data/sources")
    evidence = e.get("evidence")
    if evidence not in flags or evidence in UNTRUSTED_FLAGS:
        fail(f"{where}evidence {evidence!r} is not a flag of a citable source")


def to_effect(code: str, e: dict[str, Any]) -> Effect:
    """The stored model as the matching engine reads it."""
    value = None
    if e.get("not_quantified") is None and "typical" in e:
        value = Range(float(e["low"]), float(e["typical"]), float(e["high"]))
    tco2 = e.get("substitute_tco2_per_tce")
    if tco2 is None and e.get("carrier") == "biomass":
        tco2 = 0.0  # biogenic CO₂ is not counted (stated on the page with the model)
    return Effect(code=code, mechanism=e.get("mechanism", "enabling"), carrier=e.get("carrier") or "",
                  unit=str(e.get("unit") or ""), value=value, products=tuple(e.get("products") or ()),
                  source=e.get("source") or "", evidence=e.get("evidence") or "",
                  replaces=e.get("replaces") or "",
                  substitute_ratio=float(e.get("substitute_ratio") or 1.0),
                  substitute_tco2_per_tce=None if tco2 is None else float(tco2))


def cited_keys(e: dict[str, Any]) -> set[str]:
    """Every source key an effect model cites."""
    keys = {e.get("source"), e.get("service_life_source"), e.get("om_source"), e.get("substitute_co2_source"),
            (e.get("reference") or {}).get("source")}
    return {k for k in keys if k}
