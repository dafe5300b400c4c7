"""Organisations (enterprises, suppliers/ESCOs) and their users."""
from __future__ import annotations

import secrets

from catalog import models as m
from catalog.accounts.uscc import check_character
from catalog.models.accounts import organisation_sector

from .base import Builder

SCALE_USCC = "91500000DM"  # + 7 digits + check character: the scale profile's organisations


def uscc(body17: str) -> str:
    """A well-formed 统一社会信用代码 (the check character computed)."""
    return body17 + check_character(body17)


def organisation(b: Builder, kind: str, name: str, code: str, district: str, *,
                 status: str = "verified", contact: tuple[str, str, str] = ("", "", ""),
                 created_days_ago: float | None = None) -> dict:
    """One organisation row; ``contact`` is (name, mobile, e-mail)."""
    created = b.when(900, 30) if created_days_ago is None else b.when(created_days_ago, created_days_ago)
    return {"kind": kind, "name": name, "uscc": code, "district_key": district, "province": None,
            "contact_name": contact[0], "contact_mobile": contact[1], "contact_email": contact[2],
            "status": status, "status_reason": "", "created_at": created,
            "status_changed_at": created if status != "pending" else None}


def add_organisations(b: Builder, rows: list[dict], sectors: list[tuple[str, ...]]) -> list[int]:
    """Insert organisations with their sectors (one tuple per row)."""
    ids = b.insert(m.Organisation, rows)
    b.link(organisation_sector, [{"organisation_id": org_id, "sector_key": key}
                                 for org_id, keys in zip(ids, sectors, strict=True) for key in keys])
    return ids


def user(org_id: int, email: str, name: str, role: str, password_hash: str, created_at) -> dict:
    """A user row; the e-mail lower-cased, as sign-in compares it."""
    return {"organisation_id": org_id, "email": email.lower(), "name": name, "role": role,
            "password_hash": password_hash, "login_token": secrets.token_hex(32), "active": True,
            "created_at": created_at}


def add_users(b: Builder, rows: list[dict]) -> list[int]:
    return b.insert(m.User, rows)
