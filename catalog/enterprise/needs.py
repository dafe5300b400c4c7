"""An enterprise's needs: what it wants to improve, with its constraints."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.accounts.validation import long_text, text
from catalog.errors import NotFound, RuleError

from .values import choice, day, number

# Who may move a need where; the enterprise owns every step of its own need.
TRANSITIONS = {
    "draft": ("open", "withdrawn"),
    "open": ("in_negotiation", "closed", "withdrawn"),
    "in_negotiation": ("contracted", "open", "withdrawn"),
    "contracted": ("closed",),
    "closed": (),
    "withdrawn": (),
}
EDITABLE = ("draft", "open")
OPEN = ("open", "in_negotiation")  # suppliers see these as leads (when public or anonymous)


def _leads():
    """``catalog.pipeline.lead_store``, imported when used: the pipeline
    imports this module (inquiries), and scoring reaches back into it."""
    from catalog.pipeline import lead_store

    return lead_store


@dataclass(frozen=True)
class NeedInput:
    title: str = ""
    description: str = ""
    facility_id: object = None
    stage_key: str | None = None
    problem_type: str = "energy_efficiency"
    target_saving_pct: object = None
    target_saving_tce: object = None
    budget_cny: object = None
    financing: str = "any"
    desired_start: object = None
    confidentiality: str = "public"


def _values(session: Session, organisation_id: int, data: NeedInput) -> dict:
    check = Checker()
    stages = set(session.scalars(select(m.ProcessStage.key)))
    facilities = {str(f) for f in session.scalars(
        select(m.Facility.id).where(m.Facility.organisation_id == organisation_id))}
    facility = check(choice, str(data.facility_id) if data.facility_id not in (None, "") else "",
                     "facility_id", facilities, required=False)
    values = {
        "title": check(text, data.title, "title", 4, 200),
        "description": check(long_text, data.description, "description", 10, 5000),
        "facility_id": int(facility) if facility else None,
        "stage_key": check(choice, data.stage_key, "stage_key", stages, required=False),
        "problem_type": check(choice, data.problem_type, "problem_type", m.PROBLEM_TYPES),
        "target_saving_pct": check(number, data.target_saving_pct, "target_saving_pct", maximum=100),
        "target_saving_tce": check(number, data.target_saving_tce, "target_saving_tce", maximum=1e8),
        "budget_cny": check(number, data.budget_cny, "budget_cny", maximum=1e11),
        "financing": check(choice, data.financing, "financing", m.FINANCING),
        "desired_start": check(day, data.desired_start, "desired_start"),
        "confidentiality": check(choice, data.confidentiality, "confidentiality", m.CONFIDENTIALITY),
    }
    check.done()
    return values


def create(session: Session, organisation_id: int, data: NeedInput, actor: audit.Actor,
           publish: bool = False) -> m.Need:
    need = m.Need(organisation_id=organisation_id, status="open" if publish else "draft",
                  **_values(session, organisation_id, data))
    session.add(need)
    session.flush()
    audit.record(session, actor, "need.created", "need", need.id, {"status": need.status},
                 organisation_id=organisation_id)
    session.commit()
    if need.status in OPEN:
        _leads().refresh_after_save(session, need.id)
    return need


def update(session: Session, organisation_id: int, need_id: int, data: NeedInput,
           actor: audit.Actor) -> m.Need:
    need = get(session, organisation_id, need_id)
    if need.status not in EDITABLE:
        raise RuleError("need.not_editable", None, status=need.status)
    for name, value in _values(session, organisation_id, data).items():
        setattr(need, name, value)
    audit.record(session, actor, "need.updated", "need", need.id, organisation_id=organisation_id)
    session.commit()
    if need.status in OPEN:
        _leads().refresh_after_save(session, need.id)
    return need


def move(session: Session, organisation_id: int, need_id: int, status: str, actor: audit.Actor) -> m.Need:
    need = get(session, organisation_id, need_id)
    if status not in TRANSITIONS.get(need.status, ()):
        raise RuleError("need.transition", None, status=need.status, target=status)
    audit.record(session, actor, "need.status_changed", "need", need.id,
                 {"from": need.status, "to": status}, organisation_id=organisation_id)
    reopened = status in OPEN and need.status not in OPEN
    if status not in OPEN:  # it leaves every supplier's leads with this commit
        _leads().forget_need(session, need.id)
    need.status = status
    session.commit()
    if reopened:
        _leads().refresh_after_save(session, need.id)
    return need


def mark(session: Session, organisation_id: int, need_id: int, code: str, mark: str | None) -> None:
    """Shortlist or dismiss a technology for a need; ``None`` clears the mark."""
    need, tech = _need_and_technology(session, organisation_id, need_id, code)
    if mark not in (None, "shortlisted", "dismissed"):
        raise RuleError("choice.invalid", "mark")
    _set(session, m.MatchMark, need, tech, mark=mark)
    session.commit()


def _need_and_technology(session: Session, organisation_id: int, need_id: int,
                         code: str) -> tuple[m.Need, m.Technology]:
    need = get(session, organisation_id, need_id)
    tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one_or_none()
    if tech is None:
        raise NotFound("technology", code)
    return need, tech


def _set(session: Session, model, need: m.Need, tech: m.Technology, **values) -> None:
    """A need's row about one technology: created, updated, or deleted when its value is None."""
    existing = session.get(model, (need.id, tech.id))
    if next(iter(values.values())) is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(model(need_id=need.id, technology_id=tech.id, **values))
    else:
        for name, value in values.items():
            setattr(existing, name, value)


