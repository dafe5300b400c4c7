"""Two to four sentences per match, in Chinese and English, from its strongest
factors and what the technology itself would do for the line."""
from __future__ import annotations

from dataclasses import replace

from .impact import Impact
from .numbers import fmt, fmt_pct, fmt_zh
from .scoring import Match, Need, fitting_offers

MODEL_ZH = {"shared_savings": "效益分享型", "guaranteed_savings": "节能量保证型",
            "energy_cost_hosting": "能源费用托管型", "financing_lease": "融资租赁型", "hybrid": "混合型"}
MODEL_EN = {"shared_savings": "shared-savings", "guaranteed_savings": "guaranteed-savings",
            "energy_cost_hosting": "energy-cost hosting", "financing_lease": "financing-lease",
            "hybrid": "hybrid"}


def _impact_sentence(impact: Impact | None) -> tuple[str, str] | None:
    if impact is None or impact.status != "ok":
        return None
    if impact.energy_tce is not None and impact.energy_tce.typical > 0:
        zh, en = (f"按该技术的效果模型，预计年节能约 {fmt_zh(impact.energy_tce.typical)} tce",
                  f"Its effect model gives about {fmt(impact.energy_tce.typical)} tce saved a year")
        if impact.gap_share_closed:
            zh += f"，可弥补产线与标杆差距的 {fmt_pct(impact.gap_share_closed)}"
            en += f", {fmt_pct(impact.gap_share_closed)} of the line's gap to the benchmark"
        return zh, en
    if impact.co2_t is not None and impact.co2_t.typical > 0:
        return (f"按该技术的效果模型，预计年减排约 {fmt_zh(impact.co2_t.typical)} t CO₂",
                f"Its effect model gives about {fmt(impact.co2_t.typical)} t CO₂ avoided a year")
    return None


def explain(need: Need, match: Match, impact: Impact | None = None,
            stage_label: tuple[str, str] | None = None) -> Match:
    """``match`` with reasons filled in; ``stage_label`` is (zh, en) of the stage."""
    values = {f.name: f.value for f in match.factors}
    zh: list[str] = []
    en: list[str] = []
    if values.get("stage") == 1.0:
        name_zh, name_en = stage_label or (need.stage or "", need.stage or "")
        zh.append(f"适用于{name_zh}工序")
        en.append(f"Applies to the {name_en} stage")
    if values.get("product") == 1.0:
        zh.append("可直接改善该产线对标产品的单位能耗")
        en.append("Improves the unit energy use of this line's benchmark product directly")
    sentence = _impact_sentence(impact)
    if sentence:
        zh.append(sentence[0])
        en.append(sentence[1])
    offers = fitting_offers(need, match.candidate)
    if offers:
        models = sorted({o.model for o in offers})
        zh.append(f"有 {len(offers)} 项{'、'.join(MODEL_ZH[m] for m in models)}合同能源管理方案可选")
        en.append(f"{len(offers)} {'/'.join(MODEL_EN[m] for m in models)} EMC offer(s) fit")
    if len(zh) < 2 and values.get("text", 0) >= 0.5:
        zh.append("技术内容与需求描述高度相关")
        en.append("Its description closely matches the need")
    if len(zh) < 2 and match.candidate.plan_named:
        zh.append("《重庆市材料行业碳达峰实施方案》点名推广")
        en.append("Named for promotion by the Chongqing plan")
    if not zh:
        zh.append("与需求部分相关，建议进一步核实适用条件")
        en.append("Partly relevant; check the conditions of use")
    return replace(match, reasons_zh=tuple(s + "。" for s in zh[:4]),
                   reasons_en=tuple(s + "." for s in en[:4]))
