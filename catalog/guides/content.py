"""A guide's content built from live data, as plain JSON-ready data (what
an edition freezes in ``GuideEdition.content``; the web page and the PDF are
both rendered from it).

- sector guide (供需对接指南): the sector's benchmark position, the common
  problems by process stage (what the sector's technologies solve), and its
  published technologies with figures, suppliers, EMC offers and cases;
- cross-cutting guide: the same for the cross-cutting technologies, with the
  position of every sector's products;
- promotion plan (技术推广方案): the promoted or plan-named technologies of one
  catalogue category, each with where it applies, its uptake among the
  registered lines and the support available (suppliers, EMC offers, plan
  references), and the position of the products it applies to."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from . import entries, position
from .subjects import CROSS_SECTOR, Subject, promoted_filter

FORMAT = 1   # the content layout version, stored with it


def technologies(session: Session, subject: Subject) -> list[m.Technology]:
    stmt = select(m.Technology).where(m.Technology.status == "published").order_by(m.Technology.code)
    if subject.kind == "sector":
        stmt = stmt.where(m.Technology.sector_key == subject.key)
    elif subject.kind == "cross":
        stmt = stmt.where(m.Technology.sector_key == CROSS_SECTOR)
    else:
        stmt = stmt.where(m.Technology.category_key == subject.key, promoted_filter())
    return list(session.scalars(stmt).unique())


def titles(subject: Subject) -> dict[str, str]:
    if subject.kind == "plan":
        return {"title_zh": f"{subject.name_zh}技术推广方案",
                "title_en": f"Promotion plan: {subject.name_en}"}
    if subject.kind == "cross":
        return {"title_zh": "跨行业通用低碳技术供需对接指南",
                "title_en": "Supply–demand matching guide: cross-cutting low-carbon technologies"}
    return {"title_zh": f"重庆市{subject.name_zh}行业低碳技术供需对接指南",
            "title_en": f"Chongqing {subject.name_en.lower()} industry: low-carbon technology "
                        "supply–demand matching guide"}


def common_problems(techs: list[dict]) -> list[dict]:
    """What plants report, grouped by process stage: each technology's first
    problem phrases (its ``problems`` field), with the entry that answers them."""
    stages: dict[str, dict] = {}
    for t in techs:
        stage = stages.setdefault(t["stage_key"], {"stage_zh": t["stage_zh"], "stage_en": t["stage_en"],
                                                    "items": []})
        stage["items"].append({"code": t["code"], "zh": t["problems_zh"][:3], "en": t["problems_en"][:3]})
    return list(stages.values())


def build(session: Session, subject: Subject, contact: dict | None = None,
          today: date | None = None) -> dict:
    """The guide as it stands now. ``contact`` is whom to contact (the
    portal's operator and contact line, both languages), frozen with it."""
    ctx = entries.Context(session)
    techs = [entries.entry(ctx, t) for t in technologies(session, subject)]
    if subject.kind == "sector":
        products = position.products_of_sector(session, subject.key)
    elif subject.kind == "cross":
        products = position.products_of_sector(session, None)
    else:
        products = position.products_of_families(session, {f for t in techs for f in t["applicable_to"]})
    if subject.kind == "plan":
        for t in techs:
            t["uptake"] = position.uptake(session, t["code"], t["applicable_to"])
    pos = position.position(session, products)
    ctx.cited |= {r["source"] for r in pos["products"] if r["source"]}
    return {
        "format": FORMAT, "kind": subject.kind, "subject": subject.key, "slug": subject.slug,
        "name_zh": subject.name_zh, "name_en": subject.name_en, **titles(subject),
        "as_of": (today or clock.today()).isoformat(),
        "position": pos, "problems": common_problems(techs) if subject.kind != "plan" else [],
        "technologies": techs, "prices": entries.reference_plant.reference_prices(session),
        "sources": entries.cited(ctx),
        "contact": {k: (contact or {}).get(k, "") for k in ("operator_zh", "operator_en",
                                                            "contact_zh", "contact_en")},
    }
