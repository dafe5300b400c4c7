"""Where a unit energy consumption stands against the national levels.

标杆 (benchmark) is the advanced level, 基准 (baseline) the floor below which a
plant must be retrofitted or exit. For most indicators lower is better; for
net-negative ones such as converter steelmaking (−30 / −10 kgce/t) it still is,
so the comparison needs no special case, only ``lower_is_better``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .units import Factors


class Standing(str, Enum):
    AT_BENCHMARK = "benchmark"             # 达到标杆水平
    BETWEEN = "between"                    # 介于基准与标杆之间
    BELOW_BASELINE = "below_baseline"      # 低于基准水平（须在期限前改造或退出）
    UNKNOWN = "unknown"                    # a level is missing for this product


@dataclass(frozen=True)
class Levels:
    benchmark: float | None
    baseline: float | None
    lower_is_better: bool = True


@dataclass(frozen=True)
class Position:
    standing: Standing
    gap_to_benchmark: float | None   # indicator units still to go; 0 when at benchmark
    gap_to_baseline: float | None    # indicator units short of the baseline; 0 when not below


def _worse_by(value: float, level: float, lower_is_better: bool) -> float:
    """How far ``value`` is on the wrong side of ``level`` (0 when on the right side)."""
    diff = value - level if lower_is_better else level - value
    return max(diff, 0.0)


def position(value: float, levels: Levels) -> Position:
    if levels.benchmark is None or levels.baseline is None:
        gap = None if levels.benchmark is None else _worse_by(value, levels.benchmark,
                                                                levels.lower_is_better)
        return Position(Standing.UNKNOWN, gap, None)
    to_benchmark = _worse_by(value, levels.benchmark, levels.lower_is_better)
    to_baseline = _worse_by(value, levels.baseline, levels.lower_is_better)
    if to_benchmark == 0:
        standing = Standing.AT_BENCHMARK
    elif to_baseline == 0:
        standing = Standing.BETWEEN
    else:
        standing = Standing.BELOW_BASELINE
    return Position(standing, to_benchmark, to_baseline)


@dataclass(frozen=True)
class Limit:
    """The mandatory energy-consumption limit (限定值, level 3) of a standard."""

    standard: str
    limit: float
    in_force_from: date | None = None


@dataclass(frozen=True)
class Product:
    """A benchmark product row as the diagnosis needs it."""

    key: str
    unit: str
    levels: Levels
    deadline: date | None = None
    verified: bool = True        # False when a level is not sourced as the annex value
    limit: Limit | None = None


@dataclass(frozen=True)
class Diagnosis:
    product: str
    unit: str
    value: float
    annual_output: float
    standing: Standing
    benchmark: float | None
    baseline: float | None
    gap_to_benchmark: float | None
    gap_to_baseline: float | None
    gap_tce: float | None            # a year, at this output, to reach the benchmark
    gap_tco2: float | None           # at the line's energy mix
    deadline: date | None            # applies when below the baseline
    verified: bool
    deadline_status: str = "none"    # overdue | upcoming | none
    overdue_days: int | None = None
    tco2_per_tce: float | None = None  # of the line's mix, used for gap_tco2
    limit: Limit | None = None
    limit_exceeded: bool | None = None


def deadline_status(deadline: date | None, today: date) -> tuple[str, int | None]:
    """Whether a retrofit deadline has passed (and by how many days)."""
    if deadline is None:
        return "none", None
    if deadline < today:
        return "overdue", (today - deadline).days
    return "upcoming", None


def gap_energy(gap: float, unit: str, output: float, factors: Factors,
               shares: dict[str, float]) -> tuple[float, float, float]:
    """(tce, tCO₂, tCO₂ per tce) a year that a gap of ``gap`` indicator units
    represents at ``output``: kWh indicators are electricity; kgce indicators
    are the line's mix of carriers (tce shares)."""
    amount = gap * output
    if unit.startswith("kWh"):
        electricity = factors["electricity"]
        return electricity.tce(amount), electricity.tco2(amount), electricity.tco2_per_tce
    tce = amount / 1000.0
    per_tce = factors.mix_tco2_per_tce(shares)
    return tce, tce * per_tce, per_tce


def diagnose(product: Product, unit_energy: float, annual_output: float, factors: Factors,
             shares: dict[str, float], today: date) -> Diagnosis:
    pos = position(unit_energy, product.levels)
    gap_tce = gap_tco2 = per_tce = None
    if pos.gap_to_benchmark is not None:
        gap_tce, gap_tco2, per_tce = gap_energy(pos.gap_to_benchmark, product.unit, annual_output,
                                                factors, shares)
    deadline = product.deadline if pos.standing is Standing.BELOW_BASELINE else None
    status, days = deadline_status(deadline, today)
    exceeded = None
    if product.limit is not None:
        exceeded = _worse_by(unit_energy, product.limit.limit, product.levels.lower_is_better) > 0
    return Diagnosis(
        product=product.key, unit=product.unit, value=unit_energy, annual_output=annual_output,
        standing=pos.standing, benchmark=product.levels.benchmark, baseline=product.levels.baseline,
        gap_to_benchmark=pos.gap_to_benchmark, gap_to_baseline=pos.gap_to_baseline,
        gap_tce=gap_tce, gap_tco2=gap_tco2, deadline=deadline, verified=product.verified,
        deadline_status=status, overdue_days=days, tco2_per_tce=per_tce,
        limit=product.limit, limit_exceeded=exceeded,
    )
