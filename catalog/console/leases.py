"""Leases on console jobs: why no job stays "running" after its worker died.

The task queue does not acknowledge tasks (a consumer killed mid-task loses
it), so the job row is the record that counts. A worker ``claim``s a job with
a conditional UPDATE — only a queued job, or a running one whose lease ran
out — which also counts the attempt; while it works it ``renew``s the lease.
``recover`` looks at jobs whose lease ran out: a running one (its worker
stopped) is queued again, or failed with the reason after ``max_attempts``
runs; a queued one whose task was lost is queued again. Every change is a
conditional UPDATE, so any number of servers may run these at once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from ..models import ConsoleJob, utcnow

QUEUED_WAIT = timedelta(minutes=10)  # a queued job not taken by then is queued again


def stopped_report(attempts: int) -> dict:
    """Why the job failed, in both languages (the job page shows the one of the reader)."""
    return {
        "message_zh": f"执行该任务的后台进程已中断 {attempts} 次（租约到期），任务已终止。请重新发起。",
        "message_en": f"The background worker running this job stopped {attempts} times (its lease "
                      "ran out), so the job was given up. Please start it again.",
        "lease_expired": True,
    }


def _update(session: Session, job_id: int, where, **values) -> bool:
    result = session.execute(update(ConsoleJob).where(ConsoleJob.id == job_id, where).values(**values)
                             .execution_options(synchronize_session=False))
    session.commit()
    return result.rowcount == 1


def claim(session: Session, job_id: int, worker: str, lease: timedelta,
          now: datetime | None = None) -> bool:
    """Take the job for ``lease``; False when it is done, failed or held by a
    live worker."""
    now = now or utcnow()
    free = or_(ConsoleJob.status == "queued",
               and_(ConsoleJob.status == "running", ConsoleJob.lease_until < now))
    return _update(session, job_id, free, status="running", lease_until=now + lease, worker=worker[:80],
                   attempts=ConsoleJob.attempts + 1)


def renew(session: Session, job_id: int, worker: str, lease: timedelta, now: datetime | None = None) -> bool:
    """Extend the lease while this worker still holds the job."""
    now = now or utcnow()
    held = and_(ConsoleJob.status == "running", ConsoleJob.worker == worker[:80])
    return _update(session, job_id, held, lease_until=now + lease)


def expired(session: Session, now: datetime | None = None, job_id: int | None = None) -> list[int]:
    """Unfinished jobs whose lease ran out (one job when ``job_id`` is given)."""
    query = select(ConsoleJob.id).where(ConsoleJob.status.in_(("queued", "running")),
                                        ConsoleJob.lease_until < (now or utcnow()))
    if job_id is not None:
        query = query.where(ConsoleJob.id == job_id)
    return list(session.scalars(query.order_by(ConsoleJob.id)))


@dataclass
class Recovery:
    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def recover(session: Session, max_attempts: int, now: datetime | None = None,
            job_id: int | None = None) -> Recovery:
    """Queue again or fail every job whose lease ran out; the caller enqueues
    a task for each of ``requeued``."""
    now = now or utcnow()
    out = Recovery()
    for expired_id in expired(session, now, job_id):
        job = session.get(ConsoleJob, expired_id)
        session.refresh(job)
        lapsed = and_(ConsoleJob.status == job.status, ConsoleJob.lease_until < now,
                      ConsoleJob.attempts == job.attempts)
        if job.status == "running" and job.attempts >= max_attempts:
            if _update(session, job.id, lapsed, status="failed", finished_at=now, lease_until=None,
                       report=stopped_report(job.attempts)):
                out.failed.append(job.id)
        elif _update(session, job.id, lapsed, status="queued", lease_until=now + QUEUED_WAIT):
            out.requeued.append(job.id)
    return out
