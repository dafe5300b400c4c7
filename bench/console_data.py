"""Synthetic data for the bureau dashboard: organisations, production lines,
needs (with match scores), inquiries with their pipeline events, contracts
and follow-ups, with a plausible spread of statuses over the last two years.
Bulk inserts (executemany with RETURNING, so PostgreSQL sequences stay right);
the full size takes a few minutes on a 2-core machine.

The database must be migrated and seeded first (reference data and the
catalogue: ``flask --app portal setup``). Use a database of its own.

    .venv/bin/python bench/console_data.py sqlite:////tmp/console.sqlite3 \
        [--organisations 2000 --facilities 5000 --needs 10000 --inquiries 50000 --seed 1]
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from catalog import models as m  # noqa: E402

NEED_STATUSES = {"draft": 5, "open": 50, "in_negotiation": 15, "contracted": 12, "closed": 12, "withdrawn": 6}
# where an inquiry is now; "lost" ones were lost after a random earlier step
INQUIRY_STATUSES = {"sent": 22, "replied": 14, "site_survey": 9, "proposal": 10, "contracted": 9,
                    "implemented": 7, "closed": 5, "lost": 24}
PATH = ("sent", "replied", "site_survey", "proposal", "contracted", "implemented", "closed")
PROBLEMS = ("energy_efficiency", "waste_heat", "fuel_substitution", "raw_material", "electrification",
            "process_upgrade", "digital")
MODELS = ("self_funded", "shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease",
          "hybrid")
PREFIX = "SYN"


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Generator:
    def __init__(self, session: Session, seed: int, now: datetime | None = None):
        self.s, self.rng = session, random.Random(seed)
        self.now = now or datetime.now(UTC)
        self.districts = list(session.scalars(select(m.District.key).where(m.District.kind != "outside")))
        self.levels = list(session.execute(select(
            m.BenchmarkProduct.key, m.BenchmarkProduct.sector_key, m.BenchmarkProduct.benchmark,
            m.BenchmarkProduct.baseline)))
        self.stages = {}
        for key, sector in session.execute(select(m.ProcessStage.key, m.ProcessStage.sector_key)):
            self.stages.setdefault(sector, []).append(key)
        self.techs = list(session.scalars(select(m.Technology.id)))

    def when(self, days_back: int = 730) -> datetime:
        return self.now - timedelta(days=self.rng.uniform(1, days_back))

    def _insert(self, model, rows: list[dict]) -> list[int]:
        """Bulk insert; the new ids in the rows' order (sequences stay right on PostgreSQL)."""
        stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
        ids = list(self.s.scalars(stmt, rows))
        for row, ident in zip(rows, ids, strict=True):
            row["id"] = ident
        return ids

    def organisations(self, count: int) -> tuple[list[int], list[int]]:
        rows, tag = [], self.rng.randrange(10**9)
        for n in range(count):
            kind = "supplier" if n % 10 < 3 else "enterprise"
            rows.append({"kind": kind, "name": f"合成{'供应商' if kind == 'supplier' else '企业'}{n:05d}",
                         "uscc": f"{PREFIX}{tag:09d}{n:06d}", "district_key": self.rng.choice(self.districts),
                         "status": "verified" if self.rng.random() < 0.9 else "pending",
                         "created_at": self.when(900), "contact_name": "", "contact_mobile": "",
                         "contact_email": "", "status_reason": ""})
        self._insert(m.Organisation, rows)
        return ([r["id"] for r in rows if r["kind"] == "enterprise"],
                [r["id"] for r in rows if r["kind"] == "supplier"])

    def facilities(self, count: int, enterprises: list[int]) -> list[tuple[int, int, str]]:
        rows = []
        for n in range(count):
            key, _sector, bench, base = self.rng.choice(self.levels)
            ref = bench if bench is not None else base
            unit = None
            if ref is not None and self.rng.random() < 0.9:
                spread = abs(ref) * 0.25 or 5.0
                unit = round(ref + self.rng.uniform(-0.5, 1.5) * spread, 3)
            rows.append({"organisation_id": self.rng.choice(enterprises), "name": f"产线{n}",
                         "product_key": key, "capacity": round(self.rng.uniform(5e4, 3e6), -3),
                         "annual_output": round(self.rng.uniform(4e4, 2.5e6), -3), "unit_energy": unit,
                         "district_key": self.rng.choice(self.districts) if self.rng.random() < 0.3 else None,
                         "created_at": self.when(900), "updated_at": self.now})
        self._insert(m.Facility, rows)
        sectors = dict((p[0], p[1]) for p in self.levels)
        return [(r["id"], r["organisation_id"], sectors[r["product_key"]]) for r in rows]

    def needs(self, count: int, lines: list[tuple[int, int, str]], enterprises: list[int]) -> list[tuple]:
        rows = []
        for n in range(count):
            created = self.when()
            if self.rng.random() < 0.85:
                line, org, sector = self.rng.choice(lines)
            else:
                line, org, sector = None, self.rng.choice(enterprises), self.rng.choice(list(self.stages))
            scored = self.rng.random() < 0.9
            rows.append({"organisation_id": org, "facility_id": line, "title": f"改造需求{n}",
                         "description": "", "stage_key": self.rng.choice(self.stages.get(sector) or [None]),
                         "problem_type": self.rng.choice(PROBLEMS), "financing": "any",
                         "confidentiality": "public", "status": _pick(self.rng, NEED_STATUSES),
                         "best_score": round(self.rng.betavariate(3, 3), 3) if scored else None,
                         "match_count": self.rng.randint(0, 10) if scored else None,
                         "scored_at": created if scored else None, "created_at": created,
                         "updated_at": created})
        self._insert(m.Need, rows)
        return [(r["id"], r["organisation_id"], r["created_at"]) for r in rows if r["status"] != "draft"]

    def products(self, suppliers: list[int]) -> dict[int, int]:
        """One published product per supplier, for inquiries that are not about a need."""
        rows = [{"organisation_id": org, "status": "published", "name_zh": f"合成产品{org}"}
                for org in suppliers]
        return dict(zip(suppliers, self._insert(m.Product, rows), strict=True))

    def inquiries(self, count: int, needs: list[tuple], enterprises: list[int], suppliers: list[int]) -> None:
        rows, events, follow = [], [], []
        products = self.products(suppliers)
        for n in range(count):
            supplier = self.rng.choice(suppliers)
            if self.rng.random() < 0.75:
                need, org, posted = self.rng.choice(needs)
                created = min(posted + timedelta(days=self.rng.uniform(0.5, 40)),
                              self.now - timedelta(hours=1))
            else:
                need, org, created = None, self.rng.choice(enterprises), self.when()
            status = _pick(self.rng, INQUIRY_STATUSES)
            row = {"enterprise_id": org, "supplier_id": supplier, "need_id": need,
                   "product_id": None if need else products[supplier],
                   "technology_id": self.rng.choice(self.techs), "subject": f"对接{n}",
                   "origin": "enterprise",
                   "identity_revealed": True, "status": status, "created_at": created, "updated_at": created,
                   "contract_model": None, "contract_value_cny": None, "expected_saving_tce": None,
                   "expected_co2_t": None, "measured_saving_tce": None, "lost_reason": None,
                   **dict.fromkeys(m.REACHED_AT.values())}
            steps, at = self._path(status), created
            for before, after in zip((None, *steps), steps, strict=False):
                if before is not None:
                    at = at + timedelta(days=self.rng.uniform(1, 60))
                events.append({"inquiry_id": n, "side": "enterprise", "from_status": before,
                               "to_status": after, "detail": {}, "at": min(at, self.now)})
                if after in m.REACHED_AT and row[m.REACHED_AT[after]] is None:  # as the pipeline does
                    row[m.REACHED_AT[after]] = min(at, self.now)
            self._contract(row, n, steps, follow)
            rows.append(row)
        ids = self._insert(m.Inquiry, rows)
        for item in (*events, *follow):
            item["inquiry_id"] = ids[item["inquiry_id"]]
        self.s.execute(insert(m.InquiryEvent), events)
        if follow:
            self.s.execute(insert(m.FollowUp), follow)

    def _path(self, status: str) -> list[str]:
        if status != "lost":
            steps = list(PATH[:PATH.index(status) + 1])
        else:
            steps = list(PATH[:self.rng.randint(1, 5)]) + ["lost"]
        if "site_survey" in steps and self.rng.random() < 0.3 and steps[-1] != "site_survey":
            steps.remove("site_survey")  # replied → proposal directly
        return steps

    def _contract(self, row: dict, n: int, steps: list[str], follow: list[dict]) -> None:
        if "contracted" not in steps or steps[-1] == "lost":
            if steps[-1] == "lost":
                row["lost_reason"] = self.rng.choice(("price", "technical_fit", "financing", "timing"))
            return
        tce = round(self.rng.uniform(200, 20000), 1)
        row.update(contract_model=self.rng.choice(MODELS),
                   contract_value_cny=round(tce * self.rng.uniform(800, 3000), -2),
                   expected_saving_tce=tce, expected_co2_t=round(tce * 2.66, 1))
        if "implemented" in steps and self.rng.random() < 0.7:
            row["measured_saving_tce"] = round(tce * self.rng.uniform(0.6, 1.1), 1)
        if "closed" in steps and self.rng.random() < 0.8:
            achieved = round(tce * self.rng.uniform(0.5, 1.05), 1)
            follow.append({"inquiry_id": n, "achieved_saving_tce": achieved,
                           "satisfaction": self.rng.randint(2, 5), "comment": "",
                           "answered_at": self.now - timedelta(days=self.rng.uniform(1, 60))})


def generate(session: Session, organisations: int = 2000, facilities: int = 5000, needs: int = 10000,
             inquiries: int = 50000, seed: int = 1, today: date | None = None) -> dict[str, int]:
    """Add the synthetic rows in one transaction; the counts added."""
    now = datetime.combine(today, datetime.min.time(), UTC) if today else None
    gen = Generator(session, seed, now)
    enterprises, suppliers = gen.organisations(organisations)
    lines = gen.facilities(facilities, enterprises)
    posted = gen.needs(needs, lines, enterprises)
    gen.inquiries(inquiries, posted, enterprises, suppliers)
    session.commit()
    return {"organisations": organisations, "facilities": facilities, "needs": needs, "inquiries": inquiries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    for name, default in (("organisations", 2000), ("facilities", 5000), ("needs", 10000),
                          ("inquiries", 50000), ("seed", 1)):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args()
    from catalog.db import make_engine, make_session_factory

    engine = make_engine(args.url)
    with make_session_factory(engine)() as session:
        print(generate(session, args.organisations, args.facilities, args.needs, args.inquiries, args.seed))
    engine.dispose()


if __name__ == "__main__":
    main()
