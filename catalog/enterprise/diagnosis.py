"""Benchmark diagnosis of a facility: catalog/ loads the levels and the
coefficients (with their sources) and matching/ does the arithmetic."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.errors import InvalidInput, NotFound
from matching.benchmark import Diagnosis, Levels, Product, diagnose
from matching.units import Coefficient, Factors


def _cite(row) -> Coefficient:
    return Coefficient(row.value, row.unit, f"{row.source} [{row.flag}]".strip())


def factors(session: Session) -> Factors:
    """The coefficients in force: the Chongqing grid factor of the latest year
    (flagged default in data/factors.yaml), electricity's equal-value
    conversion and CO2 per tce of raw coal."""
    grid = session.scalars(select(m.GridFactor).where(m.GridFactor.default_for_chongqing.is_(True))
                           .order_by(m.GridFactor.year.desc())).first()
    conv = {c.key: c for c in session.scalars(select(m.ConversionFactor).where(
        m.ConversionFactor.key.in_(("electricity_equal_value", "coal_co2_per_tce"))))}
    if grid is None or len(conv) < 2:
        raise NotFound("conversion factors", "run `flask --app portal setup`")
    grid_source = f"{grid.announcement}, {grid.region_zh} {grid.year} [{grid.flag}]"
    return Factors(
        kgce_per_kwh=_cite(conv["electricity_equal_value"]),
        grid_kgco2_per_kwh=Coefficient(grid.value, grid.unit, grid_source),
        coal_tco2_per_tce=_cite(conv["coal_co2_per_tce"]),
    )


def product(session: Session, key: str) -> tuple[m.BenchmarkProduct, Product]:
    row = session.get(m.BenchmarkProduct, key)
    if row is None:
        raise InvalidInput("benchmark_product", key)
    flags = session.scalars(select(m.ReferenceFlag).where(
        m.ReferenceFlag.flag.in_([row.benchmark_flag, row.baseline_flag]))).all()
    trusted = {f.flag for f in flags if f.evidence_key not in ("unverified", "vendor_claim")}
    verified = row.benchmark_flag in trusted and row.baseline_flag in trusted
    levels = Levels(row.benchmark, row.baseline, row.lower_is_better)
    return row, Product(row.key, row.unit, levels, row.deadline, verified)


def diagnose_values(session: Session, product_key: str, unit_energy: float,
                    annual_output: float) -> tuple[m.BenchmarkProduct, Diagnosis]:
    row, prod = product(session, product_key)
    return row, diagnose(prod, unit_energy, annual_output, factors(session))


def diagnose_facility(session: Session, facility: m.Facility) -> Diagnosis | None:
    """None when the facility lacks its unit energy or output (the page asks for them)."""
    if facility.unit_energy is None or facility.annual_output is None:
        return None
    return diagnose_values(session, facility.product_key, facility.unit_energy, facility.annual_output)[1]
