"""Consent to the privacy policy at registration (个人信息保护法 art. 13-14).

The policy's text lives in the portal's templates; its version is named here
because the account records which version a person agreed to. Change the
version whenever the policy's text changes in substance: registrations made
with a form showing an older version are then refused with a request to read
the current one."""
from __future__ import annotations

from .errors import AccountError

CURRENT_VERSION = "2026-12-04"


def check_consent(version: str | None) -> str:
    """The agreed version if it is the current one; AccountError
    ``privacy.required`` (not agreed) or ``privacy.outdated`` otherwise."""
    version = (version or "").strip()
    if not version:
        raise AccountError("privacy.required", "privacy")
    if version != CURRENT_VERSION:
        raise AccountError("privacy.outdated", "privacy", version=CURRENT_VERSION)
    return version
