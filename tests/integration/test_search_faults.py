"""Faults with real processes: a process killed between its commit and the index
update, a rebuild while 100 changes are committed by four processes, an index
folder that cannot be written. Nothing may stay stale and no command may be
needed; what cannot be repaired is reported by /healthz and the bureau console."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog import search
from catalog.search import SearchRequest
from tests.conftest import ACCOUNT_PASSWORD, seed_database, sign_in

WORKER = Path(__file__).with_name("search_fault_worker.py")
FLASK = Path(sys.executable).with_name("flask")
whoosh_only = pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                                 reason="Whoosh's task outbox; PostgreSQL writes with the data")


@pytest.fixture
def faulty(make_database, tmp_path):
    """A writable seeded database; the index where a portal with PORTAL_DATA_DIR=tmp_path keeps it."""
    world = seed_database(make_database(), tmp_path / "search-index")
    world["data_dir"] = tmp_path
    yield world
    search.forget()
    world["engine"].dispose()


def codes_for(index_dir: Path, word: str) -> list[str]:
    return [h.code for h in search.search(index_dir, SearchRequest(text=word, per_page=50)).hits]


def worker(faulty, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WORKER), faulty["url"], str(faulty["index_dir"]), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def portal_command(faulty, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": faulty["url"], "PORTAL_DATA_DIR": str(faulty["data_dir"]),
           "SECRET_KEY": "fault-test"}
    return subprocess.run([str(FLASK), "--app", "portal", *args], env=env, capture_output=True, text=True,
                          timeout=300, cwd=Path(__file__).resolve().parents[2])


@whoosh_only
def test_killed_between_commit_and_index_update_is_repaired_by_the_next_start(faulty):
    proc = worker(faulty, "die-after-commit", "GL-02", "killedaftercommit")
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    with faulty["sessions"]() as s:
        assert search.pending_count(s) == 1 and not search.check(s, faulty["index_dir"]).clean
    # A restarted portal process applies what waits before answering anything: here `search check`
    result = portal_command(faulty, "search", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "backend: whoosh" in result.stdout and "index matches the database" in result.stdout
    with faulty["sessions"]() as s:
        assert search.pending_count(s) == 0
    assert codes_for(faulty["index_dir"], "killedaftercommit") == ["GL-02"]


def test_a_rebuild_during_100_concurrent_writes_loses_none(faulty, tmp_path):
    with faulty["sessions"]() as s:
        codes = list(s.scalars(select(m.Technology.code).order_by(m.Technology.code)))
    # four processes, 25 commits each, on entries of their own (an entry may come twice)
    work = [[codes[k::4][n % len(codes[k::4])] for n in range(25)] for k in range(4)]
    stop = tmp_path / "stop"
    rebuilder = worker(faulty, "rebuild-until", str(stop))
    writers = [worker(faulty, "write", f"faultword{k}x", *work[k]) for k in range(4)]
    for proc in writers:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
    stop.touch()
    out, err = rebuilder.communicate(timeout=600)
    assert rebuilder.returncode == 0, err.decode()
    assert int(out.decode().split(":")[1]) >= 1
    with faulty["sessions"]() as s:  # no sync, no second rebuild
        drift = search.check(s, faulty["index_dir"])
        assert drift.clean, drift
        assert search.pending_count(s) == 0
    assert portal_command(faulty, "search", "check").returncode == 0
    for k in range(4):
        for n, code in enumerate(work[k]):
            assert codes_for(faulty["index_dir"], f"faultword{k}x{n}") == [code]


def _immutable(folder: Path, on: bool) -> bool:
    """Make ``folder`` unwritable: chmod for a user, ``chattr +i`` for root (whom modes do not stop)."""
    if os.geteuid() != 0:
        folder.chmod(0o555 if on else 0o755)
        return True
    done = subprocess.run(["chattr", "+i" if on else "-i", str(folder)], capture_output=True)
    return done.returncode == 0


@whoosh_only
def test_an_unwritable_index_folder_degrades_health_and_warns_the_bureau(make_accounts_app, tmp_path):
    folder = tmp_path / "readonly-index"
    folder.mkdir()
    if not _immutable(folder, True):
        pytest.skip("cannot make a folder unwritable here (chattr unavailable)")
    try:
        app = make_accounts_app(SEARCH_INDEX_DIR=str(folder))
        client = app.test_client()
        health = client.get("/healthz")
        assert health.status_code == 503
        body = health.get_json()
        assert body["status"] == "degraded" and body["search_backend"] == "whoosh"
        assert any("not writable" in reason for reason in body["reasons"])
        sign_in(client, "admin@bureau.test", ACCOUNT_PASSWORD)
        page = client.get("/bureau/dashboard?lang=en").get_data(as_text=True)
        assert 'data-search-health="degraded"' in page and "cannot be written" in page
    finally:
        _immutable(folder, False)


@whoosh_only
def test_changes_waiting_too_long_degrade_health(make_accounts_app, accounts_db, tmp_path):
    missing = tmp_path / "not-built"  # the task cannot be applied: there is no index to apply it to
    app = make_accounts_app(SEARCH_INDEX_DIR=str(missing), SEARCH_TASK_MAX_WAIT_S=60)
    with accounts_db["sessions"]() as s:
        s.add(m.SearchTask(doc_type="technology", doc_key="CE-01",
                           created_at=m.utcnow() - timedelta(hours=1)))
        s.commit()
    try:
        health = app.test_client().get("/healthz")
        assert health.status_code == 503
        assert any("waiting" in reason for reason in health.get_json()["reasons"])
    finally:
        with accounts_db["sessions"]() as s:
            s.query(m.SearchTask).filter(m.SearchTask.doc_key == "CE-01").delete()
            s.commit()


@whoosh_only
def test_a_running_portal_applies_what_waits_without_a_command(faulty):
    from portal import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": faulty["url"], "SECRET_KEY": "fault-test",
                      "PORTAL_DATA_DIR": str(faulty["data_dir"]), "SEARCH_WARM_START": False,
                      "SEARCH_SYNC_INTERVAL_S": 0})
    try:
        with faulty["sessions"]() as session:  # no index folder known: the task waits
            tech = session.scalars(select(m.Technology).where(m.Technology.code == "CE-05")).unique().one()
            tech.summary_en += " waitingword"
            session.commit()
            assert search.pending_count(session) == 1
        assert app.test_client().get("/healthz").status_code == 200  # the next request applies it
        with faulty["sessions"]() as session:
            assert search.pending_count(session) == 0 and search.check(session, faulty["index_dir"]).clean
        assert codes_for(faulty["index_dir"], "waitingword") == ["CE-05"]
    finally:
        app.extensions["db_engine"].dispose()
