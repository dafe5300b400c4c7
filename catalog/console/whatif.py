"""The plan's what-if for the bureau: if the top match of every open need
with a production line were implemented, how would the share of registered
capacity at ≥标杆 move, per benchmark product and per district, which needs
move it most, and how would the clinker lines' energy intensity change.

For each open need (``coverage.OPEN_STATUSES``) whose line has a unit energy
and an annual output, the matching engine's top match is taken with the
same impact figure the match page shows (``matches.match``). A technology
that lowers the indicator (``matching.effects.LOWERS_INDICATOR``) lowers the
line's unit energy by its typical yearly saving per unit of output: tce × 1000
/ output for a kgce indicator, the electricity saved in kWh / output for a kWh
one (the rule ``matching.impact`` uses for the share of the gap closed).
Several needs on one line add up (one technology counted once per line).
Standings use ``matching.benchmark.position``, capacity as
``capacity.by_product`` sums it, so the figures equal a recomputation of the
dashboard's capacity table with the lines' new unit energies.

Shares are per benchmark product (capacities of different products are in
different units and are never added together)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.enterprise.matches import match, need_query
from matching.benchmark import Levels, Standing, position
from matching.effects import LOWERS_INDICATOR

from .coverage import OPEN_STATUSES
from .filters import Filters, facility_scope

CLINKER = "cement_clinker"
TOP_NEEDS = 20


@dataclass
class Line:
    id: int
    name: str
    organisation: str
    product_key: str
    district: str | None
    unit: str
    capacity: float
    annual_output: float | None
    before: float | None
    levels: Levels
    drops: dict[str, float] = field(default_factory=dict)   # technology code → indicator units

    @property
    def after(self) -> float | None:
        if self.before is None:
            return None
        total = sum(self.drops.values())
        return self.before - total if self.levels.lower_is_better else self.before + total

    def standing(self, value: float | None) -> str:
        return Standing.UNKNOWN.value if value is None else position(value, self.levels).standing.value


@dataclass
class Share:
    """Capacity at ≥标杆 over the capacity whose standing is known, today and after."""

    product_key: str
    district: str | None
    unit: str
    classified: float = 0.0
    benchmark_today: float = 0.0
    benchmark_after: float = 0.0
    lines: int = 0

    @property
    def today(self) -> float | None:
        return self.benchmark_today / self.classified if self.classified else None

    @property
    def after(self) -> float | None:
        return self.benchmark_after / self.classified if self.classified else None


@dataclass(frozen=True)
class NeedMove:
    need_id: int
    title: str
    organisation: str
    line: str
    product_key: str
    technology: str        # its code, and its names (plain values: a what-if may be kept between requests)
    technology_zh: str
    technology_en: str
    saving_tce: float
    drop: float
    unit: str
    before: float
    after: float
    crosses: bool          # alone, this need's match brings the line to ≥标杆
    capacity: float
    share_points: float    # percentage points of its product's share it adds alone


@dataclass(frozen=True)
class Baseline:
    """The bureau's baseline as plain values (``plan_baseline``)."""

    id: int
    value: float
    unit: str
    year: int
    target_change_pct: float | None
    publisher: str
    title: str
    published_on: object

    @classmethod
    def of(cls, row: m.PlanBaseline | None) -> Baseline | None:
        if row is None:
            return None
        return cls(row.id, row.value, row.unit, row.year, row.target_change_pct, row.publisher, row.title,
                   row.published_on)


@dataclass(frozen=True)
class Intensity:
    """Output-weighted clinker energy intensity of the registered lines."""

    unit: str
    lines: int
    output: float
    today: float
    after: float
    baseline: Baseline | None

    @property
    def change_pct(self) -> float:
        return 100 * (self.after - self.today) / self.today

    @property
    def today_vs_baseline_pct(self) -> float | None:
        ok = self.baseline is not None and self.baseline.unit == self.unit
        return 100 * (self.today - self.baseline.value) / self.baseline.value if ok else None

    @property
    def after_vs_baseline_pct(self) -> float | None:
        ok = self.baseline is not None and self.baseline.unit == self.unit
        return 100 * (self.after - self.baseline.value) / self.baseline.value if ok else None


@dataclass
class WhatIf:
    products: list[Share]
    districts: list[Share]
    needs: list[NeedMove]
    intensity: Intensity | None
    open_needs: int = 0
    applied: int = 0        # needs whose top match lowers their line's unit energy


