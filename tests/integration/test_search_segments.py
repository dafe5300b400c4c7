"""The decoded segments beside the index: the same postings, lengths, facets
and scores as Whoosh's own reading, written once per segment, kept across
writes that do not touch the segment, and shared by the threads of a process."""
from __future__ import annotations

import math
import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog import search
from catalog.search import SearchRequest, engine, segments
from catalog.search.index import FACET_FIELDS, FIELD_BOOSTS, open_index
from catalog.search.scoring import K1, LENGTH_OF_BYTE, B
from catalog.search.sets import combine
from catalog.search.state import reader_state, release
from catalog.search.tasks import INDEX_DIR_KEY
from tests.conftest import seed_database

# Whoosh's own files: with TEST_DATABASE_URL the documents live in PostgreSQL (test_search_postgres.py).
pytestmark = pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                                reason="Whoosh index internals; the PostgreSQL run has no index folder")

@pytest.fixture
def writable(make_database, tmp_path):
    world = seed_database(make_database(), tmp_path / "index")
    yield world
    search.forget()
    world["engine"].dispose()


def decoded_files(index_dir: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in index_dir.glob("*" + segments.SUFFIX)}


def test_decoded_postings_lengths_and_facets_are_whooshs(seeded):
    with open_index(seeded["index_dir"]).reader() as reader:
        segment = segments.load(seeded["index_dir"], reader)
        for field in FIELD_BOOSTS:
            decoded = segment.fields[field]
            terms = list(reader.lexicon(field))
            assert len(decoded.keys) == len(terms) > 100
            for term in terms:
                ids, weights = decoded.postings(term)
                pairs = list(reader.postings(field, term).items_as("weight"))
                assert list(ids) == [d for d, _w in pairs] and list(weights) == [w for _d, w in pairs]
            assert decoded.postings(b"no-such-term") is None
            lengths = [reader.doc_field_length(d, field, 0) or 0 for d in range(reader.doc_count_all())]
            assert [LENGTH_OF_BYTE[b] for b in decoded.lengths] == lengths
        for field in FACET_FIELDS:
            values, codes, bits = segment.facets[field]
            for value, value_bits in zip(values, bits, strict=True):
                ids = list(reader.postings(field, value).all_ids())
                assert [d for d in range(reader.doc_count_all()) if value_bits >> d & 1] == ids
                assert all(values[codes[d] - 1] == value for d in ids)


def reference_term_scores(reader, term: str) -> dict[int, float]:
    """BM25F as the engine computed it on Whoosh's own postings and lengths."""
    scores: dict[int, float] = {}
    count = max(1, reader.doc_count())
    for field, boost in FIELD_BOOSTS.items():
        if (field, term) not in reader:
            continue
        pairs = list(reader.postings(field, term).items_as("weight"))
        total = reader.field_length(field)
        avg = total / count if total else 1.0
        idf = math.log(1 + (count - len(pairs) + 0.5) / (len(pairs) + 0.5))
        for d, tf in pairs:
            norm = tf + K1 * (1 - B + B * (reader.doc_field_length(d, field, 0) or 0) / avg)
            scores[d] = scores.get(d, 0.0) + boost * idf * (K1 + 1) * tf / norm
    return scores


@pytest.mark.parametrize("term", ["篦冷机", "余热", "cement", "kiln", "heat", "trt", "发电"])
def test_scores_are_bit_for_bit_those_of_whooshs_postings(seeded, term):
    state = reader_state(seeded["index_dir"])
    with open_index(seeded["index_dir"]).reader() as reader:
        want = reference_term_scores(reader, term)
    assert want and state.postings.term_scores(term) == want


def change(world, code: str, word: str) -> None:
    with world["sessions"]() as session:
        session.info[INDEX_DIR_KEY] = str(world["index_dir"])
        tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()
        tech.summary_en += f" {word}"
        session.commit()


def test_a_write_decodes_its_new_segment_and_leaves_the_others(writable):
    index_dir = writable["index_dir"]
    before = decoded_files(index_dir)
    assert len(before) == 1
    by_code = search.search(index_dir, SearchRequest(text="GL-04")).total
    everything = search.search(index_dir, SearchRequest())
    change(writable, "GL-04", "zebracrossing")
    after = decoded_files(index_dir)
    assert set(before) < set(after) and all(after[name] == before[name] for name in before)
    result = search.search(index_dir, SearchRequest(text="zebracrossing"))
    assert [h.code for h in result.hits] == ["GL-04"]
    # the old version, deleted in the first segment, is not found any more
    assert search.search(index_dir, SearchRequest(text="GL-04")).total == by_code
    browsed = search.search(index_dir, SearchRequest())
    assert (browsed.total, browsed.facets) == (everything.total, everything.facets)
    # its facet values, numbered anew in its own segment, still filter it
    def in_sector(sector: str) -> list[str]:
        request = SearchRequest(text="zebracrossing", filters={"sector": sector})
        return [h.code for h in search.search(index_dir, request).hits]
    assert in_sector("glass") == ["GL-04"] and in_sector("cement") == []


def test_a_missing_decoded_file_is_written_by_the_first_reader(writable):
    index_dir = writable["index_dir"]
    expected = [h.code for h in search.search(index_dir, SearchRequest(text="余热发电")).hits]
    for path in index_dir.glob("*" + segments.SUFFIX):
        path.unlink()
    search.forget()
    assert [h.code for h in search.search(index_dir, SearchRequest(text="余热发电")).hits] == expected
    assert len(decoded_files(index_dir)) == 1


def test_threads_share_one_state_and_agree(seeded):
    texts = ["篦冷机", "余热发电 水泥", "grate cooler", "kiln waste heat", "惰性阳级"]
    expected = {t: search.search(seeded["index_dir"], SearchRequest(text=t)) for t in texts}
    seen, failures = [], []

    def work():
        try:
            seen.append(reader_state(seeded["index_dir"]).generation_state)
            for _ in range(3):
                for t in texts:
                    if search.search(seeded["index_dir"], SearchRequest(text=t)) != expected[t]:
                        failures.append(t)
        finally:
            release()  # this thread's searcher

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures and len(seen) == 4 and all(s is seen[0] for s in seen)


@pytest.mark.parametrize("text", ["余热发电 水泥", "grate coller", "kiln waste", "篦冷机 zzqq",
                                  "kiln waste heat", "how to cut fan power in cement kiln",
                                  "水泥 余热 发电 窑 篦冷机 熟料", "篦冷机 zzqq yyxx"])
def test_concepts_scored_where_they_still_count_equal_all_in_full(seeded, text):
    state = reader_state(seeded["index_dir"])
    groups, _shown = engine.query_groups(text, state.lexicon)
    assert len(groups) >= 2
    state.clear()
    narrowed, partial = state.postings.concepts(groups)
    state.clear()
    full, full_partial = combine([state.postings.group(group) for group in groups])
    assert (narrowed.by_doc, narrowed.bits, partial) == (full.by_doc, full.bits, full_partial)
    assert narrowed.by_doc
    again, again_partial = state.postings.concepts(groups)  # remembered
    assert (again.by_doc, again_partial) == (full.by_doc, full_partial)
