"""Background jobs of the bureau console (routes on the ``bureau`` blueprint).

``start_background(app, job_id)`` queues the job on the task queue
(``portal.queue``); a worker runs ``run_job``: it claims the job's lease,
keeps renewing it from a heartbeat thread, and runs the work registered for
the job's kind (``WORK``) as ``work(session, job, progress)`` with its own
session; ``progress`` (done, total=None) writes to a second session, so the
work's own transaction (an import is all or nothing) is never committed by a
progress update. An exception marks the job failed with the error; a job the
work leaves running is finished with what the work returned. A worker that
dies leaves a lease that runs out: ``recover`` (periodic, at worker start and
whenever a job's page is read) queues the job again or fails it with the
reason. The job page shows a progress bar that refreshes itself (meta
refresh without JavaScript, ``/bureau/jobs/<id>.json`` with it), the report
and the produced file, which any server reads from the file storage.

Report convention (``ConsoleJob.report``): ``problems`` — a list of
``{row, column, problem_zh, problem_en}``; ``summary`` — counts by name
(created, updated, unchanged, rows …); ``error`` — why a job failed."""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from flask import Flask, current_app, jsonify, render_template, url_for
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from catalog.console import jobs, leases
from catalog.errors import NotFound
from catalog.models import ConsoleJob
from catalog.search.tasks import INDEX_DIR_KEY

from ..db import get_session
from ..downloads import download, open_or_404, storage
from ..queue import enqueue
from .views import bp

Progress = Callable[..., None]
Work = Callable[[Session, ConsoleJob, Progress], Any]
DOWNLOAD_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "csv": "text/csv", "zip": "application/zip"}
WORK: dict[str, Work] = {}  # job kind -> its work (exports.py and imports.py add theirs)
LEASE_SECONDS = 120
MAX_ATTEMPTS = 3


class ProgressWriter:
    """The ``progress`` callback: writes at most every ``interval`` seconds
    (and always the last unit); a write that meets a locked database is skipped,
    the next one catches up."""

    def __init__(self, session: Session, job_id: int, interval: float = 0.5):
        self.session, self.job_id, self.interval = session, job_id, interval
        self.total: int | None = None
        self.last = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        now = time.monotonic()
        final = self.total is not None and done >= self.total
        if total is None and not final and now - self.last < self.interval:
            return
        self.last = now
        try:
            jobs.progress(self.session, self.job_id, done, self.total)
        except SQLAlchemyError:
            self.session.rollback()


class Heartbeat(threading.Thread):
    """Renews the job's lease every third of it until stopped; dies with its
    process, which is the point."""

    def __init__(self, app: Flask, job_id: int, worker: str, lease: timedelta):
        super().__init__(daemon=True, name=f"job-{job_id}-lease")
        self.app, self.job_id, self.worker, self.lease = app, job_id, worker, lease
        self.stopped = threading.Event()

    def run(self) -> None:
        session = self.app.extensions["db_sessions"]()
        try:
            while not self.stopped.wait(self.lease.total_seconds() / 3):
                try:
                    leases.renew(session, self.job_id, self.worker, self.lease)
                except SQLAlchemyError:
                    session.rollback()
        finally:
            session.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def data_dir(app: Flask | None = None) -> str:
    return (app or current_app).config["PORTAL_DATA_DIR"]


def lease_of(app: Flask) -> timedelta:
    return timedelta(seconds=float(app.config.get("JOB_LEASE_SECONDS") or LEASE_SECONDS))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def start_background(app: Flask, job_id: int) -> None:
    """Queue job ``job_id`` (created and committed) for a worker."""
    with app.app_context():
        queue_or_wait(job_id)


def queue_or_wait(job_id: int) -> None:
    """Enqueue the job's task; if the queue is down, the job stays queued in
    the database and ``recover`` queues it again once its wait has run out."""
    try:
        enqueue("run_job", job_id)
    except Exception:  # noqa: BLE001 - the job row is the record; recovery retries it
        current_app.logger.exception("queuing job %s failed; it will be queued again later", job_id)


