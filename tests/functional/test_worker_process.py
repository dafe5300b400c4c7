"""The background worker as a real process (issue 19) on the embedded
default: ``flask --app portal worker`` with the SQLite task queue in the data
folder. An export started in a request is run by the worker and downloads; a
job left "running" by a dead worker is queued again when its lease has run
out and finished by the live one; mail queued by a request is sent by the
worker, not the web process. (Two servers, PostgreSQL, Redis and SIGKILL:
tests/scaleout.)"""
from __future__ import annotations

import io
import subprocess
import sys
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from catalog.console import jobs, leases
from catalog.models import Need, utcnow
from tests.conftest import sign_in
from tests.console_world import BUREAU_EMAIL, console_db, make_console_app  # noqa: F401 - fixtures
from tests.processes import environment, start_worker, wait_for

SECRET = "console-test-secret"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("worker-data")


@pytest.fixture(scope="module")
def queue_app(make_console_app, data_dir):  # noqa: F811
    return make_console_app(WTF_CSRF_ENABLED=False, EXPORT_XLSX_JOB_ROWS=200, TASK_QUEUE="sqlite",
                            PORTAL_DATA_DIR=str(data_dir), SECRET_KEY=SECRET)


def worker_env(console_db, data_dir, **extra):  # noqa: F811
    return environment(DATABASE_URL=console_db["url"], PORTAL_DATA_DIR=str(data_dir), SECRET_KEY=SECRET,
                       TASK_QUEUE="sqlite", JOB_LEASE_SECONDS="6", **extra)


@pytest.fixture(scope="module")
def worker(console_db, data_dir, queue_app):  # noqa: F811
    process = start_worker(worker_env(console_db, data_dir), data_dir)
    yield process
    process.stop()


@pytest.fixture(scope="module")
def bureau(queue_app):
    client = queue_app.test_client()
    assert sign_in(client, BUREAU_EMAIL).status_code == 302
    return client


def finished(bureau, job_id: int):
    state = bureau.get(f"/bureau/jobs/{job_id}.json").get_json()
    return None if state["running"] else state


def test_an_export_is_run_by_the_worker_process_and_downloads(bureau, worker, console_db):  # noqa: F811
    response = bureau.get("/bureau/exports/needs.xlsx")
    assert response.status_code == 303
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    state = wait_for(lambda: finished(bureau, job_id), "the export job", logs=(worker.log,))
    assert state["status"] == "done" and state["attempts"] == 1
    file = bureau.get(f"/bureau/jobs/{job_id}/result")
    assert file.status_code == 200 and file.headers["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(io.BytesIO(file.get_data()), read_only=True).active.iter_rows(values_only=True))
    with console_db["sessions"]() as db:
        assert len(rows) - 1 == db.scalar(select(func.count()).select_from(Need))
    file.close()


def test_a_job_abandoned_by_a_dead_worker_is_retried_by_the_live_one(bureau, worker, console_db):  # noqa: F811
    with console_db["sessions"]() as db:
        job = jobs.create(db, "export", {"export": "needs", "filters": {}, "download_name": "n.xlsx"}, None)
        # a worker on another host took it and died: its lease ran out a minute ago
        long_ago = utcnow() - timedelta(minutes=1)
        assert leases.claim(db, job.id, "gone-host:4242:1", timedelta(seconds=1), long_ago)
        job_id = job.id
    # reading the job's page finds the lapsed lease and queues the job again
    state = wait_for(lambda: finished(bureau, job_id), "the abandoned job", logs=(worker.log,))
    assert state["status"] == "done" and state["attempts"] == 2
    file = bureau.get(f"/bureau/jobs/{job_id}/result")
    assert file.status_code == 200
    file.close()


def test_mail_queued_by_a_request_is_sent_by_the_worker(make_console_app, console_db, data_dir,  # noqa: F811
                                                         smtp_server, tmp_path):
    mail = {"MAIL_SERVER": smtp_server.host, "MAIL_PORT": str(smtp_server.port)}
    app = make_console_app(WTF_CSRF_ENABLED=False, TASK_QUEUE="sqlite", PORTAL_DATA_DIR=str(tmp_path),
                           SECRET_KEY=SECRET, **mail)
    process = start_worker(worker_env(console_db, tmp_path, **mail), tmp_path, "mail-worker")
    try:
        response = app.test_client().post("/password/forgot", data={"email": BUREAU_EMAIL})
        assert response.status_code in (200, 302)
        got = wait_for(lambda: [m for m in smtp_server.messages if m["To"] == BUREAU_EMAIL],
                       "the reset e-mail", logs=(process.log,))
        assert len(got) == 1
    finally:
        process.stop()


def test_the_web_server_and_the_worker_refuse_to_start_in_production_without_redis(tmp_path):
    env = environment(PORTAL_DATA_DIR=str(tmp_path), PORTAL_ENV="production", SECRET_KEY="s" * 40)
    for command in (["routes"], ["worker"]):
        result = subprocess.run([sys.executable, "-m", "flask", "--app", "portal", *command], env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode != 0 and "REDIS_URL is not set" in result.stderr, command


def test_a_job_started_while_the_queue_is_down_is_kept_for_later(make_console_app, console_db):  # noqa: F811
    app = make_console_app(WTF_CSRF_ENABLED=False, EXPORT_XLSX_JOB_ROWS=200, TASK_QUEUE="redis",
                           REDIS_URL="redis://127.0.0.1:9/0", RATELIMIT_STORAGE_URI="memory://")
    client = app.test_client()
    assert sign_in(client, BUREAU_EMAIL).status_code == 302
    response = client.get("/bureau/exports/needs.xlsx")  # nothing listens on port 9
    assert response.status_code == 303
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    with console_db["sessions"]() as db:
        job = jobs.get(db, job_id)
        assert job.status == "queued" and job.lease_until is not None  # recover_jobs queues it again
    assert client.get(f"/bureau/jobs/{job_id}.json").get_json()["status"] == "queued"
