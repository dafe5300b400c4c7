"""Two app servers and one worker, driven over HTTP (issue 19): servers A
and B (gunicorn, each with its own PORTAL_DATA_DIR and port) and a worker
(``flask --app portal worker``) share one PostgreSQL database and one Redis,
configured as the README's production recipe (PORTAL_ENV=production, one
SECRET_KEY, REDIS_URL; FILE_STORAGE defaults to the database there).

- an attachment uploaded on A downloads on B;
- an export job started on A is run by the worker and downloads from B;
- a sign-in limit counted on A holds on B;
- a worker killed with SIGKILL in the middle of a job leaves a job that is
  retried by the next worker (its lease runs out), never "running" for ever.

Runs only when TEST_DATABASE_URL points to PostgreSQL and Redis answers
(CI runs the suite once on PostgreSQL and starts Redis)."""
from __future__ import annotations

import io
import os
import re
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from tests.conftest import ACCOUNT_PASSWORD, seed_database, valid_uscc
from tests.processes import Client, environment, start_web, start_worker, wait_for
from tests.supply_world import PDF, product_input

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL", "").startswith(("postgres://", "postgresql")),
                       reason="the two-server test needs TEST_DATABASE_URL on PostgreSQL"),
    pytest.mark.skipif(not redis_answers() and os.environ.get("REQUIRE_REDIS") != "1",
                       reason=f"the two-server test needs Redis at {REDIS_URL}"),
]


@pytest.fixture(autouse=True, scope="module")
def redis_is_required_in_ci():
    """REQUIRE_REDIS=1 (as in .ci/run's PostgreSQL run): no Redis fails the test instead of skipping it."""
    if not redis_answers():
        pytest.fail(f"REQUIRE_REDIS=1 but Redis does not answer at {REDIS_URL}")
RUN = uuid.uuid4().hex[:8]
EMAILS = {"bureau": f"bureau-{RUN}@scale.test", "supplier": f"supplier-{RUN}@scale.test",
          "limited": f"limited-{RUN}@scale.test"}


@pytest.fixture(scope="module")
def world(make_database, tmp_path_factory):
    """A migrated, seeded PostgreSQL database with a bureau admin, a supplier
    and its draft product, and a third account for the sign-in limit."""
    from catalog.accounts import registration, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.organisations import Contact
    from catalog.supply import products

    database = seed_database(make_database(), tmp_path_factory.mktemp("scale-index") / "search-index")
    with database["sessions"]() as db:
        users.create_bureau_user(db, EMAILS["bureau"], "主管", "bureau_admin", ACCOUNT_PASSWORD)
        users.create_bureau_user(db, EMAILS["limited"], "审核员", "bureau_curator", ACCOUNT_PASSWORD)
        contact = Contact(name="联系人", mobile="13912345678", email=EMAILS["supplier"],
                          district_key="jiangbei", province="", sector_keys=("cement",))
        admin = registration.register(db, registration.Registration(
            "supplier", "扩容测试节能科技有限公司", valid_uscc("91500105MA6900011"), contact,
            ACCOUNT_PASSWORD))
        database["product"] = products.create(db, Actor.of(admin), admin.organisation_id, product_input()).id
    yield database
    database["engine"].dispose()


@pytest.fixture(scope="module")
def cluster(world, tmp_path_factory):
    """Servers A and B and the worker; yields their addresses and the
    worker's environment (to start another after a kill)."""
    logs = tmp_path_factory.mktemp("scale-logs")
    shared = dict(DATABASE_URL=world["url"], REDIS_URL=REDIS_URL, PORTAL_ENV="production",
                  SECRET_KEY=uuid.uuid4().hex, TASK_QUEUE_NAME=f"portal-test-{RUN}", JOB_LEASE_SECONDS="4",
                  JOB_MAX_ATTEMPTS="3", EXPORT_XLSX_JOB_ROWS="0")
    started = []
    try:
        servers = {}
        for name in ("a", "b"):
            env = environment(**shared, PORTAL_DATA_DIR=str(tmp_path_factory.mktemp(f"server-{name}")))
            process, servers[name] = start_web(env, logs, f"server-{name}")
            started.append(process)
        worker_env = environment(**shared, PORTAL_DATA_DIR=str(tmp_path_factory.mktemp("worker")))
        worker = start_worker(worker_env, logs)
        started.append(worker)
        yield {"a": servers["a"], "b": servers["b"], "worker": worker, "worker_env": worker_env, "logs": logs,
               "started": started}
    finally:
        for process in started:
            process.stop()
        from huey import RedisHuey

        RedisHuey(shared["TASK_QUEUE_NAME"], url=REDIS_URL).storage.flush_all()  # this run's queue keys


