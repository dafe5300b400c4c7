"""Seed catalogue: the 75 technologies (facts from ``technologies.yaml``, texts
written for the portal in ``texts/*.yaml``) and the edition that publishes them."""
from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import models as m
from .accounts import audit
from .effect_models import check as check_effect
from .effect_models import read_effects
from .problem_knowledge import read_problems
from .seed import SeedError, SeedReport, _date, cited, read_yaml, upsert

TEXT_FIELDS = ("summary_zh", "summary_en", "description_zh", "description_en")


def load_texts(folder: Path) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for code, entry in (read_yaml(path) or {}).items():
            if code in texts:
                raise SeedError(f"{path.name}: {code} has texts in two files")
            texts[code] = {f: (entry.get(f) or "").strip() for f in TEXT_FIELDS}
    return texts


def is_plan_named(plan_refs: list[str]) -> bool:
    """The plan names the technology itself unless every ref is an umbrella ref."""
    return any("umbrella" not in ref for ref in plan_refs)


def figure_values(fig: dict[str, Any], flags: dict[str, str], known: set[str], where: str) -> dict[str, Any]:
    value = fig["value"]
    if fig.get("flag") not in flags:
        raise SeedError(f"{where}: unknown reliability flag {fig.get('flag')!r}")
    if not fig.get("basis_zh") or not fig.get("basis_en"):
        raise SeedError(f"{where}: a figure needs basis_zh and basis_en")
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return {
        "metric": fig["metric"],
        "value_text": format_number(value) if numeric else str(value),
        "value_num": float(value) if numeric else None,
        "unit": fig.get("unit_en") or fig.get("unit") or "",
        "unit_zh": fig.get("unit_zh") or "",
        "basis": fig["basis_en"],
        "basis_zh": fig["basis_zh"],
        "source": "",
        "source_key": cited(fig.get("source"), known, where),
        "flag": fig["flag"],
        "evidence_key": flags[fig["flag"]],
    }


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _sync_figures(tech: m.Technology, figures: list[dict[str, Any]], flags: dict[str, str],
                  known: set[str]) -> bool:
    wanted = [figure_values(f, flags, known, f"technologies.yaml {tech.code}") for f in figures]
    current = [{k: getattr(f, k) for k in wanted[0]} for f in tech.figures] if wanted else []
    if current == wanted and len(tech.figures) == len(wanted):
        return False
    tech.figures.clear()
    for pos, values in enumerate(wanted):
        tech.figures.append(m.TechnologyFigure(position=pos, **values))
    return True


def load_effects(session: Session, folder: Path, codes: list[str], known: set[str],
                 flags: dict[str, str]) -> dict[str, dict]:
    """Every catalogue code's effect model, checked against its contract."""
    effects = read_effects(folder)
    missing = [c for c in codes if c not in effects]
    if missing:
        raise SeedError(f"no effect model for {', '.join(missing)}")
    output_units = {row.family: row.unit.split("/", 1)[-1]
                    for row in session.scalars(select(m.BenchmarkProduct))}
    for code, effect in effects.items():
        check_effect(code, effect, output_units, known, set(flags))
    return effects


def load_catalogue(session: Session, folder: Path, report: SeedReport, known: set[str]) -> None:
    entries = read_yaml(folder / "technologies.yaml")
    texts = load_texts(folder / "texts")
    edition_data = read_yaml(folder / "edition.yaml")
    flags = dict(session.execute(select(m.ReferenceFlag.flag, m.ReferenceFlag.evidence_key)).all())
    missing = [e["code"] for e in entries if e["code"] not in texts]
    if missing:
        raise SeedError(f"no portal texts for {', '.join(missing)}")
    published_on = _date(edition_data["published_on"])
    published_at = datetime.combine(published_on, time(9), tzinfo=UTC)
    promoted = set(edition_data.get("promoted", []))
    session.flush()
    codes = [e["code"] for e in entries]
    effects = load_effects(session, folder / "effects", codes, known, flags)
    problems = read_problems(folder / "problems", codes)
    techs = [_load_technology(session, e, texts[e["code"]], {"effect": effects[e["code"]],
                                                             "problems": problems[e["code"]]},
                              flags, known, promoted, published_at, report) for e in entries]
    session.flush()
    _load_edition(session, edition_data, techs, report)


def _load_technology(session: Session, e: dict, text: dict[str, str], knowledge: dict,
                     flags: dict[str, str], known: set[str], promoted: set[str], published_at: datetime,
                     report: SeedReport) -> m.Technology:
    """One entry; ``knowledge`` is its effect model and problem knowledge (the
    seed's own data, kept current even on entries the bureau has curated)."""
    values = {
        "name_zh": e["name_zh"], "name_en": e["name_en"], "sector_key": e["sector"],
        "stage_key": e["process_stage"], "category_key": e["category"],
        "maturity_key": e["maturity"], "trl": int(e["trl"]), **text,
        "keywords_zh": list(e.get("keywords_zh") or []),
        "keywords_en": list(e.get("keywords_en") or []),
        "energy_carriers": list(e.get("energy_carriers") or []),
        "applicable_to": list(e.get("applicable_to") or []),
        "plan_refs": list(e.get("plan_refs") or []),
        "plan_named": is_plan_named(e.get("plan_refs") or []),
        **knowledge,
        "status": "published", "promoted": e["code"] in promoted,
    }
    existing = session.scalars(select(m.Technology).where(m.Technology.code == e["code"])).unique().first()
    if existing is not None:
        # Once loaded, status and featuring are the bureau's (issue 5), and an entry the bureau
        # has changed through an edition is no longer the seed's to overwrite.
        del values["status"], values["promoted"]
        if _curated(session, existing):
            # Effect models and problem knowledge are the seed's own (the bureau does not edit them).
            for name, value in knowledge.items():
                if getattr(existing, name) != value:
                    setattr(existing, name, value)
            report.add("technology", "unchanged")
            return existing
    tech = upsert(session, m.Technology, {"code": e["code"]}, values, report)
    outcome = "created" if tech in session.new else "updated" if session.is_modified(tech) else None
    if tech.published_at is None:
        tech.published_at = published_at
    if _sync_figures(tech, e.get("figures") or [], flags, known):
        report.add("technology_figure", "replaced")
        outcome = outcome or "updated"
    if outcome:  # every change of catalogue data is audited, seed loads included
        audit.record(session, audit.Actor.cli(), "catalogue.seed_loaded", "technology", tech.code,
                     {"outcome": outcome, "source": "data/catalogue"})
    return tech


def _curated(session: Session, tech: m.Technology) -> bool:
    changed = select(m.EditionEntry.technology_id).where(m.EditionEntry.technology_id == tech.id,
                                                         m.EditionEntry.change == "changed")
    return tech.status == "retired" or session.scalars(changed).first() is not None


def _load_edition(session: Session, data: dict, techs: list[m.Technology],
                  report: SeedReport) -> None:
    edition = upsert(session, m.Edition, {"code": str(data["code"])}, {
        "title_zh": data["title_zh"], "title_en": data["title_en"],
        "notes_zh": data.get("notes_zh", ""), "notes_en": data.get("notes_en", ""),
        "status": "published", "notice_days": int(data.get("notice_days", 0)),
        "published_on": _date(data["published_on"])}, report)
    session.flush()
    have = {entry.technology_id for entry in edition.entries}
    for tech in techs:
        if tech.id not in have:
            edition.entries.append(m.EditionEntry(technology=tech, change="added"))
            report.add("edition_entry", "created")
