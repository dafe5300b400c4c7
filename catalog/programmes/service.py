"""The programmes as the public and the bureau see them, and the bureau's
edits: create, update, publish, retire (with a reason). Every change is
audited. A programme with a figure (share, cap, rate, years, minimum saving)
must cite a source of the registry; percentages are entered in % and stored
as fractions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..accounts.checks import Checker
from ..errors import NotFound, RuleError
from ..supply import fields

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")
FIGURES = ("share", "cap_cny", "rate", "years", "min_saving_tce")
EDITABLE = ("kind", "name_zh", "name_en", "administrator_zh", "administrator_en", "summary_zh", "summary_en",
            "sectors", "categories", "technologies", "min_saving_tce", "deadline", *FIGURES[:4],
            "source_key", "basis_zh", "basis_en")


@dataclass(frozen=True)
class ProgrammeInput:
    """What the bureau's form sends, as text (percentages in %)."""

    slug: str = ""
    kind: str = ""
    name_zh: str = ""
    name_en: str = ""
    administrator_zh: str = ""
    administrator_en: str = ""
    summary_zh: str = ""
    summary_en: str = ""
    sectors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    technologies: str = ""
    min_saving_tce: str = ""
    deadline: str = ""
    share_pct: str = ""
    cap_cny: str = ""
    rate_pct: str = ""
    years: str = ""
    source_key: str = ""
    basis_zh: str = ""
    basis_en: str = ""


def published(session: Session) -> list[m.Programme]:
    return list(session.scalars(select(m.Programme).where(m.Programme.status == "published")
                                .order_by(m.Programme.kind, m.Programme.slug)))


def retired(session: Session) -> list[m.Programme]:
    return list(session.scalars(select(m.Programme).where(m.Programme.status == "retired")
                                .order_by(m.Programme.slug)))


def all_for_bureau(session: Session) -> list[m.Programme]:
    return list(session.scalars(select(m.Programme).order_by(m.Programme.status, m.Programme.slug)))


def get_public(session: Session, slug: str) -> m.Programme:
    """A published or retired programme (retired ones stay readable, marked)."""
    if not SLUG.match(slug or ""):   # not a slug (PostgreSQL refuses NUL in text): nothing to look up
        raise NotFound("programme", slug)
    item = session.scalars(select(m.Programme).where(m.Programme.slug == slug)).first()
    if item is None or item.status == "draft":
        raise NotFound("programme", slug)
    return item


def get(session: Session, item_id: int) -> m.Programme:
    item = session.get(m.Programme, item_id)
    if item is None:
        raise NotFound("programme", item_id)
    return item


def _optional(check: Checker, raw: str, name: str, low: float, high: float) -> float | None:
    return check(fields.number, raw, name, low, high, False)


def _text(check: Checker, raw: str, name: str) -> str:
    return check(fields.long_text, raw, name, 0, 4000) if fields.clean(raw).strip() else ""


def _values(session: Session, data: ProgrammeInput) -> dict:
    check = Checker()
    share, rate = _optional(check, data.share_pct, "share_pct", 0.01, 100), \
        _optional(check, data.rate_pct, "rate_pct", 0, 50)
    years = check(fields.integer, data.years, "years", 1, 50) if fields.clean(data.years).strip() else None
    techs = check(fields.technologies, session, data.technologies, "technologies", False) or []
    values = {
        "kind": check(fields.choice, data.kind, "kind", m.PROGRAMME_KINDS),
        "name_zh": check(fields.text, data.name_zh, "name_zh", 2, 200),
        "name_en": check(fields.optional_text, data.name_en, "name_en", 200),
        "administrator_zh": check(fields.optional_text, data.administrator_zh, "administrator_zh", 200),
        "administrator_en": check(fields.optional_text, data.administrator_en, "administrator_en", 200),
        "summary_zh": check(fields.long_text, data.summary_zh, "summary_zh", 2, 4000),
        "summary_en": _text(check, data.summary_en, "summary_en"),
        "sectors": check(fields.keys, session, m.Sector, data.sectors, "sectors") or [],
        "categories": check(fields.keys, session, m.Category, data.categories, "categories") or [],
        "technologies": [t.code for t in techs],
        "min_saving_tce": _optional(check, data.min_saving_tce, "min_saving_tce", 0, 1e9),
        "deadline": check(fields.when, data.deadline, "deadline", False),
        "share": share / 100 if share is not None else None,
        "cap_cny": _optional(check, data.cap_cny, "cap_cny", 1, 1e12),
        "rate": rate / 100 if rate is not None else None,
        "years": years,
        "source_key": fields.clean(data.source_key).strip()[:64] or None,
        "basis_zh": _text(check, data.basis_zh, "basis_zh"),
        "basis_en": _text(check, data.basis_en, "basis_en"),
    }
    has_figure = any(values[name] is not None for name in FIGURES)
    if values["source_key"] is not None and session.get(m.ReferenceSource, values["source_key"]) is None:
        check.add("programme.source_unknown", "source_key")
    elif has_figure and values["source_key"] is None:
        check.add("programme.source_required", "source_key")
    if has_figure and not values["basis_zh"]:
        check.add("programme.basis_required", "basis_zh")
    check.done()
    return values


def _slug(session: Session, raw: str) -> str:
    slug = fields.clean(raw).strip().lower()
    if not SLUG.match(slug):
        raise RuleError("programme.slug", "slug")
    if session.scalars(select(m.Programme.id).where(m.Programme.slug == slug)).first() is not None:
        raise RuleError("programme.slug_taken", "slug")
    return slug


def create(session: Session, actor: Actor, data: ProgrammeInput) -> m.Programme:
    check = Checker()
    slug = check(_slug, session, data.slug)
    values = check(_values, session, data)
    check.done()
    item = m.Programme(slug=slug, status="draft", updated_by_id=actor.user_id, **values)
    session.add(item)
    session.flush()
    audit.record(session, actor, "programme.created", "programme", item.slug, {"name": item.name_zh})
    session.commit()
    return item


def update(session: Session, actor: Actor, item_id: int, data: ProgrammeInput) -> m.Programme:
    item = get(session, item_id)
    if item.status == "retired":
        raise RuleError("programme.state", status=item.status)
    values = _values(session, data)
    changed = sorted(k for k, v in values.items() if getattr(item, k) != v)
    for key, value in values.items():
        setattr(item, key, value)
    item.updated_by_id = actor.user_id
    audit.record(session, actor, "programme.updated", "programme", item.slug,
                 {"fields": changed, "values": {k: _plain(values[k]) for k in changed}})
    session.commit()
    return item


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def publish(session: Session, actor: Actor, item_id: int) -> m.Programme:
    item = get(session, item_id)
    if item.status != "draft":
        raise RuleError("programme.state", status=item.status)
    item.status = "published"
    audit.record(session, actor, "programme.published", "programme", item.slug)
    session.commit()
    return item


def retire(session: Session, actor: Actor, item_id: int, reason: str) -> m.Programme:
    item = get(session, item_id)
    if item.status == "retired":
        raise RuleError("programme.state", status=item.status)
    item.retired_reason = fields.reason(reason, "reason", 500)
    item.status = "retired"
    audit.record(session, actor, "programme.retired", "programme", item.slug, {"reason": item.retired_reason})
    session.commit()
    return item
