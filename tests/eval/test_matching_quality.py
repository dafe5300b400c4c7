"""Matching must not regress: nDCG@5 on the labelled needs stays at the level
reached (0.909 when the first floor was set, 0.906 when it was raised to 0.90 with
the plant-language understanding of issue 14) and above plain text search."""
from __future__ import annotations

from tests.eval.evaluate_matching import load_needs, run

NDCG_FLOOR = 0.90


def test_needs_set_is_big_and_mixed():
    needs = load_needs()
    langs = [n["lang"] for n in needs]
    assert len(needs) >= 30 and langs.count("zh") >= 20 and langs.count("en") >= 5
    assert sum(n.get("unit_energy") is not None for n in needs) >= 10


def test_engine_meets_its_floor_and_beats_text_search(tmp_path):
    results = run(tmp_path)
    engine, text = results["engine"]["all"], results["text"]["all"]
    assert engine["ndcg@5"] >= NDCG_FLOOR, engine
    # text search alone got better when problem knowledge was indexed (0.803 then), so the margin the
    # engine keeps over it is smaller than when this test was written
    assert engine["ndcg@5"] > text["ndcg@5"] + 0.05 and engine["recall@10"] > text["recall@10"]
