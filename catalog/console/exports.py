"""Exports of the bureau console: the lists (catalogue, organisations,
needs, inquiries, audit log) and every dashboard table, with Chinese column
headers, respecting the dashboard's filters; CSV (UTF-8 with a BOM, so Excel
reads the Chinese) streamed chunk by chunk, XLSX written by openpyxl's
write-only mode. List rows are read with ``yield_per``, never all at once."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from catalog import models as m
from catalog.errors import InvalidInput
from catalog.models.base import as_utc

from . import columns, tables
from .cells import safe_row
from .filters import Filters, in_period, inquiry_scope, need_scope

CHUNK = 500
LISTS = ("technologies", "organisations", "needs", "inquiries", "audit")


class Labels(Protocol):
    """Labels of stored keys in the files' language (the portal gives its
    own, ``portal.vocabulary.ExportLabels``, so files and pages agree)."""

    def term(self, vocabulary: str, key: Any) -> Any: ...
    def action(self, key: str) -> str: ...
    def details(self, object_type: str, detail: dict) -> str: ...


class Keys:
    """No labels: the stored keys as they are (tests, tools without the portal)."""

    def term(self, vocabulary: str, key: Any) -> Any:
        return key

    def action(self, key: str) -> str:
        return key

    def details(self, object_type: str, detail: dict) -> str:
        return _cell(detail)


@dataclass
class Sheet:
    """A table to export: ``rows`` is iterated once; ``total`` is known in
    advance for lists (a COUNT) and for the (small) dashboard tables."""

    name: str
    title: str
    headers: list[str]
    rows: Iterable[tuple]
    total: int


def _names(session: Session, model) -> dict[str, str]:
    return dict(session.execute(select(model.key, model.name_zh)).all())


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        from catalog.accounts.audit import CHINA

        return as_utc(value).astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 30000000, not 30000000.0
    return value


def _streamed(session: Session, stmt: Select, shape: Callable[[Any], tuple]) -> Iterator[tuple]:
    for row in session.execute(stmt.execution_options(yield_per=CHUNK)):
        yield tuple(_cell(v) for v in shape(row))


def _count(session: Session, stmt: Select) -> int:
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def technologies(session: Session, flt: Filters) -> Sheet:
    """The catalogue in the import layout (``columns.TECHNOLOGIES``) followed by
    informational columns, so an exported list re-imports unchanged."""
    t = m.Technology
    stmt = select(t).order_by(t.code).options(selectinload(t.sector), selectinload(t.stage),
                                              selectinload(t.category), selectinload(t.maturity))
    if flt.sector:
        stmt = stmt.where(t.sector_key == flt.sector)
    status = {"draft": "草稿", "under_review": "评审中", "public_notice": "公示中", "published": "已发布",
              "retired": "已退出"}

    def rows() -> Iterator[tuple]:
        for tech in session.scalars(stmt.execution_options(yield_per=CHUNK)):
            info = (status.get(tech.status, tech.status), "是" if tech.plan_named else "否", tech.review_due,
                    tech.published_at)
            yield tuple(_cell(v) for v in (*columns.technology_row(tech), *info))
    headers = [*columns.TECHNOLOGIES.headers, "状态", "方案点名", "复审日期", "发布时间"]
    ids = select(t.id).where(t.sector_key == flt.sector) if flt.sector else select(t.id)
    return Sheet("technologies", columns.TECHNOLOGIES.name, headers, rows(), _count(session, ids))


def _by_organisation(stmt: Select, flt: Filters, org_id, at) -> Select:
    """Rows of an organisation in the sector (one it registered for) and the
    district (``Organisation`` must be in the FROM), at a time in the period."""
    if flt.sector:
        stmt = stmt.where(org_id.in_(select(m.organisation_sector.c.organisation_id)
                                     .where(m.organisation_sector.c.sector_key == flt.sector)))
    if flt.district:
        stmt = stmt.where(m.Organisation.district_key == flt.district)
    return stmt.where(in_period(flt, at))


def organisations(session: Session, flt: Filters) -> Sheet:
    """Organisations in the import layout (``columns.ORGANISATIONS``) and their
    registration time, so an exported list re-imports unchanged."""
    o = m.Organisation
    stmt = _by_organisation(select(o).where(o.kind != "bureau").order_by(o.id), flt, o.id, o.created_at)
    stmt = stmt.options(selectinload(o.sectors), selectinload(o.district))

    def rows() -> Iterator[tuple]:
        for org in session.scalars(stmt.execution_options(yield_per=CHUNK)):
            yield tuple(_cell(v) for v in (*columns.organisation_row(org), org.created_at))
    return Sheet("organisations", columns.ORGANISATIONS.name, [*columns.ORGANISATIONS.headers, "注册时间"],
                 rows(), _count(session, stmt))


def needs(session: Session, flt: Filters, labels: Labels) -> Sheet:
    n, scope = m.Need, need_scope()
    stmt = scope.where(flt, scope.select(
        n.id, n.title, scope.org.name, n.status, scope.sector, scope.district, n.stage_key, n.problem_type,
        n.target_saving_pct, n.target_saving_tce, n.budget_cny, n.financing, n.best_score, n.match_count,
        n.created_at).order_by(n.id))
    sectors, districts, stages = _names(session, m.Sector), _names(session, m.District), \
        _names(session, m.ProcessStage)

    def shape(r):
        return (r[0], r[1], r[2], labels.term("need_status", r[3]), sectors.get(r[4], r[4]),
                districts.get(r[5], r[5]), stages.get(r[6], r[6]), labels.term("problem", r[7]),
                *r[8:11], labels.term("financing", r[11]), *r[12:])
    headers = ["编号", "需求标题", "企业", "状态", "行业", "区县", "工艺环节", "问题类型", "目标节能率(%)",
               "目标节能量(tce/年)", "预算(元)", "融资方式", "最佳匹配分", "匹配数", "发布时间"]
    return Sheet("needs", "改造需求", headers, _streamed(session, stmt, shape), _count(session, stmt))


def inquiries(session: Session, flt: Filters, labels: Labels) -> Sheet:
    i, scope = m.Inquiry, inquiry_scope()
    supplier = m.Organisation
    stmt = scope.where(flt, scope.select(
        i.id, i.subject, scope.org.name, supplier.name, i.need_id, i.status, scope.sector, scope.district,
        i.lost_reason, i.contract_model, i.contract_value_cny, i.expected_saving_tce, i.expected_co2_t,
        i.measured_saving_tce, i.created_at).join(supplier, supplier.id == i.supplier_id).order_by(i.id))
    sectors, districts = _names(session, m.Sector), _names(session, m.District)

    def shape(r):
        return (*r[:5], labels.term("inquiry_status", r[5]), sectors.get(r[6], r[6]),
                districts.get(r[7], r[7]), labels.term("lost_reason", r[8]),
                labels.term("contract_model", r[9]), *r[10:])
    headers = ["编号", "主题", "企业", "供应商", "需求编号", "状态", "行业", "区县", "未成交原因", "合同模式",
               "合同金额(元)", "预计年节能量(tce)", "预计年减排量(tCO2)", "实测年节能量(tce)", "发起时间"]
    return Sheet("inquiries", "对接请求", headers, _streamed(session, stmt, shape), _count(session, stmt))


def audit(session: Session, flt: Filters, labels: Labels) -> Sheet:
    a, o = m.AuditEvent, m.Organisation
    stmt = (select(a.id, a.at, a.actor_label, o.name, a.action, a.object_type, a.object_id, a.detail, a.ip)
            .outerjoin(o, o.id == a.organisation_id).order_by(a.at.desc(), a.id.desc()))
    stmt = _by_organisation(stmt, flt, a.organisation_id, a.at)
    headers = ["编号", "时间", "操作人", "单位", "操作", "对象类型", "对象编号", "详情", "IP 地址"]

    def shape(r):
        return (*r[:4], labels.action(r[4]), labels.term("object_type", r[5]), r[6],
                labels.details(r[5], r[7]), r[8])
    return Sheet("audit", "审计日志", headers, _streamed(session, stmt, shape), _count(session, stmt))


LIST_SHEETS: dict[str, Callable[..., Sheet]] = {
    "technologies": technologies, "organisations": organisations, "needs": needs,
    "inquiries": inquiries, "audit": audit}


def sheet(session: Session, name: str, flt: Filters, labels: Labels | None = None, **options: Any) -> Sheet:
    """The list or dashboard table ``name``; InvalidInput for an unknown one."""
    if name in ("needs", "inquiries", "audit"):
        return LIST_SHEETS[name](session, flt, labels or Keys())
    if name in LIST_SHEETS:
        return LIST_SHEETS[name](session, flt)
    if name in tables.TABLES:
        title, headers, rows = tables.TABLES[name](session, flt, **options)
        return Sheet(name, title, headers, [tuple(_cell(v) for v in r) for r in rows], len(rows))
    raise InvalidInput("table", name)


def names() -> list[str]:
    return [*LIST_SHEETS, *tables.TABLES]


def csv_chunks(data: Sheet) -> Iterator[str]:
    """The CSV text in pieces of CHUNK rows, starting with a BOM and the headers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(data.headers)
    for n, row in enumerate(data.rows, 1):
        writer.writerow(["" if v is None else v for v in safe_row(row)])
        if n % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(data: Sheet, target: str | Path | IO[bytes],
               progress: Callable[[int, int], None] | None = None) -> int:
    """Write ``data`` as one sheet (write-only mode: constant memory); the rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    ws = book.create_sheet(data.title[:31])
    bold = Font(bold=True)
    header = []
    for text in data.headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for count, row in enumerate(data.rows, 1):
        ws.append(safe_row(row))
        if progress and count % CHUNK == 0:
            progress(count, data.total)
    book.save(target)
    if progress:
        progress(count, max(count, data.total))
    return count
