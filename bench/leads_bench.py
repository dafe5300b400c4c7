"""Leads speed: one supplier with published products on 10 technologies
against 10,000 needs (80 % open) of 500 enterprises, on a fresh SQLite
database with the seed catalogue and its index, built with the scale
profile's builders (``catalog.demo``).

Measures (1) scoring the supplier's leads as the alert scan does and stores
them (``lead_store.refresh_supplier``; "cold" empties the in-process memo of
the needs' text relevance and the decoded postings first), (2) the leads
page as it is now: ``GET /supplier/leads`` through the Flask test client,
reading the stored rows, and the API ``GET /api/v1/leads`` (every lead),
(3) refreshing one need's leads for every supplier (posting or editing it).
Prints figures; asserts nothing.

    .venv/bin/python bench/leads_bench.py [--needs 10000] [--runs 20]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.match_bench import pct  # noqa: E402

WORDS = ["篦冷机", "预热器", "分解炉", "余热发电", "熟料热耗", "烧结", "高炉", "转炉", "煤气回收", "电解槽",
         "熔窑", "全氧燃烧", "辊压机", "立磨", "变频", "空压机", "余热锅炉", "窑尾", "二次风温", "电耗",
         "waste heat", "grate cooler", "oxy-fuel", "burner", "kiln", "motor", "compressed air"]
FILLER = "现有生产线运行多年，能耗偏高，希望通过技术改造降低单位产品能耗，并考虑合同能源管理。"
PASSWORD = "leads-bench-2026"


def build(work: Path, needs: int, seed: int):
    """The database and index; (sessions, supplier id, index folder, codes, supplier e-mail)."""
    from sqlalchemy import select

    from catalog import migrate, search
    from catalog import models as m
    from catalog.accounts.passwords import hash_password
    from catalog.db import make_engine, make_session_factory
    from catalog.demo import market, parties
    from catalog.demo.scale import Scale
    from catalog.seed import load_all

    engine = make_engine(f"sqlite:///{work / 'bench.sqlite3'}")
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions() as db:
        load_all(db)
        search.rebuild(db, work / "index")
        scale = Scale(db, seed)
        b = scale.b
        by_sector = lambda key, n: [t.code for t in b.ref.technologies if t.sector_key == key][:n]  # noqa: E731
        codes = by_sector("cement", 6) + by_sector("steel", 3) + by_sector("cross_cutting", 1)
        code = parties.uscc("91500000DB0000001")
        row = parties.organisation(b, "supplier", "基准测试供应商", code, "jiangbei")
        supplier = parties.add_organisations(b, [row], [("cement",)])[0]
        email = "supplier@leads-bench.example"
        parties.add_users(b, [parties.user(supplier, email, "基准", "supplier_admin", hash_password(PASSWORD),
                                           b.now)])
        market.add_products(b, [market.product(b, supplier, f"产品{n}", stage=b.ref.by_code[c].stage_key,
                                               price_wan=(100, 300), description="基准测试用的合成产品。")
                                for n, c in enumerate(codes)], [(c,) for c in codes])
        enterprises = scale.organisations("enterprise", 500, users=False)
        lines = scale.lines(enterprises, 1000)
        stages = list(db.scalars(select(m.ProcessStage.key)))
        texts = [(f"需求{n}：{b.rng.choice(WORDS)}改造", "".join(b.rng.sample(WORDS, 3)) + FILLER,
                  b.rng.choice(stages) if b.rng.random() < 0.8 else None) for n in range(needs)]
        scale.needs(needs, lines, [org for org, _ in enterprises], texts=texts,
                    statuses={"open": 8, "in_negotiation": 1, "closed": 1},
                    confidentiality={"public": 2, "anonymous": 1, "bureau_only": 1})
        db.commit()
    return sessions, supplier, work / "index", codes, email


def timed(samples: list[float], call) -> object:
    started = time.perf_counter()
    out = call()
    samples.append((time.perf_counter() - started) * 1000)
    return out


def line(label: str, samples: list[float]) -> None:
    print(f"  {label:34} p50 {statistics.median(samples):8.1f}  p95 {pct(samples, 0.95):8.1f} ms"
          f"  ({len(samples)} runs)")


def forget(index_dir: Path) -> None:
    """The relevance memo and the decoded posting lists (a cold start)."""
    from catalog.search import relevance
    from catalog.search.state import reader_state

    relevance.forget()
    state = reader_state(index_dir)
    if state is not None and hasattr(state, "postings"):
        state.postings.clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    from catalog.pipeline import lead_store

    work = Path(tempfile.mkdtemp(prefix="leads-bench-"))
    started = time.perf_counter()
    sessions, supplier, index_dir, codes, email = build(work, args.needs, seed=7)
    print(f"built in {time.perf_counter() - started:.0f} s: {args.needs:,} needs, "
          f"supplier technologies {codes}")
    samples: dict[str, list[float]] = {"cold": [], "warm": []}
    for runs, kind in ((args.cold_runs, "cold"), (args.runs, "warm")):
        for _ in range(runs):
            if kind == "cold":
                forget(index_dir)
            with sessions() as db:
                found = timed(samples[kind],
                              lambda db=db: lead_store.refresh_supplier(db, index_dir, supplier))
                db.commit()
    print(f"stored leads {len(found):,}")
    line("score and store (scan) cold", samples["cold"])
    line("score and store (scan) warm", samples["warm"])
    page_bench(work, index_dir, email, args.runs)
    need_bench(sessions, index_dir, args.runs)


def page_bench(work: Path, index_dir: Path, email: str, runs: int) -> None:
    from portal import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "PORTAL_DATA_DIR": str(work),
                      "SEARCH_INDEX_DIR": str(index_dir), "SECRET_KEY": "leads-bench",
                      "WTF_CSRF_ENABLED": False, "SEARCH_WARM_START": False,
                      "FORM_LIMIT_PER_IP": "100000 per minute"})
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    for label, url in (("GET /supplier/leads", "/supplier/leads"), ("GET /supplier/leads?page=50",
                                                                    "/supplier/leads?page=50"),
                       ("GET /api/v1/leads (all)", "/api/v1/leads")):
        samples: list[float] = []
        forget(index_dir)
        for _ in range(runs):
            response = timed(samples, lambda url=url: client.get(url))
            assert response.status_code == 200, response.status_code
        line(label, samples)


def need_bench(sessions, index_dir: Path, runs: int) -> None:
    from sqlalchemy import select

    from catalog import models as m
    from catalog.pipeline import lead_store

    samples: list[float] = []
    with sessions() as db:
        ids = list(db.scalars(select(m.Need.id).where(m.Need.status == "open").limit(runs)))
        for need_id in ids:
            timed(samples, lambda need_id=need_id: lead_store.refresh_need(db, index_dir, need_id))
            db.commit()
    line("refresh one need (post or edit)", samples)


if __name__ == "__main__":
    main()
