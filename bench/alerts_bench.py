"""Alert scan speed (``flask --app portal notify scan``) on synthetic data: the
seed catalogue, 1,000 saved searches, 2,000 open needs (texts of the labelled
needs), 200 suppliers each with one published product on two technologies.
Organisations (one user each), lines and needs come from the scale
profile's builders (``catalog.demo``).
Prints the time of a first scan (everything recorded silently), a second one
with nothing new, and a third after 20 new products. Asserts nothing.

    .venv/bin/python bench/alerts_bench.py [--saved 1000 --needs 2000 --suppliers 200]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalog import models as m  # noqa: E402
from catalog.demo import market  # noqa: E402
from catalog.demo.scale import Scale  # noqa: E402


def needs(scale: Scale, count: int, enterprises: list[int], lines: list[tuple[int, int, str]]) -> None:
    """Open needs with the labelled needs' texts, one in five anonymous."""
    texts = [(f"需求：{item['text'][:40]}", item["text"], item.get("stage"))
             for item in yaml.safe_load((ROOT / "tests/eval/needs.yaml").read_text("utf-8"))]
    scale.needs(count, lines, enterprises, statuses={"open": 1},
                confidentiality={"public": 4, "anonymous": 1}, texts=texts)


def products(scale: Scale, suppliers: list[int], codes: list[str], tag: str = "") -> list[int]:
    """One published product per supplier on two random technologies."""
    b = scale.b
    chosen = [tuple(b.rng.sample(codes, 2)) for _ in suppliers]
    rows = [market.product(b, org, f"合成{tag}产品{org}", stage=b.ref.by_code[pair[0]].stage_key,
                           price_wan=(100, 300), description="基准测试用的合成产品。")
            for org, pair in zip(suppliers, chosen, strict=True)]
    return market.add_products(b, rows, chosen)


def saved_searches(scale: Scale, count: int, owners: list[int]) -> None:
    queries = [q["q"] for q in yaml.safe_load((ROOT / "tests/eval/queries.yaml").read_text("utf-8"))]
    sectors = ["steel", "cement", "glass", "nonferrous", "ceramics"]
    rng, rows = scale.b.rng, []
    for n in range(count):
        q, kind = rng.choice(queries), n % 5
        params = ({"q": q} if kind < 2 else {"q": q, "type": "product"} if kind == 2
                  else {"q": q, "sort": "newest"} if kind == 3 else {"sector": rng.choice(sectors)})
        rows.append({"user_id": rng.choice(owners), "name": q, "alert": True,
                     "scope": "catalogue" if kind == 4 else "search", "params": params,
                     "created_at": scale.b.now})
    scale.s.execute(insert(m.SavedSearch), rows)


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
        scale = Scale(session, seed=3)
        suppliers = [org for org, _ in scale.organisations("supplier", args.suppliers)]
        enterprises = scale.organisations("enterprise", -(-args.suppliers * 7 // 3))
        lines = scale.lines(enterprises, args.needs // 2)
        codes = [t.code for t in scale.b.ref.technologies]
        needs(scale, args.needs, [org for org, _ in enterprises], lines)
        products(scale, suppliers, codes)
        owners = list(session.scalars(select(m.User.id)))
        saved_searches(scale, args.saved, owners)
        session.commit()
        search.rebuild(session, index_dir)
        print(f"{args.saved:,} saved searches, {args.needs:,} open needs, {len(suppliers)} suppliers, "
              f"{len(codes)} technologies ({engine().dialect.name})")
        timed("first scan (all recorded silently)", session, index_dir)
        timed("second scan (nothing new)", session, index_dir)
        for product_id in products(scale, scale.b.rng.sample(suppliers, 20), codes, tag="新"):
            enqueue(session, "product", product_key(product_id))
        session.commit()
        search.sync(session, index_dir)
        timed("third scan (20 new products)", session, index_dir)


if __name__ == "__main__":
    main()
