"""Load and update the reference data and the seed catalogue from ``data/``.

Idempotent: rows are matched on their natural keys and only changed fields are
written, so a second run reports everything as unchanged. The caller's
session owns the transaction; ``load_all`` commits once at the end.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models as m

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class SeedReport:
    """Per table: how many rows were created, updated or left unchanged."""

    counts: dict[str, Counter] = field(default_factory=dict)
    # "CODE.field": the bureau changed it and the seed differs; the bureau's value is kept
    conflicts: list[str] = field(default_factory=list)

    def add(self, table: str, outcome: str) -> None:
        self.counts.setdefault(table, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self) -> list[str]:
        lines = [f"{table}: " + ", ".join(f"{n} {outcome}" for outcome, n in c.items())
                 for table, c in self.counts.items()]
        if self.conflicts:
            lines.append(f"kept the bureau's value, the seed differs ({len(self.conflicts)}): "
                         + ", ".join(self.conflicts))
        return lines


class SeedError(ValueError):
    """The shipped data is inconsistent or unreadable; the message names the file."""


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise SeedError(f"{path}: {exc}") from exc


def _apply(row: Any, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def upsert(session: Session, model: type, key: dict[str, Any], values: dict[str, Any],
           report: SeedReport) -> Any:
    row = session.scalars(select(model).filter_by(**key)).one_or_none()
    if row is None:
        row = model(**key, **values)
        session.add(row)
        report.add(model.__tablename__, "created")
    elif _apply(row, values):
        report.add(model.__tablename__, "updated")
    else:
        report.add(model.__tablename__, "unchanged")
    return row


def _pick(entry: dict, names: Iterable[str]) -> dict[str, Any]:
    return {name: entry.get(name) for name in names}


def load_taxonomy(session: Session, data: dict, report: SeedReport) -> None:
    for pos, e in enumerate(data["sectors"]):
        upsert(session, m.Sector, {"key": e["key"]}, {
            **_pick(e, ["code_prefix", "name_zh", "name_en"]),
            "description_zh": e.get("description_zh", ""),
            "description_en": e.get("description_en", ""), "position": pos}, report)
    session.flush()
    for pos, e in enumerate(data["stages"]):
        upsert(session, m.ProcessStage, {"key": e["key"]}, {
            "sector_key": e["sector"], "name_zh": e["name_zh"], "name_en": e["name_en"],
            "position": pos}, report)
    for pos, e in enumerate(data["categories"]):
        upsert(session, m.Category, {"key": e["key"]}, {
            **_pick(e, ["name_zh", "name_en"]),
            "description_zh": e.get("description_zh", ""),
            "description_en": e.get("description_en", ""), "position": pos}, report)
    for pos, e in enumerate(data["maturity_levels"]):
        upsert(session, m.MaturityLevel, {"key": e["key"]}, {
            **_pick(e, ["name_zh", "name_en"]), "trl_range": str(e.get("trl_range", "")),
            "position": pos}, report)
    for pos, e in enumerate(data["evidence_levels"]):
        upsert(session, m.EvidenceLevel, {"key": e["key"]}, {
            **_pick(e, ["name_zh", "name_en", "badge"]), "trusted": bool(e["trusted"]),
            "description_zh": e.get("description_zh", ""),
            "description_en": e.get("description_en", ""), "position": pos}, report)
    session.flush()
    for flag, evidence_key in data["flag_map"].items():
        upsert(session, m.ReferenceFlag, {"flag": flag}, {"evidence_key": evidence_key}, report)


SOURCE_FIELDS = ("publisher_zh", "publisher_en", "title", "date", "url", "kind")


def read_sources(folder: Path) -> dict[str, dict[str, Any]]:
    """The registry of ``data/sources/*.yaml``: a key may repeat only with the same content."""
    sources: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for key, entry in (read_yaml(path) or {}).items():
            values = {f: (str(entry[f]) if entry.get(f) is not None else None) for f in SOURCE_FIELDS}
            if not values["title"] or not (values["publisher_zh"] or values["publisher_en"]):
                raise SeedError(f"{path.name}: source {key} needs a title and a publisher")
            if key in sources and sources[key] != values:
                raise SeedError(f"{path.name}: source {key} differs from its definition in another file")
            sources[key] = values
    return sources


def load_sources(session: Session, sources: dict[str, dict[str, Any]], report: SeedReport) -> None:
    for key, values in sources.items():
        upsert(session, m.ReferenceSource, {"key": key}, {
            **values, "publisher_zh": values["publisher_zh"] or "",
            "publisher_en": values["publisher_en"] or "",
            "kind": values["kind"] or ""}, report)


def cited(key: Any, known: set[str], where: str) -> str | None:
    """A source key that must exist in the registry (None stays None)."""
    if key in (None, ""):
        return None
    if key not in known:
        raise SeedError(f"{where}: unknown source {key!r} (add it to data/sources/)")
    return str(key)


def _level(levels: list | None, index: int) -> float | None:
    return levels[index] if levels and len(levels) > index else None


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_benchmarks(session: Session, data: dict, report: SeedReport, known: set[str]) -> None:
    for pos, e in enumerate(data["products"]):
        levels = e.get("standard_levels")
        where = f"benchmarks.yaml {e['key']}"
        upsert(session, m.BenchmarkProduct, {"key": e["key"]}, {
            **_pick(e, ["family", "name_zh", "name_en", "unit", "benchmark", "baseline"]),
            "annex_source": cited(e.get("annex_source"), known, where),
            "standard_source": cited(e.get("standard_source"), known, where),
            "standard_in_force": _date(e.get("standard_in_force")),
            "default_main_fuel": e.get("default_main_fuel") or "coal",
            "sector_key": e["sector"], "row": str(e.get("row", "")),
            "indicator_zh": e.get("indicator_zh", ""), "indicator_en": e.get("indicator_en", ""),
            "output_unit_zh": e.get("output_unit_zh", ""),
            "output_unit_en": e.get("output_unit_en", ""),
            "flag": e.get("flag", ""), "benchmark_flag": e.get("benchmark_flag") or e.get("flag", ""),
            "baseline_flag": e.get("baseline_flag") or e.get("flag", ""),
            "standard": e.get("standard") or "",
            "standard_l1": _level(levels, 0), "standard_l2": _level(levels, 1),
            "standard_l3": _level(levels, 2), "deadline": _date(e.get("deadline")),
            "in_annex": bool(e.get("in_annex", True)),
            "lower_is_better": bool(e.get("lower_is_better", True)),
            "notes_zh": e.get("notes_zh", ""), "notes_en": e.get("notes_en", ""),
            "position": pos}, report)


def _texts(e: dict) -> dict[str, str]:
    return {"basis_zh": e.get("basis_zh") or "", "basis_en": e.get("basis_en") or ""}


def load_factors(session: Session, data: dict, report: SeedReport, known: set[str]) -> None:
    for e in data["grid_factors"]:
        upsert(session, m.GridFactor, _pick(e, ["region", "year", "basis"]), {
            **_pick(e, ["region_zh", "region_en", "value", "unit"]),
            "announcement": e.get("announcement") or "",
            "source": cited(e.get("source"), known, f"factors.yaml grid {e['region']} {e['year']}") or "",
            "flag": e.get("flag") or "",
            "default_for_chongqing": bool(e.get("default_for_chongqing", False))}, report)
    for e in data["conversions"]:
        upsert(session, m.ConversionFactor, {"key": e["key"]}, {
            **_pick(e, ["name_zh", "name_en", "value", "unit"]), **_texts(e),
            "source": cited(e.get("source"), known, f"factors.yaml {e['key']}") or "",
            "flag": e.get("flag") or ""}, report)
    for e in data["fuels"]:
        upsert(session, m.Fuel, {"key": e["key"]}, {
            **_pick(e, ["name_zh", "name_en", "unit", "ncv_kj", "kgce_per_unit",
                        "carbon_tc_per_tj", "oxidation", "co2_kg_per_unit"]), **_texts(e),
            "source": cited(e.get("source"), known, f"factors.yaml {e['key']}") or "",
            "co2_source": cited(e.get("co2_source"), known, f"factors.yaml {e['key']}") or "",
            "flag": e.get("flag") or ""}, report)


def load_districts(session: Session, data: dict, report: SeedReport) -> None:
    for pos, e in enumerate(data["regions"]):
        upsert(session, m.Region, {"key": e["key"]}, {**_pick(e, ["name_zh", "name_en"]), "position": pos},
               report)
    session.flush()
    for pos, e in enumerate(data["districts"]):
        upsert(session, m.District, {"key": e["key"]}, {
            **_pick(e, ["name_zh", "name_en", "kind"]), "parent_key": e.get("parent"),
            "region_key": e["region"], "position": pos}, report)


def load_glossary(session: Session, data: dict, report: SeedReport) -> None:
    for e in data["terms"]:
        upsert(session, m.GlossaryTerm, {"zh": e["zh"], "en": e["en"]}, {
            "domain": e.get("domain", "general"),
            "synonyms_zh": list(e.get("synonyms_zh") or []),
            "synonyms_en": list(e.get("synonyms_en") or []),
            "abbreviations": list(e.get("abbreviations") or [])}, report)


def load_all(session: Session, data_dir: Path = DATA_DIR) -> SeedReport:
    """Reference data, then the catalogue; one transaction, committed at the end."""
    from .seed_catalogue import load_catalogue  # the catalogue half lives beside this module

    report = SeedReport()
    sources = read_sources(data_dir / "sources")
    load_sources(session, sources, report)
    known = set(sources)
    load_taxonomy(session, read_yaml(data_dir / "taxonomy.yaml"), report)
    session.flush()
    load_benchmarks(session, read_yaml(data_dir / "benchmarks.yaml"), report, known)
    load_factors(session, read_yaml(data_dir / "factors.yaml"), report, known)
    load_districts(session, read_yaml(data_dir / "districts.yaml"), report)
    load_glossary(session, read_yaml(data_dir / "glossary.yaml"), report)
    session.flush()
    load_catalogue(session, data_dir / "catalogue", report, known)
    session.flush()
    from .programmes.seed import load_programmes  # issue 23: support programmes

    load_programmes(session, data_dir / "programmes.yaml", report, known)
    from .evidence.adoption import reapply  # issue 23: typical values set by verified projects

    session.flush()
    for _kept in range(reapply(session)):
        report.add("technology", "typical value kept from verified projects")
    from .reference_plant import refresh

    if refresh(session):
        report.add("technology", "reference figures refreshed")
    session.commit()
    return report