def signed_in(base: str, key: str) -> Client:
    client = Client(base)
    assert client.sign_in(EMAILS[key], ACCOUNT_PASSWORD).status_code == 302
    return client


def job_id_of(response) -> int:
    assert response.status_code == 303, response.text[:500]
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def finished(client: Client, job_id: int):
    state = client.get(f"/bureau/jobs/{job_id}.json").json()
    return None if state["running"] else state


def test_an_attachment_uploaded_on_a_downloads_on_b(cluster, world):
    on_a = signed_in(cluster["a"], "supplier")
    page = f"/supplier/products/{world['product']}"
    upload = {"file": ("检测报告.pdf", PDF, "application/pdf")}
    response = on_a.post_form(page, f"{page}/files", {}, files=upload)
    assert response.status_code == 302, response.text[:500]
    on_b = on_a.on(cluster["b"])
    file_id = int(re.search(r'/attachments/(\d+)">检测报告.pdf', on_b.get(page).text).group(1))
    download = on_b.get(f"/attachments/{file_id}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    with world["engine"].connect() as conn:  # kept in the database, not on A's disk
        assert conn.scalar(text("SELECT size FROM stored_file WHERE key LIKE 'attachments/%' "
                                "ORDER BY created_at DESC LIMIT 1")) == len(PDF)


def test_an_export_started_on_a_completes_and_downloads_from_b(cluster):
    on_a = signed_in(cluster["a"], "bureau")
    job_id = job_id_of(on_a.get("/bureau/exports/technologies.xlsx"))
    on_b = on_a.on(cluster["b"])
    state = wait_for(lambda: finished(on_b, job_id), "the export job", logs=(cluster["worker"].log,))
    assert state["status"] == "done" and state["attempts"] == 1
    file = on_b.get(f"/bureau/jobs/{job_id}/result")
    assert file.status_code == 200
    rows = list(load_workbook(io.BytesIO(file.content), read_only=True).active.iter_rows(values_only=True))
    assert len(rows) > 1 and rows[0][0]


def test_a_sign_in_limit_counted_on_a_holds_on_b(cluster):
    on_a, on_b = Client(cluster["a"]), Client(cluster["b"])
    for _ in range(5):  # LOGIN_LIMIT_PER_ACCOUNT: 5 per minute
        assert on_a.sign_in(EMAILS["limited"], "wrong-password-1").status_code == 400
    assert on_b.sign_in(EMAILS["limited"], "wrong-password-1").status_code == 429
    assert on_b.sign_in(EMAILS["limited"], ACCOUNT_PASSWORD).status_code == 429  # the right one waits too


def test_a_worker_killed_mid_job_leaves_a_job_that_is_retried(cluster, world):
    """The test holds a SHARE lock on the stored-file tables: the worker
    claims the job, builds the workbook and then waits to store it, its
    heartbeat renewing the lease. SIGKILL then; the lease runs out, reading
    the job on B queues it again, and a new worker finishes it."""
    on_a = signed_in(cluster["a"], "bureau")
    on_b = on_a.on(cluster["b"])
    worker = cluster["worker"]
    with world["engine"].connect() as blocker:
        blocker.execute(text("LOCK TABLE stored_file, stored_file_chunk IN SHARE MODE"))
        job_id = job_id_of(on_a.get("/bureau/exports/technologies.xlsx"))
        waiting = text("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                       "WHERE NOT l.granted AND d.datname = current_database()")
        wait_for(lambda: blocker.execute(waiting).scalar(), "the worker to wait for the lock",
                 logs=(worker.log,))
        assert on_b.get(f"/bureau/jobs/{job_id}.json").json()["status"] == "running"
        worker.kill()
        blocker.rollback()
    replacement = start_worker(cluster["worker_env"], cluster["logs"], "worker-2")
    cluster["started"].append(replacement)
    state = wait_for(lambda: finished(on_b, job_id), "the job to be retried or failed",
                     logs=(replacement.log,))
    assert (state["status"], state["attempts"]) == ("done", 2)
    assert on_b.get(f"/bureau/jobs/{job_id}/result").status_code == 200
