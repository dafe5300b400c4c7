"""The Whoosh index over the seeded catalogue: what users type finds the right entry first."""
from __future__ import annotations

import pytest

from catalog import search

EXPECTED_FIRST = {
    "篦冷机": "CE-01",
    "grate cooler": "CE-01",
    "TRT": "ST-14",
    "干熄焦": "ST-15",
    "CDQ": "ST-15",
    "惰性阳极": "NF-03",
    "inert anode": "NF-03",
    "spent pot lining": "NF-04",
}


@pytest.mark.parametrize("text,code", EXPECTED_FIRST.items())
def test_known_queries_rank_the_right_entry_first(seeded, text, code):
    hits = search.query(seeded["index_dir"], text)
    assert hits and hits[0].code == code, [h.code for h in hits[:5]]


def test_multi_word_query_needs_all_words(seeded):
    codes = [h.code for h in search.query(seeded["index_dir"], "余热发电 水泥")]
    assert "CE-04" in codes[:3]
    assert "ST-14" not in codes  # TRT has nothing to do with cement


@pytest.mark.parametrize("text", ['"', "(((", "AND OR NOT", "*", "a:b", "🔥🔥", "x" * 2000,
                                  "篦冷机 OR \"grate", "\x00"])
def test_any_input_returns_results_or_nothing_never_an_error(seeded, text):
    assert isinstance(search.query(seeded["index_dir"], text), list)


def test_check_reports_drift_and_rebuild_repairs_it(seeded, db, tmp_path):
    index_dir = tmp_path / "idx"
    assert not search.check(db, index_dir).clean  # no index yet: everything missing
    search.rebuild(db, index_dir)
    assert search.check(db, index_dir).clean
    search.update_documents(index_dir, [], remove_ids=["technology:CE-01"])
    drift = search.check(db, index_dir)
    assert drift.missing == ["technology:CE-01"] and not drift.stale and not drift.extra


def test_missing_index_means_no_hits(tmp_path):
    assert search.query(tmp_path / "none", "篦冷机") == []
    assert search.document_count(tmp_path / "none") == 0
