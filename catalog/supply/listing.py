"""Rules shared by products and offers: which status a step may start from,
and who may publish (verified suppliers only)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..accounts.roles import can_publish
from ..errors import NotFound, RuleError

Row = TypeVar("Row", m.Product, m.EmcOffer, m.Submission)


def require_status(status: str, allowed: Iterable[str]) -> None:
    if status not in tuple(allowed):
        raise RuleError("listing.transition", status=status)


def publishable(session: Session, org_id: int) -> m.Organisation:
    """The organisation, if it may show listings to the public."""
    org = session.get(m.Organisation, org_id)
    if org is None or org.kind != "supplier" or not can_publish(org):
        raise RuleError("publish.unverified")
    return org


def visible(org: m.Organisation | None) -> bool:
    """Published listings show only while their organisation is verified."""
    return can_publish(org)


def get(session: Session, model: type[Row], row_id: int, org_id: int | None = None) -> Row:
    """A product, offer or submission by id; with ``org_id`` only that
    organisation's (another organisation's id is simply not found)."""
    row = session.get(model, row_id)
    if row is None or (org_id is not None and row.organisation_id != org_id):
        raise NotFound(model.__tablename__, row_id)
    return row


def own(session: Session, model: type[Row], org_id: int) -> list[Row]:
    """An organisation's products, offers or submissions, last changed first."""
    return list(session.scalars(select(model).where(model.organisation_id == org_id)
                                .order_by(model.updated_at.desc(), model.id.desc())).unique())


def assign(row: Row, values: dict) -> list[str]:
    """Set ``values`` on ``row`` and mark it changed now; the names that changed."""
    changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = m.utcnow()
    return changed
