"""Password hashing (Argon2id) and the password policy.

Policy: 10 to 128 characters, at least 4 different characters, not on the
shipped list of common passwords (also after removing trailing digits and
symbols, so 「password2024!」 is refused), and not the e-mail address.
"""
from __future__ import annotations

import re
import secrets
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import AccountError

MIN_LENGTH = 10
MAX_LENGTH = 128
COMMON_LIST = Path(__file__).resolve().parents[2] / "data" / "security" / "common-passwords.txt"
_hasher = PasswordHasher()  # RFC 9106 low-memory profile: Argon2id, t=3, m=64 MiB, p=4


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _stem(password: str) -> str:
    return re.sub(r"[\d\W_]+$", "", password) or password


def check_policy(password: str, email: str = "", field: str = "password") -> None:
    """AccountError naming the rule: ``password.too_short``, ``password.too_long``,
    ``password.too_simple``, ``password.common`` or ``password.like_email``."""
    if len(password) < MIN_LENGTH:
        raise AccountError("password.too_short", field, minimum=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise AccountError("password.too_long", field, maximum=MAX_LENGTH)
    if len(set(password)) < 4:
        raise AccountError("password.too_simple", field)
    lowered = password.lower()
    common = common_passwords()
    if lowered in common or _stem(lowered) in common:
        raise AccountError("password.common", field)
    local = email.lower().split("@")[0]
    if email and (lowered == email.lower() or (len(local) >= 4 and local in lowered)):
        raise AccountError("password.like_email", field)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def verify_nothing(password: str) -> None:
    """Spend the time a real verification takes, so an unknown e-mail answers
    as slowly as a wrong password (no account enumeration by timing)."""
    verify(_dummy_hash(), password)
