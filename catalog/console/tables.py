"""The dashboard's tables as rows with Chinese headers, for the exports:
``TABLES[name](session, filters, **options) -> (title, headers, rows)``."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m

from .. import clock
from . import capacity, catalogue_stats, coverage, funnel, results
from .filters import Filters

Table = tuple[str, list[str], list[tuple]]
STANDING_ZH = {"benchmark": "达到标杆", "between": "标杆与基准之间", "below_baseline": "低于基准",
               "unknown": "未知（未填单位能耗）"}
STEP_ZH = {"posted": "已发布需求", "matched": "已匹配", "inquiry": "已发起对接", "sent": "对接请求",
           "site_survey": "现场踏勘", "proposal": "方案报价", "contracted": "已签约", "implemented": "已实施"}


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def capacity_table(session: Session, flt: Filters, **_: object) -> Table:
    rows = [(r.name_zh, r.output_unit, r.lines, *(round(r.capacity[s]) for s in capacity.STANDINGS),
             _pct(r.benchmark_share), round(100 * capacity.TARGET_SHARE),
             {True: "是", False: "否", None: ""}[r.meets_target])
            for r in capacity.by_product(session, flt)]
    headers = ["能效对标产品", "产能单位", "产线数", *(f"产能：{STANDING_ZH[s]}" for s in capacity.STANDINGS),
               "达标杆产能占比(%)", "目标(%)", "达到目标"]
    return "产能与能效水平", headers, rows


def below_baseline_table(session: Session, flt: Filters, **_: object) -> Table:
    rows = [(b.organisation, b.facility, b.product_zh, b.unit_energy, b.baseline, b.unit, b.capacity,
             b.deadline) for b in capacity.below_baseline(session, flt)]
    return "低于基准水平的企业", ["企业", "产线", "能效对标产品", "单位能耗", "基准水平", "单位", "产能",
                          "改造或退出期限"], rows


def catalogue_table(session: Session, flt: Filters, **_: object) -> Table:
    rows: list[tuple] = []
    for label, counts in (("行业", catalogue_stats.by_sector(session, flt)),
                          ("技术类别", catalogue_stats.by_category(session, flt)),
                          ("成熟度", catalogue_stats.by_maturity(session, flt)),
                          ("状态", catalogue_stats.by_status(session, flt))):
        rows += [(label, c.name_zh, c.count) for c in counts]
    return "目录条目统计", ["分组", "取值", "条目数"], rows


def review_due_table(session: Session, flt: Filters, today: date | None = None, **_: object) -> Table:
    sectors = dict(session.execute(select(m.Sector.key, m.Sector.name_zh)).all())
    rows = [(t.code, t.name_zh, sectors.get(t.sector_key, t.sector_key), t.review_due)
            for t in catalogue_stats.review_due(session, flt, today or clock.today())]
    return "待复审条目", ["编号", "技术名称", "行业", "复审日期"], rows


def queue_table(session: Session, flt: Filters, **_: object) -> Table:
    rows = [(w.id, w.name_zh, w.organisation, w.status, w.submitted_at, w.days)
            for w in catalogue_stats.queue(session, flt)]
    return "评审队列", ["申报编号", "技术名称", "申报单位", "状态", "提交时间", "已等待天数"], rows


def funnel_table(session: Session, flt: Filters, threshold: float = funnel.MATCH_THRESHOLD,
                 **_: object) -> Table:
    data = funnel.compute(session, flt, threshold)
    rows: list[tuple] = []
    for unit, counts in (("需求", data.needs), ("对接请求", data.inquiries)):
        rates = funnel.Funnel.rates(counts)
        rows += [(unit, STEP_ZH[k], v, _pct(rates[k])) for k, v in counts.items()]
    rows += [("中位天数", f"{STEP_ZH[a]} → {STEP_ZH[b]}", days, None)
             for (a, b), days in data.median_days.items()]
    return "对接漏斗", ["计数单位", "环节", "数量/天数", "转化率(%)"], rows


def _breakdown(session: Session, flt: Filters, threshold: float, by: str) -> Table:
    data = funnel.breakdown(session, flt, threshold)  # the medians are not in this table
    model = m.Sector if by == "sector" else m.District
    names = dict(session.execute(select(model.key, model.name_zh)).all())
    table = data.by_sector if by == "sector" else data.by_district
    rows = [(names.get(k, k or "未知"), *(v[s] for s in funnel.NEED_STEPS))
            for k, v in sorted(table.items(), key=lambda kv: -kv[1]["posted"])]
    title = "对接漏斗（按行业）" if by == "sector" else "对接漏斗（按区县）"
    return title, ["行业" if by == "sector" else "区县", *(STEP_ZH[s] for s in funnel.NEED_STEPS)], rows


def funnel_sector_table(session: Session, flt: Filters, threshold: float = funnel.MATCH_THRESHOLD,
                        **_: object) -> Table:
    return _breakdown(session, flt, threshold, "sector")


def funnel_district_table(session: Session, flt: Filters, threshold: float = funnel.MATCH_THRESHOLD,
                          **_: object) -> Table:
    return _breakdown(session, flt, threshold, "district")


def results_table(session: Session, flt: Filters, **_: object) -> Table:
    rows = [("已签约" if t.stage == "contracted" else "已实施", t.deals, round(t.value_cny),
             round(t.claimed_tce, 1), round(t.claimed_co2_t, 1), round(t.measured_tce, 1),
             round(t.measured_co2_t, 1), t.measured_deals, round(t.followed_up_tce, 1), t.followed_up_deals)
            for t in results.totals(session, flt)]
    headers = ["阶段", "项目数", "合同金额(元)", "声称年节能量(tce)", "声称年减排量(tCO2)",
               "实测年节能量(tce)", "实测年减排量(tCO2)", "有实测的项目数", "回访年节能量(tce)",
               "有回访的项目数"]
    return "成效：声称与实测", headers, rows


def models_table(session: Session, flt: Filters, **_: object) -> Table:
    rows = [(s.model or "未填", s.deals, round(s.value_cny), round(s.claimed_tce, 1), _pct(s.share_deals),
             _pct(s.share_value)) for s in results.by_model(session, flt)]
    headers = ["合同模式", "项目数", "合同金额(元)", "声称年节能量(tce)", "项目数占比(%)", "金额占比(%)"]
    return "合同模式", headers, rows


def coverage_table(session: Session, flt: Filters, threshold: float = coverage.GAP_THRESHOLD,
                   **_: object) -> Table:
    rows = [(g.stage_zh or "未填", g.problem_type, g.needs, g.unscored, g.mean_score)
            for g in coverage.gaps(session, flt, threshold)]
    return "覆盖缺口", ["工艺环节", "问题类型", "需求数", "其中未评分", "平均最佳匹配分"], rows


TABLES: dict[str, Callable[..., Table]] = {
    "capacity": capacity_table, "below_baseline": below_baseline_table, "catalogue": catalogue_table,
    "review_due": review_due_table, "queue": queue_table, "funnel": funnel_table,
    "funnel_by_sector": funnel_sector_table, "funnel_by_district": funnel_district_table,
    "results": results_table, "contract_models": models_table, "coverage": coverage_table}
