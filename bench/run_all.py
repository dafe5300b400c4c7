"""The whole bench suite in one command (issue 15): build a catalogue of N
entries with the scale profile of ``flask demo-data`` (organisations, lines,
needs, products, EMC offers, inquiries), start gunicorn ``--preload -w 3`` and
measure over HTTP every public page, search (HTML and API, first-seen and
warm words), the match API, the supplier's leads, the bureau's dashboard, a
mixed public load with ``wrk`` and the workers' memory (PSS); then the
in-process search ratios against FTS5 (``bench/search_bench.py``).
Prints a table; asserts nothing.

    python3 bench/run_all.py --size 10000                 # SQLite + Whoosh
    python3 bench/run_all.py --size 10000 --db postgresql://postgres@127.0.0.1:5432
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv/bin/python"
if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parents[1].resolve():
    # `python3 bench/run_all.py` from the README: the portal's packages live in the project's virtualenv
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
sys.path.insert(0, str(ROOT))

from bench.http_load import Client, Server, Timing, pss_mib, time_requests, wrk_mixed  # noqa: E402

BENCH_PASSWORD = "bench-password-2026"


def flask(env: dict[str, str], *args: str) -> str:
    out = subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "portal", *args], cwd=ROOT,
                         env={**os.environ, **env}, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def database(args) -> tuple[dict[str, str], Path]:
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix=f"bench-{args.size}-"))
    # The bench measures the pages, not the abuse limits: raise them far out of the way.
    unlimited = "1000000 per minute"
    env = {"PORTAL_DATA_DIR": str(data_dir), "PORTAL_ENV": "development",
           "PUBLIC_LIMIT_PER_IP": unlimited, "API_LIMIT_PER_IP": unlimited,
           "MATCH_LIMIT_PER_IP": unlimited, "FORM_LIMIT_PER_IP": unlimited}
    if args.db.startswith("postgresql"):
        name = args.database or f"bench_{args.size}_{os.getpid()}"
        if not args.database:
            subprocess.run(["psql", args.db + "/postgres", "-q", "-c", f'CREATE DATABASE "{name}"'],
                           check=True)
        env["DATABASE_URL"] = f"{args.db}/{name}"
        print(f"database: {name}")
    return env, data_dir


def build(env: dict[str, str], size: int, needs: int | None = None, scoring: bool = True) -> dict[str, float]:
    """Schema, seed, N entries with their marketplace, one bench account per role."""
    times = {}
    started = time.perf_counter()
    flask(env, "setup")
    times["setup (schema, seed, index of the seed)"] = time.perf_counter() - started
    started = time.perf_counter()
    extra = ["--needs", str(needs)] if needs is not None else []
    print(flask(env, "demo-data", "--technologies", str(size), "--profile", "scale", *extra).strip())
    times[f"demo-data --technologies {size} (rows and index build)"] = time.perf_counter() - started
    flask(env, "users", "create-bureau", "--email", "bench-bureau@example.org", "--name", "bench",
          "--role", "admin", "--password", BENCH_PASSWORD)
    if scoring:
        started = time.perf_counter()
        flask(env, "console", "score-needs")
        times["console score-needs (each need's best match)"] = time.perf_counter() - started
    return times


def bench_accounts(env: dict[str, str], leads: bool = True) -> dict[str, str]:
    """A supplier account on the supplier with the most offers, and some codes and words."""
    os.environ.update(env)
    from sqlalchemy import func, select

    from catalog import models as m
    from catalog.accounts import passwords
    from portal import create_app
    from portal.db import get_session

    app = create_app()
    with app.app_context():
        db = get_session()
        org_id = db.scalar(select(m.EmcOffer.organisation_id).group_by(m.EmcOffer.organisation_id)
                           .order_by(func.count().desc()).limit(1))
        email = "bench-supplier@example.org"
        if db.scalar(select(m.User.id).where(m.User.email == email)) is None:
            db.add(m.User(organisation_id=org_id, email=email, name="bench", role="supplier_admin",
                          password_hash=passwords.hash_password(BENCH_PASSWORD),
                          login_token=os.urandom(32).hex()))
            db.commit()
        # The leads page reads stored rows: score this supplier's leads as the scan would
        # (the scale profile stores none unless asked; every supplier's at 10k takes ~37 min).
        from catalog.pipeline import lead_store

        have = select(func.count()).select_from(m.StoredLead).where(m.StoredLead.organisation_id == org_id)
        if leads and not db.scalar(have):
            started = time.perf_counter()
            stored = lead_store.refresh_supplier(db, Path(app.config["SEARCH_INDEX_DIR"]), org_id)
            db.commit()
            print(f"bench supplier's leads: {len(stored):,} stored in {time.perf_counter() - started:.1f} s")
        codes = list(db.scalars(select(m.Technology.code).where(m.Technology.status == "published")))
        words = sorted({w for kws in db.scalars(select(m.Technology.keywords_zh).limit(5000))
                        for w in kws if 1 < len(w) < 12})
    return {"supplier": email, "codes": codes, "words": words}


def public_timings(client: Client, facts: dict, rounds: int) -> list[Timing]:
    rng = random.Random(7)
    codes, words = facts["codes"], facts["words"]
    first_seen = rng.sample(words, min(len(words), rounds))
    warm = rng.sample(words, 5)
    pages = {
        "/": ["/"], "/catalogue": ["/catalogue"],
        "/catalogue (facets)": ["/catalogue?sector=cement&plan=1", "/catalogue?sector=steel&maturity=mature",
                                "/catalogue?stage=clinker_burning"],
        "/catalogue (deep page)": [f"/catalogue?page={p}" for p in (50, 200, 400)],
        "/catalogue (sort payback)": ["/catalogue?sort=payback"],
        "/technologies/<code>": [f"/technologies/{c}" for c in rng.sample(codes, rounds)],
        "/sectors/<key>": ["/sectors/cement", "/sectors/steel", "/sectors/glass"],
        "/benchmarks": ["/benchmarks"], "/announcements": ["/announcements"],
        "/search (warm)": [f"/search?q={quote(w)}" for w in warm],
        "/search (first-seen)": [f"/search?q={quote(w)}" for w in first_seen],
        "/api/v1/search (first-seen)": [f"/api/v1/search?q={quote(w)}" for w in rng.sample(words, rounds)],
        "/api/v1/technologies": ["/api/v1/technologies?per_page=100"],
    }
    out = []
    for label, urls in pages.items():
        paths = [urls[i % len(urls)] for i in range(rounds)]
        out.append(time_requests(client, label, paths))
    return out


MATCH_NEEDS = [
    {"sector": "cement", "benchmark_product": "cement_clinker", "unit_energy": 112,
     "annual_output": 1_000_000, "fuel": "coal", "text": "篦冷机热回收效率低，二次风温上不去"},
    {"sector": "glass", "benchmark_product": "flat_glass_500_800td", "unit_energy": 13,
     "annual_output": 8_000_000, "fuel": "natural_gas", "text": "熔窑天然气单耗高，想降低能耗"},
    {"sector": "steel", "text": "电炉冶炼电耗偏高，废钢预热", "annual_output": 600_000},
]


def signed_in_timings(port: int, facts: dict, rounds: int, leads: bool = True) -> list[Timing]:
    out = []
    supplier = Client(port)
    if leads and supplier.sign_in(facts["supplier"], BENCH_PASSWORD):
        out.append(time_requests(supplier, "/supplier/leads", ["/supplier/leads"] * rounds))
    bureau = Client(port)
    if bureau.sign_in("bench-bureau@example.org", BENCH_PASSWORD):
        out.append(time_requests(bureau, "/bureau/dashboard", ["/bureau/dashboard"] * rounds))
    api = Client(port)
    out.append(time_requests(api, "POST /api/v1/match", ["/api/v1/match"],
                             payloads=[MATCH_NEEDS[i % len(MATCH_NEEDS)] for i in range(rounds)]))
    return out


def load_groups(facts: dict) -> list[list[str]]:
    rng = random.Random(11)
    return [["/"],
            [f"/catalogue?sector={s}&page={p}" for s in ("cement", "steel", "glass", "nonferrous")
             for p in (1, 2, 3)],
            [f"/technologies/{c}" for c in rng.sample(facts["codes"], min(2000, len(facts["codes"])))],
            [f"/search?q={quote(w)}" for w in rng.sample(facts["words"], min(2000, len(facts["words"])))]]


def report(args, build_times: dict, timings: list[Timing], load, pss: list[float], search_out: str) -> None:
    backend = "PostgreSQL" if args.db.startswith("postgresql") else "SQLite"
    print(f"\n## Bench, {args.size:,} entries, {backend}"
          f" — {datetime.now():%Y-%m-%d %H:%M}, {platform.node()}, {os.cpu_count()} cores\n")
    for label, seconds in build_times.items():
        print(f"- {label}: {seconds:.0f} s")
    print("\n| request | n | p50 ms | p95 ms | statuses |\n|---|---|---|---|---|")
    for t in timings:
        print(f"| {t.label} | {len(t.samples)} | {t.p50:.1f} | {t.p95:.1f} | {t.statuses} |")
    if load:
        lat = ", ".join(f"p{k} {v:.0f} ms" for k, v in load.latency_ms.items())
        print(f"\nMixed load (wrk, {args.connections} connections, {args.seconds} s, -w {args.workers}): "
              f"{load.requests_per_s:.1f} requests/s; {lat}; socket errors {load.errors}, "
              f"non-2xx/3xx {load.non_2xx}")
    print(f"Worker PSS after the load: {', '.join(f'{p:.0f}' for p in pss)} MiB")
    if search_out:
        print("\nIn-process search against FTS5 (bench/search_bench.py):\n")
        print(search_out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--db", default="sqlite",
                        help="sqlite, or a PostgreSQL server URL without a database")
    parser.add_argument("--data-dir", help="reuse a data folder built by an earlier run (skips the build)")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--database", help="PostgreSQL: reuse this database built by an earlier run "
                                          "(with --data-dir)")
    parser.add_argument("--skip-search-ratio", action="store_true")
    parser.add_argument("--needs", type=int, help="needs to build (default: as many as entries; the issue's "
                                                   "leads page has 10,000)")
    parser.add_argument("--skip-leads", action="store_true",
                        help="neither store the bench supplier's leads nor time its leads page")
    parser.add_argument("--skip-scoring", action="store_true",
                        help="no `console score-needs` after the build (the funnel stays unscored)")
    args = parser.parse_args()

    env, data_dir = database(args)
    if args.database and not args.data_dir:
        parser.error("--database needs the --data-dir of the same earlier run")
    build_times = {} if args.data_dir else build(env, args.size, args.needs, not args.skip_scoring)
    print(f"data folder: {data_dir}")
    facts = bench_accounts(env, leads=not args.skip_leads)
    server = Server(env, workers=args.workers)
    server.start()
    try:
        client = Client(server.port)
        timings = public_timings(client, facts, args.rounds) + signed_in_timings(
            server.port, facts, 20, leads=not args.skip_leads)
        load = wrk_mixed(server.port, load_groups(facts), args.connections, args.seconds)
        pss = [pss_mib(pid) for pid in server.worker_pids()]
    finally:
        server.stop()
    # the FTS5 baseline and Whoosh always; the PostgreSQL backend too on a PostgreSQL run
    ratio = [sys.executable, str(ROOT / "bench/search_bench.py"), "--sizes", str(args.size)]
    if args.db.startswith("postgresql"):
        ratio += ["--postgres", args.db + "/postgres"]
    search_out = "" if args.skip_search_ratio else subprocess.run(
        ratio, cwd=ROOT, capture_output=True, text=True).stdout
    report(args, build_times, timings, load, pss, search_out)


if __name__ == "__main__":
    main()
