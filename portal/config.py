"""Configuration, resolved when the app is created (never at import).

Order: defaults < environment < the ``config`` mapping given to create_app.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENV_KEYS = ("DATABASE_URL", "PORTAL_DATA_DIR", "SECRET_KEY", "PORTAL_ENV", "REDIS_URL",
            # connections each process keeps open to PostgreSQL (default 5, plus 10 at peaks)
            "DATABASE_POOL_SIZE",
            # accounts (issue 4): outgoing mail and the address used in e-mailed links
            "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USE_SSL", "MAIL_USERNAME",
            "MAIL_PASSWORD", "MAIL_FROM", "PUBLIC_BASE_URL", "PROXY_FIX_X_FOR",
            # rate limits (issue 16): benches raise them, e.g. API_LIMIT_PER_IP="100000 per minute"
            "PUBLIC_LIMIT_PER_IP", "API_LIMIT_PER_IP", "MATCH_LIMIT_PER_IP", "FORM_LIMIT_PER_IP",
            "LOGIN_LIMIT_PER_IP", "LOGIN_LIMIT_PER_ACCOUNT",
            # background work and files (issue 19): see the README's "Background work and files"
            "TASK_QUEUE", "TASK_QUEUE_NAME", "FILE_STORAGE", "JOB_LEASE_SECONDS", "JOB_MAX_ATTEMPTS",
            "EXPORT_XLSX_JOB_ROWS",
            # the footer of a government website (issue 21): empty in development
            "SITE_SPONSOR", "SITE_SPONSOR_EN", "SITE_OPERATOR", "SITE_OPERATOR_EN", "SITE_CONTACT",
            "SITE_CONTACT_EN", "SITE_ICP_RECORD", "SITE_GOV_CODE", "SITE_PSB_RECORD")


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def defaults() -> dict[str, Any]:
    return {
        "PORTAL_ENV": "development",
        "BABEL_DEFAULT_LOCALE": "zh",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "LANGUAGES": ("zh", "en"),
        "WTF_CSRF_ENABLED": True,
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CATALOGUE_PAGE_SIZE": 12,
        "API_MAX_PER_PAGE": 100,
        "JSON_SORT_KEYS": False,
        # Accounts and security (issue 4); see the README's "Accounts" section.
        "SESSION_COOKIE_NAME": "portal_session",
        "PERMANENT_SESSION_LIFETIME": 2 * 3600,  # idle sign-out after two hours
        "MAIL_SERVER": "",  # empty: mail waits in the outbox (development: /dev/outbox)
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_FROM": "noreply@localhost",
        "INVITATION_MAX_AGE": 7 * 24 * 3600,
        "PASSWORD_RESET_MAX_AGE": 3600,
        "REGISTRATION_CONFIRM_MAX_AGE": 3 * 24 * 3600,  # the e-mailed link that finishes registering
        "LOGIN_LIMIT_PER_ACCOUNT": "5 per minute; 20 per hour",
        "LOGIN_LIMIT_PER_IP": "30 per minute; 300 per hour",
        "FORM_LIMIT_PER_IP": "10 per 10 minutes",
        # per signed-in user, else per IP (Flask-Limiter syntax; "; " joins several windows)
        "PUBLIC_LIMIT_PER_IP": "60 per minute; 1000 per hour",  # /search and /api/v1/search
        "API_LIMIT_PER_IP": "120 per minute; 3000 per hour",    # every /api/v1 endpoint
        "MATCH_LIMIT_PER_IP": "20 per minute; 300 per hour",    # /api/v1/match and /diagnose
        "INQUIRY_DAILY_LIMIT": 20,  # inquiries an organisation may send in 24 hours
        "INQUIRY_DAILY_LIMIT_UNVERIFIED": 3,
        "MESSAGE_HOURLY_LIMIT": 60,  # inquiry messages an organisation may send in one hour
        "PROXY_FIX_X_FOR": 0,  # number of trusted reverse proxies in front (X-Forwarded-For)
        # Footer (issue 21): 主办单位, 承办单位, contact, ICP 备案号, 政府网站标识码, 公安机关备案号.
        # Empty values are left out of the footer; production sets them in the environment.
        "SITE_SPONSOR": "", "SITE_SPONSOR_EN": "", "SITE_OPERATOR": "", "SITE_OPERATOR_EN": "",
        "SITE_CONTACT": "", "SITE_CONTACT_EN": "", "SITE_ICP_RECORD": "", "SITE_GOV_CODE": "",
        "SITE_PSB_RECORD": "",
    }


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    return {key: environ[key] for key in ENV_KEYS if environ.get(key)}


def resolve(settings: dict[str, Any], instance_path: str) -> dict[str, Any]:
    """Fill in the derived settings: data folder, database URL, index folder,
    secret key. Raises ConfigError with a readable message."""
    data_dir = Path(settings.get("PORTAL_DATA_DIR") or instance_path).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    settings["PORTAL_DATA_DIR"] = str(data_dir)
    settings.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'portal.sqlite3'}")
    settings.setdefault("SEARCH_INDEX_DIR", str(data_dir / "search-index"))
    settings["SECRET_KEY"] = _secret_key(settings, data_dir)
    if settings["PORTAL_ENV"] == "production":
        settings.setdefault("SESSION_COOKIE_SECURE", True)
        _production_services(settings)
    settings.setdefault("FILE_STORAGE", "local")
    return settings


def _production_services(settings: dict[str, Any]) -> None:
    """Production shares its state between servers: rate-limit counts and the
    task queue in Redis, files in the database (unless FILE_STORAGE says otherwise)."""
    if not settings.get("REDIS_URL") and not settings.get("TESTING"):
        raise ConfigError(
            "REDIS_URL is not set. In production every web server and the worker share rate-limit "
            "counts and the task queue through Redis: set the REDIS_URL environment variable "
            "(e.g. `export REDIS_URL=redis://127.0.0.1:6379/0`) on every web server and worker.")
    if settings.get("TASK_QUEUE") in ("immediate", "sqlite") and not settings.get("TESTING"):
        raise ConfigError(
            f"TASK_QUEUE={settings['TASK_QUEUE']} is not for production: "
            + ("tasks would run inside the web request. " if settings["TASK_QUEUE"] == "immediate" else
               "the queue file is on one host, out of the other servers' reach. ")
            + "Leave TASK_QUEUE unset (REDIS_URL then carries the queue) or set TASK_QUEUE=redis.")
    if not str(settings["DATABASE_URL"]).startswith("sqlite"):
        settings.setdefault("FILE_STORAGE", "database")


def _secret_key(settings: dict[str, Any], data_dir: Path) -> str:
    if settings.get("SECRET_KEY"):
        return settings["SECRET_KEY"]
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    if settings["PORTAL_ENV"] == "production":
        raise ConfigError(
            "SECRET_KEY is not set. In production set the SECRET_KEY environment variable "
            f"(e.g. `export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')`) "
            f"or write it to {key_file}."
        )
    key = secrets.token_hex(32)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


def load(instance_path: str, overrides: Mapping[str, Any] | None,
         environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    settings = defaults()
    settings.update(from_environment(os.environ if environ is None else environ))
    settings.update(overrides or {})
    return resolve(settings, instance_path)
