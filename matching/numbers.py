"""Numbers written for people, the same way on every page and in every formula.

``fmt`` keeps enough digits for a reader to redo the arithmetic (thousands
separators, no exponent, at most four significant figures after the point for
small values); ``fmt_zh`` writes large amounts with 万 / 亿 for Chinese pages.
"""
from __future__ import annotations

import math


def fmt(x: float | None, digits: int = 4) -> str:
    if x is None:
        return "—"
    if not math.isfinite(x):
        return "—"
    if x == 0:
        return "0"
    magnitude = abs(x)
    if magnitude >= 1000:
        return f"{x:,.0f}"
    if magnitude >= 1:
        return _trim(f"{x:,.{digits}f}") if magnitude < 10 else _trim(f"{x:,.2f}")
    decimals = digits - 1 - int(math.floor(math.log10(magnitude)))
    return _trim(f"{x:.{decimals}f}")


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def fmt_zh(x: float | None) -> str:
    """亿 from 10⁸ and 万 from 10⁴ (三位有效数字以上), else ``fmt``."""
    if x is None or not math.isfinite(x):
        return "—"
    magnitude = abs(x)
    if magnitude >= 1e8:
        return f"{_trim(f'{x / 1e8:,.2f}')} 亿"
    if magnitude >= 1e4:
        return f"{_trim(f'{x / 1e4:,.2f}')} 万"
    return fmt(x)


def fmt_pct(fraction: float | None) -> str:
    """A fraction as a percentage with one decimal: 0.1072 → '10.7 %'."""
    if fraction is None or not math.isfinite(fraction):
        return "—"
    return f"{_trim(f'{fraction * 100:.1f}')} %"
