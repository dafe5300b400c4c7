"""The benchmark position part of a guide: per benchmark product, the
registered lines and their capacity at ≥标杆 / between / <基准 / unknown
(``catalog.console.capacity.by_product``, the dashboard's rule), the share at
the benchmark of the classified capacity against the plan's 30 % target; and,
for a promotion plan, how many lines already use each technology."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..console.capacity import STANDINGS, TARGET_SHARE, by_product
from ..console.filters import Filters


@dataclass(frozen=True)
class ProductRow:
    key: str
    name_zh: str
    name_en: str
    sector_key: str
    output_unit: str                # the capacity's unit, Chinese (吨熟料)
    output_unit_en: str             # and as the indicator writes it (t)
    indicator_unit: str
    benchmark: float | None
    baseline: float | None
    lines: int
    capacity: dict[str, float]
    classified: float
    benchmark_share: float | None   # capacity["benchmark"] / classified, None when nothing is classified
    meets_target: bool | None
    source: str | None              # the levels' source-registry key


def rows(session: Session, products: Iterable[m.BenchmarkProduct]) -> list[dict]:
    """One row per product (products without registered lines show zeros)."""
    products = list(products)
    sectors = {p.sector_key for p in products}
    found = {}
    for sector in sectors:
        found.update({r.key: r for r in by_product(session, Filters(sector=sector))})
    out = []
    for p in products:
        row = found.get(p.key)
        capacity = dict(row.capacity) if row else dict.fromkeys(STANDINGS, 0.0)
        classified = sum(v for k, v in capacity.items() if k != "unknown")
        share = capacity["benchmark"] / classified if classified else None
        out.append(asdict(ProductRow(
            p.key, p.name_zh, p.name_en, p.sector_key, p.output_unit_zh, p.unit.split("/")[-1], p.unit,
            p.benchmark, p.baseline,
            row.lines if row else 0, capacity, classified, share,
            None if share is None else share >= TARGET_SHARE, p.annex_source or p.standard_source)))
    return out


def products_of_sector(session: Session, sector: str | None) -> list[m.BenchmarkProduct]:
    stmt = select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.sector_key, m.BenchmarkProduct.position)
    if sector:
        stmt = stmt.where(m.BenchmarkProduct.sector_key == sector)
    return list(session.scalars(stmt))


def products_of_families(session: Session, families: set[str]) -> list[m.BenchmarkProduct]:
    if not families:
        return []
    return list(session.scalars(select(m.BenchmarkProduct).where(m.BenchmarkProduct.family.in_(families))
                                .order_by(m.BenchmarkProduct.sector_key, m.BenchmarkProduct.position)))


def position(session: Session, products: list[m.BenchmarkProduct]) -> dict:
    return {"target_share": TARGET_SHARE, "products": rows(session, products)}


def uptake(session: Session, code: str, families: list[str]) -> dict:
    """Registered lines of the products the technology applies to: how many
    list it as installed, and how many do not (the lines it could still reach)."""
    if not families:
        return {"lines": 0, "installed": 0, "not_installed": 0}
    stmt = (select(m.Facility.installed).join(m.BenchmarkProduct,
                                              m.BenchmarkProduct.key == m.Facility.product_key)
            .where(m.BenchmarkProduct.family.in_(families)))
    installed = [code in (value or []) for value in session.scalars(stmt)]
    return {"lines": len(installed), "installed": sum(installed),
            "not_installed": len(installed) - sum(installed)}
