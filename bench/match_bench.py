"""Matching speed. (1) The engine alone: ranking one need against 10,000
candidate technologies carrying 20,000 EMC offers (synthetic, in memory).
(2) The whole API call: POST /api/v1/match through the Flask test client on
an instance with the seed plus N synthetic technologies and the scale
profile's marketplace (``catalog.demo.scale``: two EMC offers per technology;
the labelled needs as requests). Prints figures; asserts nothing. Wall-clock
and CPU time (of this process) are both printed: on a shared machine the wall
clock also measures the other processes.

    .venv/bin/python bench/match_bench.py [--candidates 10000] [--technologies 10000]
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


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(round(p * (len(s) - 1))))]


def report(label: str, samples: list[float], cpu: list[float] | None = None) -> None:
    print(f"  {label:34} p50 {statistics.median(samples):7.1f}  p95 {pct(samples, 0.95):7.1f}  "
          f"p99 {pct(samples, 0.99):7.1f} ms  ({len(samples)} runs)")
    if cpu:
        print(f"  {'  CPU time':34} p50 {statistics.median(cpu):7.1f}  p95 {pct(cpu, 0.95):7.1f}  "
              f"p99 {pct(cpu, 0.99):7.1f} ms")


def timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def engine_bench(count: int, runs: int) -> None:
    from matching.scoring import Candidate, Need, OfferInfo, rank

    rng = random.Random(5)
    stages = ["clinker_burning", "raw_meal_grinding", "sintering", "glass_melting", "electrolysis"]
    models = ["shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease"]
    candidates = [
        Candidate(f"X-{n:05d}", "", "", rng.choice(["cement", "steel", "glass", "cross_cutting"]),
                  rng.choice(stages), rng.randint(4, 9), (rng.choice(["cement_clinker", "flat_glass"]),),
                  rng.random(), rng.choice([None, rng.uniform(1, 30)]),
                  rng.choice([None, rng.uniform(1e5, 1e8)]),
                  rng.random() < 0.3, rng.random() < 0.05,
                  tuple(OfferInfo(rng.choice(models), rng.uniform(1e5, 5e7), ("chongqing",),
                                  rng.random() < 0.7)
                        for _ in range(2)))
        for n in range(count)]
    need = Need(sector="cement", stage="clinker_burning", product="cement_clinker", gap_share=0.1,
                target_saving_pct=8, budget_cny=2e7, financing="any_emc", district="jiangbei")
    runs_ = [timed(lambda: rank(need, candidates)) for _ in range(runs)]
    print(f"engine: {count:,} candidates, {2 * count:,} offers")
    report("rank (top 10 explained)", [w for w, _c in runs_], [c for _w, c in runs_])


def api_bench(technologies: int, runs: int) -> None:
    import yaml

    from catalog import migrate, search
    from catalog.demo import scale
    from catalog.seed import load_all
    from portal import create_app

    work = Path(tempfile.mkdtemp(prefix="match-bench-"))
    # the rate limits guard the portal, not what this measures
    app = create_app({"PORTAL_DATA_DIR": str(work), "RATELIMIT_ENABLED": False,
                      "API_LIMIT_PER_IP": "1000000 per minute", "MATCH_LIMIT_PER_IP": "1000000 per minute"})
    with app.app_context():
        from portal.db import engine, get_session

        migrate.upgrade(engine())
        load_all(get_session())
        made = scale.build(get_session(), technologies, seed=1)  # with two EMC offers per technology
        search.rebuild(get_session(), app.config["SEARCH_INDEX_DIR"])
    needs = yaml.safe_load((ROOT / "tests/eval/needs.yaml").read_text("utf-8"))
    client = app.test_client()
    body = lambda n: {"text": n["text"], "process_stage": n.get("stage"),  # noqa: E731
                      "benchmark_product": n.get("product"), "unit_energy": n.get("unit_energy"),
                      "annual_output": n.get("annual_output"), "coal_price": 900, "electricity_price": 0.5}
    for n in needs[:5]:
        client.post("/api/v1/match", json=body(n))
    times, cpu = [], []
    for i in range(runs):
        t, c = time.perf_counter(), time.process_time()
        resp = client.post("/api/v1/match", json=body(needs[i % len(needs)]))
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    print(f"API: seed + {technologies:,} synthetic technologies, {made['EMC offers']:,} EMC offers")
    report("POST /api/v1/match", times, cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--technologies", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    engine_bench(args.candidates, args.runs)
    api_bench(args.technologies, args.runs * 2)


if __name__ == "__main__":
    main()
