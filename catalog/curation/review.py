"""Review: the published criteria, the configurable thresholds, reviewers'
declarations and scores, and the recommendation they add up to.

Each reviewer of a round first declares whether they have a conflict of
interest; with one they cannot score or decide. Without, they give every
criterion 0–5. With at least ``min_reviewers`` scored reviews, the mean total
(0–20) and the mean per criterion decide: publish (total ≥ publish_min_total
and no criterion below min_per_criterion), reject (total < reject_below_total),
otherwise hold."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..accounts.checks import Checker
from ..errors import NotFound, RuleError
from ..supply import fields

CRITERIA = ("advancement", "effect", "economics", "maturity")
MAX_SCORE = 5
# Reference energy prices (blank until the bureau sets them) and their sane upper bounds.
REFERENCE_PRICE_LIMITS = {"ref_electricity_price": 10, "ref_coal_price": 1e5, "ref_gas_price": 100,
                          "ref_coke_price": 1e5, "ref_fuel_oil_price": 1e5}
DEFAULTS = {"publish_min_total": 14.0, "reject_below_total": 10.0, "min_per_criterion": 2.0,
            "min_reviewers": 2, "notice_days": 7, "review_years": 3, "discount_rate_pct": 8.0}


@dataclass(frozen=True)
class Outcome:
    reviews: int                      # scored reviews of this round
    means: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    recommendation: str = "incomplete"  # publish / hold / reject / incomplete


def settings(session: Session) -> m.CurationSettings:
    """The settings row, or an unsaved one with the defaults."""
    return session.get(m.CurationSettings, 1) or m.CurationSettings(id=1, **DEFAULTS)


def discount_rate(session: Session) -> float:
    """The discount rate the bureau set for NPVs, as a fraction a year
    (0.08 until the bureau admin changes it)."""
    return settings(session).discount_rate_pct / 100


def update_settings(session: Session, actor: Actor, raw: dict[str, str]) -> m.CurationSettings:
    check = Checker()
    bounds = {"publish_min_total": (0, 20), "reject_below_total": (0, 20), "min_per_criterion": (0, 5),
              "discount_rate_pct": (0, 30)}
    values = {name: check(fields.number, raw.get(name), name, *limits) for name, limits in bounds.items()}
    for name, low, high in (("min_reviewers", 1, 9), ("notice_days", 1, 60), ("review_years", 1, 10)):
        values[name] = check(fields.integer, raw.get(name), name, low, high)
    for name, limit in REFERENCE_PRICE_LIMITS.items():
        values[name] = check(fields.number, raw.get(name), name, 0, limit, False) if raw.get(name) else None
    low, high = values["reject_below_total"], values["publish_min_total"]
    if low is not None and high is not None and low > high:
        check.add("thresholds.order", "reject_below_total")
    check.done()
    row = session.get(m.CurationSettings, 1)
    if row is None:
        row = m.CurationSettings(id=1)
        session.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at, row.updated_by_id = m.utcnow(), actor.user_id
    audit.record(session, actor, "curation.settings_changed", "curation_settings", 1, values)
    session.flush()
    from ..reference_plant import refresh

    refresh(session)  # the catalogue's typical paybacks follow the new prices at once
    session.commit()
    return row


def recommend(score_sets: list[dict[str, int]], rules: m.CurationSettings) -> Outcome:
    """Pure: the recommendation from the scored reviews of one round."""
    if len(score_sets) < rules.min_reviewers:
        return Outcome(len(score_sets))
    means = {c: round(sum(s[c] for s in score_sets) / len(score_sets), 2) for c in CRITERIA}
    total = round(sum(means.values()), 2)
    if total < rules.reject_below_total:
        verdict = "reject"
    elif total >= rules.publish_min_total and min(means.values()) >= rules.min_per_criterion:
        verdict = "publish"
    else:
        verdict = "hold"
    return Outcome(len(score_sets), means, total, verdict)


def current_reviews(submission: m.Submission) -> list[m.Review]:
    return [r for r in submission.reviews if r.round == submission.round]


def outcome(session: Session, submission: m.Submission) -> Outcome:
    scored = [r.scores for r in current_reviews(submission) if not r.conflict]
    return recommend(scored, settings(session))


def conflicted(submission: m.Submission, user_id: int | None) -> bool:
    return any(r.reviewer_id == user_id and r.conflict for r in submission.reviews)


def _scores(check: Checker, raw: dict[str, str]) -> dict[str, int]:
    out = {}
    for criterion in CRITERIA:
        value = check(fields.integer, raw.get(criterion), f"score_{criterion}", 0, MAX_SCORE)
        if value is not None:
            out[criterion] = value
    return out


def record_review(session: Session, actor: Actor, submission_id: int, conflict: bool,
                  conflict_note: str, scores: dict[str, str], comment: str) -> m.Review:
    """Add or replace the actor's review of the current round."""
    submission = session.get(m.Submission, submission_id)
    if submission is None:
        raise NotFound("submission", submission_id)
    if submission.status != "under_review":
        raise RuleError("review.closed", status=submission.status)
    check = Checker()
    note = check(fields.long_text, conflict_note, "conflict_note", 2, 1000) if conflict else ""
    values = {} if conflict else _scores(check, scores)
    remark = check(fields.long_text, comment, "comment", 0, 2000) or ""
    check.done()
    review = next((r for r in current_reviews(submission) if r.reviewer_id == actor.user_id), None)
    if review is None:
        review = m.Review(submission=submission, reviewer_id=actor.user_id, round=submission.round)
        session.add(review)
    review.conflict, review.conflict_note = conflict, note or ""
    review.scores, review.comment = values, remark
    review.updated_at = m.utcnow()
    audit.record(session, actor, "submission.reviewed", "submission", submission.id,
                 {"round": submission.round, "conflict": conflict, "scores": values},
                 organisation_id=submission.organisation_id)
    session.commit()
    return review
