"""The PostgreSQL backend's stored posting lists (``pg_postings``): what a
search reads for a word is what the documents' tsvectors say, before and after
a merge, whatever was written, removed or written during a merge. Runs with
TEST_DATABASE_URL."""
from __future__ import annotations

import os
import random

import pytest
from sqlalchemy import select, text

from catalog import models as m
from catalog import search
from catalog.search import SearchRequest, pg_frequencies, pg_postings, pg_store
from catalog.search.index import all_documents

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"),
                                reason="the PostgreSQL backend needs TEST_DATABASE_URL")


@pytest.fixture
def world(own_world):
    return own_world


def stored(conn) -> dict:
    """Every stored posting list, as (field, word) → [(docnum, tf), …]."""
    rows = conn.execute(text("SELECT term, field, docnums, tfs FROM search_posting")).all()
    return {(pg_postings.FIELD_NAMES[f], t): list(zip(pg_postings.decode(n), tfs, strict=True))
            for t, f, n, tfs in rows}


def from_documents(conn) -> dict:
    """The same lists read from the documents' tsvectors (the path without stored postings)."""
    words = sorted(conn.execute(text("SELECT DISTINCT word FROM ts_stat('SELECT tsv FROM search_document')"))
                   .scalars())
    found = pg_frequencies.postings(conn, words)   # many words: read through unnest()
    return {key: list(zip(nums, map(int, tfs), strict=True)) for key, (nums, tfs) in found.items()}


def queued(conn) -> int:
    return conn.execute(text("SELECT count(*) FROM search_queue")).scalar_one()


def codes_for(index_dir, words: str) -> list[str]:
    return sorted(h.code for h in search.search(index_dir, SearchRequest(text=words, per_page=50)).hits)


def write(world, docs: list[dict], removals=()) -> None:
    search.update_documents(world["index_dir"], docs, list(removals))


def test_the_rebuild_stores_every_list_as_the_documents_hold_it(world):
    with world["engine"].connect() as conn:
        assert conn.execute(text("SELECT postings_ready FROM search_lexicon")).scalar_one() is True
        assert queued(conn) == 0
        lists = stored(conn)
        assert len(lists) > 1000 and lists == from_documents(conn)


def test_writes_are_searchable_before_the_merge_and_exact_after_it(world):
    with world["sessions"]() as s:
        docs = {d["doc_id"]: d for d in all_documents(s)}
    first, second = sorted(docs)[:2]
    write(world, [dict(docs[first], summary_en="quenchword " * 3),
                  dict(docs[first], doc_id="technology:NEW-01", code="NEW-01", title="quenchword newcomer")],
          removals=[second])
    assert codes_for(world["index_dir"], "quenchword") == sorted([docs[first]["code"], "NEW-01"])
    assert docs[second]["code"] not in codes_for(world["index_dir"], docs[second]["title"])
    with world["engine"].connect() as conn:
        assert queued(conn) == 3   # two replaced versions, one new document
    with world["sessions"]() as s:
        search.sync(s, world["index_dir"])
    with world["engine"].connect() as conn:
        assert queued(conn) == 0
        assert stored(conn) == from_documents(conn)  # no entry of a replaced version is left
    assert codes_for(world["index_dir"], "quenchword") == sorted([docs[first]["code"], "NEW-01"])


def test_random_writes_and_merges_keep_every_list_exact(world, monkeypatch):
    """Documents rewritten with words drawn at random, some removed, merges in
    between: after each step a search's view equals the documents', and after
    each merge the stored lists do."""
    monkeypatch.setattr(pg_postings, "MERGE_SHARE", 1.0)   # always a merge here, never a build
    rng = random.Random(18)
    with world["sessions"]() as s:
        docs = all_documents(s)
    vocabulary = [f"randword{i}" for i in range(12)]
    for step in range(6):
        picked = rng.sample(docs, 8)
        rewritten = [dict(d, summary_en=" ".join(rng.choices(vocabulary, k=rng.randint(0, 6))),
                          problems=" ".join(rng.choices(vocabulary, k=2))) for d in picked[:6]]
        write(world, rewritten, removals=[d["doc_id"] for d in picked[6:]] if step % 3 == 2 else [])
        for word in rng.sample(vocabulary, 3):
            expected = sorted({d["code"] for d in _holding(world, word)})
            assert codes_for(world["index_dir"], word) == expected, word
        if step % 2:
            with world["sessions"]() as s:
                pg_postings.merge(s)
            with world["engine"].connect() as conn:
                assert queued(conn) == 0 and stored(conn) == from_documents(conn)


def _holding(world, word: str) -> list[dict]:
    with world["engine"].connect() as conn:
        return [dict(code=c) for c in conn.execute(text(
            "SELECT code FROM search_document WHERE tsv @@ CAST(:w AS tsquery)"), {"w": word}).scalars()]


def test_a_document_written_during_a_merge_stays_queued(world):
    """The writer commits after the merge read its snapshot: the merge stores
    the version it saw, the new one stays queued, searches see the new one."""
    with world["sessions"]() as s:
        doc = all_documents(s)[0]
    writer = world["sessions"]()
    pg_store.write(writer, [dict(doc, summary_en="duringmerge")], [])   # uncommitted
    with world["sessions"]() as s:
        assert pg_postings.merge(s) == 0            # nothing committed was queued
    writer.commit()
    writer.close()
    with world["engine"].connect() as conn:
        assert queued(conn) == 1
    assert codes_for(world["index_dir"], "duringmerge") == [doc["code"]]
    with world["sessions"]() as s:
        assert pg_postings.merge(s) == 1
    with world["engine"].connect() as conn:
        assert stored(conn) == from_documents(conn)
    assert codes_for(world["index_dir"], "duringmerge") == [doc["code"]]


def test_most_documents_queued_builds_every_list_afresh(world):
    with world["sessions"]() as s:
        docs = all_documents(s)
        s.execute(text("UPDATE search_lexicon SET postings_ready = false"))
        s.commit()
    assert codes_for(world["index_dir"], "cement")   # served from the tsvectors meanwhile
    write(world, [dict(d, keywords="bulkword") for d in docs])
    with world["sessions"]() as s:
        assert pg_postings.merge(s) == len(docs)
        assert s.scalar(select(m.SearchLexicon.postings_ready)) is True
    with world["engine"].connect() as conn:
        assert queued(conn) == 0 and stored(conn) == from_documents(conn)
    assert len(codes_for(world["index_dir"], "bulkword")) == min(len(docs), 50)
