"""Parsing typed values out of what a form (or an API client) sent, with one
RuleError per problem (``code`` names the rule, ``field`` the form field).
Shared by the supply and curation services; collect them with
``catalog.accounts.checks.Checker`` so a form shows every problem at once."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import validation
from ..errors import RuleError

WHOLE_CITY = "chongqing"
NATIONAL = "national"
WAN = 10_000  # forms take money in 万元; it is stored in CNY
SEPARATORS = re.compile(r"[,，、;；\s]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never stored (PostgreSQL refuses NUL)
PHRASES = re.compile(r"[,，、;；\n]+")  # keywords may contain spaces

__all__ = ["NATIONAL", "WAN", "WHOLE_CITY", "choice", "clean", "codes", "integer", "keys", "long_text",
           "number", "optional_text", "reason", "region_keys", "split_list", "technologies", "text", "when"]


def clean(raw: object) -> str:
    """Text without control characters (line breaks and tabs stay)."""
    return CONTROL.sub("", raw if isinstance(raw, str) else "" if raw is None else str(raw))


def text(raw: str | None, field: str, minimum: int = 1, maximum: int = 200) -> str:
    return validation.text(clean(raw), field, minimum, maximum)


def long_text(raw: str | None, field: str, minimum: int = 2, maximum: int = 1000) -> str:
    return validation.long_text(clean(raw), field, minimum, maximum)


def number(raw: str | float | None, field: str, minimum: float | None = None,
           maximum: float | None = None, required: bool = True) -> float | None:
    """A finite decimal number (full-width digits and thousands separators
    accepted), optionally bounded; None when empty and not required."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = float(raw)
    else:
        cleaned = clean(raw).strip().translate(str.maketrans("０１２３４５６７８９．－", "0123456789.-"))
        cleaned = cleaned.replace(",", "").replace("，", "")
        if not cleaned:
            if required:
                raise RuleError("text.required", field)
            return None
        try:
            value = float(cleaned)
        except ValueError:
            raise RuleError("field.number", field) from None
    if not math.isfinite(value):
        raise RuleError("field.number", field)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise RuleError("field.range", field, minimum=_fmt(minimum), maximum=_fmt(maximum))
    return value


def _fmt(value: float | None) -> str:
    if value is None:
        return "∞"
    return str(int(value)) if float(value).is_integer() else str(value)


def integer(raw: str | int | None, field: str, minimum: int, maximum: int) -> int:
    value = number(raw, field)
    if value is None or not float(value).is_integer():
        raise RuleError("field.integer", field)
    if not minimum <= value <= maximum:
        raise RuleError("field.range", field, minimum=str(minimum), maximum=str(maximum))
    return int(value)


def optional_text(raw: str | None, field: str, maximum: int = 200) -> str:
    value = " ".join(clean(raw).split())
    return text(value, field, 1, maximum) if value else ""


def reason(raw: str | None, field: str = "reason", maximum: int = 1000) -> str:
    """A reason a decision must give (returning, rejecting, retiring …)."""
    if len(" ".join(clean(raw).split())) < 2:
        raise RuleError("reason.required", field)
    return long_text(raw or "", field, 2, maximum)


def when(raw: str | None, field: str, required: bool = True) -> date | None:
    """An ISO date (2024-05-01); None when empty and not required."""
    value = clean(raw).strip()
    if not value:
        if required:
            raise RuleError("text.required", field)
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleError("field.date", field) from None


def choice(raw: str | None, field: str, allowed: Iterable[str]) -> str:
    value = clean(raw).strip()
    if not value:
        raise RuleError("text.required", field)
    if value not in set(allowed):
        raise RuleError("field.choice", field)
    return value


def split_list(raw: str | Iterable[str] | None, maximum_items: int = 30, item_length: int = 60,
               unique: bool = True, phrases: bool = False) -> list[str]:
    """Words separated by commas (either width), 、, semicolons or spaces
    (``phrases``: not spaces, so "waste heat recovery" stays one item)."""
    items = (PHRASES if phrases else SEPARATORS).split(clean(raw)) if isinstance(raw, str) \
        else [clean(i) for i in raw or []]
    out = [" ".join(i.split())[:item_length] for i in items if i and i.strip()]
    return (list(dict.fromkeys(out)) if unique else out)[:maximum_items]


def keys(session: Session, model: type, raw: Iterable[str], field: str, required: bool = False) -> list[str]:
    """Primary keys of ``model`` rows (sectors, stages …), each known."""
    wanted = list(dict.fromkeys(clean(k).strip() for k in raw or () if clean(k).strip()))
    if not wanted:
        if required:
            raise RuleError(f"{field}.required", field)
        return []
    column = model.__mapper__.primary_key[0]
    found = set(session.scalars(select(column).where(column.in_(wanted))))
    if set(wanted) - found:
        raise RuleError(f"{field}.invalid", field)
    return wanted


def region_keys(session: Session, raw: Iterable[str], field: str = "regions") -> list[str]:
    """Service regions: Chongqing district keys, ``chongqing`` (the whole city)
    or ``national``. A wider choice makes narrower ones redundant."""
    wanted = list(dict.fromkeys(clean(k).strip() for k in raw or () if clean(k).strip()))
    if not wanted:
        raise RuleError("regions.required", field)
    if NATIONAL in wanted:
        return [NATIONAL]
    if WHOLE_CITY in wanted:
        return [WHOLE_CITY]
    return keys(session, m.District, wanted, field, required=True)


def codes(raw: str | Iterable[str] | None) -> list[str]:
    return [c.upper() for c in split_list(raw, maximum_items=50, item_length=16)]


def technologies(session: Session, raw: str | Iterable[str] | None, field: str = "technologies",
                 required: bool = True) -> list[m.Technology]:
    """Published catalogue entries by code, in the order given."""
    wanted = codes(raw)
    if not wanted:
        if required:
            raise RuleError("technologies.required", field)
        return []
    found = {t.code: t for t in session.scalars(
        select(m.Technology).where(m.Technology.code.in_(wanted),
                                   m.Technology.status == "published")).unique()}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise RuleError("technologies.invalid", field, codes=", ".join(unknown))
    return [found[c] for c in wanted]
