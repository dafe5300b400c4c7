"""Domain errors, one hierarchy. Views map them to a message in the user's
language and a 4xx:

    DomainError
      RuleError          a rule refused the request (code, field, params)
        InvalidFields    several fields at once (catalog.accounts.checks)
        AccountError     the accounts services' own (catalog.accounts.errors)
      InvalidInput       a parameter value the domain does not know
      NotFound"""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: something the user asked for cannot be done as asked."""


class RuleError(DomainError):
    """A rule of the domain refused the request. ``code`` names the rule
    (``need.title``, ``inquiry.transition``, ``edition.candidate`` …), ``field``
    the form field it belongs to, if any, ``params`` values a message may quote.
    The web layer turns the code into a message in the user's language."""

    def __init__(self, code: str, field: str | None = None, **params: Any):
        super().__init__(f"{code} ({field})" if field else code)
        self.code = code
        self.field = field
        self.params = params


class InvalidInput(DomainError):
    """A parameter has a value the domain does not know (``field``, ``value``)."""

    def __init__(self, field: str, value: object, reason: str = "unknown"):
        super().__init__(f"{field}={value!r}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason


class NotFound(DomainError):
    def __init__(self, what: str, key: object):
        super().__init__(f"{what} {key!r} not found")
        self.what = what
        self.key = key
