"""What goes into the index for each kind of record. One function per
document type; each returns the field dict Whoosh stores."""
from __future__ import annotations

import re

from catalog import models as m
from catalog.problem_knowledge import phrases

DOC_TYPES = ("technology", "product", "offer")
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
        "problems": "\n".join(phrases(tech.problems)),
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


EMC_MODEL_LABELS = {
    "shared_savings": ("效益分享型", "shared savings"),
    "guaranteed_savings": ("节能量保证型", "guaranteed savings"),
    "energy_cost_hosting": ("能源费用托管型", "energy cost hosting"),
    "financing_lease": ("融资租赁型", "financing lease"),
    "hybrid": ("混合型", "hybrid"),
}


def _linked(techs: list[m.Technology]) -> dict:
    """Facets and searchable labels from the listing's catalogue entries (the
    first one gives the facet values)."""
    first = techs[0] if techs else None
    return {
        "labels": "\n".join(x for t in techs for x in (t.code, t.name_zh, t.name_en, t.sector.name_zh,
                                                        t.sector.name_en, t.stage.name_zh,
                                                        t.stage.name_en)),
        "sector": first.sector_key if first else "",
        "stage": first.stage_key if first else "",
        "category": first.category_key if first else "",
        "maturity": first.maturity_key if first else "",
    }


def _listing(doc_type: str, key: str, title_zh: str, title_en: str, summary: str, body: str,
             keywords: list[str], listing) -> dict:
    linked = _linked(listing.technologies)
    return {
        "doc_id": f"{doc_type}:{key}", "doc_type": doc_type, "code": key,
        "title": f"{title_zh}\n{title_en}", "title_zh": title_zh, "title_en": title_en,
        "summary_zh": summary, "summary_en": summary, "body": body, "body_zh": body, "body_en": body,
        "keywords": "\n".join([*keywords, key]), "labels": linked["labels"],
        "sector": linked["sector"], "stage": linked["stage"], "category": linked["category"],
        "maturity": linked["maturity"], "plan_named": "0",
        "published": m.as_utc(listing.published_at or listing.updated_at).replace(tzinfo=None),
        "saving": 0, "version": m.as_utc(listing.updated_at).isoformat(),
    }


def product_key(product_id: int) -> str:
    return f"P-{product_id}"


def offer_key(offer_id: int) -> str:
    return f"O-{offer_id}"


def product_document(product: m.Product) -> dict:
    """A published product of a verified supplier: its names, description,
    specifications, the supplier and the catalogue entries it implements."""
    specs = [f"{s['name']} {s['value']} {s['unit']}".strip() for s in product.specs]
    summary = product.description.split("\n")[0][:300]
    body = "\n".join([product.description, *specs, product.capacity_note, product.organisation.name])
    return _listing("product", product_key(product.id), product.name_zh, product.name_en or product.name_zh,
                    summary, body, [product.organisation.name], product)


def offer_document(offer: m.EmcOffer) -> dict:
    """A published EMC offer: its title, model (both languages), terms in words,
    the supplier and the catalogue entries it covers."""
    model_zh, model_en = EMC_MODEL_LABELS[offer.model]
    summary = f"{model_zh} · {offer.term_years} 年 · {offer.organisation.name}"
    body = "\n".join([offer.description, offer.baseline_method, offer.shortfall_rule, offer.subsidy_note,
                      offer.financing_partner, "合同能源管理 EMC energy performance contracting"])
    return _listing("offer", offer_key(offer.id), offer.title, offer.title, summary, body,
                    [model_zh, model_en, offer.organisation.name], offer)
