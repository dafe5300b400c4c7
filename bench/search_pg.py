"""The PostgreSQL search backend beside Whoosh and FTS5 (``search_bench.py --postgres``).

The same documents as the Whoosh instance (synthetic entries plus the real
seed) go into a fresh PostgreSQL database (schema and reference data by the
migrations and the seed loader, the documents by ``pg_store.rebuild``, timed);
then, in this process, each query runs on the PostgreSQL backend
(``catalog.search.search``: facets and snippets included) and on FTS5 over a
warm connection back to back, ``repeat`` times, the median counting. "First
seen" is the first run of a query in this process (the backend keeps only the
lexicon; PostgreSQL's buffer cache is shared, as it is in production); "warm"
the later runs.
"""
from __future__ import annotations

import sqlite3
import statistics
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def fresh_database(server_url: str) -> str:
    from catalog.db import normalise_url

    server_url = normalise_url(server_url)
    name = f"bench_search_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    from catalog.db import normalise_url

    admin = create_engine(normalise_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def build(url: str, docs: list[dict], index_dir: Path) -> float:
    """Schema, reference data, then the documents; returns the documents' build seconds."""
    from catalog import migrate, search
    from catalog.db import make_engine, make_session_factory
    from catalog.search import pg_store
    from catalog.seed import load_all

    engine = make_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        session.info["search_untracked"] = True
        load_all(session)
        search.attach(index_dir, engine)
        t = time.perf_counter()
        pg_store.rebuild(session, documents=docs)
        seconds = time.perf_counter() - t
        session.execute(text("ANALYZE search_document"))
        session.commit()
    engine.dispose()
    return seconds


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def measure(url: str, index_dir: Path, queries: list[str], words: list[list[str]], fts_path: Path,
            repeat: int) -> dict[str, list[float]]:
    from search_worker import fts_search

    from catalog import search
    from catalog.db import make_engine
    from catalog.search import SearchRequest

    engine = make_engine(url)
    search.attach(index_dir, engine)
    fts = sqlite3.connect(fts_path)
    run = {"pg": lambda i: search.search(index_dir, SearchRequest(text=queries[i], per_page=10)),
           "fts": lambda i: fts_search(fts, words[i])}
    first = {name: [timed(lambda i=i, f=f: f(i)) for i in range(len(queries))] for name, f in run.items()}
    warm: dict[str, list[list[float]]] = {name: [[] for _ in queries] for name in run}
    for _ in range(repeat):
        for i in range(len(queries)):
            for name, f in run.items():
                warm[name][i].append(timed(lambda i=i, f=f: f(i)))
    fts.close()
    engine.dispose()
    return {"pg_cold": first["pg"], "fts_first": first["fts"],
            "pg_warm": [statistics.median(s) for s in warm["pg"]],
            "fts_warm": [statistics.median(s) for s in warm["fts"]]}


def explain(url: str, query: str) -> str:
    """EXPLAIN ANALYZE of what a word not seen before costs (a word seen before
    costs no SQL): the read of its stored posting lists (``pg_postings``), and
    for comparison the ranking of every candidate's tsvector that the backend
    falls back on before the lists are built."""
    from catalog.db import make_engine
    from catalog.search import pg_frequencies
    from catalog.search.engine import query_groups
    from catalog.search.pg_query import Collection, rarest

    engine = make_engine(url)
    with engine.connect() as conn:
        coll = Collection(conn, "explain")
        groups = rarest(coll, query_groups(query, coll.lexicon)[0])
        words = sorted({w for alts in groups for ws, _w in alts for w in ws})
        stored = conn.execute(text(
            "EXPLAIN (ANALYZE, BUFFERS) SELECT term, field, docnums, tfs FROM search_posting "
            "WHERE term = ANY(:t)"), {"t": words}).scalars()
        sizes = conn.execute(text("SELECT count(*), coalesce(sum(length(docnums)), 0) / 8 "
                                  "FROM search_posting WHERE term = ANY(:t)"), {"t": words}).one()
        sql, params = pg_frequencies.postings_sql(words)
        conn.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))  # as pg_frequencies does
        ranked = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql), params).scalars()
        out = (f"words {words}: {sizes[0]} stored lists, {sizes[1]:,} postings\n"
               "stored lists:\n" + "\n".join(stored) + "\nwithout them (every candidate's tsvector ranked):\n"
               + "\n".join(ranked))
    engine.dispose()
    return out
