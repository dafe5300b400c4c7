"""Coverage gaps: open needs whose best match scores below a threshold (or
that have no score yet), grouped by process stage and problem type — where
the catalogue has no good answer, the input to the next call for entries.

``score_needs`` keeps each need's best score current by running the
enterprise matching engine; the dashboard and the funnel read the stored
``Need.best_score``/``match_count``/``scored_at``."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.enterprise.matches import match, need_query

from .filters import Filters, need_scope

GAP_THRESHOLD = 0.35
OPEN_STATUSES = ("open", "in_negotiation")
BATCH = 50


@dataclass(frozen=True)
class Gap:
    stage_key: str | None
    stage_zh: str
    stage_en: str
    problem_type: str
    needs: int
    unscored: int
    mean_score: float | None


def gaps(session: Session, flt: Filters, threshold: float = GAP_THRESHOLD) -> list[Gap]:
    """Open needs below ``threshold``, unscored, or whose enterprise asked the
    bureau to fill the gap, per (stage, problem type), most needs first."""
    scope, need = need_scope(), m.Need
    stage = m.ProcessStage
    stmt = (scope.select(need.stage_key, need.problem_type, func.count(),
                         func.sum(case((need.best_score.is_(None), 1), else_=0)), func.avg(need.best_score))
            .where(need.status.in_(OPEN_STATUSES),
                   or_(need.best_score.is_(None), need.best_score < threshold,
                       need.gap_requested_at.is_not(None)))
            .group_by(need.stage_key, need.problem_type))
    names = {k: (zh, en) for k, zh, en in session.execute(select(stage.key, stage.name_zh, stage.name_en))}
    out = []
    for key, problem, count, unscored, mean in session.execute(scope.where(flt, stmt)):
        zh, en = names.get(key, ("", ""))
        out.append(Gap(key, zh, en, problem, count, int(unscored or 0),
                       round(float(mean), 3) if mean is not None else None))
    out.sort(key=lambda g: (-g.needs, g.stage_key or "", g.problem_type))
    return out


def stale_needs(only_stale: bool = True):
    """Open needs to score: never scored or changed since, or all of them."""
    stmt = select(m.Need.id).where(m.Need.status.in_(OPEN_STATUSES)).order_by(m.Need.id)
    if only_stale:
        stmt = stmt.where(or_(m.Need.scored_at.is_(None), m.Need.scored_at < m.Need.updated_at))
    return stmt


def store_score(session: Session, need_id: int, views) -> None:
    """Keep a need's best match score and number of matches (top 10) from
    ``views`` of ``catalog.enterprise.matches.match`` (also used by the alert
    scan, which computes them anyway). The caller commits."""
    scores = [v.match.score for v in views]
    # updated_at keeps its value: scoring is not the enterprise's change
    session.execute(update(m.Need).where(m.Need.id == need_id).values(
        best_score=max(scores) if scores else 0.0, match_count=len(scores),
        scored_at=datetime.now(UTC), updated_at=m.Need.updated_at))


def score_needs(session: Session, index_dir: Path, only_stale: bool = True,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Run the matching engine for open needs and store each one's best score
    and number of matches; commits every BATCH needs. The number scored."""
    ids = list(session.scalars(stale_needs(only_stale)))
    for n, ident in enumerate(ids, 1):
        need = session.get(m.Need, ident)
        store_score(session, ident, match(session, index_dir, need_query(need)).views)
        if n % BATCH == 0 or n == len(ids):
            session.commit()
            if progress:
                progress(n, len(ids))
    return len(ids)
