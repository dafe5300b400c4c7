"""Background work on Huey (issue 19): console jobs, sending the mail outbox,
the alert scan, need scoring, digests and index sync run in
``flask --app portal worker``, never in a web worker.

Why Huey: a small, well-kept task queue with periodic tasks built in and two
storages that fit the portal's two shapes — ``SqliteHuey`` (a file in
PORTAL_DATA_DIR: the embedded default needs no other service) and
``RedisHuey`` (REDIS_URL: the production queue every server shares, the same
Redis that holds the rate-limit counts). Celery or RQ would bring a broker or
fork model the embedded default cannot do without.

TASK_QUEUE chooses: ``redis`` (the default when REDIS_URL is set),
``sqlite`` (the default otherwise) or ``immediate`` (tasks run inline in the
caller; the default of test apps, TESTING=True, whose tests do not start a
worker — tests of the queue itself start real worker processes).

Huey does not acknowledge tasks: a task whose consumer dies is lost. What
must not be lost is kept in the database and re-found by a periodic task:
jobs carry a lease (``catalog.console.leases``), mail waits in the outbox."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey

KINDS = ("redis", "sqlite", "immediate")


def queue_kind(config) -> str:
    kind = config.get("TASK_QUEUE") or (
        "immediate" if config.get("TESTING") else "redis" if config.get("REDIS_URL") else "sqlite")
    if kind not in KINDS:
        raise ValueError(f"TASK_QUEUE must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "redis" and not config.get("REDIS_URL"):
        raise ValueError("TASK_QUEUE=redis needs REDIS_URL")
    return kind


def make_huey(config) -> Huey:
    """The queue for ``config`` (results are not kept: the database is the record)."""
    kind = queue_kind(config)
    name = config.get("TASK_QUEUE_NAME") or "portal"
    if kind == "redis":
        return RedisHuey(name, url=config["REDIS_URL"], results=False, utc=True)
    if kind == "sqlite":
        path = Path(config["PORTAL_DATA_DIR"]) / "task-queue.sqlite3"
        return SqliteHuey(name, filename=str(path), results=False, utc=True)
    return MemoryHuey(name, immediate=True, results=False, utc=True)


def init_app(app: Flask) -> None:
    from . import tasks

    huey = make_huey(app.config)
    app.extensions["huey"] = huey
    app.extensions["portal_tasks"] = tasks.define(huey, app)
    from .cli import worker_command

    app.cli.add_command(worker_command)


def enqueue(name: str, *args: Any) -> None:
    """Queue the task ``name`` (``run_job``, ``send_mail`` …) with ``args``."""
    current_app.extensions["portal_tasks"][name](*args)
