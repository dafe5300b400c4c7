"""Alert scan speed (``flask --app portal notify scan``) on synthetic data: the
seed catalogue, 1,000 saved searches, 2,000 open needs (texts of the labelled
needs), 200 suppliers each with one published product on two technologies.
Organisations and production lines come from ``bench/console_data.py``.
Prints the time of a first scan (everything recorded silently), a second one
with nothing new, and a third after 20 new products. Asserts nothing.

    .venv/bin/python bench/alerts_bench.py [--saved 1000 --needs 2000 --suppliers 200]
"""
from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.console_data import Generator  # noqa: E402
from catalog import models as m  # noqa: E402


def users(gen: Generator, orgs: list[int], kind: str) -> list[int]:
    """One active admin per organisation (the scan skips organisations without one)."""
    return gen._insert(m.User, [
        {"organisation_id": org, "email": f"{kind}{org}@alerts-bench.test", "name": f"用户{org}",
         "role": f"{kind}_admin", "password_hash": "-", "login_token": secrets.token_hex(32), "active": True}
        for org in orgs])


def needs(gen: Generator, count: int, enterprises: list[int], lines: list[tuple[int, int, str]]) -> None:
    texts = yaml.safe_load((ROOT / "tests/eval/needs.yaml").read_text("utf-8"))
    by_org: dict[int, list[int]] = {}
    for line, org, _sector in lines:
        by_org.setdefault(org, []).append(line)
    rows = []
    for n in range(count):
        item, org = texts[n % len(texts)], gen.rng.choice(enterprises)
        rows.append({"organisation_id": org, "facility_id": gen.rng.choice(by_org.get(org, [None])),
                     "title": f"需求{n}：{item['text'][:40]}", "description": item["text"],
                     "stage_key": item.get("stage"), "problem_type": "energy_efficiency", "financing": "any",
                     "confidentiality": "anonymous" if n % 5 == 0 else "public", "status": "open",
                     "created_at": gen.when(), "updated_at": gen.now})
    gen._insert(m.Need, rows)


def products(gen: Generator, suppliers: list[int], techs: list[int], tag: str = "") -> list[int]:
    rows = [{"organisation_id": org, "status": "published", "name_zh": f"合成{tag}产品{org}",
             "published_at": gen.now} for org in suppliers]
    ids = gen._insert(m.Product, rows)
    gen.s.execute(insert(m.product_technology), [
        {"product_id": pid, "technology_id": tid} for pid in ids for tid in gen.rng.sample(techs, 2)])
    return ids


def saved_searches(gen: Generator, count: int, owners: list[int]) -> None:
    queries = [q["q"] for q in yaml.safe_load((ROOT / "tests/eval/queries.yaml").read_text("utf-8"))]
    sectors = ["steel", "cement", "glass", "nonferrous", "ceramics"]
    rows = []
    for n in range(count):
        q, kind = gen.rng.choice(queries), n % 5
        params = ({"q": q} if kind < 2 else {"q": q, "type": "product"} if kind == 2
                  else {"q": q, "sort": "newest"} if kind == 3 else {"sector": gen.rng.choice(sectors)})
        rows.append({"user_id": gen.rng.choice(owners), "name": q, "alert": True,
                     "scope": "catalogue" if kind == 4 else "search", "params": params,
                     "created_at": gen.now})
    gen.s.execute(insert(m.SavedSearch), rows)


def timed(label: str, session, index_dir: Path) -> None:
    from catalog.alerts import scan

    started = time.perf_counter()
    report = scan.run(session, index_dir, datetime.now(UTC))
    print(f"{label}: {time.perf_counter() - started:.1f} s")
    for line in report.lines():
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saved", type=int, default=1000)
    parser.add_argument("--needs", type=int, default=2000)
    parser.add_argument("--suppliers", type=int, default=200)
    args = parser.parse_args()
    from catalog import migrate, search
    from catalog.search.documents import product_key
    from catalog.search.tasks import enqueue
    from catalog.seed import load_all
    from portal import create_app

    work = Path(tempfile.mkdtemp(prefix="alerts-bench-"))
    app = create_app({"PORTAL_DATA_DIR": str(work)})
    index_dir = Path(app.config["SEARCH_INDEX_DIR"])
    with app.app_context():
        from portal.db import engine, get_session

        migrate.upgrade(engine())
        session = get_session()
        load_all(session)
        gen = Generator(session, seed=3)
        enterprises, suppliers = gen.organisations(-(-args.suppliers * 10 // 3))
        suppliers = suppliers[:args.suppliers]
        lines = gen.facilities(args.needs // 2, enterprises)
        owners = users(gen, enterprises, "enterprise") + users(gen, suppliers, "supplier")
        techs = list(session.scalars(select(m.Technology.id).where(m.Technology.status == "published")))
        needs(gen, args.needs, enterprises, lines)
        products(gen, suppliers, techs)
        saved_searches(gen, args.saved, owners)
        session.commit()
        search.rebuild(session, index_dir)
        print(f"{args.saved:,} saved searches, {args.needs:,} open needs, {len(suppliers)} suppliers, "
              f"{len(techs)} technologies ({engine().dialect.name})")
        timed("first scan (all recorded silently)", session, index_dir)
        timed("second scan (nothing new)", session, index_dir)
        for product_id in products(gen, gen.rng.sample(suppliers, 20), techs, tag="新"):
            enqueue(session, "product", product_key(product_id))
        session.commit()
        search.sync(session, index_dir)
        timed("third scan (20 new products)", session, index_dir)


if __name__ == "__main__":
    main()
