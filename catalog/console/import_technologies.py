"""Catalogue entries from a workbook (技术条目 + 关键数据): checking every row,
then applying them.

A row whose code exists updates that entry (changed fields audited); a new
code creates an entry that is published at once, as the seed's entries are:
the bureau is the catalogue's authority, and the next edition it publishes
lists the entry as added (editions take every published entry). Retired
entries cannot be changed by an import. When the 关键数据 sheet is present
it is the complete list of each imported entry's figures; without it figures
stay as they are. A figure cites a key of the source registry or, for a new
source, its publisher, title and date as text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..seed_catalogue import format_number, is_plan_named
from .columns import CARRIER_LABELS, FIGURES, METRICS, TECHNOLOGIES
from .problems import Problem, problem
from .rowcheck import RowCheck, as_text, labels_map, load_by
from .sheets import Rows

CODE = re.compile(r"^[A-Z]{2,4}-\d{2,4}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
FIELDS = ("name_zh", "name_en", "sector_key", "stage_key", "category_key", "maturity_key", "trl",
          "summary_zh", "summary_en", "description_zh", "description_en", "keywords_zh", "keywords_en",
          "applicable_to", "energy_carriers", "plan_refs", "plan_named")


@dataclass
class Entry:
    row: int
    code: str
    values: dict[str, Any]
    figures: list[dict[str, Any]] | None  # None: figures not in the file, left as they are


@dataclass
class Vocabulary:
    sectors: dict[str, str]
    stages: dict[str, str]
    categories: dict[str, str]
    maturity: dict[str, str]
    carriers: dict[str, str]
    families: dict[str, str]
    flags: dict[str, str]
    metrics: dict[str, str]
    sources: set[str]


def vocabulary(session: Session) -> Vocabulary:
    def of(model) -> dict[str, str]:
        return labels_map([(r.key, r.name_zh, r.name_en) for r in session.scalars(select(model))])

    families = session.scalars(select(m.BenchmarkProduct.family).distinct())
    return Vocabulary(of(m.Sector), of(m.ProcessStage), of(m.Category), of(m.MaturityLevel),
                      labels_map([(k, zh, en) for k, (zh, en) in CARRIER_LABELS.items()]),
                      {f.lower(): f for f in families},
                      dict(session.execute(select(m.ReferenceFlag.flag, m.ReferenceFlag.evidence_key)).all()),
                      {k: k for k in METRICS}, set(session.scalars(select(m.ReferenceSource.key))))


def load_existing(session: Session, codes: list[str]) -> dict[str, m.Technology]:
    rows = load_by(session, m.Technology, m.Technology.code, codes, selectinload(m.Technology.figures))
    return {t.code: t for t in rows}


def check_entry(number: int, raw: dict[str, Any], vocab: Vocabulary, problems: list[Problem]
                ) -> Entry | None:
    row = RowCheck(TECHNOLOGIES, number, raw, problems)
    before = len(problems)
    code = row.text("code", 16).upper()
    if code and not CODE.match(code):
        row.add("code", "code.format")
    plan_refs = row.items("plan_refs", maximum=120)
    values = {
        "name_zh": row.text("name_zh", 200), "name_en": row.text("name_en", 300),
        "sector_key": row.choice("sector", vocab.sectors), "stage_key": row.choice("stage", vocab.stages),
        "category_key": row.choice("category", vocab.categories),
        "maturity_key": row.choice("maturity", vocab.maturity), "trl": row.integer("trl", 1, 9),
        "summary_zh": row.text("summary_zh", 2000), "summary_en": row.text("summary_en", 4000),
        "description_zh": row.text("description_zh", 20000),
        "description_en": row.text("description_en", 40000),
        "keywords_zh": row.items("keywords_zh", maximum=50),
        "keywords_en": row.items("keywords_en", maximum=80),
        "applicable_to": row.items("applicable_to", vocab.families),
        "energy_carriers": row.items("energy_carriers", vocab.carriers),
        "plan_refs": plan_refs, "plan_named": is_plan_named(plan_refs),
    }
    return Entry(number, code, values, None) if len(problems) == before else None


def check_figure(number: int, raw: dict[str, Any], vocab: Vocabulary, problems: list[Problem]
                 ) -> tuple[str, dict[str, Any]] | None:
    row = RowCheck(FIGURES, number, raw, problems, prefix=f"{FIGURES.name}：")
    before = len(problems)
    code = row.text("code", 16).upper()
    value: Any = raw.get("value")
    if isinstance(value, str) and NUMBER.match(value.strip()):
        value = float(value)
    elif not isinstance(value, (int, float)) or isinstance(value, bool):
        value = row.text("value", 64)
    fig = {"metric": row.choice("metric", vocab.metrics), "value": value, "unit": row.text("unit", 120),
           "basis_zh": row.text("basis_zh", 2000), "basis": row.text("basis", 2000),
           "source_key": row.choice("source_key", {k: k for k in vocab.sources}) if raw.get("source_key")
           else None, "source": row.text("source", 2000),
           "flag": row.choice("flag", {f: f for f in vocab.flags} | {f.lower(): f for f in vocab.flags})}
    if not fig["source_key"] and not fig["source"]:
        problems.append(problem(number, f"{FIGURES.name}：来源", "required"))
    return (code, fig) if len(problems) == before else None


def figure_record(fig: dict[str, Any], flags: dict[str, str]) -> dict[str, Any]:
    """An imported figure as TechnologyFigure's columns."""
    value = fig["value"]
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return {"metric": fig["metric"], "value_text": format_number(value) if numeric else str(value),
            "value_num": float(value) if numeric else None, "unit": fig["unit"] or "",
            "basis": fig["basis"] or "", "basis_zh": fig["basis_zh"] or "", "source": fig["source"] or "",
            "source_key": fig["source_key"], "flag": fig["flag"], "evidence_key": flags[fig["flag"]]}


