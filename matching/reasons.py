"""Two to four sentences per match, in Chinese and English, from its strongest
factors (and the impact estimate when the caller has one)."""
from __future__ import annotations

from dataclasses import replace

from .impact import Impact
from .scoring import Match, Need, fitting_offers

MODEL_ZH = {"shared_savings": "效益分享型", "guaranteed_savings": "节能量保证型",
            "energy_cost_hosting": "能源费用托管型", "financing_lease": "融资租赁型", "hybrid": "混合型"}
MODEL_EN = {"shared_savings": "shared-savings", "guaranteed_savings": "guaranteed-savings",
            "energy_cost_hosting": "energy-cost hosting", "financing_lease": "financing-lease",
            "hybrid": "hybrid"}


def explain(need: Need, match: Match, impact: Impact | None = None,
            stage_label: tuple[str, str] | None = None, upper_bound: bool = False) -> Match:
    """``match`` with reasons filled in; ``stage_label`` is (zh, en) of the stage;
    ``upper_bound``: the impact assumes the line reaches the benchmark."""
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
    if impact is not None and impact.energy_tce and upper_bound:
        zh.append(f"若产线降至标杆水平，年节能上限约 {impact.energy_tce / 10_000:.2f} 万tce")
        en.append(f"Reaching the benchmark would save up to {impact.energy_tce:,.0f} tce a year")
    elif impact is not None and impact.energy_tce:
        share = ""
        share_en = ""
        if need.target_saving_pct and match.candidate.saving_pct:
            pct = 100 * min(match.candidate.saving_pct / need.target_saving_pct, 9.99)
            share, share_en = f"，达成目标的 {pct:.0f}%", f", {pct:.0f}% of the target"
        zh.append(f"预计年节能约 {impact.energy_tce / 10_000:.2f} 万tce{share}")
        en.append(f"Estimated saving about {impact.energy_tce:,.0f} tce a year{share_en}")
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
