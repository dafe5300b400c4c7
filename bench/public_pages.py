"""Latency of the public pages and the search, measured in-process (Flask test
client) on a freshly set-up embedded default. Prints figures; asserts nothing.

    .venv/bin/python bench/public_pages.py [--rounds 50]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere

URLS = ["/", "/catalogue", "/catalogue?sector=cement&plan=1", "/catalogue?q=余热发电",
        "/catalogue?q=grate+cooler", "/technologies/CE-01", "/sectors/steel", "/benchmarks",
        "/api/v1/technologies?per_page=100", "/api/v1/technologies/NF-03", "/healthz"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    from catalog import migrate, search
    from catalog.search.analysis import jieba_module
    from catalog.seed import load_all
    from portal import create_app

    started = time.perf_counter()
    jieba_module()
    print(f"jieba + domain dictionary load: {(time.perf_counter() - started) * 1000:.0f} ms")

    data_dir = Path(tempfile.mkdtemp(prefix="bench-"))
    app = create_app({"PORTAL_DATA_DIR": str(data_dir)})
    with app.app_context():
        from portal.db import engine, get_session

        migrate.upgrade(engine())
        t0 = time.perf_counter()
        load_all(get_session())
        t1 = time.perf_counter()
        search.rebuild(get_session(), app.config["SEARCH_INDEX_DIR"])
        t2 = time.perf_counter()
    print(f"seed load: {(t1 - t0) * 1000:.0f} ms; index rebuild (75 docs): {(t2 - t1) * 1000:.0f} ms")

    client = app.test_client()
    print(f"{'url':45} {'p50 ms':>8} {'p95 ms':>8}")
    for url in URLS:
        client.get(url)  # warm caches
        times = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            resp = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert resp.status_code == 200, url
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"{url:45} {statistics.median(times):8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
