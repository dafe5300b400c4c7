"""Matching on needs written as plants write them (symptom_needs.yaml):
nDCG@5, recall@10 and trap codes in the top 5, for the engine and for text
search alone, overall and by group (text-only / structured, zh / en, traps).

    .venv/bin/python tests/eval/evaluate_symptoms.py [--holdout]

``--holdout`` runs symptom_holdout.yaml instead: needs kept out of tuning.
"""
from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.eval.evaluate import ndcg, recall, seeded_index  # noqa: E402

NEEDS = Path(__file__).with_name("symptom_needs.yaml")
HOLDOUT = Path(__file__).with_name("symptom_holdout.yaml")
STRUCTURED = ("sector", "stage", "product", "unit_energy", "problem_type", "budget_cny", "installed")


def load_needs(path: Path = NEEDS) -> list[dict]:
    from tests.eval.evaluate_matching import load_needs as load

    return load(path)


def groups_of(item: dict) -> list[str]:
    structured = any(item.get(k) is not None for k in STRUCTURED)
    lang = "zh" if item["lang"] == "zh" else "en/mixed"
    out = ["all", "structured" if structured else "text-only", lang]
    if item.get("never"):
        out.append("with traps")
    return out


def evaluate(rank, needs: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    worst = []
    for item in needs:
        ranked = rank(item)
        traps = len(set(ranked[:5]) & set(item.get("never") or ()))
        row = (ndcg(ranked, item["rel"]), recall(ranked, item["rel"]), traps)
        worst.append((row[0], item["id"], ranked[:5], traps))
        for group in groups_of(item):
            groups[group].append(row)
    out = {k: {"ndcg@5": sum(r[0] for r in v) / len(v), "recall@10": sum(r[1] for r in v) / len(v),
               "traps@5": sum(r[2] for r in v), "n": len(v)} for k, v in groups.items()}
    out["_worst"] = sorted(worst)[:8]
    return out


def run(work: Path, path: Path = NEEDS) -> dict[str, dict]:
    from catalog.db import make_engine, make_session_factory
    from tests.eval.evaluate_matching import text_ranker

    index_dir, _docs = seeded_index(work)
    engine = make_engine(f"sqlite:///{work / 'eval.sqlite3'}")
    sessions = make_session_factory(engine)
    needs = load_needs(path)

    def engine_rank(item: dict) -> list[str]:
        from catalog.enterprise.matches import match
        from tests.eval.evaluate_matching import query_of

        with sessions() as session:
            return [v.technology.code for v in match(session, index_dir, query_of(item), limit=10).views]
    try:
        return {"engine": evaluate(engine_rank, needs), "text": evaluate(text_ranker(index_dir), needs)}
    finally:
        engine.dispose()


def main() -> None:
    path = HOLDOUT if "--holdout" in sys.argv[1:] else NEEDS
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Path(tmp), path)
    print(f"{len(load_needs(path))} symptom needs ({path.name})")
    print(f"{'group':12} {'n':>3}  {'engine nDCG@5':>13} {'recall@10':>9} {'traps@5':>7}  "
          f"{'text nDCG@5':>11} {'recall@10':>9} {'traps@5':>7}")
    names = sorted((g for g in results["engine"] if not g.startswith("_")), key=lambda g: (g != "all", g))
    for group in names:
        e, t = results["engine"][group], results["text"][group]
        print(f"{group:12} {e['n']:>3}  {e['ndcg@5']:>13.3f} {e['recall@10']:>9.3f} {e['traps@5']:>7}  "
              f"{t['ndcg@5']:>11.3f} {t['recall@10']:>9.3f} {t['traps@5']:>7}")
    print("worst needs (engine):")
    for score, need_id, top, traps in results["engine"]["_worst"]:
        print(f"  {need_id} nDCG@5 {score:.3f} traps {traps} top5 {top}")


if __name__ == "__main__":
    main()
