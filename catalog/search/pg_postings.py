"""Posting lists for the PostgreSQL backend: per term and field, the documents
holding it and how often (``search_posting``), so a word not seen before costs
one indexed read of a few rows instead of ranking every candidate's
``tsvector`` (at 100,000 documents a common word is in three quarters of them).

Writers never touch these rows (``pg_store.write`` only queues the documents it
wrote, with the terms of the version each replaced, in ``search_queue``): a
search takes a queued document's postings from ``search_document`` as before
and ignores its entries here, so what it sees is always the committed data.
``merge`` (``search sync``, every minute on the task queue) folds the queued
documents in: it rewrites the rows of every term a queued document has or had,
so no entry of a replaced version survives; ``build`` writes every row afresh
(after a rebuild, when nothing is built yet, or when most documents are
queued). Both read one REPEATABLE READ snapshot and delete only the queue rows
of that snapshot, so a document written meanwhile stays queued.
"""
from __future__ import annotations

import sys
from array import array
from bisect import bisect_left

from sqlalchemy import text
from sqlalchemy.orm import Session

from .index import FIELD_BOOSTS

FIELD_NAMES = tuple(FIELD_BOOSTS)          # field number → name (0 name, 1 text, 2 problems)
# Above this many queued documents (or this share of them) ``build`` runs instead of a merge:
# a merge holds in memory every list a queued document touches.
MERGE_LIMIT, MERGE_SHARE = 5000, 0.2
_AGGREGATE = """
SELECT u.lexeme, f.field,
       string_agg(int8send(d.docnum), ''::bytea ORDER BY d.docnum),
       string_agg(set_byte('\\x00'::bytea, 0, f.tf), ''::bytea ORDER BY d.docnum)
FROM search_document AS d
CROSS JOIN LATERAL unnest(d.tsv) AS u
CROSS JOIN LATERAL (VALUES (0, cardinality(array_positions(u.weights, 'A'))),
                           (1, cardinality(array_positions(u.weights, 'B'))),
                           (2, cardinality(array_positions(u.weights, 'C')))) AS f(field, tf)
WHERE f.tf > 0 {where}
GROUP BY u.lexeme, f.field"""
_LISTS = "SELECT term, field, docnums, tfs FROM search_posting WHERE term = ANY(:t)"


def decode(docnums: bytes) -> array:
    """The docnums of a row, as stored (big endian int8, as ``int8send`` writes them)."""
    found = array("q", docnums)
    if sys.byteorder == "little":
        found.byteswap()
    return found


def encode(docnums: array) -> bytes:
    out = array("q", docnums)
    if sys.byteorder == "little":
        out.byteswap()
    return out.tobytes()


def _snapshot(session: Session) -> None:
    """One REPEATABLE READ transaction holding the only merge: the lock is taken
    before the snapshot (a LOCK takes none), so a merge waiting for another
    reads what that one wrote. Searches and writers are not held up."""
    session.commit()
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    session.execute(text("LOCK TABLE search_posting IN SHARE ROW EXCLUSIVE MODE"))


def merge(session: Session) -> int:
    """Fold the queued documents into the postings; returns how many were merged."""
    _snapshot(session)
    ready = session.execute(text("SELECT postings_ready FROM search_lexicon WHERE id = 1")).scalar()
    if ready is None:   # never built: nothing to index
        session.rollback()
        return 0
    queued = session.execute(text("SELECT docnum, terms FROM search_queue")).all()
    docnums = sorted({row.docnum for row in queued})
    total = session.execute(text("SELECT count(*) FROM search_document")).scalar_one()
    if not ready or len(docnums) > min(MERGE_LIMIT, MERGE_SHARE * total):
        count = _build_here(session)
    else:
        count = _merge_here(session, docnums, _holders(queued))
    session.commit()
    return count


def build(session: Session) -> int:
    """Write every posting row afresh from ``search_document``."""
    _snapshot(session)
    if session.execute(text("SELECT 1 FROM search_lexicon WHERE id = 1")).first() is None:
        session.rollback()
        return 0
    count = _build_here(session)
    session.commit()
    return count


def _build_here(session: Session) -> int:
    session.execute(text("DELETE FROM search_posting"))
    session.execute(text("INSERT INTO search_posting (term, field, docnums, tfs) "
                         + _AGGREGATE.format(where="")))
    session.execute(text("DELETE FROM search_queue"))   # the snapshot's rows only
    session.execute(text("UPDATE search_lexicon SET postings_ready = true WHERE id = 1"))
    return session.execute(text("SELECT count(*) FROM search_document")).scalar_one()


def _holders(queued) -> dict[str, list[int]]:
    """term → the queued documents whose stored entries may hold it: a stored
    entry is of the version a document had at the last merge or build, and the
    write that replaced that version queued its terms."""
    found: dict[str, set[int]] = {}
    for row in queued:
        for term in row.terms:
            found.setdefault(term, set()).add(row.docnum)
    return {term: sorted(docs) for term, docs in found.items()}


def _merge_here(session: Session, docnums: list[int], holders: dict[str, list[int]]) -> int:
    if not docnums:
        return 0
    fresh = {(term, field): (decode(nums), tfs) for term, field, nums, tfs in session.execute(
        text(_AGGREGATE.format(where="AND d.docnum = ANY(:d)")), {"d": docnums})}
    terms = sorted(holders.keys() | {term for term, _f in fresh})
    values = []
    for term, field, nums, tfs in session.execute(text(_LISTS), {"t": terms}):
        added = fresh.pop((term, field), (array("q"), b""))
        gone = holders.get(term, [])
        values.append((term, field, *_replaced(decode(nums), bytearray(tfs), gone, *added)))
    values += [(term, field, nums, bytearray(tfs)) for (term, field), (nums, tfs) in fresh.items()]
    session.execute(text("DELETE FROM search_posting WHERE term = ANY(:t)"), {"t": terms})
    rows = [{"term": term, "field": field, "docnums": encode(nums), "tfs": bytes(tfs)}
            for term, field, nums, tfs in values if nums]
    for start in range(0, len(rows), 2000):
        session.execute(text("INSERT INTO search_posting (term, field, docnums, tfs) "
                             "VALUES (:term, :field, :docnums, :tfs)"), rows[start:start + 2000])
    session.execute(text("DELETE FROM search_queue"))   # the snapshot's rows only
    return len(docnums)


def _replaced(nums: array, tfs: bytearray, gone: list[int], added: array, added_tfs: bytes
              ) -> tuple[array, bytearray]:
    """A sorted list without the entries of ``gone`` and with ``added``'s, in
    place: a binary search and a move per document, not a pass over a list
    that may hold most of the collection."""
    for docnum in gone:
        i = bisect_left(nums, docnum)
        if i < len(nums) and nums[i] == docnum:
            del nums[i]
            del tfs[i]
    for docnum, tf in zip(added, added_tfs, strict=True):
        i = bisect_left(nums, docnum)
        nums.insert(i, docnum)
        tfs.insert(i, tf)
    return nums, tfs


def queued(session: Session) -> int:
    """Documents written since the last merge (searches read them from their tsvectors)."""
    return session.execute(text("SELECT count(DISTINCT docnum) FROM search_queue")).scalar_one()


def read(conn, words: list[str]) -> dict[tuple[str, str], tuple[array, bytes]]:
    """(field name, word) → the stored docnums and occurrences of ``words``."""
    return {(FIELD_NAMES[field], term): (decode(nums), tfs)
            for term, field, nums, tfs in conn.execute(text(_LISTS), {"t": words})}
