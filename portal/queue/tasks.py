"""The portal's tasks, defined on one Huey instance for one app (``define``).

Queued tasks: ``run_job(job_id)`` (a console import or export) and
``send_mail()`` (queued after each POST that may have written mail).
Periodic tasks (UTC crontabs, see ``SCHEDULE``): mail, job recovery, index
sync, the alert scan, need scoring (so the dashboard funnel is current
without a manual command) and the daily digest. A periodic task that must
run once across servers claims its slot first (``claim_slot``): every
server's consumer fires it, one runs it."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from huey import Huey, crontab

log = logging.getLogger("portal.queue")

# name → (crontab arguments, period in seconds, offset of the first run in the period,
#         once across servers; None: once when the index is in the database, else per consumer)
SCHEDULE: dict[str, tuple[dict, int, int, bool | None]] = {
    "send_mail": ({}, 60, 0, True),
    "recover_jobs": ({}, 60, 0, True),
    # a Whoosh index is a folder on each host: each consumer syncs its own
    "sync_index": ({}, 60, 0, None),
    "alert_scan": ({"minute": "*/15"}, 900, 0, True),
    "score_needs": ({"minute": "*/10"}, 600, 0, True),
    "send_digests": ({"minute": "0", "hour": "23"}, 86400, 23 * 3600, True),  # 07:00 Beijing time
}


def slot_of(now: float, period: int, offset: int) -> int:
    """The scheduled run ``now`` belongs to: the nearest multiple of
    ``period`` (after ``offset``), so consumers that start the task up to half
    a period late still agree on the slot."""
    return round((now - offset) / period)


def claim_slot(huey: Huey, name: str, now: float | None = None) -> bool:
    """True for the first consumer to claim this run of ``name`` (an atomic
    put-if-empty in the queue's storage, shared by every server on Redis)."""
    _cron, period, offset, _once = SCHEDULE[name]
    slot = slot_of(time.time() if now is None else now, period, offset)
    claimed = huey.put_if_empty(f"periodic.{name}.{slot}", 1)
    if claimed:
        huey.delete(f"periodic.{name}.{slot - 1}")
    return claimed


def define(huey: Huey, app: Flask) -> dict[str, Callable]:
    """Register the tasks on ``huey``; returns the queued ones by name."""

    def in_app(work: Callable[[], object]) -> object:
        with app.app_context():
            return work()

    @huey.task(name="run_job")
    def run_job(job_id: int) -> None:
        from ..bureau.jobs import run_job as run

        run(app, job_id)

    @huey.task(name="send_mail")
    def send_mail() -> None:
        in_app(deliver_mail)

    for name, (cron, *_rest, once) in SCHEDULE.items():
        periodic(huey, app, name, cron, once, in_app)
    return {"run_job": run_job, "send_mail": send_mail}


def periodic(huey: Huey, app: Flask, name: str, cron: dict, once: bool | None,
             in_app: Callable[[Callable[[], object]], object]) -> None:
    work = WORK[name]
    if once is None:
        once = not str(app.config["DATABASE_URL"]).startswith("sqlite")

    def run() -> None:
        if once and not claim_slot(huey, name):
            log.info("%s: already run for this period by another consumer", name)
            return
        result = in_app(work)
        log.info("%s: %s", name, result)

    run.__name__ = f"periodic_{name}"
    huey.periodic_task(crontab(**cron), name=f"periodic_{name}")(run)


def deliver_mail() -> str:
    from flask import current_app

    from ..mailer import deliver_due

    report = deliver_due(current_app._get_current_object())
    if report is None:
        return "MAIL_SERVER not set"
    return f"sent {len(report.sent)}, failed {len(report.failed)}"


def recover_jobs() -> str:
    from ..bureau.jobs import recover

    outcome = recover()
    return f"requeued {outcome.requeued}, failed {outcome.failed}"


def sync_index() -> str:
    from flask import current_app

    from catalog import search

    from ..db import get_session

    return f"applied {search.sync(get_session(), Path(current_app.config['SEARCH_INDEX_DIR']))}"


def alert_scan() -> str:
    from flask import current_app

    from catalog.alerts import scan

    from ..db import get_session

    report = scan.run(get_session(), Path(current_app.config["SEARCH_INDEX_DIR"]), datetime.now(UTC))
    return "; ".join(report.lines())


def score_needs() -> str:
    from flask import current_app

    from catalog.console.coverage import score_needs as score

    from ..db import get_session

    return f"scored {score(get_session(), current_app.config['SEARCH_INDEX_DIR'])}"


def send_digests() -> str:
    from catalog import notify

    from ..db import get_session

    return f"digests queued {notify.send_digests(get_session())}"


WORK: dict[str, Callable[[], str]] = {
    "send_mail": deliver_mail, "recover_jobs": recover_jobs, "sync_index": sync_index,
    "alert_scan": alert_scan, "score_needs": score_needs, "send_digests": send_digests,
}
