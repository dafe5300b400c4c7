"""Where a unit energy consumption stands against the national levels.

标杆 (benchmark) is the advanced level, 基准 (baseline) the floor below which a
plant must be retrofitted or exit. For most indicators lower is better; for
net-negative ones such as converter steelmaking (−30 / −10 kgce/t) it still is,
so the comparison needs no special case, only ``lower_is_better``.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Standing(str, Enum):
    AT_BENCHMARK = "at_benchmark"          # 达到标杆水平
    BETWEEN = "between"                    # 介于基准与标杆之间
    BELOW_BASELINE = "below_baseline"      # 低于基准水平
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
