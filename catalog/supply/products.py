"""Suppliers' products and solutions: create, edit, publish, withdraw.

A product is always stored valid (every problem of a form is reported at
once and nothing is saved until all is right). Only verified suppliers may
publish. Once a product has been published, every later save adds a
revision (a snapshot of its fields and what changed), which the supplier and
the bureau can read."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..accounts.checks import Checker
from . import fields, listing
from .listing import publishable, require_status

Row = tuple[str, ...]


@dataclass(frozen=True)
class ProductInput:
    """What the form sent, as text. Money in 万元; rows may be blank (skipped)."""

    name_zh: str
    name_en: str = ""
    description: str = ""
    technologies: tuple[str, ...] = ()
    specs: tuple[Row, ...] = ()            # (name, value, unit)
    stages: tuple[str, ...] = ()
    capacity_note: str = ""
    price_min_wan: str = ""
    price_max_wan: str = ""
    regions: tuple[str, ...] = ()
    certificates: tuple[Row, ...] = ()     # (name, number, issuer, valid until)
    cases: tuple[tuple, ...] = ()          # (site, year, results, contact permitted)


def _blank(row: tuple) -> bool:
    return not any(str(v).strip() for v in row if not isinstance(v, bool))


def _specs(check: Checker, rows: tuple[Row, ...]) -> list[dict]:
    out = []
    for n, row in enumerate(rows):
        if _blank(row):
            continue
        name, value, unit = (tuple(row) + ("", "", ""))[:3]
        field = f"specs.{n}"
        if not name.strip() or not value.strip():
            check.add("spec.incomplete", field, row=n + 1)
            continue
        out.append({"name": check(fields.text, name, field, 1, 60) or "",
                    "value": check(fields.text, value, field, 1, 60) or "",
                    "unit": check(fields.optional_text, unit, field, 30) or ""})
    return out


def _certificates(check: Checker, rows: tuple[Row, ...]) -> list[dict]:
    out = []
    for n, row in enumerate(rows):
        if _blank(row):
            continue
        name, number, issuer, valid_until = (tuple(row) + ("", "", "", ""))[:4]
        field = f"certificates.{n}"
        if not name.strip():
            check.add("certificate.incomplete", field, row=n + 1)
            continue
        until = check(fields.when, valid_until, field, False)
        out.append({"name": check(fields.text, name, field, 1, 120) or "",
                    "number": check(fields.optional_text, number, field, 60) or "",
                    "issuer": check(fields.optional_text, issuer, field, 120) or "",
                    "valid_until": until.isoformat() if until else ""})
    return out


def _cases(check: Checker, rows: tuple[tuple, ...]) -> list[dict]:
    out = []
    for n, row in enumerate(rows):
        if _blank(row):
            continue
        site, year, results, contact_ok = (tuple(row) + ("", "", "", False))[:4]
        field = f"cases.{n}"
        if not str(site).strip() or not str(results).strip():
            check.add("case.incomplete", field, row=n + 1)
            continue
        out.append({"site": check(fields.text, site, field, 2, 120) or "",
                    "year": check(fields.integer, year, field, 1990, clock.today().year) or 0,
                    "results": check(fields.long_text, results, field, 2, 1000) or "",
                    "contact_ok": bool(contact_ok)})
    return out


def validate(session: Session, data: ProductInput) -> dict:
    """Model attributes from the input, or InvalidFields with every problem."""
    check = Checker()
    low = check(fields.number, data.price_min_wan, "price_min", 0, 1e7, False)
    high = check(fields.number, data.price_max_wan, "price_max", 0, 1e7, False)
    if low is not None and high is not None and low > high:
        check.add("price.order", "price_max")
    values = {
        "name_zh": check(fields.text, data.name_zh, "name_zh", 2, 200),
        "name_en": check(fields.optional_text, data.name_en, "name_en", 300) or "",
        "description": check(fields.long_text, data.description, "description", 10, 5000),
        "technologies": check(fields.technologies, session, data.technologies),
        "specs": _specs(check, data.specs),
        "stage_keys": check(fields.keys, session, m.ProcessStage, data.stages, "stages") or [],
        "capacity_note": check(fields.optional_text, data.capacity_note, "capacity_note", 300) or "",
        "price_min_cny": None if low is None else round(low * fields.WAN, 2),
        "price_max_cny": None if high is None else round(high * fields.WAN, 2),
        "regions": check(fields.region_keys, session, data.regions),
        "certificates": _certificates(check, data.certificates),
        "cases": _cases(check, data.cases),
    }
    check.done()
    return values


def snapshot(product: m.Product) -> dict:
    """The product's fields as plain JSON (technologies by code)."""
    return {
        "name_zh": product.name_zh, "name_en": product.name_en, "description": product.description,
        "technologies": [t.code for t in product.technologies], "specs": product.specs,
        "stage_keys": product.stage_keys, "capacity_note": product.capacity_note,
        "price_min_cny": product.price_min_cny, "price_max_cny": product.price_max_cny,
        "regions": product.regions, "certificates": product.certificates, "cases": product.cases,
    }


