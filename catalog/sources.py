"""Citations: source-registry keys → the documents a reader can look up."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models as m


def resolve(session: Session, keys: Iterable[str | None]) -> dict[str, m.ReferenceSource]:
    """The registry entries for ``keys`` (unknown and empty keys are left out)."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return {}
    rows = session.scalars(select(m.ReferenceSource).where(m.ReferenceSource.key.in_(wanted)))
    return {s.key: s for s in rows}


def as_json(source: m.ReferenceSource | None) -> dict | None:
    if source is None:
        return None
    return {"key": source.key, "publisher": source.publisher_zh or source.publisher_en,
            "publisher_en": source.publisher_en or None, "title": source.title, "date": source.date,
            "url": source.url, "kind": source.kind}


def effect_keys(effect: dict) -> set[str]:
    from .effect_models import cited_keys

    return cited_keys(effect or {})
