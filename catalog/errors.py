"""Domain errors. Views map them to a message in the user's language and a 4xx."""
from __future__ import annotations


class DomainError(Exception):
    """Base class: something the user asked for cannot be done as asked."""


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
