"""Production configuration of the shared services and the task queue's
choices (issue 19): production without REDIS_URL stops start-up with a
message that says how to set it; production on PostgreSQL keeps files in the
database; periodic tasks agree on their slot across consumers."""
from __future__ import annotations

import pytest
from huey import MemoryHuey

from portal.config import ConfigError, load
from portal.queue import make_huey, queue_kind
from portal.queue.tasks import SCHEDULE, claim_slot, slot_of

PRODUCTION = {"PORTAL_ENV": "production", "SECRET_KEY": "s" * 40}
PG = "postgresql://postgres@127.0.0.1/portal"


def test_production_without_redis_is_a_clear_startup_error(tmp_path):
    with pytest.raises(ConfigError, match=r"REDIS_URL is not set.*export REDIS_URL=redis://"):
        load(str(tmp_path), None, environ=PRODUCTION)


@pytest.mark.parametrize("queue", ["immediate", "sqlite"])
def test_production_refuses_a_queue_that_is_not_shared(tmp_path, queue):
    environ = {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/0", "TASK_QUEUE": queue}
    with pytest.raises(ConfigError, match=rf"TASK_QUEUE={queue} is not for production.*TASK_QUEUE=redis"):
        load(str(tmp_path), None, environ=environ)
    assert load(str(tmp_path), None, environ={**environ, "TASK_QUEUE": "redis"})["TASK_QUEUE"] == "redis"


def test_production_on_postgresql_keeps_files_in_the_database(tmp_path):
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/0"}
    assert load(str(tmp_path), None, environ={**PRODUCTION, **redis, "DATABASE_URL": PG})["FILE_STORAGE"] \
        == "database"
    assert load(str(tmp_path), None, environ={**PRODUCTION, **redis})["FILE_STORAGE"] == "local"  # SQLite
    assert load(str(tmp_path), None, environ={})["FILE_STORAGE"] == "local"
    explicit = load(str(tmp_path), None, environ={**PRODUCTION, **redis, "DATABASE_URL": PG,
                                                  "FILE_STORAGE": "local"})
    assert explicit["FILE_STORAGE"] == "local"


def test_the_queue_follows_redis_url_and_tests_run_tasks_inline(tmp_path):
    assert queue_kind({"REDIS_URL": "redis://x"}) == "redis"
    assert queue_kind({}) == "sqlite"
    assert queue_kind({"TESTING": True}) == "immediate"
    assert queue_kind({"TESTING": True, "TASK_QUEUE": "sqlite"}) == "sqlite"
    with pytest.raises(ValueError, match="REDIS_URL"):
        queue_kind({"TASK_QUEUE": "redis"})
    with pytest.raises(ValueError, match="TASK_QUEUE"):
        queue_kind({"TASK_QUEUE": "celery"})
    huey = make_huey({"PORTAL_DATA_DIR": str(tmp_path)})
    assert huey.storage.filename == str(tmp_path / "task-queue.sqlite3")


def test_consumers_that_fire_late_agree_on_the_slot():
    minute = 60 * 29_000_000
    assert slot_of(minute + 1, 60, 0) == slot_of(minute + 29, 60, 0) == slot_of(minute - 20, 60, 0)
    assert slot_of(minute + 31, 60, 0) == slot_of(minute, 60, 0) + 1
    seven = 86_400 * 20_000 + 23 * 3600  # 07:00 Beijing time
    assert slot_of(seven + 5, 86_400, 23 * 3600) == slot_of(seven + 600, 86_400, 23 * 3600)


def test_a_periodic_run_is_claimed_once_across_consumers():
    huey = MemoryHuey("slots")  # one storage, as every server's consumer shares Redis
    now = 60 * 29_000_000 + 2
    assert claim_slot(huey, "score_needs", now)
    assert not claim_slot(huey, "score_needs", now + 3)  # the other server's consumer
    assert claim_slot(huey, "alert_scan", now)  # another task has its own slots
    assert claim_slot(huey, "score_needs", now + SCHEDULE["score_needs"][1])  # the next period
