"""Needs written as plants write them (issue 14): the engine must not fall
below what it reached (nDCG@5 0.822, 15 trap codes in 44 top-5s when these
floors were set; the issue's target is 0.90 with no trap), and must stay
well above text search alone."""
from __future__ import annotations

from tests.eval.evaluate_symptoms import load_needs, run

NDCG_FLOOR = 0.81
MAX_TRAPS = 15


def test_symptom_set_is_big_and_mixed():
    needs = load_needs()
    langs = [n["lang"] for n in needs]
    assert len(needs) >= 40 and langs.count("zh") >= 30 and len(langs) - langs.count("zh") >= 10
    assert sum(bool(n.get("never")) for n in needs) >= 20
    assert sum(bool(n.get("installed")) for n in needs) >= 5


def test_engine_meets_its_floor_on_symptom_needs(tmp_path):
    results = run(tmp_path)
    engine, text = results["engine"]["all"], results["text"]["all"]
    assert engine["ndcg@5"] >= NDCG_FLOOR, engine
    assert engine["traps@5"] <= MAX_TRAPS, engine
    assert engine["ndcg@5"] > text["ndcg@5"] + 0.1 and engine["recall@10"] > text["recall@10"]
