"""Safe ``next=`` targets: only paths on this site, never another host."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None, default: str = "public.home") -> str:
    """``target`` if it is a same-site path, else the URL of ``default``.
    Refuses ``//host``, ``/\\host`` (browsers read a backslash as a slash),
    schemes, and control characters."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) \
            and "\\" not in target and target.isprintable():
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for(default)
