"""Shared by the public pages and the API: request arguments → CatalogueFilter
(running the text search first when there is a query)."""
from __future__ import annotations

from flask import current_app, request

from catalog import search
from catalog.queries import CatalogueFilter

from .params import bool_arg, int_arg, str_arg

MAX_QUERY = 2000


def search_codes(text: str) -> tuple[str, ...]:
    hits = search.query(current_app.config["SEARCH_INDEX_DIR"], text)
    return tuple(hit.code for hit in hits)


def filter_from_request(per_page: int, max_per_page: int | None = None) -> tuple[CatalogueFilter, str]:
    q = (request.args.get("q") or "").strip()[:MAX_QUERY]
    codes = search_codes(q) if q else None
    sort = str_arg("sort") or ("relevance" if q else "code")
    flt = CatalogueFilter(
        sector=str_arg("sector"), stage=str_arg("stage"), category=str_arg("category"),
        maturity=str_arg("maturity"), plan_named=bool_arg("plan"),
        sort=sort, page=int_arg("page", 1),
        per_page=int_arg("per_page", per_page, maximum=max_per_page) if max_per_page else per_page,
        codes=codes,
    )
    return flt, q
