"""Shared by the public pages and the API: request arguments → CatalogueFilter
(running the text search first when there is a query)."""
from __future__ import annotations

from flask import abort, current_app, request
from flask_babel import gettext as _

from catalog import queries, search
from catalog.queries import CatalogueFilter
from catalog.search import SearchRequest

from .db import get_session
from .i18n import lang
from .params import bool_arg, int_arg, str_arg

MAX_QUERY = 2000


def search_codes(text: str) -> tuple[str, ...]:
    return tuple(search.ranked_codes(current_app.config["SEARCH_INDEX_DIR"], text))


def query_text() -> str:
    q = (request.args.get("q") or "").strip()
    if len(q) > MAX_QUERY:
        abort(400, _("The search text is too long (at most %(n)d characters).", n=MAX_QUERY))
    return q


SEARCH_FILTERS = {"sector": "sector", "stage": "stage", "category": "category",
                  "maturity": "maturity", "type": "doc_type"}


def search_request(per_page: int, max_per_page: int = 50) -> SearchRequest:
    """Query-string arguments → SearchRequest (validated again in the domain)."""
    filters = {field: value for arg, field in SEARCH_FILTERS.items() if (value := str_arg(arg))}
    queries.check_facet_keys(get_session(), filters)
    if bool_arg("plan"):
        filters["plan_named"] = "1"
    # Products and offers (issue 5) are searched when asked for with type=product|offer.
    filters.setdefault("doc_type", "technology")
    requested_lang = request.args.get("lang")
    return SearchRequest(
        text=query_text(), filters=filters, sort=str_arg("sort") or "relevance",
        page=int_arg("page", 1, maximum=1000),
        per_page=int_arg("per_page", per_page, maximum=max_per_page),
        lang=requested_lang if requested_lang in ("zh", "en") else lang(),
    )


def filter_from_request(per_page: int, max_per_page: int | None = None) -> tuple[CatalogueFilter, str]:
    q = query_text()
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
