"""The bureau's view of the pipeline (「供需对接」): every inquiry's metadata
and step history, counts per status, and the contracted totals. Never the
parties' messages: the bureau reads only the text of an expression of
interest it has to forward (``interest``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.errors import InvalidInput, NotFound

DEALS = ("contracted", "implemented", "closed")
PER_PAGE = 25


@dataclass(frozen=True)
class PipelineFilter:
    status: str | None = None
    origin: str | None = None
    sector: str | None = None
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Totals:
    """Sums over the contracted, implemented and closed inquiries."""

    deals: int = 0
    value_cny: float = 0.0
    expected_tce: float = 0.0
    expected_co2_t: float = 0.0
    measured_tce: float = 0.0


@dataclass
class Overview:
    rows: list[m.Inquiry]
    total: int
    counts: dict[str, int]
    totals: Totals
    pages: int
    sectors: dict[int, str | None] = field(default_factory=dict)   # inquiry id → sector key


def _base(session: Session, flt: PipelineFilter, with_status: bool = True):
    if flt.status is not None and flt.status not in m.INQUIRY_STATUSES:
        raise InvalidInput("status", flt.status)
    if flt.origin is not None and flt.origin not in m.ORIGINS:
        raise InvalidInput("origin", flt.origin)
    if flt.sector is not None and session.get(m.Sector, flt.sector) is None:
        raise InvalidInput("sector", flt.sector)
    conditions = []
    if flt.status and with_status:
        conditions.append(m.Inquiry.status == flt.status)
    if flt.origin:
        conditions.append(m.Inquiry.origin == flt.origin)
    if flt.sector:
        conditions.append(m.Technology.sector_key == flt.sector)  # an inquiry's sector: its technology's
    return conditions


def _joined(stmt):
    return stmt.outerjoin(m.Technology, m.Technology.id == m.Inquiry.technology_id)


def overview(session: Session, flt: PipelineFilter) -> Overview:
    """One page of inquiries (newest activity first) with the counts per
    status under the origin and sector filters, and the deal totals under
    every filter."""
    conditions = _base(session, flt)
    counted = _joined(select(m.Inquiry.status, func.count()).select_from(m.Inquiry)).where(
        *_base(session, flt, with_status=False)).group_by(m.Inquiry.status)
    counts = {status: 0 for status in m.INQUIRY_STATUSES} | dict(session.execute(counted).all())
    total = session.scalar(_joined(select(func.count()).select_from(m.Inquiry)).where(*conditions)) or 0
    per_page = max(1, min(flt.per_page, 100))
    pages = max(1, -(-total // per_page))
    page = min(max(1, flt.page), pages)
    rows = list(session.scalars(_joined(select(m.Inquiry)).where(*conditions)
                                .order_by(m.Inquiry.updated_at.desc(), m.Inquiry.id.desc())
                                .offset((page - 1) * per_page).limit(per_page)).unique())
    sums = session.execute(_joined(select(
        func.count(), func.coalesce(func.sum(m.Inquiry.contract_value_cny), 0.0),
        func.coalesce(func.sum(m.Inquiry.expected_saving_tce), 0.0),
        func.coalesce(func.sum(m.Inquiry.expected_co2_t), 0.0),
        func.coalesce(func.sum(m.Inquiry.measured_saving_tce), 0.0)).select_from(m.Inquiry))
        .where(*conditions, m.Inquiry.status.in_(DEALS))).one()
    sectors = {row.id: row.technology.sector_key if row.technology else None for row in rows}
    return Overview(rows, total, counts, Totals(int(sums[0]), *(float(v) for v in sums[1:])), pages, sectors)


def detail(session: Session, inquiry_id: int) -> m.Inquiry:
    inquiry = session.get(m.Inquiry, inquiry_id)
    if inquiry is None:
        raise NotFound("inquiry", inquiry_id)
    return inquiry


def interest_text(inquiry: m.Inquiry) -> str | None:
    """The expression of interest the bureau must judge, only while it waits."""
    if inquiry.forward_status == "awaiting_bureau" and inquiry.status == "sent" and inquiry.messages:
        return inquiry.messages[0].body
    return None
