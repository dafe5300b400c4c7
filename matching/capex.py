"""The investment for one technology on one line, and where it comes from.

In order of preference: the enterprise's own quote; the price range the
suppliers list for products of this technology; the technology's reference
project scaled to the line's capacity. A reference project is scaled by the
capacity ratio between two rules: the six-tenths rule (capex ∝ capacity^0.6,
the usual economy of scale of process plant) and linear scaling; the range
spans both and the typical value is the six-tenths one. The need's budget is
a constraint the scoring uses, never the capex.
"""
from __future__ import annotations

from dataclasses import dataclass

from .effects import Range
from .numbers import fmt

SCALE_EXPONENT = 0.6


@dataclass(frozen=True)
class Capex:
    value: Range          # CNY
    kind: str             # quote | product | reference
    source: str = ""      # a source-registry key (reference projects)
    evidence: str = ""
    formula: str = ""     # how a scaled value follows from the reference (language-neutral)


def from_quote(cny: float) -> Capex:
    return Capex(Range(cny, cny, cny), "quote")


def from_prices(ranges: list[tuple[float | None, float | None]]) -> Capex | None:
    """Listed product prices (min, max) in CNY; None when no product lists one."""
    lows = [low if low is not None else high for low, high in ranges if (low or high)]
    highs = [high if high is not None else low for low, high in ranges if (low or high)]
    if not lows:
        return None
    mids = sorted((a + b) / 2 for a, b in zip(lows, highs, strict=True))
    typical = mids[len(mids) // 2]
    return Capex(Range(min(lows), min(max(typical, min(lows)), max(highs)), max(highs)), "product")


def scaled(ref_capex: float, ref_capacity: float, capacity: float, source: str = "",
           evidence: str = "", linear_only: bool = False) -> Capex:
    """The reference project's capex scaled to ``capacity`` (same output unit);
    ``linear_only`` for a cost per unit of equipment (per cell, per furnace)."""
    ratio = capacity / ref_capacity
    linear = ref_capex * ratio
    if linear_only:
        formula = f"{fmt(ref_capex)} CNY × {fmt(capacity)} ÷ {fmt(ref_capacity)} = {fmt(linear)} CNY"
        return Capex(Range(linear, linear, linear), "reference", source, evidence, formula)
    six_tenths = ref_capex * ratio ** SCALE_EXPONENT
    formula = (f"{fmt(ref_capex)} CNY × ({fmt(capacity)} ÷ {fmt(ref_capacity)})^{SCALE_EXPONENT} "
               f"= {fmt(six_tenths)} CNY")
    return Capex(Range(min(six_tenths, linear), six_tenths, max(six_tenths, linear)), "reference",
                 source, evidence, formula)
