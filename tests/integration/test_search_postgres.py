"""The PostgreSQL backend: documents written in the data's own transaction, so
any number of app servers answer alike at once and nothing can drift. Runs
with TEST_DATABASE_URL (the SQLite run covers Whoosh; the search, facet and
eval tests run on both)."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select, text

from catalog import models as m
from catalog import search
from catalog.search import SearchRequest
from tests.conftest import NO_TRAFFIC_LIMITS

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="the PostgreSQL backend needs TEST_DATABASE_URL")


@pytest.fixture
def world(own_world):
    return own_world


def codes_for(index_dir, words: str) -> list[str]:
    return [h.code for h in search.search(index_dir, SearchRequest(text=words, per_page=50)).hits]


def change(sessions, code: str, word: str, commit: bool = True) -> None:
    with sessions() as session:
        tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()
        tech.summary_en += f" {word}"
        session.flush()
        session.commit() if commit else session.rollback()


def test_two_app_servers_answer_alike_in_the_request_after_a_write(world, tmp_path):
    from portal import create_app

    apps = [create_app({"TESTING": True, "DATABASE_URL": world["url"], "SECRET_KEY": "pg-test",
                        "PORTAL_DATA_DIR": str(tmp_path / name),
                        "SEARCH_INDEX_DIR": str(tmp_path / name / "ix"),
                        "SEARCH_WARM_START": False, **NO_TRAFFIC_LIMITS}) for name in ("a", "b")]
    try:
        for n, (writer, reader) in enumerate([(apps[0], apps[1]), (apps[1], apps[0])]):
            word = f"serverword{'ab'[n]}"
            with writer.app_context():
                change(writer.extensions["db_sessions"], "CE-03", word)
            for app in (reader, writer):
                body = app.test_client().get(f"/api/v1/search?q={word}").get_json()
                assert [item["code"] for item in body["items"]] == ["CE-03"], body
        health = apps[1].test_client().get("/healthz")
        assert health.status_code == 200 and health.get_json()["search_backend"] == "postgresql"
        runner = apps[0].test_cli_runner()
        result = runner.invoke(args=["search", "check"])
        assert result.exit_code == 0 and "backend: postgresql" in result.output
    finally:
        for app in apps:
            app.extensions["db_engine"].dispose()


def test_a_rolled_back_change_never_reaches_search(world):
    change(world["sessions"], "GL-04", "neverhappened", commit=False)
    assert codes_for(world["index_dir"], "neverhappened") == []
    with world["sessions"]() as s:
        assert search.check(s, world["index_dir"]).clean and search.pending_count(s) == 0


def test_retiring_an_entry_removes_it_in_the_same_commit(world):
    assert "NF-03" in codes_for(world["index_dir"], "惰性阳极")
    with world["sessions"]() as session:
        tech = session.scalars(select(m.Technology).where(m.Technology.code == "NF-03")).unique().one()
        tech.status = "retired"
        session.commit()
    assert "NF-03" not in codes_for(world["index_dir"], "惰性阳极")
    with world["sessions"]() as s:
        assert search.check(s, world["index_dir"]).clean


def test_check_reports_drift_and_rebuild_repairs_it(world):
    with world["sessions"]() as s:
        s.execute(text("DELETE FROM search_document WHERE doc_id = 'technology:CE-01'"))  # behind the hooks
        s.commit()
        drift = search.check(s, world["index_dir"])
        assert drift.missing == ["technology:CE-01"] and not drift.stale and not drift.extra
        assert search.rebuild(s, world["index_dir"]) == search.document_count(world["index_dir"])
        assert search.check(s, world["index_dir"]).clean
    assert codes_for(world["index_dir"], "篦冷机")[:1] == ["CE-01"]


def test_statistics_follow_every_write_and_sync_folds_them(world):
    for n, code in enumerate(["ST-01", "ST-02", "CE-02"]):
        change(world["sessions"], code, f"statword{n} more words here")
    with world["sessions"]() as s:
        exact = s.execute(text("SELECT count(*), sum(name_len), sum(text_len), sum(problems_len) "
                               "FROM search_document")).one()
        summed = s.execute(text("SELECT sum(docs), sum(name_len), sum(text_len), sum(problems_len) "
                                "FROM search_stat")).one()
        assert tuple(map(int, summed)) == tuple(map(int, exact))
        # nothing waits to be searchable; the three documents are merged into the posting lists
        assert search.sync(s, world["index_dir"]) == 3
        assert s.scalar(select(func.count()).select_from(m.SearchStat)) == 1
        assert s.scalar(text("SELECT docs FROM search_term WHERE term = 'statword1'")) == 1


def test_a_change_committed_while_a_rebuild_reads_is_not_overwritten(world):
    """The rebuild reads and analyses in a snapshot; a writer commits meanwhile
    (here from the rebuild's own progress callback); the swap keeps the writer's row."""
    from catalog.search import pg_store

    def write_meanwhile(done: int, total: int) -> None:
        # once, while the rebuild is analysing what it read
        if done in (pg_store.CHUNK, total) and not codes_for(world["index_dir"], "duringrebuild"):
            change(world["sessions"], "GL-01", "duringrebuild")

    with world["sessions"]() as s:
        pg_store.rebuild(s, progress=write_meanwhile)
        assert search.check(s, world["index_dir"]).clean
    assert codes_for(world["index_dir"], "duringrebuild") == ["GL-01"]


def test_word_frequencies_read_through_ts_rank_equal_the_positions(world):
    """The frequencies decoded from ts_rank (few words) are those unnest() lists
    (many words), also for a word written 85 times in one field after 30 in another."""
    from catalog.search import pg_frequencies
    from catalog.search.index import all_documents

    with world["sessions"]() as s:
        doc = dict(all_documents(s)[0], doc_id="technology:TF-01", code="TF-01")
    doc.update(title="tfword " * 30, keywords="kiln " * 7, summary_en="tfword " * 200,
               problems="tfword heat " * 3)
    search.update_documents(world["index_dir"], [doc])
    words = sorted(["水泥", "余热", "cement", "kiln", "篦冷机", "熟料", "heat", "发电", "tfword"])
    padding = [f"nosuchword{i}" for i in range(pg_frequencies.MAX_RANKED_WORDS)]
    with world["engine"].connect() as conn:
        ranked = {row.docnum: sorted(c) for row, c in pg_frequencies.candidates(conn, words)}
        listed = {row.docnum: sorted(c) for row, c in pg_frequencies.candidates(conn, words + padding)}
    assert len(ranked) > 20 and ranked == listed
    assert ("name", "tfword", 30) in next(c for c in ranked.values() if ("text", "tfword", 85) in c)
    expected: dict = {}
    for docnum, counts in sorted(ranked.items()):
        for name, word, tf in counts:
            nums, tfs = expected.setdefault((name, word), ([], []))
            nums.append(docnum)
            tfs.append(float(tf))
    with world["engine"].connect() as conn:  # grouped by word and field in SQL, as pg_state reads them
        assert pg_frequencies.postings(conn, words) == expected
        assert pg_frequencies.postings(conn, words + padding) == expected


def test_a_write_that_changes_no_length_still_reaches_a_warm_process(world):
    """The process keeps each generation's postings (``pg_state``); a write that
    leaves every count and length as it was must still name a new generation."""
    def rename(old: str, new: str) -> None:
        with world["sessions"]() as session:
            tech = session.scalars(select(m.Technology).where(m.Technology.code == "CE-03")).unique().one()
            tech.summary_en = tech.summary_en.replace(old, new)
            session.commit()

    change(world["sessions"], "CE-03", "warmwordone")
    assert codes_for(world["index_dir"], "warmwordone") == ["CE-03"]  # read and kept
    rename("warmwordone", "warmwordtwo")
    assert codes_for(world["index_dir"], "warmwordone") == []
    assert codes_for(world["index_dir"], "warmwordtwo") == ["CE-03"]
