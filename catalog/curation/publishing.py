"""Turning an approved submission into catalogue data when its edition is
published: a new entry (with the next code of its sector) or the changed
fields of an existing one. Figures the submission kept unchanged keep their
source flag and evidence level; new ones are marked as reviewed by the
portal's catalogue evaluation."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from .submissions import FIGURE_METRICS

REVIEWED_FLAG = "portal-review"
REVIEWED_EVIDENCE = "catalogue_evaluated"
CONTENT = ("name_zh", "name_en", "sector_key", "stage_key", "category_key", "maturity_key", "trl",
           "summary_zh", "summary_en", "description_zh", "description_en", "keywords_zh", "keywords_en",
           "energy_carriers", "applicable_to")


def next_code(session: Session, sector_key: str) -> str:
    """``<sector prefix>-<n>``, one past the highest number in use for that prefix."""
    prefix = session.get(m.Sector, sector_key).code_prefix
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    numbers = [int(match.group(1)) for code in session.scalars(
        select(m.Technology.code).where(m.Technology.code.like(f"{prefix}-%")))
        if (match := pattern.match(code))]
    return f"{prefix}-{max(numbers, default=0) + 1:02d}"


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _figures(tech: m.Technology, wanted: list[dict]) -> list[m.TechnologyFigure]:
    """The submitted figures (keeping the flag of unchanged ones), then the
    entry's figures of kinds a submission does not carry."""
    def key(f: dict) -> tuple:
        return f["metric"], f["value"], f["unit"], f["basis"], f["source"]

    old = {key({"metric": f.metric, "value": f.value_text, "unit": f.unit, "basis": f.basis,
                "source": f.source}): f for f in tech.figures}
    out = []
    for fig in wanted:
        kept = old.get(key(fig))
        out.append(m.TechnologyFigure(
            metric=fig["metric"], value_text=fig["value"], value_num=_number(fig["value"]),
            unit=fig["unit"], basis=fig["basis"], source=fig["source"],
            flag=kept.flag if kept else REVIEWED_FLAG,
            evidence_key=kept.evidence_key if kept else REVIEWED_EVIDENCE))
    for f in tech.figures:
        if f.metric not in FIGURE_METRICS:
            out.append(m.TechnologyFigure(metric=f.metric, value_text=f.value_text, value_num=f.value_num,
                                          unit=f.unit, basis=f.basis, source=f.source, flag=f.flag,
                                          evidence_key=f.evidence_key))
    return out


def apply(session: Session, submission: m.Submission, today: date, review_years: int) -> m.Technology:
    """Create or update the entry; the caller records the edition entry."""
    tech = submission.technology
    if tech is None:
        tech = m.Technology(code=next_code(session, submission.sector_key), status="published",
                            plan_refs=[], plan_named=False, promoted=False, published_at=m.utcnow())
        session.add(tech)
        submission.technology = tech
    for name in CONTENT:
        setattr(tech, name, getattr(submission, name))
    figures = _figures(tech, submission.figures)
    tech.figures.clear()
    session.flush()
    for position, fig in enumerate(figures):
        fig.position = position
        tech.figures.append(fig)
    tech.updated_at = m.utcnow()
    tech.review_due = _years_later(today, review_years)
    return tech


_years_later = clock.years_later  # 29 February becomes 28 February



def cases_for(session: Session, tech: m.Technology) -> list[dict]:
    """The application cases of the submission that last published or changed the entry."""
    submission = session.scalars(select(m.Submission).where(
        m.Submission.technology_id == tech.id, m.Submission.status == "published")
        .order_by(m.Submission.updated_at.desc(), m.Submission.id.desc())).first()
    return list(submission.cases) if submission else []
