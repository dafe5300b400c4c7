"""Related entries for a technology sheet, without reading the catalogue per view.

Affinity with another published entry: 3 for the same process stage, 2 per
shared benchmark product, 1 for the same category, 1 for the same sector; at
least 2 to count; the best six by (affinity desc, code). Every part of the
affinity is a property of the other entry's *signature* (stage, category,
sector, product list), so signatures are scored, not entries: within one
affinity level entries go by code, and each signature's first seven codes are
enough (six, plus the entry itself).

The signatures and their first codes come from one window query per catalogue
generation, cached per process (``catalog.counts``); there are as many as the
taxonomy and the curated product lists combine, not one per entry. A view then
costs the number of signatures plus one primary-key query for the six rows.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session

from . import counts
from . import models as m

T = m.Technology
MIN_AFFINITY = 2
LEADERS = 7
# The JSON list as stored: equal lists, equal text (PostgreSQL's json has no equality).
SIGNATURE = (T.stage_key, T.category_key, T.sector_key, cast(T.applicable_to, Text))


@dataclass(frozen=True)
class Signature:
    stage: str
    category: str
    sector: str
    products: frozenset[str]
    leaders: tuple[tuple[str, int], ...]  # (code, id) of its first LEADERS entries by code

    def affinity(self, tech: m.Technology, products: frozenset[str]) -> int:
        return (3 * (self.stage == tech.stage_key) + 2 * len(self.products & products)
                + (self.category == tech.category_key) + (self.sector == tech.sector_key))


def signatures(session: Session) -> tuple[Signature, ...]:
    return counts.cached(session, "related-signatures", lambda: _load(session))


def _load(session: Session) -> tuple[Signature, ...]:
    position = func.row_number().over(partition_by=SIGNATURE, order_by=T.code)
    ranked = (select(*(c.label(f"s{i}") for i, c in enumerate(SIGNATURE)), T.code, T.id,
                     position.label("position"))
              .where(T.status == "published").subquery())
    found: dict[tuple, list] = defaultdict(list)
    for *key, code, ident, position in session.execute(select(ranked).where(ranked.c.position <= LEADERS)):
        found[tuple(key)].append((position, code, ident))
    parsed: dict[str, frozenset[str]] = {}
    result = []
    for (stage, category, sector, text), leaders in found.items():
        if text not in parsed:
            parsed[text] = frozenset(json.loads(text) if text else ())
        result.append(Signature(stage, category, sector, parsed[text],
                                tuple((code, ident) for _p, code, ident in sorted(leaders))))
    return tuple(result)


def related_technologies(session: Session, tech: m.Technology, limit: int = 6) -> list[m.Technology]:
    """Entries sharing the process stage, benchmark products or category, most in common first."""
    products = frozenset(tech.applicable_to or ())
    levels: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for signature in signatures(session):
        score = signature.affinity(tech, products)
        if score >= MIN_AFFINITY:
            levels[score].extend(signature.leaders)
    chosen: list[tuple[str, int]] = []
    for score in sorted(levels, reverse=True):
        need = limit - len(chosen)
        if need <= 0:
            break
        chosen += sorted(leader for leader in levels[score] if leader[1] != tech.id)[:need]
    ids = [ident for _code, ident in chosen]
    # Re-checked: an entry retired since the signatures were read is left out, not shown.
    rows = {t.id: t for t in session.scalars(select(T).where(T.id.in_(ids), T.status == "published"))
            .unique()}
    return [rows[ident] for ident in ids if ident in rows]
