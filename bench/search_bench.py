"""Search speed at catalogue sizes N (default 10,000 and 100,000).

For each N: a fresh embedded instance, the real seed plus N synthetic entries
(`catalog.demo`, as `flask --app portal demo-data`), a timed index build, the
index size, then the search API end to end through the Flask test client
(facets and highlighted snippets included) for a fixed mixed zh/en query list;
and, in the same run, the same queries against a SQLite FTS5 table of the same
jieba-segmented text (bm25 top 10 + facet counts + snippet()) as a floor.
Prints figures; asserts nothing.

    .venv/bin/python bench/search_bench.py [--sizes 10000 100000] [--requests 300]
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    s = sorted(samples)
    pick = lambda p: s[min(len(s) - 1, int(round(p * (len(s) - 1))))]  # noqa: E731
    return statistics.median(s), pick(0.95), pick(0.99)


def query_list(docs: list[dict], count: int, seed: int = 7) -> list[str]:
    """The labelled eval queries plus one- and two-word queries drawn from keywords."""
    import yaml

    rng = random.Random(seed)
    queries = [q["q"] for q in yaml.safe_load((ROOT / "tests/eval/queries.yaml").read_text("utf-8"))]
    words = sorted({w for d in docs[:75] for w in d["keywords"].split("\n") if 1 < len(w) < 20})
    while len(queries) < count:
        queries.append(" ".join(rng.sample(words, rng.choice([1, 1, 2]))))
    rng.shuffle(queries)
    return queries[:count]


def build_fts(docs: list[dict], path: Path):
    from catalog.search.analysis import terms

    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(code UNINDEXED, title, body, tokenize='unicode61')")
    db.execute("CREATE TABLE facet (rowid INTEGER PRIMARY KEY, sector, stage, category, maturity)")
    for i, d in enumerate(docs, 1):
        seg = lambda text: " ".join(terms(text, "query"))  # noqa: E731
        db.execute("INSERT INTO doc(rowid, code, title, body) VALUES (?,?,?,?)",
                   (i, d["code"], seg(d["title"] + " " + d["keywords"]),
                    seg(d["summary_zh"] + " " + d["summary_en"] + " " + d["body"])))
        db.execute("INSERT INTO facet VALUES (?,?,?,?,?)",
                   (i, d["sector"], d["stage"], d["category"], d["maturity"]))
    db.commit()
    return db


def fts_search(db, text: str) -> None:
    from catalog.search.analysis import terms

    words = [w.replace('"', "") for w in terms(text, "query")]
    if not words:
        return
    match = " AND ".join(f'"{w}"' for w in words)
    db.execute("SELECT code, snippet(doc, 2, '<mark>', '</mark>', '…', 16) FROM doc WHERE doc MATCH ? "
               "ORDER BY bm25(doc, 3.0, 1.0) LIMIT 10", (match,)).fetchall()
    for col in ("sector", "stage", "category", "maturity"):
        db.execute(f"SELECT f.{col}, count(*) FROM doc JOIN facet f ON f.rowid = doc.rowid "
                   f"WHERE doc MATCH ? GROUP BY f.{col}", (match,)).fetchall()


def run_size(n: int, requests: int) -> None:
    from catalog import demo, migrate
    from catalog import search as search_mod
    from catalog.search.index import all_documents
    from catalog.seed import load_all
    from portal import create_app

    work = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    app = create_app({"PORTAL_DATA_DIR": str(work)})
    with app.app_context():
        from portal.db import engine, get_session

        migrate.upgrade(engine())
        load_all(get_session())
        t = time.perf_counter()
        demo.generate(get_session(), n, seed=1)
        generated = time.perf_counter() - t
        t = time.perf_counter()
        count = search_mod.rebuild(get_session(), app.config["SEARCH_INDEX_DIR"])
        built = time.perf_counter() - t
        docs = all_documents(get_session())
    size = sum(f.stat().st_size for f in Path(app.config["SEARCH_INDEX_DIR"]).iterdir()) / 2**20
    print(f"\nN = {n:,} synthetic (+75 real) → {count:,} documents")
    print(f"  generate {generated:.1f} s · index build {built:.1f} s · index size {size:.1f} MiB")

    queries = query_list(docs, requests)
    client = app.test_client()
    for q in queries[:10]:
        client.get(f"/api/v1/search?q={quote(q)}")
    portal_ms = []
    for q in queries:
        t = time.perf_counter()
        resp = client.get(f"/api/v1/search?q={quote(q)}&per_page=10")
        portal_ms.append((time.perf_counter() - t) * 1000)
        assert resp.status_code == 200
    # The same queries with the decoded-postings cache emptied before each one:
    # what a query whose words nobody asked for since the last index change costs.
    from catalog.search.state import reader_state

    cold_ms = []
    for q in queries:
        reader_state(Path(app.config["SEARCH_INDEX_DIR"])).postings.clear()
        t = time.perf_counter()
        client.get(f"/api/v1/search?q={quote(q)}&per_page=10")
        cold_ms.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    fts = build_fts(docs, work / "fts.sqlite3")
    fts_built = time.perf_counter() - t
    fts_ms = []
    for q in queries:
        t = time.perf_counter()
        fts_search(fts, q)
        fts_ms.append((time.perf_counter() - t) * 1000)
    p, f, c = percentiles(portal_ms), percentiles(fts_ms), percentiles(cold_ms)
    print(f"  {'':28} {'p50':>8} {'p95':>8} {'p99':>8}   ({len(queries)} queries)")
    print(f"  {'portal /api/v1/search (ms)':28} {p[0]:8.1f} {p[1]:8.1f} {p[2]:8.1f}")
    print(f"  {'  same, postings cache cold':28} {c[0]:8.1f} {c[1]:8.1f} {c[2]:8.1f}")
    print(f"  {'SQLite FTS5 reference (ms)':28} {f[0]:8.1f} {f[1]:8.1f} {f[2]:8.1f}"
          f"   (built in {fts_built:.1f} s)")
    print(f"  {'ratio portal / FTS5':28} {p[0] / f[0]:8.1f} {p[1] / f[1]:8.1f} {p[2] / f[2]:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    for n in args.sizes:
        run_size(n, args.requests)


if __name__ == "__main__":
    main()
