"""The alert scan (``flask --app portal notify scan``, from cron): new results
of saved searches, new matches for open needs, new leads for suppliers (and
each supplier's leads stored for the leads page, ``pipeline.lead_store``).

Each subject is compared with what ``AlertSeen`` remembers for it: items
without a row are new, are announced in one notification, and get a row.
A subject's first scan records its current items without announcing them
(saving a search or opening a need shows them already). Each subject is
committed on its own, so a crash loses little, and a failing subject is
logged and skipped. Running the scan twice in a row announces nothing twice.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Exists

from .. import models as m
from ..console.coverage import store_score
from ..enterprise.matches import match, need_query
from ..notify import to_organisation, to_users
from ..pipeline import lead_store
from ..pipeline.lead_scoring import Diagnoser
from ..pipeline.leads import ranked_needs
from .results import current_items, title
from .saved import url_of
from .seen import FIRST_RUN, record, seen_keys

log = logging.getLogger(__name__)

KINDS = ("saved_search", "need_matches", "leads")
OPEN_NEED = ("open", "in_negotiation")
MATCH_LIMIT = 10


@dataclass
class ScanReport:
    """Per kind: subjects checked, first scans recorded silently, notifications made."""

    checked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    first_runs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    notified: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(KINDS, 0.0))
    failures: int = 0

    def lines(self) -> list[str]:
        subjects = {"saved_search": "saved searches", "need_matches": "open needs", "leads": "suppliers"}
        out = [f"{kind}: {self.checked[kind]} {subjects[kind]} checked, {self.first_runs[kind]} first "
               f"scans recorded silently, {self.notified[kind]} notifications ({self.seconds[kind]:.1f} s)"
               for kind in KINDS]
        out.append(f"failures: {self.failures}")
        return out


def run(session: Session, index_dir: Path, now: datetime) -> ScanReport:
    report = ScanReport()
    for kind, ids, check in (("saved_search", _saved_search_ids, _check_saved_search),
                             ("need_matches", _need_ids, _check_need),
                             ("leads", _supplier_ids, _check_supplier)):
        started = time.perf_counter()
        if kind == "leads":
            _store_pending_needs(session, index_dir, report, now)
            check = partial(check, diagnoser=Diagnoser(session))  # each need prepared once
        for subject_id in ids(session):
            _one(session, report, kind, subject_id, partial(check, session, index_dir, subject_id, now))
        report.seconds[kind] = time.perf_counter() - started
    return report


def _one(session: Session, report: ScanReport, kind: str, subject_id: int, check: Callable[[], str]) -> None:
    """Check one subject in its own transaction; ``check`` says "first",
    "notified", "quiet" or "skipped"."""
    try:
        outcome = check()
        session.commit()
    except Exception:  # noqa: BLE001 - one bad subject must not stop the others
        session.rollback()
        log.exception("alert scan: %s %s failed", kind, subject_id)
        report.failures += 1
        return
    if outcome != "skipped":
        report.checked[kind] += 1
    if outcome == "first":
        report.first_runs[kind] += 1
    elif outcome == "notified":
        report.notified[kind] += 1


def _active_member(organisation_id) -> Exists:
    return exists().where(m.User.organisation_id == organisation_id, m.User.active.is_(True))


# --- a) saved searches with the alert on ---

def _saved_search_ids(session: Session) -> list[int]:
    return list(session.scalars(
        select(m.SavedSearch.id).join(m.User, m.User.id == m.SavedSearch.user_id)
        .where(m.SavedSearch.alert.is_(True), m.User.active.is_(True)).order_by(m.SavedSearch.id)))


def _check_saved_search(session: Session, index_dir: Path, search_id: int, now: datetime) -> str:
    saved = session.get(m.SavedSearch, search_id)
    if saved is None or not saved.alert:
        return "skipped"
    items = current_items(session, index_dir, saved)
    seen = seen_keys(session, "saved_search", saved.id)
    new = [item for item in items if item.key not in seen]
    first = saved.last_checked_at is None
    record(session, "saved_search", saved.id, [item.key for item in new], now)
    saved.last_checked_at = now
    if first or not new:
        return "first" if first else "quiet"
    first_zh, first_en = title(session, new[0])
    to_users(session, [saved.user_id], "saved_search",
             {"name": saved.name, "count": len(new), "first": first_zh, "first_en": first_en}, url_of(saved))
    return "notified"


# --- b) open needs: new technologies among their top matches ---

def _need_ids(session: Session) -> list[int]:
    return list(session.scalars(select(m.Need.id).where(m.Need.status.in_(OPEN_NEED),
                                                        _active_member(m.Need.organisation_id))
                                .order_by(m.Need.id)))


def _check_need(session: Session, index_dir: Path, need_id: int, now: datetime) -> str:
    need = session.get(m.Need, need_id)
    if need is None or need.status not in OPEN_NEED:
        return "skipped"
    views = match(session, index_dir, need_query(need), MATCH_LIMIT).views
    store_score(session, need.id, views)  # the bureau's funnel and coverage gaps read it
    techs = [view.technology for view in views]
    seen = seen_keys(session, "need", need.id)
    first = FIRST_RUN not in seen
    new = [tech for tech in techs if tech.code not in seen]
    record(session, "need", need.id, [tech.code for tech in new] + ([FIRST_RUN] if first else []), now)
    if first or not new:
        return "first" if first else "quiet"
    to_organisation(session, need.organisation_id, "need_matches",
                    {"need": need.title, "count": len(new), "first": new[0].name_zh,
                     "first_en": new[0].name_en or new[0].name_zh}, f"/enterprise/needs/{need.id}")
    return "notified"


# --- c) suppliers with published listings: new leads ---

def _supplier_ids(session: Session) -> list[int]:
    listed = [exists().where(model.organisation_id == m.Organisation.id, model.status == "published")
              for model in (m.Product, m.EmcOffer)]
    return list(session.scalars(select(m.Organisation.id).where(
        m.Organisation.kind == "supplier", listed[0] | listed[1], _active_member(m.Organisation.id))
        .order_by(m.Organisation.id)))


def _store_pending_needs(session: Session, index_dir: Path, report: ScanReport, now: datetime) -> None:
    """The stored leads of needs saved since their last scoring (outside the
    web, which stores them at once), each in its own transaction."""
    for need_id in lead_store.pending_needs(session, now):
        try:
            lead_store.refresh_need(session, index_dir, need_id)
            session.commit()
        except Exception:  # noqa: BLE001 - one bad need must not stop the others
            session.rollback()
            log.exception("alert scan: leads of need %s failed", need_id)
            report.failures += 1


def _check_supplier(session: Session, index_dir: Path, org_id: int, now: datetime,
                    diagnoser: Diagnoser | None = None) -> str:
    """Re-score the supplier's stored leads when they are stale (the leads
    page reads them) and announce the leads not announced before."""
    lead_store.refresh_if_stale(session, index_dir, org_id, now, diagnoser)
    seen = seen_keys(session, "supplier", org_id)
    first = FIRST_RUN not in seen
    new = [str(need_id) for need_id in ranked_needs(session, org_id) if str(need_id) not in seen]
    record(session, "supplier", org_id, new + ([FIRST_RUN] if first else []), now)
    if first or not new:
        return "first" if first else "quiet"
    # The lead's own title only: an anonymous need's enterprise stays unnamed.
    title = session.get(m.Need, int(new[0])).title
    to_organisation(session, org_id, "leads", {"count": len(new), "first": title}, "/supplier/leads")
    return "notified"
