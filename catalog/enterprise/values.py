"""Checks of plain values typed into facility and need forms (or the API).
Errors are ``RuleError(code, field)`` collected by ``Checker``, like the
accounts forms, so the portal maps them to field messages the same way."""
from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from catalog.errors import RuleError


def number(raw: object, field: str, *, minimum: float = 0.0, maximum: float = 1e12,
           required: bool = False) -> float | None:
    """A finite number within bounds; blank is None unless required."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise RuleError("text.required", field)
        return None
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, Decimal)):
        raise RuleError("number.invalid", field)
    try:
        value = float(str(raw).replace(",", "").strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError, OverflowError):
        raise RuleError("number.invalid", field) from None
    if not math.isfinite(value):
        raise RuleError("number.invalid", field)
    if value < minimum or value > maximum:
        raise RuleError("number.range", field, minimum=minimum, maximum=maximum)
    return value


def choice(raw: object, field: str, allowed: tuple[str, ...] | set[str], *,
           required: bool = True) -> str | None:
    if raw is not None and not isinstance(raw, str):
        raise RuleError("choice.invalid", field)
    value = (raw or "").strip()
    if not value:
        if required:
            raise RuleError("text.required", field)
        return None
    if value not in allowed:
        raise RuleError("choice.invalid", field)
    return value


def day(raw: object, field: str) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise RuleError("date.invalid", field) from None


def shares(raw: object, field: str, carriers: tuple[str, ...], *,
           scale: float = 1.0) -> dict[str, float] | None:
    """A line's carrier shares {carrier: share}, given as fractions (``scale``
    1) or percentages (``scale`` 100); blank or empty is None (the product's
    default). They must add up to the whole (±1 %)."""
    if raw is None or raw == {} or (isinstance(raw, dict) and all(
            v is None or (isinstance(v, str) and not v.strip()) for v in raw.values())):
        return None
    if not isinstance(raw, dict):
        raise RuleError("shares.invalid", field)
    out: dict[str, float] = {}
    for carrier, value in raw.items():
        if carrier not in carriers:
            raise RuleError("shares.carrier", field, carrier=str(carrier)[:20])
        number_ = number(value, field, maximum=scale)
        if number_:
            out[carrier] = number_ / scale
    if abs(sum(out.values()) - 1.0) > 0.01:
        raise RuleError("shares.sum", field, total=round(sum(out.values()) * scale, 2), whole=scale)
    return out
