"""One catalogue technology as a guide shows it: what it is, the problems it
solves and when it does not fit, its effect model with source and evidence
level, the typical saving, investment and payback at its reference project
(the figures the technology page shows, with every input and formula; a
figure without a source is None = "not available"), the suppliers with their
products and EMC offers, and the application cases. Plain JSON-ready dicts."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from .. import reference_plant, sources
from ..curation.publishing import cases_for
from ..supply import public as supply_public

PROBLEMS_SHOWN = 5   # phrases of what a technology solves shown per entry


class Context:
    """What every entry needs, read once per guide."""

    def __init__(self, session: Session):
        from ..enterprise import energy
        from ..queries import reference_flags

        self.session = session
        self.rows = reference_plant.first_rows(session)
        self.factors = energy.factors(session)
        self.prices = reference_plant.reference_prices(session)
        self.flags = reference_flags(session)
        self.cited: set[str] = set()


def evidence(ctx: Context, flag: str | None) -> dict | None:
    level = ctx.flags.get(flag or "")
    if not flag:
        return None
    if level is None:
        return {"flag": flag, "key": None, "name_zh": flag, "name_en": flag, "trusted": False}
    return {"flag": flag, "key": level.key, "name_zh": level.name_zh, "name_en": level.name_en,
            "trusted": bool(level.trusted)}


def effect(ctx: Context, tech: m.Technology) -> dict:
    eff = tech.effect or {}
    out = {"mechanism": eff.get("mechanism"), "carrier": eff.get("carrier")}
    if eff.get("not_quantified") or eff.get("typical") is None:
        reason = eff.get("not_quantified") or {}
        return {**out, "quantified": False, "reason_zh": reason.get("reason_zh", ""),
                "reason_en": reason.get("reason_en", "")}
    ctx.cited.add(eff.get("source") or "")
    return {**out, "quantified": True, "typical": eff.get("typical"), "low": eff.get("low"),
            "high": eff.get("high"), "unit": eff.get("unit", ""), "basis_zh": eff.get("basis_zh", ""),
            "basis_en": eff.get("basis_en", ""), "source": eff.get("source"),
            "evidence": evidence(ctx, eff.get("evidence"))}


def figures(ctx: Context, tech: m.Technology) -> dict:
    """Saving, investment and payback at the reference project, with inputs."""
    plant = reference_plant.plant(tech, ctx.rows, ctx.factors, ctx.prices)
    if plant is None or plant.impact.status != "ok":
        return {"saving_tce": None, "capex_cny": None, "payback_years": None, "reference": None}
    ref = (tech.effect or {}).get("reference") or {}
    ctx.cited.add(ref.get("source") or "")
    cost = plant.impact.cost_cny.typical if plant.impact.cost_cny is not None else None
    used = {k: v for k, v in ctx.prices.items()}
    return {
        "saving_tce": plant.saving_tce, "capex_cny": plant.capex_cny, "payback_years": plant.payback_years,
        "reference": {
            "capacity": plant.capacity, "product_zh": plant.product.name_zh,
            "product_en": plant.product.name_en, "baseline": plant.product.baseline,
            "unit": plant.product.unit, "output_unit": plant.product.output_unit_zh,
            "output_unit_en": plant.product.unit.split("/")[-1], "fuel": plant.product.default_main_fuel,
            "steps": [s.formula for s in plant.impact.steps], "cost_cny": cost,
            "prices": used if plant.payback_years is not None else {},
            "basis_zh": ref.get("basis_zh", ""), "basis_en": ref.get("basis_en", ""),
            "source": ref.get("source"), "evidence": evidence(ctx, ref.get("evidence"))}}


def suppliers(session: Session, tech: m.Technology) -> list[dict]:
    """Verified suppliers' published products and EMC offers, grouped by supplier."""
    products, offers = supply_public.for_technology(session, tech.id)
    out: dict[int, dict] = {}

    def org(o: m.Organisation) -> dict:
        return out.setdefault(o.id, {"id": o.id, "name": o.name, "products": [], "offers": []})

    for p in products:
        org(p.organisation)["products"].append({"id": p.id, "name_zh": p.name_zh, "name_en": p.name_en})
    for o in offers:
        org(o.organisation)["offers"].append({"id": o.id, "title": o.title, "model": o.model,
                                              "term_years": o.term_years})
    return sorted(out.values(), key=lambda s: s["name"])


def entry(ctx: Context, tech: m.Technology) -> dict:
    problems = tech.problems or {}
    cases = [{"site": str(c.get("site", "")), "since": str(c.get("in_use_since", "")),
              "results": str(c.get("results", ""))} for c in cases_for(ctx.session, tech)]
    return {
        "code": tech.code, "name_zh": tech.name_zh, "name_en": tech.name_en, "sector_key": tech.sector_key,
        "sector_zh": tech.sector.name_zh, "sector_en": tech.sector.name_en,
        "stage_key": tech.stage_key, "stage_zh": tech.stage.name_zh, "stage_en": tech.stage.name_en,
        "category_key": tech.category_key, "category_zh": tech.category.name_zh,
        "category_en": tech.category.name_en, "maturity_zh": tech.maturity.name_zh,
        "maturity_en": tech.maturity.name_en, "trl": tech.trl, "plan_named": bool(tech.plan_named),
        "promoted": bool(tech.promoted), "plan_refs": list(tech.plan_refs or []),
        "summary_zh": tech.summary_zh, "summary_en": tech.summary_en or tech.summary_zh,
        "applicable_to": list(tech.applicable_to or []),
        "problems_zh": list(problems.get("problems_zh", []))[:PROBLEMS_SHOWN],
        "problems_en": list(problems.get("problems_en", []))[:PROBLEMS_SHOWN],
        "not_fit_zh": list(problems.get("not_fit_zh", [])),
        "not_fit_en": list(problems.get("not_fit_en", [])),
        "effect": effect(ctx, tech), **figures(ctx, tech),
        "suppliers": suppliers(ctx.session, tech), "cases": cases,
    }


def cited(ctx: Context) -> dict[str, dict]:
    """The documents the entries cite, by key (publisher in both languages)."""
    out = {}
    for key, s in sources.resolve(ctx.session, ctx.cited).items():
        out[key] = {"publisher_zh": s.publisher_zh or s.publisher_en, "publisher_en": s.publisher_en
                    or s.publisher_zh, "title": s.title, "date": s.date, "url": s.url}
    return out
