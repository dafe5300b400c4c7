"""Search relevance on the labelled set in queries.yaml: nDCG@5 and recall@10
for the portal's search and for a baseline (Whoosh's default StandardAnalyzer
over the same text, default AND query parser).

    .venv/bin/python tests/eval/evaluate.py      # prints the table
    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python tests/eval/evaluate.py
        # the same on the PostgreSQL backend (a database made for the run and dropped after)
"""
from __future__ import annotations

import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
QUERIES = Path(__file__).with_name("queries.yaml")


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def ndcg(ranked: list[str], rel: dict[str, int], k: int = 5) -> float:
    dcg = sum((2 ** rel.get(code, 0) - 1) / math.log2(i + 2) for i, code in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    return len(set(ranked[:k]) & set(rel)) / len(rel)


def portal_ranker(index_dir: Path):
    from catalog.search import SearchRequest, search

    def rank(text: str) -> list[str]:
        return [h.code for h in search(index_dir, SearchRequest(text=text, per_page=10)).hits]
    return rank


def baseline_ranker(documents: list[dict], folder: Path):
    """Whoosh out of the box: StandardAnalyzer, one content field, AND parser."""
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import QueryParser

    ix = index.create_in(folder, Schema(code=ID(stored=True), content=TEXT()))
    with ix.writer() as writer:
        for d in documents:
            writer.add_document(code=d["code"], content="\n".join(
                [d["title"], d["keywords"], d["summary_zh"], d["summary_en"], d["body"], d["labels"]]))
    parser = QueryParser("content", ix.schema)
    searcher = ix.searcher()

    def rank(text: str) -> list[str]:
        return [hit["code"] for hit in searcher.search(parser.parse(text), limit=10)]
    return rank


def evaluate(rank, queries: list[dict]) -> dict[str, dict[str, float]]:
    by_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item in queries:
        ranked = rank(item["q"])
        by_kind[item["kind"]].append((ndcg(ranked, item["rel"]), recall(ranked, item["rel"])))
        by_kind["all"].append(by_kind[item["kind"]][-1])
    return {kind: {"ndcg@5": sum(n for n, _ in v) / len(v), "recall@10": sum(r for _, r in v) / len(v),
                   "n": len(v)} for kind, v in by_kind.items()}


def seeded_index(work: Path, url: str | None = None) -> tuple[Path, list[dict]]:
    from catalog import migrate, search
    from catalog.db import make_engine, make_session_factory
    from catalog.search.index import all_documents
    from catalog.seed import load_all

    engine = make_engine(url or f"sqlite:///{work / 'eval.sqlite3'}")
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        load_all(session)
        search.rebuild(session, work / "index")
        docs = all_documents(session)
    if url is None:
        engine.dispose()
    return work / "index", docs


def temporary_database(server_url: str):
    """A fresh PostgreSQL database on ``server_url``: (its URL, a function dropping it)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from catalog.db import normalise_url

    server_url = normalise_url(server_url)
    name = f"eval_{uuid.uuid4().hex[:8]}"

    def run(sql: str) -> None:
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(sql))
        admin.dispose()

    run(f'CREATE DATABASE "{name}"')
    return (make_url(server_url).set(database=name).render_as_string(hide_password=False),
            lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    import os

    queries = load_queries()
    server = os.environ.get("TEST_DATABASE_URL")
    url, drop = temporary_database(server) if server else (None, lambda: None)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            index_dir, docs = seeded_index(work, url)
            portal = evaluate(portal_ranker(index_dir), queries)
        finally:
            drop()
        (work / "baseline").mkdir()
        results = {"portal": portal, "baseline": evaluate(baseline_ranker(docs, work / "baseline"), queries)}
    kinds = sorted(results["portal"], key=lambda k: (k != "all", k))
    print(f"{len(queries)} queries, portal on {'PostgreSQL' if server else 'SQLite + Whoosh'}")
    print(f"{'kind':16} {'n':>3}  {'portal nDCG@5':>13} {'recall@10':>9}  "
          f"{'baseline nDCG@5':>15} {'recall@10':>9}")
    for kind in kinds:
        p, b = results["portal"][kind], results["baseline"].get(kind, {"ndcg@5": 0, "recall@10": 0})
        print(f"{kind:16} {p['n']:>3}  {p['ndcg@5']:>13.3f} {p['recall@10']:>9.3f}  "
              f"{b['ndcg@5']:>15.3f} {b['recall@10']:>9.3f}")


if __name__ == "__main__":
    main()
