"""A user's saved searches: save, list, rename, alert on/off, delete. Each
user sees only their own (another user's id is not found). The values kept
are the page's known query-string arguments, checked like the page checks
them; ``url_of`` gives the page address back."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import models as m
from .. import page_args, queries
from ..accounts.validation import text
from ..errors import NotFound, RuleError

MAX_PER_USER = 50
MAX_NAME = 120
MAX_TEXT = 2000     # the pages' limit for q
MAX_VALUE = 64      # and for every other argument
PAGES = {"search": "/search", "catalogue": "/catalogue"}
# arguments that narrow a search (sort does not; nor does type=technology, the default)
NARROWING = ("q", *page_args.SEARCH_FILTERS, "plan")


def clean_values(session: Session, scope: str, raw: Mapping[str, str]) -> dict[str, str]:
    """The arguments ``scope``'s page knows, stripped, checked as the page
    checks them (``InvalidInput`` for unknown keys or sorts); empty ones out.
    An empty search (no text, no filter) is refused."""
    if scope not in PAGES:
        raise RuleError("saved_search.scope")
    values = {}
    for name in page_args.PAGE_ARGS[scope]:
        value = str(raw.get(name) or "").strip()
        limit = MAX_TEXT if name == "q" else MAX_VALUE
        if len(value) > limit:
            raise RuleError("text.too_long", name, maximum=limit)
        if name == "plan":
            value = "1" if value in page_args.TRUE_VALUES else ""
        if value:
            values[name] = value
    if scope == "search":
        page_args.search_request(session, values)
    else:
        queries.validate(session, page_args.catalogue_filter(values, None))
    if not any(values.get(name, "technology") != "technology" for name in NARROWING):
        raise RuleError("saved_search.empty")
    return values


def _name(raw: str) -> str:
    return text(raw, "name", 1, MAX_NAME)


def save(session: Session, user_id: int, scope: str, raw: Mapping[str, str], name: str = "",
         alert: bool = True) -> m.SavedSearch:
    """A new saved search; ``name`` defaults to the search text (cut to 120)."""
    values = clean_values(session, scope, raw)
    count = session.scalar(select(func.count(m.SavedSearch.id)).where(m.SavedSearch.user_id == user_id))
    if (count or 0) >= MAX_PER_USER:
        raise RuleError("saved_search.limit", limit=MAX_PER_USER)
    item = m.SavedSearch(user_id=user_id, scope=scope, params=values, alert=alert,
                         name=_name(name or values.get("q", "")[:MAX_NAME]))
    session.add(item)
    session.commit()
    return item


def list_for(session: Session, user_id: int) -> list[m.SavedSearch]:
    return list(session.scalars(select(m.SavedSearch).where(m.SavedSearch.user_id == user_id)
                                .order_by(m.SavedSearch.created_at.desc(), m.SavedSearch.id.desc())))


def get(session: Session, user_id: int, search_id: int) -> m.SavedSearch:
    item = session.scalars(select(m.SavedSearch).where(m.SavedSearch.id == search_id,
                                                       m.SavedSearch.user_id == user_id)).one_or_none()
    if item is None:
        raise NotFound("saved search", search_id)
    return item


def rename(session: Session, user_id: int, search_id: int, name: str) -> m.SavedSearch:
    item = get(session, user_id, search_id)
    item.name = _name(name)
    session.commit()
    return item


def set_alert(session: Session, user_id: int, search_id: int, on: bool,
              now: datetime | None = None) -> m.SavedSearch:
    """Turning an alert back on starts afresh: what appeared while it was off
    is recorded silently at the next scan, like a new saved search."""
    item = get(session, user_id, search_id)
    if on and not item.alert:
        item.last_checked_at = None
    item.alert = on
    session.commit()
    return item


def delete(session: Session, user_id: int, search_id: int) -> None:
    from .seen import forget

    item = get(session, user_id, search_id)
    forget(session, "saved_search", item.id)
    session.delete(item)
    session.commit()


def url_of(item: m.SavedSearch) -> str:
    """The page with the saved values, as a relative address."""
    args = [(name, item.params[name]) for name in page_args.PAGE_ARGS[item.scope] if item.params.get(name)]
    return PAGES[item.scope] + ("?" + urlencode(args) if args else "")
