"""Query plans and times of the public pages' main queries on a synthetic
catalogue of N entries (``flask demo-data``'s generator). Prints figures and
plans; asserts nothing.

    .venv/bin/python bench/page_plans.py --size 10000 --db /tmp/pages-10k.sqlite3
    .venv/bin/python bench/page_plans.py --size 100000 --db postgresql://postgres@127.0.0.1/bench_pages
    ... --http 20      # also each page over HTTP (gunicorn -w 1), 20 requests per URL

The database is built on first use (migrations, seed data, N synthetic entries) and
reused when it already holds N of them. Each page's queries run once cold (the
per-process count caches emptied, as after a change to the catalogue) and
``--rounds`` times warm; every SQL statement of the cold run is then explained:
SQLite ``EXPLAIN QUERY PLAN``, PostgreSQL ``EXPLAIN ANALYZE``.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere

from sqlalchemy import event, func, select  # noqa: E402

from catalog import models as m  # noqa: E402
from catalog import queries  # noqa: E402
from catalog.queries import CatalogueFilter  # noqa: E402

PER_PAGE = 12  # CATALOGUE_PAGE_SIZE


def build(sessions, size: int) -> None:
    from catalog import demo
    from catalog.seed import load_all

    with sessions() as session:
        if session.scalar(select(func.count()).select_from(m.Sector)) == 0:
            load_all(session)
        have = session.scalar(select(func.count(m.Technology.id)).where(m.Technology.code.like("%-D%")))
        if have != size:
            started = time.perf_counter()
            demo.generate(session, size, seed=1)
            print(f"generated {size} entries in {time.perf_counter() - started:.0f} s")


def analyse(engine) -> None:
    """What autovacuum does after a bulk load (it is off on some test servers):
    statistics for the planner, the visibility map for index-only scans."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE technology")


