"""Collecting several field errors at once, so a form shows them all."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import RuleError


class InvalidFields(RuleError):
    """Several fields are wrong; ``errors`` has one RuleError per problem."""

    def __init__(self, errors: list[RuleError]):
        super().__init__("fields.invalid")
        self.errors = errors


class Checker:
    """``value = check(fn, *args)`` runs a validator and remembers its error
    (returning None); ``done()`` raises them together."""

    def __init__(self) -> None:
        self.errors: list[RuleError] = []

    def __call__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InvalidFields as exc:
            self.errors.extend(exc.errors)
        except RuleError as exc:
            self.errors.append(exc)
        return None

    def add(self, code: str, field: str | None = None, **params: Any) -> None:
        self.errors.append(RuleError(code, field, **params))

    def done(self) -> None:
        if self.errors:
            raise InvalidFields(self.errors)
