"""Search behind a few functions: rebuild, sync, search, check, count, health.

Two backends behind the same functions (``backend``): the Whoosh index in a
folder (SQLite, the embedded default) or the documents in PostgreSQL; the
database URL decides. The index is derived from the database; ``tasks``
explains how changes reach it."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from . import index, pg_store, rebuilding
from .backend import attach, attach_session, backend_name, postgres_engine
from .engine import SORTS, SearchHit, SearchRequest, SearchResult, ranked_codes, search
from .health import Health, health
from .index import FACET_FIELDS, Drift
from .state import forget
from .tasks import apply_pending, pending_count

__all__ = ["FACET_FIELDS", "SORTS", "Drift", "Health", "SearchHit", "SearchRequest", "SearchResult",
           "apply_pending", "attach", "backend_name", "built", "check", "did_you_mean", "document_count",
           "forget", "health", "pending_count", "ranked_codes", "rebuild", "search", "sync",
           "update_documents"]


def rebuild(session: Session, index_dir: Path, progress=None) -> int:
    """Rebuild from the database; returns the number of documents. On
    PostgreSQL the folder is only made (callers test that it exists)."""
    if attach_session(index_dir, session):
        Path(index_dir).mkdir(parents=True, exist_ok=True)
        return pg_store.rebuild(session, progress)
    return rebuilding.rebuild(session, Path(index_dir), progress)


def sync(session: Session, index_dir: Path) -> int:
    """Apply pending index tasks (Whoosh); on PostgreSQL, where searches never
    wait for anything, fold the statistics and merge the documents written since
    into the stored posting lists (``pg_postings``). Returns how many tasks or
    documents."""
    if attach_session(index_dir, session):
        return pg_store.refresh_statistics(session)
    return apply_pending(session, Path(index_dir))


def check(session: Session, index_dir: Path) -> Drift:
    """Documents missing, stale or extra in the index against the database."""
    if attach_session(index_dir, session):
        return pg_store.check(session)
    return index.check(session, index_dir)


def did_you_mean(index_dir: Path, text: str) -> str | None:
    """The spelling correction of ``text`` (None: nothing to correct), as a search would offer it."""
    from . import spelling
    from .state import reader_state

    engine = postgres_engine(index_dir)
    if engine is not None:
        from .pg_query import did_you_mean as in_database

        return in_database(engine, text)
    state = reader_state(index_dir)
    return spelling.correct(text, state.lexicon) if state is not None else None


def update_documents(index_dir: Path, documents, remove_ids=()) -> None:
    """Write documents straight into the index, outside any data change
    (tests and benchmarks; the portal goes through ``tasks``)."""
    engine = postgres_engine(index_dir)
    if engine is None:
        index.update_documents(index_dir, documents, remove_ids)
        return
    with Session(engine) as session:
        pg_store.write(session, list(documents), list(remove_ids))
        session.commit()


def built(index_dir: Path) -> bool:
    """Whether the index was built once (on PostgreSQL: its lexicon is stored)."""
    engine = postgres_engine(index_dir)
    if engine is None:
        return index.document_count(index_dir) > 0 or Path(index_dir).exists()
    with Session(engine) as session:
        return pg_store.built(session)


def document_count(index_dir: Path) -> int:
    engine = postgres_engine(index_dir)
    if engine is None:
        return index.document_count(index_dir)
    with Session(engine) as session:
        return pg_store.document_count(session)
