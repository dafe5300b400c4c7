"""The dashboard's filters (sector, district, period) as plain values, and
the SQL expressions that place a need, an inquiry or a facility in a sector
and a district, so every figure filters and groups the same way.

A need's sector is its production line's benchmark product's sector, else
its process stage's; its district the line's, else its organisation's. An
inquiry about a need takes the need's sector and district; another one its
technology's sector and the enterprise's district. The period bounds ``created_at`` (dates are
Beijing days, both ends inclusive)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, and_, case, func, select, true
from sqlalchemy.orm import Session, aliased, join

from catalog import models as m
from catalog.accounts.audit import CHINA
from catalog.errors import InvalidInput

__all__ = ["Filters", "facility_scope", "inquiry_scope", "need_scope", "parse"]


@dataclass(frozen=True)
class Filters:
    sector: str | None = None
    district: str | None = None
    since: date | None = None
    until: date | None = None

    def as_params(self) -> dict[str, str]:
        """The query-string form (for links and stored export jobs)."""
        out = {"sector": self.sector, "district": self.district,
               "from": self.since.isoformat() if self.since else None,
               "to": self.until.isoformat() if self.until else None}
        return {k: v for k, v in out.items() if v}

    def start(self) -> datetime | None:
        return _start_of(self.since) if self.since else None

    def end(self) -> datetime | None:
        """Exclusive: the start of the day after ``until``."""
        return _start_of(self.until + timedelta(days=1)) if self.until else None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, CHINA).astimezone(UTC)


def _date(field: str, raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(field, raw, "date") from None


def parse(session: Session, raw: Mapping[str, str | None]) -> Filters:
    """``sector``, ``district``, ``from``, ``to`` from a query string.
    InvalidInput (reason ``unknown``, ``date`` or ``order``) for a value the
    portal does not know, a malformed date or a period that ends before it starts."""
    sector = (raw.get("sector") or "").strip() or None
    district = (raw.get("district") or "").strip() or None
    # a key is printable (PostgreSQL refuses NUL) and known
    if sector and (len(sector) > 32 or not sector.isprintable() or session.get(m.Sector, sector) is None):
        raise InvalidInput("sector", sector)
    if district and (len(district) > 48 or not district.isprintable()
                     or session.get(m.District, district) is None):
        raise InvalidInput("district", district)
    since, until = _date("from", raw.get("from")), _date("to", raw.get("to"))
    if since and until and until < since:
        raise InvalidInput("to", raw.get("to"), "order")
    return Filters(sector, district, since, until)


@dataclass(frozen=True)
class Scope:
    """A FROM clause with the row's sector, district and creation time."""

    joined: FromClause
    sector: ColumnElement
    district: ColumnElement
    created_at: ColumnElement | None
    org: Any = None   # the organisation alias (the need's, the enterprise, the line's)
    need: Any = None  # an inquiry's need alias

    def select(self, *columns) -> Select:
        return select(*columns).select_from(self.joined)

    def where(self, flt: Filters, stmt: Select, period: bool = True) -> Select:
        if flt.sector:
            stmt = stmt.where(self.sector == flt.sector)
        if flt.district:
            stmt = stmt.where(self.district == flt.district)
        if period and self.created_at is not None:
            stmt = stmt.where(in_period(flt, self.created_at))
        return stmt


def in_period(flt: Filters, column: ColumnElement) -> ColumnElement:
    """``column`` within the filter's period (true when there is no period)."""
    conditions = []
    if flt.since:
        conditions.append(column >= flt.start())
    if flt.until:
        conditions.append(column < flt.end())
    return and_(true(), *conditions)


def need_scope() -> Scope:
    """Needs with their line, product, stage and organisation joined."""
    line, product, stage, org = (aliased(m.Facility), aliased(m.BenchmarkProduct),
                                 aliased(m.ProcessStage), aliased(m.Organisation))
    joined = (join(m.Need, org, org.id == m.Need.organisation_id)
              .outerjoin(line, line.id == m.Need.facility_id)
              .outerjoin(product, product.key == line.product_key)
              .outerjoin(stage, stage.key == m.Need.stage_key))
    return Scope(joined, func.coalesce(product.sector_key, stage.sector_key),
                 func.coalesce(line.district_key, org.district_key), m.Need.created_at, org)


def inquiry_scope(flt: Filters | None = None) -> Scope:
    """Inquiries with their need (line, product, stage), technology and enterprise
    joined; given filters without a sector or district, only the need is
    joined (the figures that need neither are then much cheaper)."""
    if flt is not None and not flt.sector and not flt.district:
        need = aliased(m.Need)
        return Scope(join(m.Inquiry, need, need.id == m.Inquiry.need_id, isouter=True), None, None,
                     m.Inquiry.created_at, None, need)
    need, line, product, stage = (aliased(m.Need), aliased(m.Facility), aliased(m.BenchmarkProduct),
                                  aliased(m.ProcessStage))
    tech, org = aliased(m.Technology), aliased(m.Organisation)
    joined = (join(m.Inquiry, org, org.id == m.Inquiry.enterprise_id)
              .outerjoin(need, need.id == m.Inquiry.need_id)
              .outerjoin(line, line.id == need.facility_id)
              .outerjoin(product, product.key == line.product_key)
              .outerjoin(stage, stage.key == need.stage_key)
              .outerjoin(tech, tech.id == m.Inquiry.technology_id))
    sector = case((m.Inquiry.need_id.is_not(None), func.coalesce(product.sector_key, stage.sector_key)),
                  else_=tech.sector_key)
    return Scope(joined, sector, func.coalesce(line.district_key, org.district_key), m.Inquiry.created_at,
                 org, need)


def facility_scope() -> Scope:
    """Production lines with product and organisation joined. The period does
    not apply: registered capacity is a standing state, not an event."""
    org = aliased(m.Organisation)
    joined = (join(m.Facility, m.BenchmarkProduct, m.BenchmarkProduct.key == m.Facility.product_key)
              .join(org, org.id == m.Facility.organisation_id))
    return Scope(joined, m.BenchmarkProduct.sector_key,
                 func.coalesce(m.Facility.district_key, org.district_key), None, org)
