"""Keeping the Whoosh index in step without anyone running a command: pending
index tasks (left by a crash between commit and index update, or a locked
index) are applied when the app starts and then at most every
``SEARCH_SYNC_INTERVAL_S`` seconds, by whichever request comes first —
``/healthz`` polled by monitoring is enough to keep it going. With PostgreSQL
nothing waits (the documents are written with the data) and this does nothing.

The bureau console shows the search health's warning (``search.health``)."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask, current_app, request

from catalog import search
from catalog.search.backend import WHOOSH

_lock = threading.Lock()


def init_app(app: Flask) -> None:
    app.config.setdefault("SEARCH_SYNC_INTERVAL_S", 60)
    app.config.setdefault("SEARCH_TASK_MAX_WAIT_S", 300)
    app.context_processor(_console_warning)
    if app.extensions.get("search_backend") != WHOOSH:
        return
    app.extensions["search_synced_at"] = 0.0
    if app.config.get("SEARCH_SYNC_ON_START", True):
        sync_now(app)
    app.before_request(_periodic)


def sync_now(app: Flask) -> int:
    """Apply the pending tasks now; failures are logged and left for the next time."""
    app.extensions["search_synced_at"] = time.monotonic()
    index_dir = Path(app.config["SEARCH_INDEX_DIR"])
    if not index_dir.exists():  # not built yet: `setup` / `search rebuild` will
        return 0
    try:
        with app.extensions["db_sessions"]() as session:
            if not search.pending_count(session):
                return 0
            return search.apply_pending(session, index_dir)
    except Exception:  # noqa: BLE001 - an outage or a locked index: the next round retries
        app.logger.warning("applying pending search index tasks failed", exc_info=True)
        return 0


def _periodic() -> None:
    app = current_app._get_current_object()
    due = app.extensions["search_synced_at"] + app.config["SEARCH_SYNC_INTERVAL_S"]
    if time.monotonic() < due or not _lock.acquire(blocking=False):
        return
    try:
        sync_now(app)
    finally:
        _lock.release()


def _console_warning() -> dict:
    """``search_health`` for the bureau console's pages only (one cheap check)."""
    if not (request.endpoint or "").startswith("bureau."):
        return {}
    from .db import get_session

    try:
        return {"search_health": search.health(get_session(), current_app.config["SEARCH_INDEX_DIR"],
                                               current_app.config["SEARCH_TASK_MAX_WAIT_S"])}
    except Exception:  # noqa: BLE001 - a page must not fail for its warning
        current_app.logger.warning("search health check failed", exc_info=True)
        return {}
