"""What a new line or need form starts with, so a newcomer does not begin
from the first item of every list: a cement enterprise in 渝北区 gets the
clinker product and its district, and "post a need" from a line page gets
that line and the process stage its product's technologies work on."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.errors import NotFound

from . import facilities


def product_stage(session: Session, product_key: str) -> str | None:
    """The stage most published technologies for this benchmark product work
    on (ties: the lowest catalogue code); None when no technology names it."""
    product = session.get(m.BenchmarkProduct, product_key)
    if product is None:
        return None
    rows = session.execute(select(m.Technology.stage_key, m.Technology.applicable_to).where(
        m.Technology.status == "published", m.Technology.sector_key == product.sector_key)
        .order_by(m.Technology.code))
    counts = Counter(stage for stage, products in rows if product_key in (products or ()))
    return counts.most_common(1)[0][0] if counts else None


def need_defaults(session: Session, org_id: int, facility_id: int | None) -> dict[str, str]:
    """The need form's line and stage for a need posted from ``facility_id``
    (nothing for a line that is not the organisation's own)."""
    if facility_id is None:
        return {}
    try:
        line = facilities.get(session, org_id, facility_id)
    except NotFound:
        return {}
    stage = product_stage(session, line.product_key)
    return {"facility_id": str(line.id), **({"stage_key": stage} if stage else {})}


def facility_defaults(session: Session, org_id: int) -> dict[str, str]:
    """The line form's product and district: the first benchmark product of
    the organisation's sectors and the organisation's own district."""
    org = session.get(m.Organisation, org_id)
    if org is None:
        return {}
    out = {"district_key": org.district_key} if org.district_key else {}
    sectors = [s.key for s in org.sectors]
    if sectors:
        product = session.scalar(select(m.BenchmarkProduct.key).where(
            m.BenchmarkProduct.sector_key.in_(sectors)).order_by(m.BenchmarkProduct.position).limit(1))
        if product:
            out["product_key"] = product
    return out
