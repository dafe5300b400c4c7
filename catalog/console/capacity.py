"""Capacity registered on the portal by benchmark product, split by where
each line's unit energy stands against the national levels (≥标杆, between,
<基准, unknown), against the plan's target share at the benchmark; and the
lines below the baseline with their deadlines.

The database sums capacity per (product, unit energy); the standing of each
distinct value comes from ``matching.benchmark.position``, the rule the
enterprise diagnosis uses."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from catalog import models as m
from matching.benchmark import Levels, Standing, position

from .filters import Filters, facility_scope

TARGET_SHARE = 0.30  # 渝经信规范〔2024〕10号: share of capacity at the benchmark level by 2025
STANDINGS = ("benchmark", "between", "below_baseline", "unknown")


@dataclass
class ProductCapacity:
    key: str
    name_zh: str
    name_en: str
    sector_key: str
    output_unit: str
    lines: int = 0
    capacity: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STANDINGS, 0.0))

    @property
    def total(self) -> float:
        return sum(self.capacity.values())

    @property
    def classified(self) -> float:
        return self.total - self.capacity["unknown"]

    @property
    def benchmark_share(self) -> float | None:
        """Share at ≥标杆 of the capacity whose standing is known."""
        return self.capacity["benchmark"] / self.classified if self.classified else None

    @property
    def meets_target(self) -> bool | None:
        share = self.benchmark_share
        return None if share is None else share >= TARGET_SHARE


@dataclass(frozen=True)
class BelowBaseline:
    organisation_id: int
    organisation: str
    facility: str
    product_key: str
    product_zh: str
    product_en: str
    unit_energy: float
    baseline: float
    unit: str
    capacity: float | None
    deadline: date | None


def by_product(session: Session, flt: Filters) -> list[ProductCapacity]:
    scope = facility_scope()
    p = m.BenchmarkProduct
    keys = (p.key, p.name_zh, p.name_en, p.sector_key, p.output_unit_zh, p.benchmark, p.baseline,
            p.lower_is_better, m.Facility.unit_energy)
    stmt = scope.where(flt, scope.select(*keys, func.count(), func.sum(func.coalesce(m.Facility.capacity, 0)))
                       .group_by(*keys))
    out: dict[str, ProductCapacity] = {}
    for key, zh, en, sector, unit, bench, base, lower, value, lines, capacity in session.execute(stmt):
        row = out.setdefault(key, ProductCapacity(key, zh, en, sector, unit))
        standing = Standing.UNKNOWN if value is None else position(value, Levels(bench, base, lower)).standing
        row.lines += lines
        row.capacity[standing.value] += float(capacity or 0)
    order = {k: n for n, k in enumerate(session.scalars(select(p.key).order_by(p.sector_key, p.position)))}
    return sorted(out.values(), key=lambda r: order.get(r.key, 0))


def below_baseline(session: Session, flt: Filters, limit: int | None = None) -> list[BelowBaseline]:
    """Lines below the baseline, earliest deadline first. The database narrows
    to lines on the wrong side of the baseline; ``position`` confirms."""
    scope = facility_scope()
    p, f = m.BenchmarkProduct, m.Facility
    wrong_side = or_(and_(p.lower_is_better.is_(True), f.unit_energy > p.baseline),
                     and_(p.lower_is_better.is_(False), f.unit_energy < p.baseline))
    org = scope.org
    stmt = scope.where(flt, scope.select(
        org.id, org.name, f.name, p.key, p.name_zh, p.name_en, f.unit_energy, p.benchmark, p.baseline,
        p.lower_is_better, p.unit, f.capacity, p.deadline)
        .where(f.unit_energy.is_not(None), p.baseline.is_not(None), p.benchmark.is_not(None), wrong_side)
        .order_by(p.deadline.is_(None), p.deadline, org.name, f.id))
    if limit:
        stmt = stmt.limit(limit)
    out = []
    for oid, name, line, key, zh, en, value, bench, base, lower, unit, capacity, deadline \
            in session.execute(stmt):
        if position(value, Levels(bench, base, lower)).standing is Standing.BELOW_BASELINE:
            out.append(BelowBaseline(oid, name, line, key, zh, en, value, base, unit, capacity, deadline))
    return out
