"""Which guides exist: one per sector with benchmark products (kind
"sector"), one cross-cutting (kind "cross", subject "all") and one promotion
plan per catalogue category among the promoted or plan-named published
technologies (kind "plan", subject the category key)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import models as m
from ..errors import NotFound

CROSS_SECTOR = "cross_cutting"   # the taxonomy's sector of cross-cutting technologies
CROSS = "all"


@dataclass(frozen=True)
class Subject:
    kind: str
    key: str
    name_zh: str
    name_en: str

    def label(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") and self.name_en else self.name_zh

    @property
    def slug(self) -> str:
        """The public URL part: the sector key, "cross", or the category key."""
        return "cross" if self.kind == "cross" else self.key


def promoted_filter():
    return or_(m.Technology.promoted.is_(True), m.Technology.plan_named.is_(True))


def sectors(session: Session) -> list[Subject]:
    rows = session.scalars(select(m.Sector).where(m.Sector.key != CROSS_SECTOR).order_by(m.Sector.position))
    return [Subject("sector", s.key, s.name_zh, s.name_en) for s in rows]


def cross(session: Session) -> Subject:
    sector = session.get(m.Sector, CROSS_SECTOR)
    return Subject("cross", CROSS, sector.name_zh if sector else "跨行业通用",
                   sector.name_en if sector else "Cross-cutting")


def plans(session: Session) -> list[Subject]:
    """Categories that hold at least one promoted or plan-named published entry."""
    keys = set(session.scalars(select(m.Technology.category_key).where(
        m.Technology.status == "published", promoted_filter())))
    rows = session.scalars(select(m.Category).order_by(m.Category.position))
    return [Subject("plan", c.key, c.name_zh, c.name_en) for c in rows if c.key in keys]


def all_subjects(session: Session) -> list[Subject]:
    return [*sectors(session), cross(session), *plans(session)]


def find(session: Session, kind: str, key: str) -> Subject:
    """The guide ``kind``/``key`` names, or NotFound (any input is safe here)."""
    if kind == "cross" and key in (CROSS, "cross"):
        return cross(session)
    pool = sectors(session) if kind == "sector" else plans(session) if kind == "plan" else []
    found = next((s for s in pool if s.key == key), None)
    if found is None:
        raise NotFound("guide", f"{kind}/{key}"[:80])
    return found


def from_slug(session: Session, slug: str) -> Subject:
    """A public /guides/<slug>: "cross" or a sector key."""
    return find(session, "cross", CROSS) if slug == "cross" else find(session, "sector", slug)
