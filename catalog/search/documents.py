"""What goes into the index for each kind of record. One function per
document type; each returns the field dict Whoosh stores."""
from __future__ import annotations

import re

from catalog import models as m

DOC_TYPES = ("technology",)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def technology_document(tech: m.Technology) -> dict:
    """Both languages go into every searched field: the analyzer handles mixed
    text, so a query in either language finds the entry. Texts per language are
    stored too, for snippets in the reader's language."""
    labels = [
        tech.sector.name_zh, tech.sector.name_en, tech.stage.name_zh, tech.stage.name_en,
        tech.category.name_zh, tech.category.name_en, tech.maturity.name_zh,
        tech.maturity.name_en, *tech.plan_refs,
    ]
    return {
        "doc_id": f"technology:{tech.code}",
        "doc_type": "technology",
        "code": tech.code,
        "title": f"{tech.name_zh}\n{tech.name_en}",
        "title_zh": tech.name_zh,
        "title_en": tech.name_en,
        "summary_zh": tech.summary_zh,
        "summary_en": tech.summary_en,
        "body": "\n".join([tech.description_zh, tech.description_en]),
        "body_zh": tech.description_zh,
        "body_en": tech.description_en,
        "keywords": "\n".join([*tech.keywords_zh, *tech.keywords_en, tech.code]),
        "labels": "\n".join(labels),
        "sector": tech.sector_key,
        "stage": tech.stage_key,
        "category": tech.category_key,
        "maturity": tech.maturity_key,
        "plan_named": "1" if tech.plan_named else "0",
        "published": m.as_utc(tech.published_at or tech.updated_at).replace(tzinfo=None),
        "saving": round(largest_saving(tech) * 10),
        "version": m.as_utc(tech.updated_at).isoformat(),
    }


def largest_saving(tech: m.Technology) -> float:
    """The largest energy saving the entry states in percent (a range counts by
    its midpoint), for "sort by largest saving"; 0 when it states none. Savings
    in absolute units are not comparable across products, so they do not count."""
    best = 0.0
    for fig in tech.figures:
        if fig.metric != "energy_saving" or not fig.unit.strip().startswith("%"):
            continue
        numbers = [float(n) for n in NUMBER.findall(fig.value_text.replace("–", "-").replace("-", " "))]
        if numbers:
            best = max(best, sum(numbers) / len(numbers))
    return best