def run_job(app: Flask, job_id: int) -> None:
    """The task's body: claim the job, run its work under a renewed lease."""
    with app.app_context():
        sessions = app.extensions["db_sessions"]
        session, tracker = sessions(), sessions()
        session.info[INDEX_DIR_KEY] = app.config["SEARCH_INDEX_DIR"]
        worker, lease = worker_name(), lease_of(app)
        heartbeat = None
        try:
            if not leases.claim(tracker, job_id, worker, lease):
                return  # done, failed, or held by a live worker
            heartbeat = Heartbeat(app, job_id, worker, lease)
            heartbeat.start()
            _work(app, session, tracker, job_id)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            session.close()
            tracker.close()


def _work(app: Flask, session: Session, tracker: Session, job_id: int) -> None:
    try:
        jobs.progress(tracker, job_id, 0)
        job = jobs.get(session, job_id)
        result = WORK[job.kind](session, job, ProgressWriter(tracker, job_id))
        tracker.expire_all()
        if jobs.is_running(jobs.get(tracker, job_id)):
            jobs.finish(tracker, job_id, result if isinstance(result, dict) else {})
    except jobs.JobFailed as exc:
        session.rollback()
        tracker.rollback()
        jobs.fail(tracker, job_id, exc.report)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the job
        app.logger.exception("console job %s failed", job_id)
        session.rollback()
        tracker.rollback()
        jobs.fail(tracker, job_id, {"error": f"{type(exc).__name__}: {exc}"[:1000]})


def recover(job_id: int | None = None) -> leases.Recovery:
    """Jobs whose lease ran out: queued again (a task each) or failed."""
    app = current_app._get_current_object()
    max_attempts = int(app.config.get("JOB_MAX_ATTEMPTS") or MAX_ATTEMPTS)
    session = app.extensions["db_sessions"]()
    try:
        outcome = leases.recover(session, max_attempts, job_id=job_id)
    finally:
        session.close()
    for requeued in outcome.requeued:
        queue_or_wait(requeued)
    return outcome


def wait(app: Flask, job_id: int, timeout: float = 60) -> None:
    """Until the job is done or failed (tests and the CLI; with TASK_QUEUE
    immediate it already is)."""
    deadline = time.monotonic() + timeout
    with app.app_context():
        session = app.extensions["db_sessions"]()
        try:
            while jobs.is_running(jobs.get(session, job_id)) and time.monotonic() < deadline:
                session.rollback()
                session.expire_all()
                time.sleep(0.1)
        finally:
            session.close()


def result_key(job_id: int, suffix: str, role: str = "") -> str:
    """The job's file in the ``console-jobs`` storage area."""
    return jobs.file_name(job_id, role, suffix)


def state(job: ConsoleJob) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "status": job.status, "done": job.done,
            "total": job.total, "percent": jobs.percent(job), "running": jobs.is_running(job),
            "attempts": job.attempts, "url": url_for("bureau.job", job_id=job.id)}


@bp.get("/jobs/<int:job_id>", endpoint="job")
def job_page(job_id: int):
    job = _current(job_id)
    return render_template("bureau/job.html", job=job, percent=jobs.percent(job),
                           running=jobs.is_running(job), report=job.report or {})


@bp.get("/jobs/<int:job_id>.json", endpoint="job_json")
def job_json(job_id: int):
    return jsonify(state(_current(job_id)))


def _current(job_id: int) -> ConsoleJob:
    """The job, after queuing it again (or failing it) if its lease ran out."""
    job = jobs.get(get_session(), job_id)
    if jobs.is_running(job) and leases.expired(get_session(), job_id=job_id):
        recover(job_id)
        get_session().refresh(job)
    return job


@bp.get("/jobs/<int:job_id>/result", endpoint="job_result")
def job_result(job_id: int):
    job = jobs.get(get_session(), job_id)
    if job.status != "done" or not job.result_name:
        raise NotFound("job file", job_id)
    if not jobs.SAFE_NAME.match(job.result_name):
        raise NotFound("job file", job.result_name)
    suffix = job.result_name.rsplit(".", 1)[-1]
    name = job.params.get("download_name") or f"{job.kind}-{job.id}.{suffix}"
    return download(open_or_404("console-jobs", job.result_name), name,
                    DOWNLOAD_TYPES.get(suffix, "application/octet-stream"))


def job_files():
    """The storage of job files (uploads waiting for a job, results)."""
    return storage("console-jobs")