def check_all(session: Session, sheets: dict[str, Rows | None], progress=None
              ) -> tuple[list[Entry], list[Problem]]:
    """Every row checked; entries (with their figures) and the problems."""
    vocab = vocabulary(session)
    problems: list[Problem] = []
    entries, seen = [], {}
    rows = sheets[TECHNOLOGIES.name].items
    figure_rows = sheets.get(FIGURES.name)
    for i, (number, raw) in enumerate(rows, start=1):
        entry = check_entry(number, raw, vocab, problems)
        if entry and entry.code in seen:
            problems.append(problem(number, TECHNOLOGIES.columns[0].header, "duplicate",
                                    first=seen[entry.code]))
        elif entry:
            seen[entry.code] = number
            entries.append(entry)
        if progress:
            progress(i)
    if figure_rows is not None:
        listed = {as_text(raw.get("code")).upper() for _n, raw in rows}
        _attach_figures(figure_rows, entries, listed, vocab, problems)
    existing = load_existing(session, [e.code for e in entries])
    for entry in entries:
        tech = existing.get(entry.code)
        if tech is not None and tech.status == "retired" and _differs(tech, entry, vocab.flags):
            problems.append(problem(entry.row, TECHNOLOGIES.columns[0].header, "retired"))
    return entries, sorted(problems, key=lambda p: p.row)


def _attach_figures(rows: Rows, entries: list[Entry], listed: set[str], vocab: Vocabulary,
                    problems: list[Problem]) -> None:
    """Each figure to its entry; a code missing from the entries sheet is a
    problem (one whose entry row is wrong is reported there)."""
    by_code = {e.code: e for e in entries}
    for entry in entries:
        entry.figures = []
    for number, raw in rows.items:
        checked = check_figure(number, raw, vocab, problems)
        if checked is None:
            continue
        code, fig = checked
        if code not in listed:
            problems.append(problem(number, f"{FIGURES.name}：{FIGURES.columns[0].header}", "figure.orphan",
                                    entry=as_text(code) or "—"))
            continue
        if code in by_code:
            by_code[code].figures.append(figure_record(fig, vocab.flags))


def _figure_state(tech: m.Technology, keys) -> list[dict[str, Any]]:
    return [{k: getattr(f, k) for k in keys} for f in tech.figures]


def _differs(tech: m.Technology, entry: Entry, flags: dict[str, str]) -> bool:
    if any(getattr(tech, k) != v for k, v in entry.values.items()):
        return True
    if entry.figures is None:
        return False
    keys = entry.figures[0].keys() if entry.figures else ()
    return len(tech.figures) != len(entry.figures) or _figure_state(tech, keys) != entry.figures


def apply(session: Session, actor: Actor, entries: list[Entry], progress=None) -> dict[str, int]:
    """Create or update every entry (no flush here: the caller commits once)."""
    existing = load_existing(session, [e.code for e in entries])
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for i, entry in enumerate(entries, start=1):
        tech = existing.get(entry.code)
        if tech is None:
            tech = m.Technology(code=entry.code, status="published", promoted=False, published_at=m.utcnow())
            session.add(tech)
            outcome, fields = "created", []
        else:
            fields = [k for k, v in entry.values.items() if getattr(tech, k) != v]
            outcome = "updated" if fields else "unchanged"
        for key in entry.values if outcome == "created" else fields:
            setattr(tech, key, entry.values[key])
        if entry.figures is not None and _replace_figures(tech, entry.figures) and outcome == "unchanged":
            outcome, fields = "updated", ["figures"]
        counts[outcome] += 1
        if outcome != "unchanged":
            audit.record(session, actor, "technology.imported", "technology", entry.code,
                         {"outcome": outcome, "fields": fields})
        if progress:
            progress(i)
    return counts


def _replace_figures(tech: m.Technology, wanted: list[dict[str, Any]]) -> bool:
    """Figures in place, position by position (no delete-then-insert of the
    same positions, so nothing has to be flushed in between)."""
    keys = wanted[0].keys() if wanted else ()
    if len(tech.figures) == len(wanted) and _figure_state(tech, keys) == wanted:
        return False
    for position, values in enumerate(wanted):
        if position < len(tech.figures):
            for key, value in values.items():
                setattr(tech.figures[position], key, value)
        else:
            tech.figures.append(m.TechnologyFigure(position=position, **values))
    del tech.figures[len(wanted):]
    return True
