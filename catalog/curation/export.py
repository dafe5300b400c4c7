"""An edition as an Excel workbook in the layout of the national catalogue
tables (序号, 技术名称, 适用范围, 主要技术内容, 节能降碳效果, 投资与回收期, 典型案例):
a title row, the header row, then for each sector a heading row (一、钢铁 …)
and its entries, numbered through the whole table. Entries are written as the
edition published them (their snapshots)."""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..console.cells import safe_row
from ..supply.public import for_technology
from . import diff
from .publishing import cases_for

HEADERS = ("序号", "技术名称", "适用范围", "主要技术内容", "节能降碳效果", "投资与回收期", "典型案例")
WIDTHS = (6, 24, 28, 60, 36, 28, 40)
NUMERALS = "一二三四五六七八九十"
EFFECT = {"energy_saving": "节能", "co2_reduction": "减碳", "power_generation": "发电量",
          "efficiency": "效率", "specific_energy": "单位能耗", "heat_recovery": "余热回收",
          "emission_reduction": "污染物减排", "cost_saving": "节约费用"}
INVESTMENT = {"capex": "投资", "payback_years": "投资回收期"}


def _figures(snapshot: dict, labels: dict[str, str], trusted: dict[str, bool]) -> str:
    lines = []
    for fig in snapshot.get("figures", []):
        if fig["metric"] not in labels:
            continue
        line = f"{labels[fig['metric']]}：{fig['value']} {fig['unit']}".rstrip()
        if fig.get("basis"):
            line += f"（{fig['basis']}）"
        if not trusted.get(fig.get("evidence", ""), False):
            line += "〔未经核实〕"
        lines.append(line)
    return "\n".join(lines) or "—"


def _cases(session: Session, tech: m.Technology) -> str:
    """The cases of the submission that published the entry, then those of
    verified suppliers' published products linked to it."""
    lines = [f"{case['site']}（{case['in_use_since'][:7]} 起运行）：{case['results']}"
             for case in cases_for(session, tech)]
    for product in for_technology(session, tech.id)[0]:
        lines += [f"{c['site']}（{c['year']} 年，{product.organisation.name}）：{c['results']}"
                  for c in product.cases]
    return "\n".join(lines) or "—"


def _scope(snapshot: dict, names: dict[str, dict[str, str]], families: dict[str, list[str]]) -> str:
    text = f"{names['sector'].get(snapshot['sector'], '')}行业 {names['stage'].get(snapshot['stage'], '')}"
    products = [n for fam in snapshot.get("applicable_to", []) for n in families.get(fam, [])]
    if products:
        text += "；适用产品：" + "、".join(dict.fromkeys(products))
    return text


def workbook(session: Session, edition: m.Edition) -> bytes:
    names = {"sector": {s.key: s.name_zh for s in session.scalars(select(m.Sector))},
             "stage": {s.key: s.name_zh for s in session.scalars(select(m.ProcessStage))}}
    families: dict[str, list[str]] = {}
    for product in session.scalars(select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.position)):
        families.setdefault(product.family, []).append(product.name_zh)
    trusted = dict(session.execute(select(m.EvidenceLevel.key, m.EvidenceLevel.trusted)).all())
    order = {s.key: s.position for s in session.scalars(select(m.Sector))}
    entries = sorted(((e.snapshot or diff.snapshot(e.technology), e.technology) for e in edition.entries),
                     key=lambda pair: (order.get(pair[0]["sector"], 99), pair[0]["code"]))

    book = Workbook()
    sheet = book.active
    sheet.title = edition.code
    sheet.append(safe_row([edition.title_zh]))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sector, heading = None, 0
    for number, (snap, tech) in enumerate(entries, 1):
        if snap["sector"] != sector:
            sector = snap["sector"]
            numeral = NUMERALS[heading] if heading < len(NUMERALS) else str(heading + 1)
            heading += 1
            sheet.append([f"{numeral}、{names['sector'].get(sector, sector)}"])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row,
                              end_column=len(HEADERS))
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append(safe_row([number, snap["name_zh"], _scope(snap, names, families),
                               snap["description_zh"] or snap["summary_zh"],
                               _figures(snap, EFFECT, trusted), _figures(snap, INVESTMENT, trusted),
                               _cases(session, tech)]))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    for column, width in zip("ABCDEFG", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
