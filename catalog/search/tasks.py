"""Index changes as a transactional outbox (Whoosh), or written with the data
(PostgreSQL).

On PostgreSQL the changed records are collected the same way and their search
rows are written in ``before_commit``, inside the transaction itself
(``pg_store.write``): committed together or not at all, seen by every app server.

With Whoosh, a change to an indexed record adds a ``SearchTask`` row in the same
transaction (a ``before_flush`` hook sees every new, changed or deleted
technology, whoever changed it). After the commit, pending tasks are applied
under the index write lock and deleted only once the index has committed. A
locked index, a crash or a killed process leaves them pending; the next apply
or ``flask --app portal search sync`` picks them up. Applying is idempotent:
an upsert re-reads the record as it is now.
"""
from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import delete, event, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from catalog import models as m

from . import pg_store
from .backend import in_postgres
from .documents import offer_document, offer_key, product_document, product_key, technology_document
from .index import write_lock, write_unlocked

log = logging.getLogger(__name__)
BATCH = 500
INDEX_DIR_KEY = "search_index_dir"  # session.info key: apply after commit when set
CHANGES_KEY = "search_changes"      # PostgreSQL: records changed in this transaction
_has_tables: set[str] = set()       # databases migrated far enough to hold search rows


def enqueue(session: Session, doc_type: str, doc_key: str, op: str = "upsert") -> None:
    if in_postgres(session):
        session.info.setdefault(CHANGES_KEY, {})[(doc_type, doc_key)] = op
        return
    session.add(m.SearchTask(doc_type=doc_type, doc_key=doc_key, op=op))
    session.info["search_pending"] = True


def track(factory: sessionmaker) -> None:
    """Record the changes to indexed records in every session of ``factory``:
    on PostgreSQL written before the commit, in its transaction; with Whoosh
    as tasks applied after the commit when the session knows its index folder."""
    event.listen(factory, "before_flush", _record_changes)
    event.listen(factory, "after_flush_postexec", _record_new_listings)
    event.listen(factory, "before_commit", _write_in_transaction)
    event.listen(factory, "after_soft_rollback", _forget_changes)
    event.listen(factory, "after_commit", lambda session: _after_commit(session, factory))


def _forget_changes(session: Session, previous) -> None:
    if not previous.nested:  # a savepoint's rollback leaves the transaction's other changes
        session.info.pop(CHANGES_KEY, None)


def _write_in_transaction(session: Session) -> None:
    """PostgreSQL: the search rows of the records changed, before the commit."""
    if not (session.info.get(CHANGES_KEY) or session.new or session.dirty or session.deleted):
        return
    if not in_postgres(session):
        return
    session.flush()  # every change recorded (``before_flush``), every new listing numbered
    changes = session.info.pop(CHANGES_KEY, {})
    if not changes or not _search_tables(session):
        return
    with session.no_autoflush:
        documents, removals = _resolve(session, changes)
    pg_store.write(session, documents, removals)


def _search_tables(session: Session) -> bool:
    """Whether the database has the search tables (migrations may run the
    models at an older revision); remembered once true."""
    bind = session.get_bind()
    key = str(bind.url)
    if key not in _has_tables and inspect(session.connection()).has_table("search_document"):
        _has_tables.add(key)
    return key in _has_tables


def _record_changes(session: Session, _context, _instances) -> None:
    if session.info.get("search_untracked"):  # bulk loads that rebuild the index afterwards
        return
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, m.Technology) and (obj in session.new or session.is_modified(obj)):
            enqueue(session, "technology", obj.code)
        elif isinstance(obj, m.TechnologyFigure) and obj.technology is not None:
            enqueue(session, "technology", obj.technology.code)
        elif isinstance(obj, (m.Product, m.EmcOffer)):
            _record_listing(session, obj)
        elif isinstance(obj, m.Organisation) and obj.id is not None and session.is_modified(obj):
            _record_organisation(session, obj)
    for obj in session.deleted:
        if isinstance(obj, m.Technology):
            enqueue(session, "technology", obj.code, op="delete")
        elif isinstance(obj, (m.Product, m.EmcOffer)) and obj.id is not None:
            enqueue(session, *_listing_key(obj), op="delete")


def _listing_key(obj: m.Product | m.EmcOffer) -> tuple[str, str]:
    if isinstance(obj, m.Product):
        return "product", product_key(obj.id)
    return "offer", offer_key(obj.id)


def _record_listing(session: Session, obj: m.Product | m.EmcOffer) -> None:
    """A new listing has no id before the flush: it is recorded right after."""
    if obj.id is None:
        session.info.setdefault("search_new_listings", []).append(obj)
    elif session.is_modified(obj):
        enqueue(session, *_listing_key(obj))


