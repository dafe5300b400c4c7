"""Turning query-string values into plain typed values, with 400s that say what was wrong."""
from __future__ import annotations

from flask import abort, request
from flask_babel import gettext as _

MAX_PAGE = 10_000


def int_arg(name: str, default: int, minimum: int = 1, maximum: int = MAX_PAGE) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, _("“%(name)s” must be a whole number.", name=name))
    if not minimum <= value <= maximum:
        abort(400, _("“%(name)s” must be between %(low)d and %(high)d.",
                     name=name, low=minimum, high=maximum))
    return value


def str_arg(name: str, max_length: int = 64) -> str | None:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    if len(raw) > max_length:
        abort(400, _("“%(name)s” is too long.", name=name))
    return raw


def bool_arg(name: str) -> bool:
    return request.args.get(name, "") in ("1", "true", "on", "yes")