def marks(session: Session, need_id: int) -> dict[str, str]:
    rows = session.execute(select(m.Technology.code, m.MatchMark.mark).join(
        m.MatchMark, m.MatchMark.technology_id == m.Technology.id).where(m.MatchMark.need_id == need_id))
    return dict(rows.all())


def get(session: Session, organisation_id: int, need_id: int) -> m.Need:
    need = session.scalars(select(m.Need).where(
        m.Need.id == need_id, m.Need.organisation_id == organisation_id)).unique().one_or_none()
    if need is None:
        raise NotFound("need", need_id)
    return need


def list_for(session: Session, organisation_id: int) -> list[m.Need]:
    return list(session.scalars(select(m.Need).where(m.Need.organisation_id == organisation_id)
                                .order_by(m.Need.id.desc())).unique())


def quote(session: Session, organisation_id: int, need_id: int, code: str, capex_cny: object,
          actor: audit.Actor) -> None:
    """Record (or, with a blank value, clear) the investment the enterprise was
    quoted for a technology on this need's line."""
    need, tech = _need_and_technology(session, organisation_id, need_id, code)
    value = number(capex_cny, "capex_cny", minimum=1, maximum=1e11)
    _set(session, m.MatchQuote, need, tech, capex_cny=value, quoted_at=m.utcnow())
    audit.record(session, actor, "need.quote_recorded", "need", need.id,
                 {"technology": code, "capex_cny": value}, organisation_id=organisation_id)
    session.commit()


def quotes(session: Session, need_id: int) -> dict[str, float]:
    rows = session.execute(select(m.Technology.code, m.MatchQuote.capex_cny).join(
        m.MatchQuote, m.MatchQuote.technology_id == m.Technology.id).where(m.MatchQuote.need_id == need_id))
    return dict(rows.all())


def request_coverage(session: Session, organisation_id: int, need_id: int, actor: audit.Actor) -> m.Need:
    """The enterprise asks the bureau to fill a gap: the need counts among the
    dashboard's coverage gaps from now on (asking twice changes nothing)."""
    need = get(session, organisation_id, need_id)
    if need.gap_requested_at is None:
        need.gap_requested_at = m.utcnow()
        audit.record(session, actor, "need.coverage_requested", "need", need.id,
                     organisation_id=organisation_id)
        session.commit()
    return need
