"""Leads speed: ``catalog.pipeline.leads.leads_for`` for one supplier with
published listings on 10 technologies against 10,000 open needs of 500
enterprises (synthetic, on a fresh SQLite database with the seed catalogue
and its search index). "cold" empties the in-process memo of the needs'
text relevance before each run (the first call after a start or an index
change); "warm" is every later call. Prints figures; asserts nothing.

    .venv/bin/python bench/leads_bench.py [--needs 10000] [--runs 20]
"""
from __future__ import annotations

import argparse
import random
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
FILLER = "现有生产线运行多年，能耗偏高，希望通过技术改造降低单位产品能耗，并考虑合同能源管理方式。"


def build(work: Path, needs: int, seed: int):
    from sqlalchemy import select

    from catalog import migrate, search
    from catalog import models as m
    from catalog.db import make_engine, make_session_factory
    from catalog.seed import load_all

    engine = make_engine(f"sqlite:///{work / 'bench.sqlite3'}")
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    rng = random.Random(seed)
    with sessions() as db:
        load_all(db)
        search.rebuild(db, work / "index")
        districts = list(db.scalars(select(m.District.key)))
        stages = list(db.scalars(select(m.ProcessStage)))
        products = list(db.scalars(select(m.BenchmarkProduct)))
        sectors = {s.key: s for s in db.scalars(select(m.Sector))}
        techs = list(db.scalars(select(m.Technology).where(m.Technology.status == "published")
                                .order_by(m.Technology.code)).unique())
        supplier = m.Organisation(kind="supplier", name="基准测试供应商", district_key="jiangbei",
                                  status="verified")
        db.add(supplier)
        db.flush()
        by_sector = lambda key, n: [t for t in techs if t.sector_key == key][:n]  # noqa: E731
        chosen = by_sector("cement", 6) + by_sector("steel", 3) + by_sector("cross_cutting", 1)
        for n, tech in enumerate(chosen):
            db.add(m.Product(organisation_id=supplier.id, status="published", name_zh=f"产品{n}",
                             technologies=[tech], regions=["chongqing"]))
        orgs = []
        for n in range(500):
            org = m.Organisation(kind="enterprise", name=f"企业{n}", district_key=rng.choice(districts),
                                 status="verified")
            org.sectors = [sectors[rng.choice(["steel", "cement", "glass", "ceramics", "nonferrous"])]]
            orgs.append(org)
        db.add_all(orgs)
        db.flush()
        lines = []
        for org in orgs:
            for k in range(2):
                row = rng.choice(products)
                level = row.baseline or row.benchmark or 100
                lines.append(m.Facility(organisation_id=org.id, name=f"{org.name}{k}号线",
                                        product_key=row.key, annual_output=rng.uniform(1e5, 3e6),
                                        unit_energy=level * rng.uniform(0.9, 1.1),
                                        district_key=org.district_key))
        db.add_all(lines)
        db.flush()
        for n in range(needs):
            line = rng.choice(lines)
            text = "".join(rng.sample(WORDS, 3)) + FILLER
            db.add(m.Need(organisation_id=line.organisation_id,
                          facility_id=line.id if rng.random() < 0.7 else None,
                          title=f"需求{n}：{rng.choice(WORDS)}改造", description=text,
                          stage_key=rng.choice(stages).key if rng.random() < 0.8 else None,
                          target_saving_pct=rng.choice([None, 5, 10, 15]),
                          budget_cny=rng.choice([None, 5e6, 2e7]), financing=rng.choice(["any", "any_emc"]),
                          confidentiality=rng.choice(["public", "public", "anonymous", "bureau_only"]),
                          status=rng.choice(["open"] * 8 + ["in_negotiation", "closed"])))
        db.commit()
        return sessions, supplier.id, work / "index", [t.code for t in chosen]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    from catalog.pipeline import leads

    work = Path(tempfile.mkdtemp(prefix="leads-bench-"))
    started = time.perf_counter()
    sessions, supplier, index_dir, codes = build(work, args.needs, seed=7)
    print(f"built in {time.perf_counter() - started:.0f} s: {args.needs:,} needs, "
          f"supplier technologies {codes}")
    cold, warm = [], []
    found = 0
    for runs, samples, clear in ((args.cold_runs, cold, True), (args.runs, warm, False)):
        for _ in range(runs):
            if clear:  # the relevance memo and the decoded posting lists
                from catalog.search import relevance
                from catalog.search.state import reader_state

                relevance.forget()
                reader_state(index_dir).postings.clear()
            with sessions() as db:
                t = time.perf_counter()
                found = len(leads.leads_for(db, index_dir, supplier))
                samples.append((time.perf_counter() - t) * 1000)
    with sessions() as db:
        techs = list(leads.stock(db, supplier).technologies.values())
        pool = len(leads._candidate_needs(db, supplier, techs))
    print(f"pre-filtered needs {pool:,}, leads {found:,}")
    for label, samples in (("leads_for cold", cold), ("leads_for warm", warm)):
        print(f"  {label:18} p50 {statistics.median(samples):8.1f}  p95 {pct(samples, 0.95):8.1f} ms"
              f"  ({len(samples)} runs)")


if __name__ == "__main__":
    main()
