"""One conversation per need and listing: an enterprise's unfinished inquiry
about the same need, product and offer is found rather than started again
(a second one would only split the conversation; issue 20)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalog import models as m

FINISHED = ("closed", "lost")


def existing(session: Session, org_id: int, about: dict) -> m.Inquiry | None:
    """The enterprise's unfinished inquiry about the same need, product and
    offer, if any: a second one would only split the conversation."""
    i = m.Inquiry

    def same(column, row):
        return column.is_(None) if row is None else column == row.id
    return session.scalars(select(i).where(
        i.enterprise_id == org_id, i.origin == "enterprise", i.supplier_id == about["supplier_id"],
        same(i.need_id, about["need"]), same(i.product_id, about["product"]),
        same(i.offer_id, about["offer"]), i.status.not_in(FINISHED))
        .order_by(i.id).limit(1)).unique().one_or_none()


def open_by_offer(session: Session, org_id: int, need_id: int) -> dict[int, int]:
    """Offer id → the enterprise's unfinished inquiry about it for this need
    (the need page shows them instead of a second "start an inquiry")."""
    i = m.Inquiry
    rows = session.execute(select(i.offer_id, func.min(i.id)).where(
        i.enterprise_id == org_id, i.need_id == need_id, i.offer_id.is_not(None),
        i.status.not_in(FINISHED)).group_by(i.offer_id))
    return {offer_id: inquiry_id for offer_id, inquiry_id in rows}
