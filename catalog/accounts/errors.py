"""The accounts services' error: sign-in, registration, tokens, passwords,
members and organisations. Every other part of the domain raises
``catalog.errors.RuleError`` (of which this is a subclass) or its own subclass."""
from __future__ import annotations

from ..errors import RuleError


class AccountError(RuleError):
    """``code`` names the rule that failed (``uscc.check_character``,
    ``email.taken``, ``token.expired`` …); ``field`` the form field it belongs
    to, if any; ``params`` values a message may quote."""
