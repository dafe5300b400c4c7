"""Snapshots of catalogue entries and a readable diff between two of them
(field by field, with the changed stretch of text marked). Pure functions,
apart from reading a Technology's attributes."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .. import models as m

FIELDS = ("name_zh", "name_en", "sector", "stage", "category", "maturity", "trl", "summary_zh",
          "summary_en", "description_zh", "description_en", "keywords_zh", "keywords_en",
          "energy_carriers", "applicable_to", "figures")


@dataclass(frozen=True)
class FieldDiff:
    field: str
    before: str
    after: str
    segments: tuple[tuple[str, str], ...]  # ("same" | "removed" | "added", text)


def snapshot(tech: m.Technology) -> dict:
    """The entry's catalogue fields as published (what editions are compared on)."""
    return {
        "code": tech.code, "name_zh": tech.name_zh, "name_en": tech.name_en,
        "sector": tech.sector_key, "stage": tech.stage_key, "category": tech.category_key,
        "maturity": tech.maturity_key, "trl": tech.trl,
        "summary_zh": tech.summary_zh, "summary_en": tech.summary_en,
        "description_zh": tech.description_zh, "description_en": tech.description_en,
        "keywords_zh": list(tech.keywords_zh), "keywords_en": list(tech.keywords_en),
        "energy_carriers": list(tech.energy_carriers), "applicable_to": list(tech.applicable_to),
        "figures": [{"metric": f.metric, "value": f.value_text, "unit": f.unit, "basis": f.basis,
                     "source": f.source, "evidence": f.evidence_key} for f in tech.figures],
    }


def as_text(field: str, value: object) -> str:
    if value is None:
        return ""
    if field == "figures":
        return "\n".join(f"{f['metric']}: {f['value']} {f['unit']}".rstrip()
                         + (f" ({f['basis']})" if f.get("basis") else "")
                         + (f" — {f['source']}" if f.get("source") else "") for f in value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def inline(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """Character-level (so Chinese diffs too) runs of same / removed / added
    text. A rewrite (less than half in common) shows as removed then added,
    and islands of one or two equal characters between changes are folded
    into the change, so the result reads as phrases, not confetti."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    if matcher.ratio() < 0.5:
        return tuple(run for run in (("removed", before), ("added", after)) if run[1])
    opcodes = matcher.get_opcodes()
    removed, added, out = "", "", []
    for n, (op, a1, a2, b1, b2) in enumerate(opcodes):
        island = op == "equal" and a2 - a1 <= 2 and 0 < n < len(opcodes) - 1
        if op != "equal" or island:
            removed, added = removed + before[a1:a2], added + after[b1:b2]
            continue
        out += [run for run in (("removed", removed), ("added", added)) if run[1]]
        removed, added = "", ""
        out.append(("same", before[a1:a2]))
    out += [run for run in (("removed", removed), ("added", added)) if run[1]]
    return tuple(out)


def field_diffs(before: dict, after: dict) -> list[FieldDiff]:
    """The fields whose values differ, in the order of FIELDS."""
    diffs = []
    for field in FIELDS:
        old, new = as_text(field, before.get(field)), as_text(field, after.get(field))
        if old != new:
            diffs.append(FieldDiff(field, old, new, inline(old, new)))
    return diffs


def proposed(submission) -> dict:
    """A submission's fields in snapshot form, to diff against the entry it changes."""
    return {
        "name_zh": submission.name_zh, "name_en": submission.name_en, "sector": submission.sector_key,
        "stage": submission.stage_key, "category": submission.category_key,
        "maturity": submission.maturity_key, "trl": submission.trl,
        "summary_zh": submission.summary_zh, "summary_en": submission.summary_en,
        "description_zh": submission.description_zh, "description_en": submission.description_en,
        "keywords_zh": submission.keywords_zh, "keywords_en": submission.keywords_en,
        "energy_carriers": submission.energy_carriers, "applicable_to": submission.applicable_to,
        "figures": submission.figures,
    }
