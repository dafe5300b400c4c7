"""What changed between two editions of one guide: the introduction (with
the changed stretches marked, as catalogue editions show it), the benchmark
position figures per product, the technologies added and removed, each
kept technology's figures, and its suppliers. Pure functions of the two
frozen contents."""
from __future__ import annotations

from ..curation.diff import inline

POSITION_FIELDS = ("lines", "benchmark", "between", "below_baseline", "unknown", "benchmark_share")
FIGURE_FIELDS = ("saving_tce", "capex_cny", "payback_years", "effect_typical", "evidence")


def _position(content: dict) -> dict[str, dict]:
    out = {}
    for row in (content.get("position") or {}).get("products", []):
        out[row["key"]] = {"name_zh": row["name_zh"], "name_en": row["name_en"], "lines": row["lines"],
                           **row["capacity"], "benchmark_share": row["benchmark_share"]}
    return out


def _figures(tech: dict) -> dict:
    eff = tech.get("effect") or {}
    return {"saving_tce": tech.get("saving_tce"), "capex_cny": tech.get("capex_cny"),
            "payback_years": tech.get("payback_years"),
            "effect_typical": eff.get("typical") if eff.get("quantified") else None,
            "evidence": ((eff.get("evidence") or {}).get("flag")) if eff.get("quantified") else None}


def _suppliers(tech: dict) -> set[str]:
    return {s["name"] for s in tech.get("suppliers", [])}


def compare(older: dict | None, newer: dict, intro_before: tuple[str, str] = ("", ""),
            intro_after: tuple[str, str] = ("", "")) -> dict:
    """``older`` None (the first edition): everything counts as added."""
    older = older or {}
    before_pos, after_pos = _position(older), _position(newer)
    figures = []
    for key, row in after_pos.items():
        old = before_pos.get(key)
        for name in POSITION_FIELDS:
            if old is not None and old.get(name) != row.get(name):
                figures.append({"product_zh": row["name_zh"], "product_en": row["name_en"], "field": name,
                                "before": old.get(name), "after": row.get(name)})
    old_techs = {t["code"]: t for t in older.get("technologies", [])}
    new_techs = {t["code"]: t for t in newer.get("technologies", [])}
    changed = []
    for code, tech in new_techs.items():
        old = old_techs.get(code)
        if old is None:
            continue
        before, after = _figures(old), _figures(tech)
        fields = [{"field": f, "before": before[f], "after": after[f]} for f in FIGURE_FIELDS
                  if before[f] != after[f]]
        gained, lost = sorted(_suppliers(tech) - _suppliers(old)), sorted(_suppliers(old) - _suppliers(tech))
        if fields or gained or lost:
            changed.append({"code": code, "name_zh": tech["name_zh"], "name_en": tech["name_en"],
                            "fields": fields, "suppliers_added": gained, "suppliers_removed": lost})
    intro = {lang: inline(b, a) for lang, b, a in (("zh", intro_before[0], intro_after[0]),
                                                    ("en", intro_before[1], intro_after[1])) if b != a}
    return {
        "first": not older,
        "intro": {k: list(v) for k, v in intro.items()},
        "position": figures,
        "added": [{"code": c, "name_zh": t["name_zh"], "name_en": t["name_en"]}
                  for c, t in new_techs.items() if c not in old_techs],
        "removed": [{"code": c, "name_zh": t["name_zh"], "name_en": t["name_en"]}
                    for c, t in old_techs.items() if c not in new_techs],
        "technologies": changed,
    }


def is_empty(result: dict) -> bool:
    return not any(result[k] for k in ("intro", "position", "added", "removed", "technologies"))
