"""Checks of plain values typed into facility and need forms (or the API).
Errors are ``AccountError(code, field)`` collected by ``Checker``, like the
accounts forms, so the portal maps them to field messages the same way."""
from __future__ import annotations

import math
from datetime import date

from catalog.accounts.errors import AccountError


def number(raw: object, field: str, *, minimum: float = 0.0, maximum: float = 1e12,
           required: bool = False) -> float | None:
    """A finite number within bounds; blank is None unless required."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise AccountError("text.required", field)
        return None
    try:
        value = float(str(raw).replace(",", "").strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise AccountError("number.invalid", field) from None
    if not math.isfinite(value):
        raise AccountError("number.invalid", field)
    if value < minimum or value > maximum:
        raise AccountError("number.range", field, minimum=minimum, maximum=maximum)
    return value


def choice(raw: object, field: str, allowed: tuple[str, ...] | set[str], *,
           required: bool = True) -> str | None:
    value = (raw or "").strip() if isinstance(raw, str) else raw
    if not value:
        if required:
            raise AccountError("text.required", field)
        return None
    if value not in allowed:
        raise AccountError("choice.invalid", field)
    return value


def day(raw: object, field: str) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise AccountError("date.invalid", field) from None
