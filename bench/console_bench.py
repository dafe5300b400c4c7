"""Speed of the bureau dashboard's JSON endpoints at the issue's size: 2,000
organisations, 5,000 lines, 10,000 needs, 50,000 inquiries of synthetic data
(bench/console_data.py) on a seeded database; each endpoint is requested
through the Flask test client as a signed-in bureau user, without and with
filters, and p50/p95/p99 printed. Target: p95 ≤ 300 ms. Asserts nothing.

    .venv/bin/python bench/console_bench.py [--url postgresql://postgres@127.0.0.1:5432/postgres] [--runs 30]

Without --url a SQLite file in a temporary folder is used. With a server
URL a throw-away database is created on it and dropped at the end.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.console_data import generate  # noqa: E402
from bench.match_bench import report  # noqa: E402

FIGURES = ("capacity", "catalogue", "funnel", "funnel_breakdown", "funnel_times", "results", "coverage")
QUERIES = ("", "?sector=cement", "?district=jiangbei&from=2025-01-01")
EMAIL, PASSWORD = "bench@bureau.test", "Lvse-ditan-2026!"


def database(url: str | None, folder: Path) -> tuple[str, Callable[[], None]]:
    """A fresh database URL and a function that drops it."""
    if url is None:
        return f"sqlite:///{folder / 'console.sqlite3'}", lambda: None
    from catalog.db import normalise_url

    server = normalise_url(url)
    name = f"console_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False), drop


def prepare(url: str, index_dir: Path) -> None:
    from tests.conftest import seed_database

    started = time.perf_counter()
    world = seed_database(url, index_dir)
    with world["sessions"]() as db:
        print("  generated", generate(db), f"in {time.perf_counter() - started:.0f} s (with the seed)")
    world["engine"].dispose()


def bench_user(url: str) -> None:
    from catalog.accounts import users
    from catalog.db import make_engine, make_session_factory

    engine = make_engine(url)
    with make_session_factory(engine)() as db:
        if users.by_email(db, EMAIL) is None:
            users.create_bureau_user(db, EMAIL, "性能测试", "bureau_admin", PASSWORD)
    engine.dispose()


def bench(url: str, index_dir: Path, data_dir: Path, runs: int, cache_size: int) -> None:
    """Every figure, the filters in turn. ``cache_size`` 0: each request
    computes its figure; otherwise figures are reused while the data is
    unchanged (the first request of each filter set computes)."""
    from portal import create_app

    app = create_app({"DATABASE_URL": url, "SEARCH_INDEX_DIR": str(index_dir),
                      "PORTAL_DATA_DIR": str(data_dir), "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SEARCH_WARM_START": False, "TESTING": True, "DASHBOARD_CACHE_SIZE": cache_size})
    client = app.test_client()
    assert client.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
    print("figures computed on every request" if not cache_size else
          "figures reused while the data is unchanged (first request per filter set computes)")
    paths = [(f"/bureau/dashboard/{name}.json", name) for name in FIGURES] + [("/bureau/dashboard", "page")]
    for path, _name in paths:
        samples = []
        for n in range(runs + 1):
            started = time.perf_counter()
            response = client.get(path + QUERIES[n % len(QUERIES)])
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            if n:  # the first request warms the connection and the search state
                samples.append(elapsed)
        report(path, samples)
    app.extensions["db_engine"].dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--prepared", metavar="INDEX_DIR",
                        help="--url is a database already seeded and generated, with this index")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.prepared:
            url, index, drop = args.url, Path(args.prepared), (lambda: None)
        else:
            (url, drop), index = database(args.url, folder), folder / "index"
        try:
            print(f"database: {make_url(url).get_backend_name()}")
            if not args.prepared:
                prepare(url, index)
            bench_user(url)
            for cache_size in (0, 256):
                bench(url, index, folder / f"data{cache_size}", args.runs, cache_size)
        finally:
            drop()


if __name__ == "__main__":
    main()
