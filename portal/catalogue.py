"""Shared by the public pages, the API and saved searches: request arguments
→ SearchRequest / CatalogueFilter (running the text search first when there
is a query). What each value means lives in ``catalog.page_args``."""
from __future__ import annotations

from flask import abort, current_app, request
from flask_babel import gettext as _

from catalog import page_args, search
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


def page_values(scope: str) -> dict[str, str]:
    """The query-string arguments the page ``scope`` knows, checked for length
    (400 with a message); empty ones left out, ``plan`` as "1"."""
    values = {}
    for name in page_args.PAGE_ARGS[scope]:
        value = query_text() if name == "q" else ("1" if bool_arg(name) else None) if name == "plan" \
            else str_arg(name)
        if value:
            values[name] = value
    return values


def search_request(per_page: int, max_per_page: int = 50) -> SearchRequest:
    """Query-string arguments → SearchRequest (checked in the domain)."""
    values = page_values("search")
    requested_lang = request.args.get("lang")
    return page_args.search_request(
        get_session(), values, page=int_arg("page", 1, maximum=1000),
        per_page=int_arg("per_page", per_page, maximum=max_per_page),
        lang=requested_lang if requested_lang in ("zh", "en") else lang())


def filter_from_request(per_page: int, max_per_page: int | None = None) -> tuple[CatalogueFilter, str]:
    values = page_values("catalogue")
    q = values.get("q", "")
    flt = page_args.catalogue_filter(
        values, search_codes(q) if q else None, page=int_arg("page", 1),
        per_page=int_arg("per_page", per_page, maximum=max_per_page) if max_per_page else per_page)
    return flt, q
