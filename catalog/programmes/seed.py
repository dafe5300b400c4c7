"""Load ``data/programmes.yaml`` (``flask setup``). New programmes are created
with the seed's status; for existing ones a three-way merge as for the
catalogue (issue 17): a field still holding what the seed last loaded (its
baseline, ``SeedBaseline`` kind "programme") takes the seed's new value; a
field the bureau changed is kept, and listed as a conflict when the seed
changed it too. The status (published, retired) is the bureau's once loaded."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from ..seed import SeedError, SeedReport, read_yaml
from .service import EDITABLE

KIND = "programme"


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def seed_values(entry: dict, known: set[str], where: str) -> dict[str, Any]:
    """One YAML entry as column values; figures need a known source."""
    values = {name: entry.get(name) for name in EDITABLE if name != "source_key"}
    values["source_key"] = entry.get("source")
    for name in ("sectors", "categories", "technologies"):
        values[name] = list(values[name] or [])
    for name in ("name_en", "administrator_zh", "administrator_en", "summary_zh", "summary_en",
                 "basis_zh", "basis_en"):
        values[name] = str(values[name] or "")
    if values["deadline"] is not None:
        values["deadline"] = date.fromisoformat(str(values["deadline"]))
    if entry.get("kind") not in m.PROGRAMME_KINDS or not entry.get("slug") or not entry.get("name_zh"):
        raise SeedError(f"{where}: a programme needs a slug, a name_zh and a known kind")
    figures = [values[n] for n in ("share", "cap_cny", "rate", "years", "min_saving_tce")]
    if values["source_key"] not in known and (values["source_key"] or any(f is not None for f in figures)):
        raise SeedError(f"{where}: programme {entry['slug']} cites no known source")
    return values


def load_programmes(session: Session, path: Path, report: SeedReport, known: set[str]) -> None:
    if not path.exists():
        return
    for entry in (read_yaml(path) or {}).get("programmes") or []:
        values = seed_values(entry, known, path.name)
        slug = entry["slug"]
        row = session.scalars(select(m.Programme).where(m.Programme.slug == slug)).first()
        if row is None:
            session.add(m.Programme(slug=slug, status=entry.get("status") or "published", **values))
            session.add(m.SeedBaseline(kind=KIND, key=slug, values={k: _plain(v) for k, v in values.items()}))
            report.add("programme", "created")
        elif _merge(session, row, values, report):
            report.add("programme", "updated")
        else:
            report.add("programme", "unchanged")


def _merge(session: Session, row: m.Programme, seed: dict, report: SeedReport) -> bool:
    baseline = session.scalars(select(m.SeedBaseline).where(m.SeedBaseline.kind == KIND,
                                                            m.SeedBaseline.key == row.slug)).first()
    base = dict(baseline.values) if baseline is not None else {}
    remembered, changed = dict(base), False
    for name, new in seed.items():
        current, plain_new = _plain(getattr(row, name)), _plain(new)
        old = base.get(name, _MISSING)
        if current == plain_new:
            remembered[name] = plain_new
        elif current == old:
            setattr(row, name, new)
            remembered[name] = plain_new
            changed = True
        elif old is _MISSING or plain_new != old:
            report.conflicts.append(f"{row.slug}.{name}")
    if baseline is None:
        session.add(m.SeedBaseline(kind=KIND, key=row.slug, values=remembered))
    elif remembered != base:
        baseline.values = remembered
    return changed


_MISSING = object()
