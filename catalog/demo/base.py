"""What every builder shares: bulk inserts that hand back the new ids, the
clock and random source of one run, and the reference data rows point to."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from catalog import models as m

# Rows a statement: one page of SQLAlchemy's insertmanyvalues, so RETURNING
# results are never spliced across pages (quadratic for large inserts).
BATCH = 500


@dataclass(frozen=True)
class Level:
    """A benchmark product row: its levels and the line's default main fuel."""

    key: str
    sector: str
    family: str
    unit: str
    benchmark: float | None
    baseline: float | None
    main_fuel: str | None


class Reference:
    """Districts, benchmark products, stages by sector, published technologies."""

    def __init__(self, session: Session):
        self.districts = list(session.scalars(select(m.District.key).where(m.District.kind != "outside")
                                              .order_by(m.District.key)))
        self.levels = [Level(p.key, p.sector_key, p.family, p.unit, p.benchmark, p.baseline,
                             p.default_main_fuel)
                       for p in session.scalars(select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.key))]
        self.level = {lv.key: lv for lv in self.levels}
        self.stages: dict[str, list[str]] = {}
        for key, sector in session.execute(select(m.ProcessStage.key, m.ProcessStage.sector_key)
                                           .order_by(m.ProcessStage.key)):
            self.stages.setdefault(sector, []).append(key)
        self.stage_sector = {key: sector for sector, keys in self.stages.items() for key in keys}
        self.technologies = list(session.execute(
            select(m.Technology.id, m.Technology.code, m.Technology.sector_key, m.Technology.stage_key,
                   m.Technology.name_zh).where(m.Technology.status == "published").order_by(m.Technology.id)))
        self.by_code = {t.code: t for t in self.technologies}


class Builder:
    """Rows as dicts, inserted with executemany and RETURNING, so ids come
    back in the rows' order and PostgreSQL's sequences stay right."""

    def __init__(self, session: Session, seed: int = 1, now: datetime | None = None):
        self.s = session
        self.rng = random.Random(seed)
        self.now = now or datetime.now(UTC)
        self.ref = Reference(session)

    def when(self, days_back: float = 730, days_min: float = 1) -> datetime:
        """A moment in the last ``days_back`` days (at least ``days_min`` ago)."""
        return self.now - timedelta(days=self.rng.uniform(days_min, days_back))

    def pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def insert(self, model, rows: list[dict]) -> list[int]:
        """Insert ``rows``; their new ids in order (also set as ``row["id"]``)."""
        ids: list[int] = []
        if not rows:
            return ids
        table = model.__table__
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        for start in range(0, len(rows), BATCH):
            ids += self.s.execute(stmt, rows[start:start + BATCH]).scalars().all()
        for row, ident in zip(rows, ids, strict=True):
            row["id"] = ident
        return ids

    def link(self, table, rows: list[dict]) -> None:
        """Rows of an association table (no ids)."""
        for start in range(0, len(rows), BATCH):
            self.s.execute(insert(table), rows[start:start + BATCH])
