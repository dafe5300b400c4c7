"""What a saved search finds now: the first ``RESULT_LIMIT`` results in the
page's own order (relevance, newest, saving, code …), as the page would list
them. Results further down are not watched until they move up; with the
default sorts that only matters for searches matching more than 200 entries."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import models as m
from .. import page_args, queries
from ..search import ranked_codes, search

RESULT_LIMIT = 200


@dataclass(frozen=True)
class Item:
    key: str            # "technology:CE-01", "product:P-12", "offer:O-3"
    title_zh: str = ""  # filled for catalogue results; search results: ``title``
    title_en: str = ""


def current_items(session: Session, index_dir: Path, saved: m.SavedSearch,
                  limit: int = RESULT_LIMIT) -> list[Item]:
    values = saved.params or {}
    if saved.scope == "search":
        request = page_args.search_request(session, values, per_page=limit, snippets=False)
        return [Item(f"{hit.doc_type}:{hit.code}") for hit in search(index_dir, request).hits]
    q = values.get("q") or ""
    codes = tuple(ranked_codes(index_dir, q)) if q else None
    page = queries.list_technologies(session, page_args.catalogue_filter(values, codes, per_page=limit))
    return [Item(f"technology:{tech.code}", tech.name_zh, tech.name_en) for tech in page.items]


def title(session: Session, item: Item) -> tuple[str, str]:
    """The item's Chinese and English names (English falls back to Chinese)."""
    if item.title_zh:
        return item.title_zh, item.title_en or item.title_zh
    doc_type, _sep, code = item.key.partition(":")
    number = code.partition("-")[2]
    listing = int(number) if number.isdigit() else 0
    if doc_type == "product":
        stmt = select(m.Product.name_zh, m.Product.name_en).where(m.Product.id == listing)
    elif doc_type == "offer":
        stmt = select(m.EmcOffer.title, m.EmcOffer.title).where(m.EmcOffer.id == listing)
    else:
        stmt = select(m.Technology.name_zh, m.Technology.name_en).where(m.Technology.code == code)
    row = session.execute(stmt).first()
    zh, en = row if row is not None else (code, code)
    return zh, en or zh