def get_own(session: Session, org_id: int, product_id: int) -> m.Product:
    """The organisation's product; another organisation's id is not found."""
    return listing.get(session, m.Product, product_id, org_id)


def get(session: Session, product_id: int) -> m.Product:
    return listing.get(session, m.Product, product_id)


def list_own(session: Session, org_id: int) -> list[m.Product]:
    return listing.own(session, m.Product, org_id)


def create(session: Session, actor: Actor, org_id: int, data: ProductInput) -> m.Product:
    values = validate(session, data)
    product = m.Product(organisation_id=org_id, status="draft", **values)
    session.add(product)
    session.flush()
    audit.record(session, actor, "product.created", "product", product.id, {"name": product.name_zh})
    session.commit()
    return product


def update(session: Session, actor: Actor, org_id: int, product_id: int, data: ProductInput) -> m.Product:
    product = get_own(session, org_id, product_id)
    values = validate(session, data)
    before = snapshot(product)
    for key, value in values.items():
        setattr(product, key, value)
    after = snapshot(product)
    changed = sorted(k for k in after if after[k] != before[k])
    if not changed:
        session.rollback()
        return product
    product.updated_at = m.utcnow()
    if product.published_at is not None:  # history is kept once the public has seen it
        _revise(session, actor, product, changed, after)
    audit.record(session, actor, "product.updated", "product", product.id, {"fields": changed})
    session.commit()
    return product


def _revise(session: Session, actor: Actor, product: m.Product, changed: list[str], after: dict) -> None:
    product.version += 1
    session.add(m.ProductRevision(product=product, version=product.version, actor_id=actor.user_id,
                                  actor_label=actor.label, changed=changed, snapshot=after))


def publish(session: Session, actor: Actor, org_id: int, product_id: int) -> m.Product:
    product = get_own(session, org_id, product_id)
    require_status(product.status, ("draft", "withdrawn"))
    publishable(session, org_id)
    now = m.utcnow()
    product.status, product.updated_at = "published", now
    product.published_at = product.published_at or now
    _revise(session, actor, product, ["status"], {**snapshot(product), "status": "published"})
    audit.record(session, actor, "product.published", "product", product.id, {"version": product.version})
    session.commit()
    return product


def withdraw(session: Session, actor: Actor, org_id: int, product_id: int) -> m.Product:
    product = get_own(session, org_id, product_id)
    require_status(product.status, ("published",))
    product.status, product.updated_at = "withdrawn", m.utcnow()
    _revise(session, actor, product, ["status"], {**snapshot(product), "status": "withdrawn"})
    audit.record(session, actor, "product.withdrawn", "product", product.id)
    session.commit()
    return product


__all__ = ["ProductInput", "create", "get", "get_own", "list_own", "publish",
           "snapshot", "update", "validate", "withdraw"]
