"""Reading and checking API input against the models of ``portal.api.schema``.

A JSON body is refused before it is parsed deeply: over ``API_MAX_JSON_BYTES``
it is a 413, nested more than ``MAX_DEPTH`` levels a 400 (Python's parser
would recurse once per level and fail with RecursionError at ~1,000). Every
other problem is a 400 ``{"error": {"status", "message", "fields": {field:
message}}}`` in the caller's language, as the domain checks answer."""
from __future__ import annotations

import json
import re
from itertools import accumulate

from flask import abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ValidationError

MAX_DEPTH = 16
MAX_JSON_BYTES = 64 * 1024
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(rb"[^\[\]{}]+")

MESSAGES = {
    "missing": _l("This field is required."),
    "string_type": _l("Enter text."),
    "string_too_short": _l("Enter at least %(min_length)d characters."),
    "string_too_long": _l("Enter at most %(max_length)d characters."),
    "string_pattern_mismatch": _l("This text contains a character that is not allowed."),
    "float_type": _l("Enter a number."),
    "float_parsing": _l("Enter a number."),
    "int_type": _l("Enter a whole number."),
    "int_parsing": _l("Enter a whole number."),
    "int_from_float": _l("Enter a whole number."),
    "finite_number": _l("Enter a finite number (not NaN or Infinity)."),
    "greater_than_equal": _l("Enter a number of at least %(ge)g."),
    "greater_than": _l("Enter a number above %(gt)g."),
    "less_than_equal": _l("Enter a number of at most %(le)g."),
    "less_than": _l("Enter a number below %(lt)g."),
    "literal_error": _l("Choose a value from the list."),
    "dict_type": _l("Give an object of name: value pairs."),
    "list_type": _l("Give a list."),
    "too_long": _l("Give at most %(max_length)d items."),
}


def field_message(error: dict) -> str:
    template = MESSAGES.get(error["type"])
    if template is None:
        return _("This value is not valid.")
    try:
        return str(template) % (error.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return _("This value is not valid.")


def field_errors(errors: list[dict]) -> dict[str, str]:
    """{top-level field: message}; the first problem of each field (a union
    reports one per alternative)."""
    out: dict[str, str] = {}
    for error in errors:
        field = str(error["loc"][0]) if error["loc"] else "_"
        out.setdefault(field, field_message(error))
    return out


def refuse(fields: dict[str, str], status: int = 400, message: str | None = None):
    body = {"status": status, "message": message or _("Some fields are not valid."), "fields": fields}
    response = jsonify(error=body)
    response.status_code = status
    abort(response)


def nesting_depth(data: bytes) -> int:
    """How deep arrays and objects nest in ``data``, counted without parsing
    (brackets inside strings do not count)."""
    brackets = _BRACKETS.sub(b"", _STRING.sub(b"", data))
    steps = (1 if b in b"[{" else -1 for b in brackets)
    return max(accumulate(steps, initial=0))


def read_json() -> object:
    """The request body as JSON, refused before parsing when too large or too deep."""
    limit = current_app.config.get("API_MAX_JSON_BYTES", MAX_JSON_BYTES)
    if (request.content_length or 0) > limit:
        refuse({"_": _("The body is larger than %(size)d bytes.", size=limit)}, 413)
    data = request.stream.read(limit + 1)
    if len(data) > limit:
        refuse({"_": _("The body is larger than %(size)d bytes.", size=limit)}, 413)
    if nesting_depth(data) > MAX_DEPTH:
        refuse({"_": _("The body is nested more than %(depth)d levels deep.", depth=MAX_DEPTH)})
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        refuse({"_": _("The body is not valid JSON.")})


def valid_body(model: type[BaseModel]) -> dict:
    """The JSON object of the body, checked against ``model``; the plain dict
    is returned (the domain checks read it as they always did)."""
    payload = read_json()
    if not isinstance(payload, dict):
        refuse({"_": _("The body must be a JSON object.")})
    check(model, payload)
    return payload


def valid_query(model: type[BaseModel]) -> dict:
    """The query string (first value of each name) checked against ``model``."""
    values = request.args.to_dict()
    check(model, values)
    return values


def check(model: type[BaseModel], values: dict) -> BaseModel:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        refuse(field_errors(exc.errors(include_url=False, include_input=False)))
