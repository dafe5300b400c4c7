"""Background jobs of the bureau console (routes on the ``bureau`` blueprint).

``start_background(app, job_id, work)`` runs ``work(session, job, progress)``
in a daemon thread with its own app context and database session; ``progress``
(done, total=None) writes to a second session, so the work's own transaction
(an import is all or nothing) is never committed by a progress update. An
exception marks the job failed with the error; a job the work leaves running
is finished with what the work returned. The job page shows a progress bar
that refreshes itself (meta refresh without JavaScript, ``/bureau/jobs/<id>.json``
with it), the report and the produced file.

Report convention (``ConsoleJob.report``): ``problems`` — a list of
``{row, column, problem_zh, problem_en}``; ``summary`` — counts by name
(created, updated, unchanged, rows …); ``error`` — why a job failed."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, jsonify, render_template, send_file, url_for
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from catalog.console import jobs
from catalog.errors import NotFound
from catalog.models import ConsoleJob
from catalog.search.tasks import INDEX_DIR_KEY

from ..db import get_session
from .views import bp

Progress = Callable[..., None]
Work = Callable[[Session, ConsoleJob, Progress], Any]
DOWNLOAD_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "csv": "text/csv", "zip": "application/zip"}


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


def data_dir(app: Flask | None = None) -> str:
    return (app or current_app).config["PORTAL_DATA_DIR"]


def start_background(app: Flask, job_id: int, work: Work) -> threading.Thread:
    """Run ``work`` for job ``job_id`` in a daemon thread; returns the thread
    (tests and the CLI join it)."""
    thread = threading.Thread(target=run_job, args=(app, job_id, work), daemon=True,
                              name=f"console-job-{job_id}")
    app.extensions.setdefault("console_threads", {})[job_id] = thread
    thread.start()
    return thread


def run_job(app: Flask, job_id: int, work: Work) -> None:
    """The thread's body (also usable inline, e.g. from a command)."""
    with app.app_context():
        sessions = app.extensions["db_sessions"]
        session, tracker = sessions(), sessions()
        session.info[INDEX_DIR_KEY] = app.config["SEARCH_INDEX_DIR"]
        try:
            jobs.progress(tracker, job_id, 0)
            result = work(session, jobs.get(session, job_id), ProgressWriter(tracker, job_id))
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
        finally:
            session.close()
            tracker.close()


def wait(app: Flask, job_id: int, timeout: float = 60) -> None:
    thread = app.extensions.get("console_threads", {}).get(job_id)
    if thread is not None:
        thread.join(timeout)


def state(job: ConsoleJob) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "status": job.status, "done": job.done,
            "total": job.total, "percent": jobs.percent(job), "running": jobs.is_running(job),
            "url": url_for("bureau.job", job_id=job.id)}


@bp.get("/jobs/<int:job_id>", endpoint="job")
def job_page(job_id: int):
    job = jobs.get(get_session(), job_id)
    return render_template("bureau/job.html", job=job, percent=jobs.percent(job),
                           running=jobs.is_running(job), report=job.report or {})


@bp.get("/jobs/<int:job_id>.json", endpoint="job_json")
def job_json(job_id: int):
    return jsonify(state(jobs.get(get_session(), job_id)))


@bp.get("/jobs/<int:job_id>/result", endpoint="job_result")
def job_result(job_id: int):
    job = jobs.get(get_session(), job_id)
    if job.status != "done" or not job.result_name:
        raise NotFound("job file", job_id)
    path = jobs.path_of(data_dir(), job.result_name)
    if not path.is_file():
        raise NotFound("job file", job.result_name)
    suffix = path.suffix.lstrip(".")
    download = job.params.get("download_name") or f"{job.kind}-{job.id}.{suffix}"
    return send_file(path, mimetype=DOWNLOAD_TYPES.get(suffix), as_attachment=True,
                     download_name=download)
