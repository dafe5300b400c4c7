"""Leases on console jobs (issue 19), with explicit clocks: a job is held
by one worker at a time, a renewed lease keeps it, a lease that ran out lets
recovery queue it again and, after the last attempt, fail it with the reason.
Never "running" for ever. (The real worker processes, killed mid-job, are in
tests/scaleout and tests/functional/test_worker_process.py.)"""
from __future__ import annotations

from datetime import timedelta

import pytest

from catalog import migrate
from catalog.console import jobs, leases
from catalog.db import make_engine, make_session_factory
from catalog.models import utcnow

LEASE = timedelta(seconds=30)


@pytest.fixture(scope="module")
def sessions(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def db(sessions):
    with sessions() as session:
        yield session


def new_job(db) -> int:
    return jobs.create(db, "export", {"export": "needs"}, None).id


def test_a_queued_job_has_a_lease_and_one_worker_claims_it(db):
    job_id = new_job(db)
    assert jobs.get(db, job_id).lease_until is not None
    now = utcnow()
    assert leases.claim(db, job_id, "host:1", LEASE, now)
    assert not leases.claim(db, job_id, "host:2", LEASE, now + timedelta(seconds=5))
    db.expire_all()
    job = jobs.get(db, job_id)
    assert (job.status, job.attempts, job.worker) == ("running", 1, "host:1")


def test_a_renewed_lease_is_kept_and_only_its_holder_renews(db):
    job_id = new_job(db)
    now = utcnow()
    leases.claim(db, job_id, "host:1", LEASE, now)
    assert leases.renew(db, job_id, "host:1", LEASE, now + timedelta(seconds=25))
    assert not leases.renew(db, job_id, "host:2", LEASE, now + timedelta(seconds=25))
    assert not leases.claim(db, job_id, "host:2", LEASE, now + timedelta(seconds=40))
    assert leases.recover(db, 3, now + timedelta(seconds=40), job_id) == leases.Recovery()


def test_a_lapsed_lease_is_queued_again_then_failed_with_the_reason(db):
    job_id = new_job(db)
    now = utcnow()
    for attempt in (1, 2):
        assert leases.claim(db, job_id, f"host:{attempt}", LEASE, now)
        now += LEASE + timedelta(seconds=1)  # the worker died: nobody renews
        assert leases.recover(db, 2, now, job_id).requeued == ([job_id] if attempt == 1 else [])
    outcome = leases.recover(db, 2, now, job_id)
    assert outcome.failed == [] and outcome.requeued == []  # already failed on the second pass
    db.expire_all()
    job = jobs.get(db, job_id)
    assert job.status == "failed" and job.attempts == 2 and job.lease_until is None
    assert job.report["lease_expired"] and "2" in job.report["message_zh"]


def test_a_requeued_job_is_claimed_by_the_next_worker(db):
    job_id = new_job(db)
    now = utcnow()
    leases.claim(db, job_id, "host:1", LEASE, now)
    later = now + LEASE * 2
    assert leases.recover(db, 3, later, job_id).requeued == [job_id]
    assert leases.claim(db, job_id, "host:2", LEASE, later)
    jobs.finish(db, job_id, {"summary": {"rows": 1}})
    db.expire_all()
    job = jobs.get(db, job_id)
    assert (job.status, job.attempts, job.lease_until) == ("done", 2, None)
    assert not leases.claim(db, job_id, "host:3", LEASE, later + LEASE * 10)
    assert leases.expired(db, later + LEASE * 10, job_id) == []


def test_a_queued_job_whose_task_was_lost_is_queued_again_without_counting(db):
    job_id = new_job(db)
    later = utcnow() + leases.QUEUED_WAIT + timedelta(seconds=1)
    assert leases.recover(db, 1, later, job_id).requeued == [job_id]
    db.expire_all()
    assert (jobs.get(db, job_id).status, jobs.get(db, job_id).attempts) == ("queued", 0)