def scenarios(session) -> dict:
    """Each public page's main queries, called as its view calls them."""
    total = session.scalar(select(func.count(m.Technology.id)).where(m.Technology.status == "published"))
    last = max(1, -(-total // PER_PAGE))
    demo_code = session.scalar(select(m.Technology.code).where(m.Technology.code.like("CE-D%"))
                               .order_by(m.Technology.code).limit(1))

    def catalogue(**kw):
        def run(db):
            flt = CatalogueFilter(per_page=PER_PAGE, **kw)
            return (queries.list_technologies(db, flt), queries.facet_counts(db, flt),
                    queries.sectors_with_counts(db))
        return run

    def technology(code):
        def run(db):
            tech = queries.get_technology(db, code)
            return queries.benchmarks_for(db, tech.applicable_to), queries.related_technologies(db, tech)
        return run

    def sector(db):
        flt = CatalogueFilter(sector="cement", per_page=100)
        return (queries.get_sector(db, "cement"), queries.list_technologies(db, flt),
                queries.facet_counts(db, flt), queries.all_benchmarks(db))

    return {
        "home": lambda db: (queries.sectors_with_counts(db), queries.promoted_technologies(db, 6),
                            queries.current_edition(db)),
        "/catalogue": catalogue(),
        "/catalogue?sector=cement&plan=1": catalogue(sector="cement", plan_named=True),
        "/catalogue?stage=waste_heat&category=waste_heat_recovery":
            catalogue(stage="waste_heat", category="waste_heat_recovery"),
        f"/catalogue?page={last} (deep)": catalogue(page=last),
        "/catalogue?sort=payback": catalogue(sort="payback"),
        f"/catalogue?sort=payback&page={last // 2}": catalogue(sort="payback", page=last // 2),
        "/catalogue?sort=newest&page=2": catalogue(sort="newest", page=2),
        "/catalogue?max_payback=3": catalogue(max_payback=3.0),
        "/sectors/cement": sector,
        "/technologies/CE-01": technology("CE-01"),
        f"/technologies/{demo_code}": technology(demo_code),
        "/search (counts)": lambda db: (queries.sectors_with_counts(db), queries.facet_rows(db)),
    }


def reset_caches() -> None:
    try:
        from catalog import counts
    except ImportError:  # before issue 15: nothing is cached
        return
    counts.clear()


def explain(conn, statement: str, params, postgres: bool) -> list[str]:
    prefix = "EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " if postgres else "EXPLAIN QUERY PLAN "
    rows = conn.exec_driver_sql(prefix + statement, params).all()
    if postgres:
        return [r[0] for r in rows]
    return [f"{'  ' * (r[1] > 0)}{r[-1]}" for r in rows]


def recorder(seen: list):
    def record(_conn, _cursor, statement, params, _context, _many):
        seen.append((statement, params))
    return record


def measure(engine, sessions, rounds: int, only: str | None) -> None:
    postgres = engine.dialect.name == "postgresql"
    with sessions() as session:
        pages = scenarios(session)
    for name, run in pages.items():
        if only and only not in name:
            continue
        seen: list = []  # the statements of the cold run: every query the page may make
        record = recorder(seen)
        reset_caches()
        event.listen(engine, "before_cursor_execute", record)
        with sessions() as db:
            started = time.perf_counter()
            run(db)
            cold = (time.perf_counter() - started) * 1000
        event.remove(engine, "before_cursor_execute", record)
        warm = []
        for _ in range(rounds):
            with sessions() as db:
                started = time.perf_counter()
                run(db)
                warm.append((time.perf_counter() - started) * 1000)
        print(f"\n=== {name}: cold {cold:.1f} ms, warm median {statistics.median(warm):.1f} ms "
              f"(max {max(warm):.1f}), {len(seen)} statements cold")
        with engine.connect() as conn:
            for statement, params in seen:
                print("  SQL:", " ".join(statement.split())[:220])
                for line in explain(conn, statement, params, postgres):
                    print("     ", line)


def http(url: str, rounds: int, size: int, paths: list[str]) -> None:
    """Each page over HTTP from one gunicorn worker: p50 and p95 of ``rounds`` requests."""
    data_dir = tempfile.mkdtemp(prefix="page-plans-")
    env = {**os.environ, "DATABASE_URL": url, "PORTAL_DATA_DIR": data_dir, "SECRET_KEY": "bench"}
    root = Path(__file__).resolve().parents[1]
    server = subprocess.Popen([str(root / ".venv/bin/gunicorn"), "-w", "1", "-b", "127.0.0.1:8931",
                               "--timeout", "120", "portal:create_app()"],
                              cwd=root, env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # a minute for the server to start on a busy machine
            try:
                urllib.request.urlopen("http://127.0.0.1:8931/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        print(f"\nHTTP, {size} entries, {rounds} requests each (first one not counted)")
        print(f"{'path':50} {'p50 ms':>8} {'p95 ms':>8}")
        for path in paths:
            try:
                times = sorted([fetch("http://127.0.0.1:8931" + path) for _ in range(rounds + 1)][1:])
            except OSError as exc:  # e.g. the worker killed after gunicorn's timeout
                print(f"{path:50} failed: {exc}")
                continue
            p95 = times[max(0, int(len(times) * 0.95) - 1)]
            print(f"{path:50} {statistics.median(times):8.1f} {p95:8.1f}")
    finally:
        server.terminate()
        server.wait()


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=150) as resp:
        resp.read()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--db", required=True, help="an SQLite file path or a postgresql:// URL")
    parser.add_argument("--revision", default="head", help="migrate to this revision first")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="only the pages whose name contains this")
    parser.add_argument("--http", type=int, default=0, help="requests per page over HTTP (0: none)")
    args = parser.parse_args()

    from catalog import migrate
    from catalog.db import make_engine, make_session_factory

    url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    engine = make_engine(url)
    migrate.upgrade(engine, args.revision)
    sessions = make_session_factory(engine)
    build(sessions, args.size)
    analyse(engine)
    print(f"{engine.dialect.name}, {args.size} synthetic entries, revision "
          f"{migrate.current_revision(engine)}")
    measure(engine, sessions, args.rounds, args.only)
    if args.http:
        with sessions() as session:
            pages = [name.split()[0] for name in scenarios(session) if name.startswith("/")
                     and "(" not in name or "(deep)" in name]
        http(url, args.http, args.size, ["/", *pages])
    engine.dispose()


if __name__ == "__main__":
    main()
