"""What the public sees of suppliers' listings: published products and
offers of verified suppliers (a listing disappears while its supplier is not
verified, and comes back when it is again)."""
from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from .. import models as m
from ..errors import NotFound


def _public(stmt: Select, model: type) -> Select:
    return (stmt.join(m.Organisation, m.Organisation.id == model.organisation_id)
            .where(model.status == "published", m.Organisation.status == "verified",
                   m.Organisation.kind == "supplier"))


def products(session: Session, ids: list[int] | None = None) -> list[m.Product]:
    stmt = _public(select(m.Product), m.Product)
    if ids is not None:
        stmt = stmt.where(m.Product.id.in_(ids))
    return list(session.scalars(stmt.order_by(m.Product.id)).unique())


def offers(session: Session, ids: list[int] | None = None) -> list[m.EmcOffer]:
    stmt = _public(select(m.EmcOffer), m.EmcOffer)
    if ids is not None:
        stmt = stmt.where(m.EmcOffer.id.in_(ids))
    return list(session.scalars(stmt.order_by(m.EmcOffer.id)).unique())


def for_technology(session: Session, technology_id: int) -> tuple[list[m.Product], list[m.EmcOffer]]:
    """Published products and offers of verified suppliers linked to one entry."""
    product_stmt = _public(select(m.Product), m.Product).join(
        m.product_technology, m.product_technology.c.product_id == m.Product.id).where(
        m.product_technology.c.technology_id == technology_id)
    offer_stmt = _public(select(m.EmcOffer), m.EmcOffer).join(
        m.offer_technology, m.offer_technology.c.offer_id == m.EmcOffer.id).where(
        m.offer_technology.c.technology_id == technology_id)
    return (list(session.scalars(product_stmt.order_by(m.Product.published_at, m.Product.id)).unique()),
            list(session.scalars(offer_stmt.order_by(m.EmcOffer.published_at, m.EmcOffer.id)).unique()))


def product(session: Session, product_id: int) -> m.Product:
    found = products(session, [product_id])
    if not found:
        raise NotFound("product", product_id)
    return found[0]


def offer(session: Session, offer_id: int) -> m.EmcOffer:
    found = offers(session, [offer_id])
    if not found:
        raise NotFound("offer", offer_id)
    return found[0]
