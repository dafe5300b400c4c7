"""Seed catalogue: the 75 technologies (facts from ``technologies.yaml``, texts
written for the portal in ``texts/*.yaml``) and the edition that publishes them."""
from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

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


def _sync_figures(tech: m.Technology, wanted: list[dict[str, Any]]) -> None:
    tech.figures.clear()
    session = object_session(tech)
    if session is not None and tech.id is not None:
        session.flush()  # the old rows go first: (technology_id, position) is unique
    for pos, values in enumerate(wanted):
        tech.figures.append(m.TechnologyFigure(position=pos, **values))


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
    wanted_figures = [figure_values(f, flags, known, f"technologies.yaml {e['code']}")
                      for f in e.get("figures") or []]
    existing = session.scalars(select(m.Technology).where(m.Technology.code == e["code"])).unique().first()
    if existing is None:
        tech = upsert(session, m.Technology, {"code": e["code"]}, values, report)
        tech.published_at = published_at
        _sync_figures(tech, wanted_figures)
        _remember(session, e["code"], {**_seed_fields(values), "figures": wanted_figures})
        _audit(session, tech, "created")
        return tech
    # Status and featuring are the bureau's once loaded (issue 5); effect models and problem
    # knowledge are the seed's own (the bureau does not edit them).
    for name, value in knowledge.items():
        if getattr(existing, name) != value:
            setattr(existing, name, value)
    seed = {**_seed_fields(values), "figures": wanted_figures}
    changes = merge(session, existing, seed, report)
    if existing.published_at is None:
        existing.published_at = published_at
    report.add("technology", "updated" if changes else "unchanged")
    if changes:  # every change of catalogue data is audited, seed loads included
        _audit(session, existing, "updated")
    return existing


NOT_SEED = ("status", "promoted", "effect", "problems")
MISSING = object()


def _seed_fields(values: dict) -> dict:
    return {k: v for k, v in values.items() if k not in NOT_SEED}


FIGURE_KEYS = ("metric", "value_text", "value_num", "unit", "unit_zh", "basis", "basis_zh", "source",
               "source_key", "flag", "evidence_key")  # figure_values' keys


def _current(tech: m.Technology, field: str):
    if field == "figures":
        return [{k: getattr(f, k) for k in FIGURE_KEYS} for f in tech.figures]
    return getattr(tech, field)


def merge(session: Session, tech: m.Technology, seed: dict, report: SeedReport) -> list[str]:
    """Three-way merge of one entry: a field still holding what the seed last
    loaded (its baseline) takes the seed's new value; a field the bureau changed
    is kept — reported as a conflict when the seed changed it too, or when no
    baseline says what the seed had loaded. The fields changed, by name."""
    baseline = _baseline(session, tech.code)
    base = dict(baseline.values) if baseline is not None else {}
    changed, remembered = [], dict(base)
    for field, new in seed.items():
        current = _current(tech, field)
        old = base.get(field, MISSING)
        if current == new:
            remembered[field] = new
        elif current == old:
            _set(tech, field, new)
            changed.append(field)
            remembered[field] = new
        elif old is MISSING or new != old:
            report.conflicts.append(f"{tech.code}.{field}")
    if baseline is None:
        _remember(session, tech.code, remembered)
    elif remembered != base:
        baseline.values = remembered
    return changed


def _set(tech: m.Technology, field: str, value) -> None:
    if field == "figures":
        _sync_figures(tech, value)
    else:
        setattr(tech, field, value)


def _baseline(session: Session, code: str) -> m.SeedBaseline | None:
    return session.scalars(select(m.SeedBaseline).where(m.SeedBaseline.kind == "technology",
                                                        m.SeedBaseline.key == code)).first()


def _remember(session: Session, code: str, values: dict) -> None:
    session.add(m.SeedBaseline(kind="technology", key=code, values=values))


def _audit(session: Session, tech: m.Technology, outcome: str) -> None:
    audit.record(session, audit.Actor.cli(), "catalogue.seed_loaded", "technology", tech.code,
                 {"outcome": outcome, "source": "data/catalogue"})


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
