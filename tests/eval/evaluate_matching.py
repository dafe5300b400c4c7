"""Matching quality on the labelled needs in needs.yaml: nDCG@5 and recall@10
for the matching engine and for plain text search alone (the same need text
through the catalogue search).

    .venv/bin/python tests/eval/evaluate_matching.py
"""
from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.eval.evaluate import ndcg, recall, seeded_index  # noqa: E402

NEEDS = Path(__file__).with_name("needs.yaml")


def load_needs(path: Path = NEEDS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def query_of(item: dict):
    from catalog.enterprise.matches import MatchQuery

    return MatchQuery(text=item["text"], sector=item.get("sector"), stage=item.get("stage"),
                      product_key=item.get("product"), unit_energy=item.get("unit_energy"),
                      annual_output=item.get("annual_output"),
                      target_saving_pct=item.get("target_saving_pct"), budget_cny=item.get("budget_cny"),
                      financing=item.get("financing", "any"), goal=item.get("problem_type"),
                      installed=tuple(item.get("installed") or ()))


def engine_ranker(sessions, index_dir: Path):
    from catalog.enterprise.matches import match

    def rank(item: dict) -> list[str]:
        with sessions() as session:
            return [v.technology.code for v in match(session, index_dir, query_of(item), limit=10).views]
    return rank


def text_ranker(index_dir: Path):
    from catalog.search import SearchRequest, search

    def rank(item: dict) -> list[str]:
        hits = search(index_dir, SearchRequest(text=item["text"], per_page=10)).hits
        return [h.code for h in hits]
    return rank


def evaluate(rank, needs: list[dict]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item in needs:
        ranked = rank(item)
        pair = (ndcg(ranked, item["rel"]), recall(ranked, item["rel"]))
        groups["all"].append(pair)
        groups[item["lang"]].append(pair)
        if item.get("unit_energy") is not None:
            groups["with figures"].append(pair)
    return {k: {"ndcg@5": sum(n for n, _ in v) / len(v), "recall@10": sum(r for _, r in v) / len(v),
                "n": len(v)} for k, v in groups.items()}


def run(work: Path) -> dict[str, dict]:
    from catalog.db import make_engine, make_session_factory

    index_dir, _docs = seeded_index(work)
    engine = make_engine(f"sqlite:///{work / 'eval.sqlite3'}")
    sessions = make_session_factory(engine)
    needs = load_needs()
    try:
        return {"engine": evaluate(engine_ranker(sessions, index_dir), needs),
                "text": evaluate(text_ranker(index_dir), needs)}
    finally:
        engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Path(tmp))
    print(f"{len(load_needs())} needs")
    print(f"{'group':14} {'n':>3}  {'engine nDCG@5':>13} {'recall@10':>9}  "
          f"{'text nDCG@5':>11} {'recall@10':>9}")
    for group in sorted(results["engine"], key=lambda g: (g != "all", g)):
        e, t = results["engine"][group], results["text"][group]
        print(f"{group:14} {e['n']:>3}  {e['ndcg@5']:>13.3f} {e['recall@10']:>9.3f}  "
              f"{t['ndcg@5']:>11.3f} {t['recall@10']:>9.3f}")


if __name__ == "__main__":
    main()
