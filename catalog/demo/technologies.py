"""Synthetic catalogue for benchmarks: N technologies whose mixed Chinese and
English text is recombined from the real catalogue's sentences, keywords and
glossary, so term statistics look like the real thing at any size.
Codes are ``<prefix>-D<number>`` and never collide with the real ones."""
from __future__ import annotations

import random
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalog import counts
from catalog import models as m

BATCH = 2000
SUFFIX_ZH = ["技术", "系统", "改造", "装备", "工艺", "集成应用", "优化"]
SUFFIX_EN = ["technology", "system", "retrofit", "equipment", "process", "integration", "optimisation"]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[。.!?！？])\s*", text or "") if len(s.strip()) > 8]


class _Pools:
    """Per sector: the real entries' sentences, keywords, stages and categories."""

    def __init__(self, session: Session):
        self.by_sector: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for tech in session.scalars(select(m.Technology).where(~m.Technology.code.like("%-D%"))).unique():
            pool = self.by_sector[tech.sector_key]
            pool["zh"] += _sentences(tech.summary_zh) + _sentences(tech.description_zh)
            pool["en"] += _sentences(tech.summary_en) + _sentences(tech.description_en)
            pool["kw_zh"] += tech.keywords_zh
            pool["kw_en"] += tech.keywords_en
            pool["shape"].append((tech.stage_key, tech.category_key, tech.maturity_key, tech.trl))
        self.terms = [(t.zh, t.en) for t in session.scalars(select(m.GlossaryTerm))]
        self.prefix = {s.key: s.code_prefix for s in session.scalars(select(m.Sector))}


def _technology(pools: _Pools, rng: random.Random, number: int, now: datetime) -> m.Technology:
    sector = rng.choice(sorted(pools.by_sector))
    pool = pools.by_sector[sector]
    stage, category, maturity, trl = rng.choice(pool["shape"])
    term_zh, term_en = rng.choice(pools.terms)
    kw_zh, kw_en = rng.sample(pool["kw_zh"], min(4, len(pool["kw_zh"]))), \
        rng.sample(pool["kw_en"], min(4, len(pool["kw_en"])))
    return m.Technology(
        code=f"{pools.prefix[sector]}-D{number:06d}",
        name_zh=f"{kw_zh[0]}{term_zh}{rng.choice(SUFFIX_ZH)}",
        name_en=f"{kw_en[0]} {term_en} {rng.choice(SUFFIX_EN)}",
        sector_key=sector, stage_key=stage, category_key=category, maturity_key=maturity, trl=trl,
        summary_zh=rng.choice(pool["zh"]), summary_en=rng.choice(pool["en"]),
        description_zh="".join(rng.sample(pool["zh"], 2)),
        description_en=" ".join(rng.sample(pool["en"], 2)),
        keywords_zh=kw_zh, keywords_en=kw_en, energy_carriers=[], applicable_to=[],
        plan_refs=[], plan_named=rng.random() < 0.3, status="published", promoted=False,
        published_at=now - timedelta(days=rng.randrange(0, 1500)),
    )


def generate(session: Session, count: int, seed: int = 1) -> int:
    """Replace any earlier synthetic entries with ``count`` new ones; commits in
    batches. Index tasks are not recorded: rebuild the index afterwards."""
    session.info["search_untracked"] = True
    try:
        counts.bump(session)
        session.execute(delete(m.Technology).where(m.Technology.code.like("%-D%")))
        session.commit()
        pools, rng = _Pools(session), random.Random(seed)
        now = datetime.now(UTC)
        for start in range(0, count, BATCH):
            session.add_all(_technology(pools, rng, n, now)
                            for n in range(start + 1, min(count, start + BATCH) + 1))
            session.commit()
    finally:
        session.info.pop("search_untracked", None)
    return count
