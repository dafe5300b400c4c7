"""The columns of the bulk-import workbooks: the one definition that the
import templates, the import validation and the exports share, so an exported
catalogue or organisation list re-imports unchanged.

Catalogue entries use two sheets: 技术条目 (one row per entry) and 关键数据
(one row per quantified figure, in order, tied to its entry by 技术编号).
Organisations use one sheet, 单位. Headers are Chinese (the first row);
vocabulary cells hold the Chinese label, and the key or the English label is
accepted too. Lists are written separated by 「；」 (「;」, 「、」 and line breaks
are accepted)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import models as m
from ..accounts.regions import PROVINCES

LIST_SEPARATOR = "；"
SPLIT = re.compile(r"[；;、\n]+")
OUTSIDE_ZH = "市外"


@dataclass(frozen=True)
class Column:
    key: str
    header: str            # the Chinese header, as in the workbook
    header_en: str
    required: bool = False
    hint_zh: str = ""
    hint_en: str = ""
    example: Any = ""
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    name: str
    name_en: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


C = Column
TECHNOLOGIES = Sheet("技术条目", "Entries", (
    C("code", "技术编号", "Code", True, "行业前缀-序号，如 CE-03；已有编号更新该条目，新编号新建条目",
      "Sector prefix and number, e.g. CE-03; an existing code updates that entry, a new one creates it",
      "CE-90", 10),
    C("name_zh", "技术名称（中文）", "Name (Chinese)", True, "不超过 200 字", "At most 200 characters",
      "示例：水泥窑富氧燃烧技术", 28),
    C("name_en", "技术名称（英文）", "Name (English)", False, "不超过 300 字符", "At most 300 characters",
      "Example: oxygen-enriched combustion in cement kilns", 28),
    C("sector", "行业", "Sector", True, "见“说明”表中的行业名称", "A sector name from the notes sheet",
      "水泥", 10),
    C("stage", "工艺环节", "Process stage", True, "见“说明”表", "See the notes sheet", "熟料烧成", 14),
    C("category", "技术类别", "Category", True, "见“说明”表", "See the notes sheet", "节能技术装备", 14),
    C("maturity", "成熟度", "Maturity", True, "见“说明”表", "See the notes sheet", "工程示范", 10),
    C("trl", "技术就绪度", "TRL", True, "1–9 的整数", "A whole number from 1 to 9", 6, 8),
    C("summary_zh", "摘要（中文）", "Summary (Chinese)", True, "一两句话概括", "One or two sentences",
      "示例摘要。", 36),
    C("summary_en", "摘要（英文）", "Summary (English)", False, "", "", "Example summary.", 36),
    C("description_zh", "技术说明（中文）", "Description (Chinese)", False, "原理、适用条件、实施要点",
      "How it works, where it applies", "", 48),
    C("description_en", "技术说明（英文）", "Description (English)", False, "", "", "", 48),
    C("keywords_zh", "关键词（中文）", "Keywords (Chinese)", False, "以“；”分隔", "Separated by ；",
      "富氧；窑", 20),
    C("keywords_en", "关键词（英文）", "Keywords (English)", False, "以“；”分隔", "Separated by ；",
      "oxygen enrichment；kiln", 20),
    C("applicable_to", "适用对标产品", "Benchmark products", False, "对标产品代码，以“；”分隔，见“说明”表",
      "Benchmark product family keys separated by ；, see the notes sheet", "cement_clinker", 18),
    C("energy_carriers", "能源品种", "Energy carriers", False, "以“；”分隔，见“说明”表",
      "Separated by ；, see the notes sheet", "煤；电力", 14),
    C("plan_refs", "实施方案条目", "Plan references", False,
      "《实施方案》中的条目，以“；”分隔；仅属上位类别时写“(umbrella: …)”",
      "Items of the plan separated by ；; “(umbrella: …)” when only the wider category is named",
      "三(一)3", 18),
))
FIGURES = Sheet("关键数据", "Figures", (
    C("code", "技术编号", "Code", True, "须为“技术条目”表中的编号", "A code from the entries sheet",
      "CE-90", 10),
    C("metric", "指标", "Metric", True, "指标代码，见“说明”表", "A metric key, see the notes sheet",
      "energy_saving", 16),
    C("value", "数值", "Value", True, "一个数，或范围等文字（如 30-40）", "A number, or text such as 30-40",
      "8-12", 10),
    C("unit", "单位", "Unit", False, "", "", "%", 10),
    C("basis_zh", "口径", "Basis (Chinese)", False, "数值的统计口径（中文）",
      "What the value refers to, in Chinese", "熟料烧成热耗", 24),
    C("basis", "口径（英文）", "Basis (English)", False, "数值的统计口径（英文）",
      "What the value refers to, in English", "clinker burning heat", 24),
    C("source_key", "来源编号", "Source key", False, "来源登记表中的编号（与“来源”至少填一项）",
      "A key of the source registry (give this or the source text)", "", 20),
    C("source", "来源", "Source", False, "出处：发布单位、标题、日期（无来源编号时必填）",
      "Publisher, title, date (required without a source key)", "示例来源", 28),
    C("flag", "可信度标记", "Reliability flag", True, "见“说明”表", "See the notes sheet",
      "MEM-unverified", 16),
))
ORGANISATIONS = Sheet("单位", "Organisations", (
    C("uscc", "统一社会信用代码", "Unified social credit code", True,
      "18 位，按 GB 32100-2015 校验；已有代码更新该单位，新代码新建单位",
      "18 characters, checked as GB 32100-2015; an existing code updates, a new one creates",
      "91500000MA5U00000W", 22),
    C("name", "单位名称", "Name", True, "2–200 字", "2 to 200 characters", "示例建材有限公司", 28),
    C("kind", "单位类型", "Kind", True, "用能企业 或 技术供应商", "Enterprise or supplier", "用能企业", 12),
    C("district", "所在区县", "District", True, "重庆区县名称，或“市外”", "A Chongqing district, or 市外",
      "渝北区", 12),
    C("province", "省份", "Province", False, "所在区县为“市外”时必填", "Required when the district is 市外",
      "", 10),
    C("sectors", "所属行业", "Sectors", False, "以“；”分隔", "Separated by ；", "水泥；玻璃", 16),
    C("contact_name", "联系人", "Contact", False, "", "", "张三", 10),
    C("contact_mobile", "联系电话", "Mobile", False, "中国大陆手机号", "Mainland mobile number",
      "13800000000", 14),
    C("contact_email", "联系邮箱", "E-mail", False, "", "", "contact@example.com", 22),
    C("status", "核验状态", "Verification", False,
      "新建单位可填“待核验”或“已核验”（默认待核验）；已有单位的核验请在核验页面办理",
      "New organisations: 待核验 (default) or 已核验; change an existing one's on the verification page",
      "待核验", 10),
))
del C

KIND_LABELS = {"enterprise": ("用能企业", "Enterprise"), "supplier": ("技术供应商", "Supplier")}
STATUS_LABELS = {"pending": ("待核验", "Pending"), "verified": ("已核验", "Verified"),
                 "rejected": ("未通过", "Rejected"), "revoked": ("已撤销", "Revoked")}
CARRIER_LABELS = {"coal": ("煤", "Coal"), "coke": ("焦炭及副产煤气", "Coke and by-product gas"),
                  "natural_gas": ("天然气", "Natural gas"), "electricity": ("电力", "Electricity"),
                  "heat": ("热力", "Heat"), "hydrogen": ("氢", "Hydrogen"), "biomass": ("生物质", "Biomass"),
                  "waste_fuel": ("废弃物衍生燃料", "Waste-derived fuel")}
METRICS = ("energy_saving", "power_generation", "co2_reduction", "capex", "payback_years", "efficiency",
           "specific_energy", "policy_target", "deployment", "substitution_rate", "emission_reduction",
           "baseline_emissions", "baseline_share", "waste_generation", "material_intensity",
           "heat_recovery", "process_temperature", "cycle_time", "cost_saving", "capture_cost", "opex",
           "carbon_price", "emission_factor", "energy_available", "thermal_conductivity", "service_life",
           "water_use", "sector_energy")
PROVINCE_LABELS = {key: (zh, en) for key, zh, en in PROVINCES}


def split_list(value: Any) -> list[str]:
    """A list cell as its items (trimmed, empty ones and repeats dropped)."""
    return list(dict.fromkeys(p.strip() for p in SPLIT.split(str(value or "")) if p.strip()))


def join_list(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


def cell_value(value_text: str, value_num: float | None) -> Any:
    """A figure's value as a cell: the number when it is one, else the text."""
    if value_num is not None:
        return int(value_num) if float(value_num).is_integer() else value_num
    return value_text


