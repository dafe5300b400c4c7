"""When verified Chongqing projects set a technology's typical effect value.

The rule: at least ``MIN_PROJECTS`` verified projects whose values can be
compared with the effect model (same unit, ``records.comparable_unit``), each
within ±``AGREEMENT`` (30 %) of their median. Their median then becomes the
model's typical value (low and high widen to include it when it lies outside
them); the change is kept as an ``EffectRevision`` (old value, new value, n,
the projects and their values, when). A new revision is made only when the
set of agreeing projects changed. When the projects stop agreeing, the last
adopted value stays until they agree again. The catalogue's reference figures
(``reference_plant``) are recomputed after a change."""
from __future__ import annotations

import statistics

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog import reference_plant

from .records import comparable_unit, rows_for

MIN_PROJECTS = 3
AGREEMENT = 0.30


def agreeing(values: list[float]) -> float | None:
    """The median of ``values`` when the rule holds, else None."""
    if len(values) < MIN_PROJECTS:
        return None
    median = statistics.median(values)
    if median <= 0 or any(abs(v - median) > AGREEMENT * median for v in values):
        return None
    return median


def apply(session: Session, tech: m.Technology) -> m.EffectRevision | None:
    """Adopt the verified projects' median when the rule holds and the
    projects changed since the last revision; the new revision or None.
    The caller commits."""
    effect = dict(tech.effect or {})
    unit = comparable_unit(effect)
    if unit is None:
        return None
    verified = [(row.record.id, row.measured) for row in rows_for(session, tech)
                if row.record.level == "verified" and row.measured is not None and row.unit == unit]
    median = agreeing([value for _id, value in verified])
    if median is None:
        return None
    ids = sorted(ident for ident, _v in verified)
    last = session.scalar(select(m.EffectRevision).where(m.EffectRevision.technology_id == tech.id)
                          .order_by(m.EffectRevision.id.desc()).limit(1))
    if last is not None and sorted(last.project_ids) == ids:
        return None
    old = float(effect["typical"])
    revision = m.EffectRevision(technology_id=tech.id, unit=unit, old_typical=old, new_typical=median,
                                n=len(ids), project_ids=ids,
                                values=[value for _id, value in sorted(verified)])
    session.add(revision)
    session.flush()
    effect.update(typical=median, low=min(float(effect["low"]), median),
                  high=max(float(effect["high"]), median),
                  typical_from={"revision": revision.id, "n": len(ids), "catalogue_typical":
                                (effect.get("typical_from") or {}).get("catalogue_typical", old)})
    tech.effect = effect
    session.flush()
    reference_plant.refresh(session)
    return revision


def reapply(session: Session) -> int:
    """Put each technology's last adopted typical value back into its effect
    model (a seed load rewrites the models from the catalogue's files); the
    number changed. The caller commits. Meant to run after ``flask setup``."""
    changed = 0
    latest: dict[int, m.EffectRevision] = {}
    for revision in session.scalars(select(m.EffectRevision).order_by(m.EffectRevision.id)):
        latest[revision.technology_id] = revision
    for tech_id, revision in latest.items():
        tech = session.get(m.Technology, tech_id)
        effect = dict(tech.effect or {})
        if comparable_unit(effect) != revision.unit or effect.get("typical") == revision.new_typical:
            continue
        catalogue = float(effect["typical"])
        effect.update(typical=revision.new_typical, low=min(float(effect["low"]), revision.new_typical),
                      high=max(float(effect["high"]), revision.new_typical),
                      typical_from={"revision": revision.id, "n": revision.n, "catalogue_typical": catalogue})
        tech.effect = effect
        changed += 1
    if changed:
        session.flush()
        reference_plant.refresh(session)
    return changed
