"""The query strings of the /search and /catalogue pages as plain values.

Which arguments each page knows, and how their (already length-checked)
text values become a ``SearchRequest`` or a ``CatalogueFilter``. The pages
and the API call this through ``portal.catalogue``; saved searches keep the
same values and the alert scan rebuilds the search from them, so a saved
search finds exactly what the page showed."""
from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from . import queries
from .errors import InvalidInput
from .queries import CatalogueFilter
from .search import SearchRequest
from .search.engine import validate

FACET_ARGS = ("sector", "stage", "category", "maturity")
# argument → facet field of the index
SEARCH_FILTERS = {**{name: name for name in FACET_ARGS}, "type": "doc_type"}
PAGE_ARGS = {
    "search": ("q", *SEARCH_FILTERS, "plan", "sort"),
    "catalogue": ("q", *FACET_ARGS, "plan", "max_payback", "max_capex", "sort"),
}
TRUE_VALUES = ("1", "true", "on", "yes")


def search_request(session: Session, values: Mapping[str, str], *, page: int = 1, per_page: int = 10,
                   lang: str = "zh", snippets: bool = True) -> SearchRequest:
    """The /search page's values → a checked SearchRequest (InvalidInput for
    unknown facet keys, types or sort orders)."""
    filters = {field: value for arg, field in SEARCH_FILTERS.items() if (value := values.get(arg))}
    queries.check_facet_keys(session, filters)
    if values.get("plan") in TRUE_VALUES:
        filters["plan_named"] = "1"
    # Products and offers (issue 5) are searched when asked for with type=product|offer.
    filters.setdefault("doc_type", "technology")
    request = SearchRequest(text=values.get("q") or "", filters=filters,
                            sort=values.get("sort") or "relevance", page=page, per_page=per_page,
                            lang=lang, snippets=snippets)
    validate(request)
    return request


def catalogue_filter(values: Mapping[str, str], codes: tuple[str, ...] | None, *, page: int = 1,
                     per_page: int = 12) -> CatalogueFilter:
    """The /catalogue page's values → a CatalogueFilter; ``codes`` is the
    ranked result of the text search (None without text). ``queries.validate``
    checks it."""
    q = values.get("q") or ""
    return CatalogueFilter(
        sector=values.get("sector") or None, stage=values.get("stage") or None,
        category=values.get("category") or None, maturity=values.get("maturity") or None,
        plan_named=values.get("plan") in TRUE_VALUES,
        max_payback=_bound(values.get("max_payback"), "max_payback", 100),
        max_capex=_wan(values.get("max_capex")),
        sort=values.get("sort") or ("relevance" if q else "code"),
        page=page, per_page=per_page, codes=codes)


def _bound(raw: str | None, name: str, maximum: float) -> float | None:
    """A non-negative number filter (blank: no filter); InvalidInput otherwise."""
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InvalidInput(name, raw, "not a number") from None
    if not 0 <= value <= maximum:
        raise InvalidInput(name, raw, "out of range")
    return value


def _wan(raw: str | None) -> float | None:
    """``max_capex`` is given in 万元 (10,000 CNY); stored figures are CNY."""
    value = _bound(raw, "max_capex", 1e7)
    return None if value is None else value * 10_000
