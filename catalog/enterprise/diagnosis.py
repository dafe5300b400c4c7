"""Benchmark diagnosis of a line: catalog/ loads the levels, the limit
standard and the coefficients (with their sources); matching/ does the
arithmetic. "Today" is China Standard Time."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.errors import RuleError
from catalog.pipeline.inquiries import today
from matching.benchmark import Diagnosis, Levels, Limit, Product, diagnose

from . import energy

# Evidence levels of a level that was not found as the annex value itself.
NOT_ANNEX = ("unverified", "vendor_claim", "standard_consistent")


def product_row(session: Session, key: str | None) -> m.BenchmarkProduct | None:
    """The benchmark row for a row key, or for a family that has one row. A
    family of several rows (flat glass by furnace size, EAF by capacity) is
    refused with the row keys to choose from."""
    if not key:
        return None
    if not isinstance(key, str) or len(key) > 48:
        raise RuleError("choice.invalid", "benchmark_product")
    row = session.get(m.BenchmarkProduct, key)
    if row is not None:
        return row
    rows = list(session.scalars(select(m.BenchmarkProduct).where(m.BenchmarkProduct.family == key)
                                .order_by(m.BenchmarkProduct.position)))
    if len(rows) == 1:
        return rows[0]
    if rows:
        raise RuleError("product.ambiguous", "benchmark_product", rows=", ".join(r.key for r in rows))
    raise RuleError("choice.invalid", "benchmark_product")


def product(session: Session, row: m.BenchmarkProduct) -> Product:
    levels_of = dict(session.execute(select(m.ReferenceFlag.flag, m.ReferenceFlag.evidence_key)).all())
    verified = all(levels_of.get(flag) not in NOT_ANNEX and flag in levels_of
                   for flag in (row.benchmark_flag, row.baseline_flag))
    limit = None
    if row.standard and row.standard_l3 is not None:
        limit = Limit(row.standard, row.standard_l3, row.standard_in_force)
    return Product(row.key, row.unit, Levels(row.benchmark, row.baseline, row.lower_is_better),
                   row.deadline, verified, limit)


def diagnose_values(session: Session, row: m.BenchmarkProduct, unit_energy: float, annual_output: float,
                    energy_mix: energy.Mix | None = None) -> Diagnosis:
    energy_mix = energy_mix or energy.mix(row, None, None)
    return diagnose(product(session, row), unit_energy, annual_output, energy.factors(session),
                    energy_mix.shares, today())


def diagnose_facility(session: Session, facility: m.Facility) -> Diagnosis | None:
    """None when the facility lacks its unit energy or output (the page asks for them)."""
    if facility.unit_energy is None or facility.annual_output is None:
        return None
    return diagnose_values(session, facility.product, facility.unit_energy, facility.annual_output,
                           facility_mix(facility))


def facility_mix(facility: m.Facility) -> energy.Mix:
    return energy.mix(facility.product, facility.main_fuel, facility.fuel_shares)
