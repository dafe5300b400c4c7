"""Which channel each user wants per kind, and which kinds concern whom."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts.checks import Checker
from ..errors import RuleError

DEFAULT_CHANNEL: dict[str, str] = {
    "inquiry_new": "email", "inquiry_message": "email", "inquiry_step": "email",
    "interest_forward": "email", "submission_review": "email", "objection": "email",
    "need_matches": "digest", "leads": "digest", "saved_search": "digest", "registration_pending": "email",
}
KINDS_BY_ORG_KIND: dict[str, tuple[str, ...]] = {
    "enterprise": ("inquiry_new", "inquiry_message", "inquiry_step", "need_matches", "saved_search"),
    "supplier": ("inquiry_new", "inquiry_message", "inquiry_step", "submission_review", "objection",
                 "leads", "saved_search"),
    "bureau": ("interest_forward", "objection", "registration_pending", "saved_search"),
}


def kinds_for(org_kind: str) -> tuple[str, ...]:
    return KINDS_BY_ORG_KIND.get(org_kind, ("saved_search",))


def channels(session: Session, user_ids: list[int], kind: str) -> dict[int, str]:
    """Each user's channel for ``kind`` (one query for all of them)."""
    chosen = dict(session.execute(select(m.NotificationPreference.user_id, m.NotificationPreference.channel)
                                  .where(m.NotificationPreference.kind == kind,
                                         m.NotificationPreference.user_id.in_(user_ids))).all())
    return {uid: chosen.get(uid, DEFAULT_CHANNEL[kind]) for uid in user_ids}


def preferences(session: Session, user: m.User) -> dict[str, str]:
    """The kinds that concern ``user`` with their channel."""
    kinds = kinds_for(user.organisation.kind)
    chosen = dict(session.execute(select(m.NotificationPreference.kind, m.NotificationPreference.channel)
                                  .where(m.NotificationPreference.user_id == user.id)).all())
    return {kind: chosen.get(kind, DEFAULT_CHANNEL[kind]) for kind in kinds}


def _channel(value: object, field: str) -> str:
    if value not in m.CHANNELS:
        raise RuleError("notify.channel", field)
    return str(value)


def set_preferences(session: Session, user: m.User, wanted: dict[str, object]) -> dict[str, str]:
    """Store a channel for each kind that concerns the user; every value is
    checked first, so a bad one saves nothing."""
    kinds = kinds_for(user.organisation.kind)
    check = Checker()
    values = {kind: check(_channel, wanted.get(kind, DEFAULT_CHANNEL[kind]), kind) for kind in kinds}
    unknown = set(wanted) - set(kinds)
    if unknown:
        raise RuleError("notify.kind", sorted(unknown)[0])
    check.done()
    session.execute(delete(m.NotificationPreference).where(m.NotificationPreference.user_id == user.id))
    session.add_all(m.NotificationPreference(user_id=user.id, kind=k, channel=c) for k, c in values.items())
    session.commit()
    return values
