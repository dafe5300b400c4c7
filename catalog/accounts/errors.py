"""The one error type of the accounts services."""
from __future__ import annotations

from typing import Any

from ..errors import DomainError


class AccountError(DomainError):
    """``code`` names the rule that failed (``uscc.check_character``,
    ``email.taken``, ``token.expired`` …); ``field`` the form field it belongs
    to, if any; ``params`` values a message may quote."""

    def __init__(self, code: str, field: str | None = None, **params: Any):
        super().__init__(f"{code} ({field})" if field else code)
        self.code = code
        self.field = field
        self.params = params
