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

from .units import Factors, gap_energy


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
class Product:
    """A benchmark product row as the diagnosis needs it."""

    key: str
    unit: str
    levels: Levels
    deadline: date | None = None
    verified: bool = True        # False when a level is flagged unverified


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
    gap_tco2: float | None
    deadline: date | None            # applies when below the baseline
    verified: bool


def diagnose(product: Product, unit_energy: float, annual_output: float, factors: Factors) -> Diagnosis:
    pos = position(unit_energy, product.levels)
    gap_tce = gap_tco2 = None
    if pos.gap_to_benchmark is not None:
        gap_tce, gap_tco2 = gap_energy(pos.gap_to_benchmark, product.unit, annual_output, factors)
    return Diagnosis(
        product=product.key, unit=product.unit, value=unit_energy, annual_output=annual_output,
        standing=pos.standing, benchmark=product.levels.benchmark, baseline=product.levels.baseline,
        gap_to_benchmark=pos.gap_to_benchmark, gap_to_baseline=pos.gap_to_baseline,
        gap_tce=gap_tce, gap_tco2=gap_tco2,
        deadline=product.deadline if pos.standing is Standing.BELOW_BASELINE else None,
        verified=product.verified,
    )
