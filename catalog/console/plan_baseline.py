"""The baseline the bureau enters for the plan's clinker energy intensity
change (the portal holds none of its own): value, unit, year, the plan's
target change if it states one, and the source (publisher, title, date).
The newest entry applies; earlier ones are kept."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.enterprise.values import day, number
from catalog.errors import RuleError

INDICATOR = "clinker_intensity"


@dataclass(frozen=True)
class BaselineInput:
    value: object = None
    unit: object = ""
    year: object = None
    target_change_pct: object = None
    publisher: object = ""
    title: object = ""
    published_on: object = None


def latest(session: Session) -> m.PlanBaseline | None:
    return session.scalar(select(m.PlanBaseline).where(m.PlanBaseline.indicator == INDICATOR)
                          .order_by(m.PlanBaseline.id.desc()).limit(1))


def _text(raw: object, field: str, maximum: int) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        raise RuleError("text.required", field)
    if len(raw.strip()) > maximum or not raw.strip().isprintable():
        raise RuleError("text.too_long", field, maximum=maximum)
    return raw.strip()


def enter(session: Session, actor: audit.Actor, data: BaselineInput, clinker_unit: str) -> m.PlanBaseline:
    """Store a new baseline; its unit must be the clinker indicator's
    (``clinker_unit``) so the change can be computed against it."""
    check = Checker()
    value = check(number, data.value, "value", minimum=1e-6, maximum=1e6, required=True)
    unit = check(_text, data.unit, "unit", 32)
    if unit is not None and unit != clinker_unit:
        check.add("baseline.unit", "unit", unit=clinker_unit)
    year = check(number, data.year, "year", minimum=1990, maximum=2100, required=True)
    if year is not None and year != int(year):
        check.add("number.invalid", "year")
    target = check(number, data.target_change_pct, "target_change_pct", minimum=-100.0, maximum=100.0)
    publisher = check(_text, data.publisher, "publisher", 200)
    title = check(_text, data.title, "title", 300)
    published_on = check(day, data.published_on or None, "published_on")
    check.done()
    row = m.PlanBaseline(indicator=INDICATOR, value=value, unit=unit, year=int(year),
                         target_change_pct=target, publisher=publisher, title=title,
                         published_on=published_on, entered_by_id=actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "plan_baseline.entered", "plan_baseline", row.id,
                 {"value": value, "unit": unit, "year": int(year), "publisher": publisher, "title": title})
    session.commit()
    return row
