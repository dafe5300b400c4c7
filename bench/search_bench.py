"""Search speed at catalogue sizes N against a bare SQLite FTS5 floor.

For each N: an embedded instance with the real seed plus N synthetic entries
(`catalog.demo`, as `flask --app portal demo-data --profile technologies`),
a timed index build and the index size. Then, in a child process standing for
one worker (`bench/search_worker.py`), the same mixed zh/en query list (the
labelled eval queries plus one- and two-word keyword queries) through:

- the engine in-process (`catalog.search.search`, facets and snippets included),
- the JSON API and the /search HTML page through the Flask test client,
- an FTS5 table of the same jieba-segmented text (bm25 top 10 + four facet
  counts + snippet()), the floor the ratios are taken against,

each for words seen before (warm: every query ran once already; FTS5 on one
open connection) and words seen first (the engine's per-generation caches and
stored-field cache emptied before each query; FTS5 on a new connection, an
empty page cache). Each query runs on every path back to back, ``--repeat``
times, and counts with its median, so a busy machine slows both sides alike.
Rate limiting is off: this measures search. Also the worker's RSS and PSS
(/proc/self/smaps_rollup) after start and after the queries (its FTS5
connection closed), did-you-mean on 2,000-character texts, and a one-document
write on a copy of the index with the next query, which derives the new
generation. Prints figures; asserts nothing.

    .venv/bin/python bench/search_bench.py [--size 10000] [--sizes 10000 100000]
                                           [--requests 300] [--repeat 3] [--work DIR]

``--postgres SERVER_URL`` adds the PostgreSQL backend over the same documents
(``bench/search_pg.py``): its build time, p50/p95/p99 first-run and warm beside
FTS5 in the same process, and EXPLAIN ANALYZE of its slowest query.

``--work DIR`` keeps the instance in DIR and reuses it when it already holds N
synthetic entries (the build at 100k takes minutes).
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_worker import NO_LIMITS, ROOT


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    s = sorted(samples)
    pick = lambda p: s[min(len(s) - 1, int(round(p * (len(s) - 1))))]  # noqa: E731
    return pick(0.5), pick(0.95), pick(0.99)


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


# -- the FTS5 floor --------------------------------------------------------------------------


def build_fts(docs: list[dict], path: Path) -> None:
    from catalog.search.analysis import terms

    path.unlink(missing_ok=True)
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
    db.close()


# -- one size --------------------------------------------------------------------------------


def prepare(n: int, work: Path) -> tuple[list[dict], dict]:
    """The instance in ``work`` with N synthetic entries, built unless already there."""
    from sqlalchemy import func, select

    from catalog import demo, migrate
    from catalog import models as m
    from catalog import search as search_mod
    from catalog.search.index import all_documents
    from catalog.seed import load_all
    from portal import create_app

    app = create_app({"PORTAL_DATA_DIR": str(work), **NO_LIMITS})
    facts: dict = {}
    with app.app_context():
        from portal.db import engine, get_session

        migrate.upgrade(engine())
        session = get_session()
        have = session.scalar(select(func.count()).where(m.Technology.code.like("%-D%"))) or 0
        index_dir = Path(app.config["SEARCH_INDEX_DIR"])
        if have != n or search_mod.document_count(index_dir) == 0:
            if not session.scalar(select(func.count()).select_from(m.Sector)):
                load_all(session)
            t = time.perf_counter()
            demo.generate(session, n, seed=1)
            facts["generate"] = time.perf_counter() - t
            t = time.perf_counter()
            search_mod.rebuild(session, index_dir)
            facts["build"] = time.perf_counter() - t
            (work / "fts.sqlite3").unlink(missing_ok=True)
        docs = all_documents(session)
    sizes = {"seg": 0, "dec": 0}
    for f in index_dir.iterdir():
        if f.suffix in (".seg", ".dec"):
            sizes[f.suffix[1:]] += f.stat().st_size / 2**20
    facts["index_mib"], facts["decoded_mib"] = sizes["seg"], sizes["dec"]
    return docs, facts


def postgres_figures(server_url: str, docs: list[dict], queries: list[str], work: Path, repeat: int) -> dict:
    """The PostgreSQL backend over the same documents, in this process (``search_pg``)."""
    from search_pg import build, drop_database, explain, fresh_database, measure

    from catalog.search.analysis import terms

    url = fresh_database(server_url)
    try:
        seconds = build(url, docs, work / "pg-index")
        words = [[w.replace('"', "") for w in terms(q, "query")] for q in queries]
        found = measure(url, work / "pg-index", queries, words, work / "fts.sqlite3", repeat)
        slowest = max(range(len(queries)), key=found["pg_warm"].__getitem__)
        found.update(build=seconds, slowest=queries[slowest], explain=explain(url, queries[slowest]))
        return found
    finally:
        drop_database(server_url, url)


def report_postgres(pg: dict) -> None:
    print(f"  PostgreSQL backend: documents built in {pg['build']:.1f} s (jieba analysis included)")
    for label, mine, floor in (("PostgreSQL search(), seen before", "pg_warm", "fts_warm"),
                               ("PostgreSQL search(), first run", "pg_cold", "fts_first")):
        p, f = percentiles(pg[mine]), percentiles(pg[floor])
        print(f"  {label:34} {p[0]:7.1f} {p[1]:7.1f} {p[2]:7.1f}   FTS5 alongside "
              f"{f[0]:.1f} / {f[1]:.1f} / {f[2]:.1f}; ratio {p[0] / f[0]:.1f} / {p[1] / f[1]:.1f} / "
              f"{p[2] / f[2]:.1f}")
    print(f"  slowest query on PostgreSQL: {pg['slowest']!r}; what its words cost when not seen before:")
    for line in pg["explain"].splitlines():
        print(f"    {line}")


def run_size(n: int, requests: int, work_dir: str | None, repeat: int, postgres: str | None = None) -> None:
    work = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    work.mkdir(parents=True, exist_ok=True)
    docs, facts = prepare(n, work)
    queries = query_list(docs, requests)
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    (work / "write-doc.json").write_text(json.dumps(docs[-1], ensure_ascii=False, default=str), "utf-8")
    fts_path = work / "fts.sqlite3"
    if not fts_path.exists():
        t = time.perf_counter()
        build_fts(docs, fts_path)
        facts["fts_build"] = time.perf_counter() - t
    pg = postgres_figures(postgres, docs, queries, work, repeat) if postgres else None
    del docs
    child = subprocess.run([sys.executable, str(ROOT / "bench/search_worker.py"), str(work), "--repeat",
                            str(repeat)], capture_output=True, text=True, cwd=ROOT, check=False)
    if child.returncode:
        sys.exit(f"worker failed:\n{child.stderr[-3000:]}")
    ours = json.loads(child.stdout.strip().splitlines()[-1])
    report(n, facts, queries, ours, repeat)
    if pg is not None:
        report_postgres(pg)
    if not work_dir:
        shutil.rmtree(work, ignore_errors=True)


def report(n: int, facts: dict, queries: list[str], ours: dict, repeat: int) -> None:
    print(f"\nN = {n:,} synthetic (+ the real seed), {len(queries)} queries, "
          f"each counted as the median of {repeat} runs")
    built = (f"generate {facts['generate']:.1f} s · index build {facts['build']:.1f} s (decoding included)"
             if "build" in facts else "instance reused")
    print(f"  {built} · index {facts['index_mib']:.1f} MiB + decoded {facts['decoded_mib']:.1f} MiB")
    print(f"  {'(ms)':34} {'p50':>7} {'p95':>7} {'p99':>7}")
    rows = [("engine search(), words seen before", ours.get("engine_warm")),
            ("engine search(), words seen first", ours.get("engine_cold")),
            ("API /api/v1/search, seen before", ours.get("api_warm")),
            ("API /api/v1/search, seen first", ours.get("api_cold")),
            ("HTML /search, seen before", ours.get("html_warm")),
            ("FTS5 floor, warm connection", ours["fts_warm"]),
            ("FTS5 floor, new connection", ours["fts_cold"])]
    for label, samples in rows:
        if not samples:
            print(f"  {label:34} {'(failed: not measured)':>23}")
            continue
        p = percentiles(samples)
        print(f"  {label:34} {p[0]:7.1f} {p[1]:7.1f} {p[2]:7.1f}")
    for label, mine, floor in (("ratio engine / FTS5, seen before", "engine_warm", "warm"),
                               ("ratio engine / FTS5, seen first", "engine_cold", "cold"),
                               ("ratio API / FTS5, seen before", "api_warm", "warm"),
                               ("ratio API / FTS5, seen first", "api_cold", "cold")):
        if mine not in ours:
            continue
        p, f = percentiles(ours[mine]), percentiles(ours[f"fts_{floor}"])
        print(f"  {label:34} {p[0] / f[0]:7.1f} {p[1] / f[1]:7.1f} {p[2] / f[2]:7.1f}")
    start, after = ours["memory_start"], ours["memory_after"]
    print(f"  worker memory (MiB): after start RSS {start['Rss']:.0f} / PSS {start['Pss']:.0f} / heap "
          f"{start['Anonymous']:.0f}; after the queries RSS {after['Rss']:.0f} / PSS {after['Pss']:.0f} / "
          f"heap {after['Anonymous']:.0f}")
    sp = ours["spelling"]
    print(f"  did-you-mean on a 2,000-character text: {sp['latin']:.1f} ms English, {sp['cjk']:.1f} ms "
          f"Chinese (vocabulary {sp['latin_words']:,} + {sp['cjk_words']:,} words); "
          f"{sp['latin_20k']:.1f} ms English over 20,000 words")
    print(f"  first query of a fresh worker: state opened in {ours['open_ms']:.0f} ms; "
          f"a one-document write {ours['write_ms']:.0f} ms, then the next query "
          f"{ours['after_write_ms']:.1f} ms (new generation derived in {ours['derive_ms']:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, action="append", help="catalogue size (repeatable)")
    parser.add_argument("--sizes", type=int, nargs="+", help="catalogue sizes (default 10000 100000)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--work", help="keep the instance in this folder and reuse it (one size)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the median counts")
    parser.add_argument("--postgres", metavar="SERVER_URL",
                        help="also the PostgreSQL backend, in a database made on this server and "
                             "dropped after (e.g. postgresql://postgres@127.0.0.1:5432/postgres)")
    args = parser.parse_args()
    sizes = (args.size or []) + (args.sizes or []) or [10_000, 100_000]
    for n in sizes:
        run_size(n, args.requests, args.work if len(sizes) == 1 else None, args.repeat, args.postgres)


if __name__ == "__main__":
    main()