def technology_row(tech: m.Technology) -> list[Any]:
    """One 技术条目 row, in TECHNOLOGIES' column order."""
    return [tech.code, tech.name_zh, tech.name_en, tech.sector.name_zh, tech.stage.name_zh,
            tech.category.name_zh, tech.maturity.name_zh, tech.trl, tech.summary_zh, tech.summary_en,
            tech.description_zh, tech.description_en, join_list(tech.keywords_zh),
            join_list(tech.keywords_en), join_list(tech.applicable_to),
            join_list([CARRIER_LABELS.get(c, (c,))[0] for c in tech.energy_carriers]),
            join_list(tech.plan_refs)]


def figure_rows(tech: m.Technology) -> list[list[Any]]:
    """The 关键数据 rows of one entry, in FIGURES' column order."""
    return [[tech.code, f.metric, cell_value(f.value_text, f.value_num), f.unit, f.basis_zh, f.basis,
             f.source_key or "", f.source, f.flag] for f in tech.figures]


def organisation_row(org: m.Organisation) -> list[Any]:
    """One 单位 row, in ORGANISATIONS' column order."""
    outside = org.district_key is None
    return [org.uscc or "", org.name, KIND_LABELS.get(org.kind, (org.kind,))[0],
            OUTSIDE_ZH if outside else (org.district.name_zh if org.district else org.district_key),
            PROVINCE_LABELS.get(org.province or "", (org.province or "",))[0] if outside else "",
            join_list([s.name_zh for s in org.sectors]), org.contact_name, org.contact_mobile,
            org.contact_email, STATUS_LABELS.get(org.status, (org.status,))[0]]
