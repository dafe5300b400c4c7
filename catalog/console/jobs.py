"""Background jobs of the bureau console (large imports and exports).

A job row is created and committed before the work starts, so a job is never
lost: the runner marks it ``running`` with its progress, then ``done`` with a
report (and the name of a produced file) or ``failed`` with the error. Each
function commits, so it must be called on a session that holds no other
pending change (the runner gives progress its own session).

Files (the uploaded source and the produced result) are kept in the portal's
file storage (``catalog.storage``: a local folder or the database, so any
server can serve them) under names made here from the job id, never from
user input. ``leases`` keeps a job from staying "running" after its worker died."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..accounts.audit import Actor
from ..errors import InvalidInput, NotFound
from ..models import JOB_KINDS, ConsoleJob
from ..models.base import utcnow
from .leases import QUEUED_WAIT

FOLDER = "console-jobs"
SAFE_NAME = re.compile(r"^job-\d+(-[a-z]+)?\.(xlsx|csv|zip)$")


class JobFailed(Exception):
    """Raised by a job's work to end it as failed with ``report`` (a message
    for the user rather than a stack trace)."""

    def __init__(self, report: dict[str, Any]):
        super().__init__(report.get("error", "failed"))
        self.report = report


def create(session: Session, kind: str, params: dict[str, Any] | None, actor: Actor | None,
           source_name: str = "") -> ConsoleJob:
    """A queued job of ``kind``; ``source_name`` is the uploaded file's name as
    the user knows it (shown on the job page)."""
    if kind not in JOB_KINDS:
        raise InvalidInput("kind", kind)
    job = ConsoleJob(kind=kind, status="queued", params=dict(params or {}), report={},
                     source_name=(source_name or "")[:200],
                     created_by_id=actor.user_id if actor else None,
                     lease_until=utcnow() + QUEUED_WAIT)
    session.add(job)
    session.commit()
    return job


def get(session: Session, job_id: int) -> ConsoleJob:
    job = session.get(ConsoleJob, job_id)
    if job is None:
        raise NotFound("job", job_id)
    return job


def recent(session: Session, kinds: tuple[str, ...], limit: int = 10) -> list[ConsoleJob]:
    """The newest jobs of ``kinds`` (the import page lists them)."""
    return list(session.scalars(select(ConsoleJob).where(ConsoleJob.kind.in_(kinds))
                                .order_by(ConsoleJob.id.desc()).limit(limit)))


def progress(session: Session, job_id: int, done: int, total: int | None = None) -> ConsoleJob:
    """``done`` of ``total`` units so far (``total`` unchanged when None)."""
    job = get(session, job_id)
    job.status = "running"
    if total is not None:
        job.total = max(int(total), 0)
    job.done = max(0, min(int(done), job.total)) if job.total else max(int(done), 0)
    session.commit()
    return job


def finish(session: Session, job_id: int, report: dict[str, Any], result_name: str = "") -> ConsoleJob:
    job = get(session, job_id)
    if result_name and not SAFE_NAME.match(result_name):
        raise InvalidInput("result_name", result_name)
    job.status = "done"
    job.report = dict(report)
    job.result_name = result_name
    job.done = job.total or job.done
    job.finished_at = utcnow()
    job.lease_until = None
    session.commit()
    return job


def fail(session: Session, job_id: int, report: dict[str, Any]) -> ConsoleJob:
    job = get(session, job_id)
    job.status = "failed"
    job.report = dict(report)
    job.finished_at = utcnow()
    job.lease_until = None
    session.commit()
    return job


def percent(job: ConsoleJob) -> int:
    """0–100 for the progress bar; a finished job is 100."""
    if job.status in ("done", "failed"):
        return 100
    if not job.total:
        return 0
    return min(100, int(job.done * 100 / job.total))


def is_running(job: ConsoleJob) -> bool:
    return job.status in ("queued", "running")


def folder(data_dir: str | Path) -> Path:
    path = Path(data_dir) / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_name(job_id: int, role: str, suffix: str) -> str:
    """``job-12-source.xlsx``, ``job-12.csv`` …: names never taken from input."""
    name = f"job-{int(job_id)}{'-' + role if role else ''}.{suffix}"
    if not SAFE_NAME.match(name):
        raise InvalidInput("file", name)
    return name


def path_of(data_dir: str | Path, name: str) -> Path:
    """The file ``name`` in the jobs folder; refuses anything but our names."""
    if not SAFE_NAME.match(name or ""):
        raise NotFound("job file", name)
    return folder(data_dir) / name
