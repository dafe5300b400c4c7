"""Plain-value checks shared by the services (e-mail, mobile, text lengths)."""
from __future__ import annotations

import re

from ..errors import RuleError

EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def email(raw: str, field: str = "email") -> str:
    """Trimmed and lower-cased; RuleError ``email.invalid`` otherwise."""
    value = (raw or "").strip().lower()
    if len(value) > 254 or not EMAIL.match(value):
        raise RuleError("email.invalid", field)
    return value


def mobile(raw: str, field: str = "mobile") -> str:
    """Mainland mobile number: 11 digits starting 13–19; a +86/0086 prefix,
    spaces and hyphens are accepted and removed."""
    value = re.sub(r"[\s-]", "", raw or "")
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    if not MOBILE.match(value):
        raise RuleError("mobile.invalid", field)
    return value


def text(raw: str, field: str, minimum: int = 1, maximum: int = 200) -> str:
    """Trimmed text of a sensible length, without control characters."""
    return _bounded(" ".join(_printable(raw).split()), field, minimum, maximum)


def long_text(raw: str, field: str, minimum: int = 2, maximum: int = 1000) -> str:
    """Like ``text`` but keeps line breaks (reasons, notes)."""
    lines = [" ".join(line.split()) for line in _printable(raw).strip().splitlines()]
    return _bounded("\n".join(lines).strip(), field, minimum, maximum)


def _printable(raw: str | None) -> str:
    """Without NUL and the other control characters (PostgreSQL refuses NUL
    in text); tabs and line breaks stay for ``split``/``splitlines``."""
    return CONTROL.sub("", raw or "")


def _bounded(value: str, field: str, minimum: int, maximum: int) -> str:
    if len(value) < minimum:
        raise RuleError("text.required" if not value else "text.too_short", field,
                           minimum=minimum)
    if len(value) > maximum:
        raise RuleError("text.too_long", field, maximum=maximum)
    return value
