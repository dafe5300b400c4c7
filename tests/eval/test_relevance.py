"""Relevance must not regress: nDCG@5 on the labelled set stays at the level
reached (0.963 when this floor was set) and well above the Whoosh baseline."""
from __future__ import annotations

from tests.eval.evaluate import baseline_ranker, evaluate, load_queries, portal_ranker

NDCG_FLOOR = 0.95
RECALL_FLOOR = 0.85


def test_labelled_set_is_big_and_mixed():
    queries = load_queries()
    kinds = [q["kind"] for q in queries]
    assert len(queries) >= 40
    chinese = sum(any("\u4e00" <= ch <= "\u9fff" for ch in q["q"]) for q in queries)
    assert chinese >= len(queries) / 2 and kinds.count("typo") >= 4
    assert sum(k == "cross-language" for k in kinds) >= len(queries) / 4 - 1


def test_portal_search_meets_its_floor_and_beats_the_baseline(seeded, db, tmp_path):
    from catalog.search.index import all_documents

    queries = load_queries()
    portal = evaluate(portal_ranker(seeded["index_dir"]), queries)["all"]
    baseline = evaluate(baseline_ranker(all_documents(db), tmp_path), queries)["all"]
    assert portal["ndcg@5"] >= NDCG_FLOOR, portal
    assert portal["recall@10"] >= RECALL_FLOOR, portal
    assert portal["ndcg@5"] >= baseline["ndcg@5"] + 0.2, (portal, baseline)