def _record_new_listings(session: Session, _context) -> None:
    for obj in session.info.pop("search_new_listings", []):
        if obj.id is not None:
            enqueue(session, *_listing_key(obj))


def _record_organisation(session: Session, org: m.Organisation) -> None:
    """A supplier's verification decides whether its listings are public."""
    if not _status_changed(org):
        return
    with session.no_autoflush:
        for model, kind, key in ((m.Product, "product", product_key), (m.EmcOffer, "offer", offer_key)):
            for listing_id in session.scalars(select(model.id).where(model.organisation_id == org.id)):
                enqueue(session, kind, key(listing_id))


def _status_changed(org: m.Organisation) -> bool:
    return inspect(org).attrs.status.history.has_changes()


def _after_commit(session: Session, factory: sessionmaker) -> None:
    index_dir = session.info.get(INDEX_DIR_KEY)
    if not session.info.pop("search_pending", False) or not index_dir:
        return
    if not Path(index_dir).exists():  # not built yet: `setup`/`search rebuild` will
        return
    try:
        with factory() as other:  # the committed session cannot run SQL here
            apply_pending(other, Path(index_dir))
    except Exception:  # noqa: BLE001 - tasks stay pending; `search sync` retries
        log.warning("search index update deferred", exc_info=True)


PENDING = m.SearchTask.applied_at.is_(None)


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count(m.SearchTask.id)).where(PENDING)) or 0


def oldest_pending(session: Session):
    """When the oldest task still waiting was recorded (None: none waits)."""
    return session.scalar(select(func.min(m.SearchTask.created_at)).where(PENDING))


def apply_pending(session: Session, index_dir: Path, batch: int = BATCH) -> int:
    """Apply pending tasks in batches; returns how many were applied. A plain
    function: the request after a commit, start-up, a periodic call, ``search
    sync`` or a job queue may call it, at any time, from any process.

    While a rebuild runs (``rebuilding``), applied tasks are marked instead of
    deleted, for the rebuild to replay into the index it swaps in."""
    from . import rebuilding

    applied = 0
    while True:
        with write_lock(index_dir):
            running = rebuilding.running(index_dir)
            if not running:  # marked by a rebuild that is gone: nothing to replay them into
                session.execute(delete(m.SearchTask).where(m.SearchTask.applied_at.is_not(None)))
            tasks = list(session.scalars(select(m.SearchTask).where(PENDING).order_by(m.SearchTask.id)
                                         .limit(batch)))
            if not tasks:
                session.commit()
                return applied
            try:
                documents, removals = _resolve(session, _latest(tasks))
                write_unlocked(index_dir, documents, removals)
            except Exception as exc:
                session.rollback()
                _note_failure(session, tasks, exc)
                raise
            done = m.SearchTask.id.in_([t.id for t in tasks])
            if running:
                session.execute(m.SearchTask.__table__.update().where(done).values(applied_at=m.utcnow()))
            else:
                session.execute(delete(m.SearchTask).where(done))
            session.commit()
            applied += len(tasks)


def _latest(tasks: list[m.SearchTask]) -> dict[tuple[str, str], str]:
    latest: dict[tuple[str, str], str] = {}
    for task in tasks:  # the last task for a record wins
        latest[(task.doc_type, task.doc_key)] = task.op
    return latest


def _resolve(session: Session, latest: dict[tuple[str, str], str]) -> tuple[list[dict], list[str]]:
    documents, removals = [], []
    for (doc_type, key), op in latest.items():
        document = None if op == "delete" else RESOLVERS[doc_type](session, key)
        if document is not None:
            documents.append(document)
        else:
            removals.append(f"{doc_type}:{key}")
    return documents, removals


def _technology(session: Session, code: str) -> dict | None:
    tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one_or_none()
    return technology_document(tech) if tech is not None and tech.status == "published" else None


def _listing_id(key: str) -> int | None:
    number = key.partition("-")[2]
    return int(number) if number.isdigit() else None


def _product(session: Session, key: str) -> dict | None:
    from catalog.supply import public

    found = public.products(session, [_listing_id(key) or 0])
    return product_document(found[0]) if found else None


def _offer(session: Session, key: str) -> dict | None:
    from catalog.supply import public

    found = public.offers(session, [_listing_id(key) or 0])
    return offer_document(found[0]) if found else None


RESOLVERS = {"technology": _technology, "product": _product, "offer": _offer}


def _note_failure(session: Session, tasks: list[m.SearchTask], exc: Exception) -> None:
    ids = [t.id for t in tasks]
    for task in session.scalars(select(m.SearchTask).where(m.SearchTask.id.in_(ids))):
        task.attempts += 1
        task.last_error = f"{type(exc).__name__}: {exc}"[:500]
    session.commit()


def last_task_id(session: Session) -> int:
    return session.scalar(select(func.max(m.SearchTask.id))) or 0