def lines_in(session: Session, flt: Filters) -> dict[int, Line]:
    scope = facility_scope()
    p, f = m.BenchmarkProduct, m.Facility
    stmt = scope.where(flt, scope.select(f.id, f.name, scope.org.name, p.key, scope.district, p.unit,
                                         f.capacity, f.annual_output, f.unit_energy, p.benchmark, p.baseline,
                                         p.lower_is_better).order_by(f.id))
    return {row[0]: Line(row[0], row[1], row[2], row[3], row[4], row[5], float(row[6] or 0), row[7], row[8],
                         Levels(row[9], row[10], row[11])) for row in session.execute(stmt)}


def drop_of(view, line: Line) -> float | None:
    """Indicator units the match's typical saving takes off the line."""
    impact = view.impact if view is not None else None
    if impact is None or impact.status != "ok" or impact.energy_tce is None \
            or impact.mechanism not in LOWERS_INDICATOR or not line.annual_output:
        return None
    if line.unit.startswith("kWh"):
        kwh = sum(c.amount.typical for c in impact.carriers if c.carrier == "electricity")
        value = kwh / line.annual_output
    else:
        value = impact.energy_tce.typical * 1000 / line.annual_output
    return value if value > 0 else None


def open_needs(session: Session, line_ids) -> list[m.Need]:
    return list(session.scalars(select(m.Need).where(m.Need.status.in_(OPEN_STATUSES),
                                                     m.Need.facility_id.in_(list(line_ids)))
                                .order_by(m.Need.id)).unique())


def compute(session: Session, index_dir: Path, flt: Filters, latest_baseline=None) -> WhatIf:
    lines = lines_in(session, flt)
    needs = open_needs(session, lines)
    candidates = []
    for need in needs:
        line = lines[need.facility_id]
        if line.before is None or not line.annual_output:
            continue
        views = match(session, index_dir, need_query(need), limit=1).views
        drop = drop_of(views[0], line) if views else None
        if drop is None:
            continue
        tech = views[0].technology
        line.drops.setdefault(tech.code, drop)
        candidates.append((need, line, tech, views[0].impact.energy_tce.typical, drop))
    products, districts = shares(lines.values())
    by_product = {s.product_key: s for s in products}
    moves = [_move(need, line, tech, saving, drop, by_product[line.product_key])
             for need, line, tech, saving, drop in candidates]
    moves.sort(key=lambda mv: (-mv.share_points, -mv.drop, mv.need_id))
    return WhatIf(products, districts, moves[:TOP_NEEDS], intensity(lines.values(), latest_baseline),
                  len(needs), len(candidates))


def _move(need: m.Need, line: Line, tech: m.Technology, saving: float, drop: float, share: Share) -> NeedMove:
    alone = line.before - drop if line.levels.lower_is_better else line.before + drop
    crosses = line.standing(line.before) != "benchmark" and line.standing(alone) == "benchmark"
    points = 100 * line.capacity / share.classified if crosses and share.classified else 0.0
    return NeedMove(need.id, need.title, line.organisation, line.name, line.product_key, tech.code,
                    tech.name_zh, tech.name_en or tech.name_zh, saving, drop, line.unit, line.before, alone,
                    crosses, line.capacity, points)


def shares(lines) -> tuple[list[Share], list[Share]]:
    """Per product and per (district, product), today and after."""
    products: dict[str, Share] = {}
    districts: dict[tuple, Share] = {}
    for line in lines:
        today, after = line.standing(line.before), line.standing(line.after)
        for share in (products.setdefault(line.product_key, Share(line.product_key, None, line.unit)),
                      districts.setdefault((line.district or "", line.product_key),
                                           Share(line.product_key, line.district, line.unit))):
            share.lines += 1
            if today == "unknown":
                continue
            share.classified += line.capacity
            share.benchmark_today += line.capacity if today == "benchmark" else 0.0
            share.benchmark_after += line.capacity if after == "benchmark" else 0.0
    ordered = sorted(districts.values(), key=lambda s: (s.district or "", s.product_key))
    return list(products.values()), ordered


def intensity(lines, baseline: m.PlanBaseline | None) -> Intensity | None:
    clinker = [ln for ln in lines if ln.product_key == CLINKER and ln.before is not None and ln.annual_output]
    output = sum(ln.annual_output for ln in clinker)
    if not clinker or output <= 0:
        return None
    today = sum(ln.before * ln.annual_output for ln in clinker) / output
    after = sum(ln.after * ln.annual_output for ln in clinker) / output
    return Intensity(clinker[0].unit, len(clinker), output, today, after, Baseline.of(baseline))
