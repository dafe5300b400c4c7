"""Index changes are recorded with the data change, applied after commit, and
survive a locked or missing index, concurrent writers and a killed process."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog import search
from catalog.search import SearchRequest
from catalog.search.tasks import INDEX_DIR_KEY
from tests.conftest import seed_database

WORKER = Path(__file__).with_name("index_worker.py")
# The outbox of tasks and the index lock are Whoosh's; on PostgreSQL nothing is ever pending.
whoosh_only = pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                                 reason="Whoosh's task outbox; PostgreSQL writes with the data")


@pytest.fixture
def writable(make_database, tmp_path):
    """A writable seeded database and its index (the shared one stays read-only)."""
    world = seed_database(make_database(), tmp_path / "index")
    world["index"] = world["index_dir"]
    yield world
    search.forget()
    world["engine"].dispose()


def codes_for(index: Path, text: str) -> list[str]:
    return [h.code for h in search.search(index, SearchRequest(text=text, per_page=50)).hits]


def change(sessions, code: str, word: str, index: Path | None) -> None:
    with sessions() as session:
        if index is not None:
            session.info[INDEX_DIR_KEY] = str(index)
        tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()
        tech.summary_en += f" {word}"
        session.commit()


def test_a_committed_change_is_searchable_at_once(writable):
    change(writable["sessions"], "GL-04", "zebracrossing", writable["index"])
    assert codes_for(writable["index"], "zebracrossing") == ["GL-04"]
    with writable["sessions"]() as s:
        assert search.pending_count(s) == 0
        assert search.check(s, writable["index"]).clean


def test_a_rolled_back_change_leaves_no_task(writable):
    with writable["sessions"]() as session:
        tech = session.scalars(select(m.Technology).where(m.Technology.code == "GL-04")).unique().one()
        tech.summary_en += " neverhappened"
        session.flush()
        session.rollback()
        assert search.pending_count(session) == 0


@whoosh_only
def test_a_failed_index_write_keeps_the_task_until_sync(writable, tmp_path):
    broken = tmp_path / "broken-index"
    broken.mkdir()  # exists but holds no index: the write after commit fails
    change(writable["sessions"], "CE-02", "pendingword", broken)
    with writable["sessions"]() as s:
        task = s.scalars(select(m.SearchTask)).one()
        assert task.attempts == 1 and "no search index" in task.last_error
        assert not search.check(s, writable["index"]).clean  # the real index is stale
        assert search.sync(s, writable["index"]) == 1
        assert search.check(s, writable["index"]).clean and search.pending_count(s) == 0
    assert codes_for(writable["index"], "pendingword") == ["CE-02"]


def test_two_processes_writing_at_once_lose_nothing(writable):
    # Each process changes its own entries (two read-modify-writes of one row
    # would race in the database itself, which is not what is tested here).
    work = {"alphaword": ["ST-01", "ST-02", "ST-03", "ST-04", "ST-05", "ST-06", "ST-07", "ST-08"],
            "betaword": ["CE-01", "CE-02", "CE-03", "CE-04", "CE-05", "CE-06", "CE-07", "CE-08"]}
    procs = [subprocess.Popen([sys.executable, str(WORKER), writable["url"], str(writable["index"]),
                               "update", prefix, *codes], stderr=subprocess.PIPE)
             for prefix, codes in work.items()]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        assert b"LockError" not in err and b"deferred" not in err
    with writable["sessions"]() as s:
        assert search.pending_count(s) == 0
        assert search.check(s, writable["index"]).clean
    for prefix, codes in work.items():
        for n, code in enumerate(codes):
            assert codes_for(writable["index"], f"{prefix}{n}") == [code], (prefix, n)


@whoosh_only
def test_a_process_killed_inside_an_index_write(writable):
    proc = subprocess.run([sys.executable, str(WORKER), writable["url"], str(writable["index"]),
                           "die-while-writing", "NF-05"], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    with writable["sessions"]() as s:
        assert search.pending_count(s) == 1
        assert search.sync(s, writable["index"]) == 1  # the lock died with the process
        assert search.check(s, writable["index"]).clean
    assert codes_for(writable["index"], "killedworker") == ["NF-05"]


@whoosh_only
def test_a_change_applied_while_a_rebuild_builds_survives_the_swap(writable):
    """The rebuild has read the database; a writer commits and applies its task to
    the old index meanwhile (here from the rebuild's progress callback); the swapped-in
    index must still have it, with no task left and no sync."""
    def write_meanwhile(done: int, _total: int) -> None:
        if done == 10:
            change(writable["sessions"], "GL-01", "duringrebuild", writable["index"])

    with writable["sessions"]() as s:
        search.rebuild(s, writable["index"], progress=write_meanwhile)
        assert search.check(s, writable["index"]).clean
        assert s.scalar(select(func.count(m.SearchTask.id))) == 0
    assert codes_for(writable["index"], "duringrebuild") == ["GL-01"]
