"""Whole-catalogue figures cached per process, never stale.

A one-row table ``catalogue_generation`` holds a token that every change to
the technology columns the cached figures read (``CACHED_COLUMNS``; an entry
added or deleted) replaces, in the same transaction, with a new random one: a
``before_flush`` hook for ORM writes, and an explicit ``bump(session)`` beside
every bulk UPDATE/DELETE/INSERT statement on technology (a test finds each
such statement in the code and checks that its module bumps). A
``do_orm_execute`` hook would see those statements by itself, but its mere
presence makes SQLAlchemy hand ``yield_per`` on to ``selectinload`` queries,
which breaks the streamed exports. Editing a text, a
figure or a review date leaves the caches alone. Readers read the token, then reuse the figure
cached under (token, key) or compute and cache it. The token lives in the
database, so several app servers on one database agree on what is current.

Why reading the token first is enough: the token and the rows change in one
transaction, so a snapshot that shows token g shows the rows as of g, and the
figure, computed on the same or a later snapshot, is as new as g or newer
(newer, when a write commits in between, is not stale). A token is never
reused: one read by its own uncommitted transaction and then rolled back names
a state nobody else will ever see, and a new database never shares a token
with another one in the same process (tests, benchmarks).
"""
from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import models as m

T = TypeVar("T")
MAX_ENTRIES = 512
# Every technology column a cached figure depends on: extend it with the figures.
CACHED_COLUMNS = ("code", "status", "sector_key", "stage_key", "category_key", "maturity_key",
                  "plan_named", "applicable_to", "ref_payback_years", "ref_capex_cny")

_lock = threading.Lock()
_cache: OrderedDict[tuple[str, Hashable], object] = OrderedDict()


def track(factory: sessionmaker) -> None:
    """Replace the token for every technology change made through ``factory``'s sessions."""
    event.listen(factory, "before_flush", _before_flush)


def bump(session: Session, renew: bool = True) -> None:
    """A new token in the session's transaction (``renew``), or the same one
    rewritten. Either way the row is written before the technology rows, so on
    PostgreSQL every writer of technology rows takes its lock first and two
    writers cannot deadlock over it and an entry."""
    table = m.CatalogueGeneration.__table__
    session.connection().execute(update(table).where(table.c.id == m.CatalogueGeneration.ROW)
                                 .values(token=uuid.uuid4().hex if renew else table.c.token))


def generation(session: Session) -> str:
    row = m.CatalogueGeneration
    return session.scalar(select(row.token).where(row.id == row.ROW)) or ""


def cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its value cached for the current generation. Cached
    values are shared by every thread of the process: never mutate them."""
    token = generation(session)  # autoflushes first: pending writes get their token
    if not token:  # no generation row: nothing tells when a figure is old
        return compute()
    current = (token, key)
    with _lock:
        if current in _cache:
            _cache.move_to_end(current)
            return _cache[current]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _cache[current] = value
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return value


def clear() -> None:
    """Forget every cached figure (benchmarks measuring a cold start)."""
    with _lock:
        _cache.clear()


def _before_flush(session: Session, _context, _instances) -> None:
    changed = [obj for obj in session.dirty if isinstance(obj, m.Technology) and session.is_modified(obj)]
    entered_or_left = any(isinstance(obj, m.Technology) for obj in (*session.new, *session.deleted))
    if entered_or_left or changed:
        bump(session, renew=entered_or_left or any(_counted_change(tech) for tech in changed))


def _counted_change(tech: m.Technology) -> bool:
    attrs = inspect(tech).attrs
    return any(attrs[name].history.has_changes() for name in CACHED_COLUMNS)
