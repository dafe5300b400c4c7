"""Stored leads (issue 15): the scoring of ``lead_scoring`` kept as rows so
the leads page reads instead of computing (0.9–4 s a request at 10,000 open
needs before).

When rows change:
- posting, editing or reopening a need, or editing its production line,
  replaces that need's rows right after its own commit
  (``refresh_after_save``), when the session knows the search index (the
  web layer sets it); otherwise the next scan does;
- closing, withdrawing or contracting a need deletes its rows in the same
  transaction as the status change (``forget_need``);
- the alert scan (``flask --app portal notify scan``, every 30 minutes from
  cron) scores the needs changed since their last scoring (``pending_needs``:
  saved outside the web), re-scores a supplier whose listings or
  verification changed since its last scoring, and every supplier once its
  rows are a day old (``MAX_AGE``: catalogue edits, index rebuilds and lines
  edited outside the web shift scores a little).
So new listings reach the leads within one scan period, everything else at
once or within a day. Reading also checks what may have changed since: the
need still open and visible, the supplier still listing the technology, the
offers still published (``leads``)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from catalog import models as m
from catalog.search.tasks import INDEX_DIR_KEY

from .lead_scoring import Diagnoser, Scored, score_need, score_supplier, visible

log = logging.getLogger(__name__)
MAX_AGE = timedelta(days=1)


def _rows(found: list[Scored]) -> list[dict]:
    now = m.utcnow()
    return [{"organisation_id": lead.supplier_id, "need_id": lead.need.id,
             "technology_id": lead.technology.id, "score": lead.score,
             "reasons_zh": list(lead.match.reasons_zh), "reasons_en": list(lead.match.reasons_en),
             "offer_ids": list(lead.offer_ids), "scored_at": now} for lead in found]


def _write(session: Session, found: list[Scored]) -> None:
    rows = _rows(found)
    if rows:
        session.execute(insert(m.StoredLead), rows)


def store_supplier(session: Session, supplier_id: int, found: list[Scored]) -> None:
    """Replace the supplier's rows (the caller commits)."""
    session.execute(delete(m.StoredLead).where(m.StoredLead.organisation_id == supplier_id))
    _write(session, found)


def forget_need(session: Session, need_id: int) -> None:
    """The need leaves every supplier's leads (the caller commits, with the
    status change that makes it invisible)."""
    session.execute(delete(m.StoredLead).where(m.StoredLead.need_id == need_id))


def refresh_supplier(session: Session, index_dir: Path, supplier_id: int,
                     diagnoser: Diagnoser | None = None) -> list[Scored]:
    """Score and store one supplier's leads (the caller commits); the scored leads."""
    found = score_supplier(session, index_dir, supplier_id, diagnoser)
    store_supplier(session, supplier_id, found)
    _scored(session, "supplier", supplier_id)
    return found


def _scored(session: Session, subject: str, subject_id: int) -> None:
    done = session.get(m.LeadRefresh, (subject, subject_id))
    if done is None:
        session.add(m.LeadRefresh(subject=subject, subject_id=subject_id, scored_at=m.utcnow()))
    else:
        done.scored_at = m.utcnow()


def stale(session: Session, supplier_id: int, now: datetime) -> bool:
    """Whether the supplier's leads need scoring again: never scored, a day
    old, or its listings or its verification changed since."""
    done = session.get(m.LeadRefresh, ("supplier", supplier_id))
    if done is None or m.as_utc(done.scored_at) < now - MAX_AGE:
        return True
    since = done.scored_at
    changed = [select(func.count()).select_from(model).where(model.organisation_id == supplier_id,
                                                             model.updated_at >= since)
               for model in (m.Product, m.EmcOffer)]
    org = session.get(m.Organisation, supplier_id)
    decided = org.status_changed_at if org is not None else None
    if decided is not None and m.as_utc(decided) >= m.as_utc(since):
        return True
    return any(session.scalar(stmt) for stmt in changed)


def refresh_if_stale(session: Session, index_dir: Path, supplier_id: int, now: datetime,
                     diagnoser: Diagnoser | None = None) -> bool:
    """Re-score the supplier when ``stale`` (the caller commits); whether it did."""
    if not stale(session, supplier_id, now):
        return False
    refresh_supplier(session, index_dir, supplier_id, diagnoser)
    return True


def refresh_need(session: Session, index_dir: Path, need_id: int) -> int:
    """Score and store one need's leads for every supplier (the caller
    commits); how many suppliers it is a lead for."""
    found = score_need(session, index_dir, need_id)
    forget_need(session, need_id)
    _write(session, found)
    _scored(session, "need", need_id)
    return len(found)


def pending_needs(session: Session, now: datetime) -> list[int]:
    """Visible needs changed since every supplier kept fresh (scored less
    than ``MAX_AGE`` ago) was scored, and since their own last scoring: saved
    outside the web, or the save's scoring failed. Suppliers not kept fresh
    are scored as a whole by the same scan, so they need no such help."""
    covered = session.scalar(select(func.min(m.LeadRefresh.scored_at)).where(
        m.LeadRefresh.subject == "supplier", m.LeadRefresh.scored_at >= now - MAX_AGE))
    if covered is None:
        return []
    done = aliased(m.LeadRefresh)
    return list(session.scalars(
        select(m.Need.id).join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
        .outerjoin(done, and_(done.subject == "need", done.subject_id == m.Need.id))
        .where(visible(), m.Need.updated_at > covered,
               or_(done.scored_at.is_(None), done.scored_at < m.Need.updated_at))
        .order_by(m.Need.id)))


def refresh_after_save(session: Session, need_id: int) -> None:
    """After a need was posted or edited (and committed): its leads, in a
    transaction of their own. Without a known index, or when scoring fails,
    the need keeps its old rows until the next scan."""
    index_dir = session.info.get(INDEX_DIR_KEY)
    if not index_dir or not Path(index_dir).exists():
        return
    try:
        refresh_need(session, Path(index_dir), need_id)
        session.commit()
    except Exception:  # noqa: BLE001 - the need is saved; the scan will store its leads
        session.rollback()
        log.warning("leads of need %s left to the next scan", need_id, exc_info=True)


def refresh_all(session: Session, index_dir: Path) -> int:
    """Every supplier with published listings, each committed on its own
    (for set-ups and benchmarks; the scan does this with its alerts)."""
    listed = {org for model in (m.Product, m.EmcOffer)
              for org in session.scalars(select(model.organisation_id).distinct()
                                         .where(model.status == "published"))}
    suppliers = session.scalars(select(m.Organisation.id).where(
        m.Organisation.id.in_(listed), m.Organisation.kind == "supplier").order_by(m.Organisation.id))
    total, diagnoser = 0, Diagnoser(session)
    for supplier_id in list(suppliers):
        total += len(refresh_supplier(session, index_dir, supplier_id, diagnoser))
        session.commit()
    return total
