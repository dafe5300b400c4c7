"""Signed, expiring tokens for e-mailed links (itsdangerous). A token names a
database row and its random nonce; the row records the single use."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import update
from sqlalchemy.orm import Session

from .errors import AccountError

INVITATION = "invitation"
PASSWORD_RESET = "password-reset"
CONFIRM_EMAIL = "confirm-email"


@dataclass(frozen=True)
class TokenSigner:
    """Made by the web layer from its SECRET_KEY; lifetimes in seconds."""

    secret_key: str
    invitation_max_age: int = 7 * 24 * 3600
    reset_max_age: int = 3600
    confirm_max_age: int = 3 * 24 * 3600

    def _serializer(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret_key, salt=f"portal.{purpose}")

    def max_age(self, purpose: str) -> int:
        return {INVITATION: self.invitation_max_age,
                CONFIRM_EMAIL: self.confirm_max_age}.get(purpose, self.reset_max_age)

    def dumps(self, purpose: str, row_id: int, nonce: str) -> str:
        return self._serializer(purpose).dumps({"id": row_id, "n": nonce})

    def loads(self, purpose: str, token: str) -> tuple[int, str]:
        """(row id, nonce); AccountError ``token.expired`` or ``token.invalid``."""
        try:
            data = self._serializer(purpose).loads(token, max_age=self.max_age(purpose))
        except SignatureExpired as exc:
            raise AccountError("token.expired") from exc
        except BadSignature as exc:
            raise AccountError("token.invalid") from exc
        if not isinstance(data, dict) or not isinstance(data.get("id"), int) \
                or not isinstance(data.get("n"), str):
            raise AccountError("token.invalid")
        return data["id"], data["n"]


def new_nonce() -> str:
    return secrets.token_hex(16)


def same_nonce(expected: str, given: str) -> bool:
    return secrets.compare_digest(expected.encode(), given.encode())


def use_once(session: Session, model: type, row_id: int, now) -> None:
    """Mark the row used with a conditional UPDATE, so of two racing requests
    only one succeeds; the other gets AccountError ``token.used``."""
    claimed = session.execute(update(model).where(model.id == row_id, model.used_at.is_(None))
                              .values(used_at=now)).rowcount
    if claimed != 1:
        session.rollback()
        raise AccountError("token.used")
