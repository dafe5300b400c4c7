"""JSON of diagnoses, effect models and per-line impacts: every number with
its unit, inputs, factors and the citation of its source."""
from __future__ import annotations

from catalog import sources
from matching.effects import Range


def rng(r: Range | None) -> dict | None:
    return None if r is None else {"low": r.low, "high": r.high}


def typical(r: Range | None) -> float | None:
    return None if r is None else r.typical


def diagnosis_json(row, dia, energy_mix, cited: dict) -> dict:
    limit = None
    if dia.limit is not None:
        limit = {"standard": dia.limit.standard, "limit": dia.limit.limit, "unit": row.unit,
                 "in_force_from": dia.limit.in_force_from.isoformat() if dia.limit.in_force_from else None,
                 "exceeded": dia.limit_exceeded, "source": sources.as_json(cited.get(row.standard_source))}
    return {"benchmark_product": row.key, "family": row.family, "name_zh": row.name_zh,
            "name_en": row.name_en, "unit": row.unit, "unit_energy": dia.value,
            "annual_output": dia.annual_output, "status": dia.standing.value,
            "benchmark": dia.benchmark, "baseline": dia.baseline,
            "gap_to_benchmark": dia.gap_to_benchmark, "gap_to_baseline": dia.gap_to_baseline,
            "gap_tce": dia.gap_tce, "gap_tco2": dia.gap_tco2, "tco2_per_tce": dia.tco2_per_tce,
            "energy_mix": {"main_fuel": energy_mix.main_fuel, "fuel_shares": energy_mix.shares,
                           "default": energy_mix.default},
            "deadline": dia.deadline.isoformat() if dia.deadline else None,
            "deadline_status": dia.deadline_status, "overdue_days": dia.overdue_days,
            "mandatory_limit": limit,
            "levels_verified": dia.verified, "flag": row.flag,
            "source": sources.as_json(cited.get(row.annex_source))}


def effect_json(effect: dict, cited: dict) -> dict | None:
    """The technology's effect model with its sources resolved."""
    if not effect:
        return None
    out = {k: v for k, v in effect.items() if k not in ("source", "service_life_source", "reference",
                                                          "substitute_co2_source", "evidence")}
    out["evidence_flag"] = effect.get("evidence")
    out["source"] = sources.as_json(cited.get(effect.get("source")))
    if effect.get("service_life_source"):
        out["service_life_source"] = sources.as_json(cited.get(effect["service_life_source"]))
    if effect.get("reference"):
        ref = dict(effect["reference"])
        ref["source"] = sources.as_json(cited.get(ref.get("source")))
        out["reference"] = ref
    return out


def impact_json(impact, cited: dict) -> dict | None:
    if impact is None:
        return None
    return {
        "status": impact.status, "reason": impact.reason or None, "mechanism": impact.mechanism,
        "energy_tce": typical(impact.energy_tce), "energy_tce_range": rng(impact.energy_tce),
        "co2_t": typical(impact.co2_t), "co2_t_range": rng(impact.co2_t),
        "cost_cny": typical(impact.cost_cny), "cost_cny_range": rng(impact.cost_cny),
        "process_co2_t": typical(impact.process_co2_t),
        "substitute_tce": typical(impact.substitute_tce),
        "carriers": [{"carrier": c.carrier, "unit": c.unit, "amount": c.amount.typical,
                      "amount_range": rng(c.amount), "tce": c.tce.typical, "co2_t": c.co2_t.typical,
                      "cost_cny": typical(c.cost_cny)} for c in impact.carriers],
        "gap_share_closed": impact.gap_share_closed,
        "inputs": [{"name": i.name, "value": _value(i.value), "unit": i.unit, "origin": i.origin,
                    "evidence_flag": i.evidence or None, "source": sources.as_json(cited.get(i.source))}
                   for i in impact.inputs],
        "steps": [{"label": s.label, "carrier": s.carrier or None, "formula": s.formula}
                  for s in impact.steps],
        "missing": impact.missing, "unavailable": impact.unavailable,
    }


def _value(value):
    if isinstance(value, Range):
        return {"low": value.low, "typical": value.typical, "high": value.high}
    return value


def impact_keys(impact) -> set[str]:
    return set() if impact is None else {i.source for i in impact.inputs if i.source}


def appraisal_json(appraisal, cited: dict) -> dict:
    """Capex (with where it comes from), payback, NPV, IRR and the sensitivity."""
    if appraisal is None:
        return {"capex_cny": None, "capex_cny_range": None, "capex_basis": None, "payback_years": None,
                "payback_years_range": None, "npv_cny": None, "npv_cny_range": None, "irr": None,
                "service_life_years": None, "discount_rate": None, "sensitivity": []}
    capex = appraisal.capex
    basis = None
    if capex is not None:
        basis = {"kind": capex.kind, "formula": capex.formula or None,
                 "evidence_flag": capex.evidence or None,
                 "source": sources.as_json(cited.get(capex.source))}
    return {"capex_cny": typical(capex.value) if capex else None,
            "capex_cny_range": rng(capex.value) if capex else None, "capex_basis": basis,
            "payback_years": typical(appraisal.payback_years),
            "payback_years_range": rng(appraisal.payback_years),
            "npv_cny": typical(appraisal.npv_cny), "npv_cny_range": rng(appraisal.npv_cny),
            "irr": appraisal.irr,
            "om_cny": appraisal.om_cny, "service_life_years": appraisal.life_years,
            "service_life_basis": None if appraisal.life_years is None else
            ("statutory_depreciation" if appraisal.life_statutory else "effect_model"),
            "service_life_source": sources.as_json(cited.get(appraisal.life_source)),
            "discount_rate": appraisal.discount_rate, "sensitivity": appraisal.sensitivity,
            "appraisal_missing": appraisal.missing}


def appraisal_keys(appraisal) -> set[str]:
    if appraisal is None:
        return set()
    keys = {appraisal.life_source}
    if appraisal.capex is not None:
        keys.add(appraisal.capex.source)
    return {k for k in keys if k}
