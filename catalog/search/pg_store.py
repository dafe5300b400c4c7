"""The PostgreSQL backend's writes: documents as rows with a weighted
``tsvector`` of the same jieba analysis as the Whoosh index, written in the
transaction of the data change, so every app server sees a change with the
commit and nothing can drift. Also the full rebuild and the drift check.

A lexeme's positions in ``tsv`` carry how often it occurs per field (weight
A: name, B: text, C: problems) — BM25 needs term frequencies, and the
engine never asks for word adjacency (its "phrases" only require every word).
"""
from __future__ import annotations

import json
import uuid
from collections import Counter

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session
from whoosh.lang.porter import stem

from catalog import models as m

from . import lexicon as lexicon_mod
from . import pg_postings
from .analysis import terms
from .index import FIELD_BOOSTS, STORED_ONLY, Drift, all_documents, concepts, to_fields

WEIGHTS = dict(zip(FIELD_BOOSTS, "ABC", strict=True))   # name → A, text → B, problems → C
MAX_TF = 85            # positions per lexeme and field: 3 × 85 stays under tsvector's 256
CHUNK = 500
DOCS = m.SearchDocument.__table__
STATS_SQL = ("INSERT INTO search_stat (docs, name_len, text_len, problems_len) "
             "SELECT count(*), coalesce(sum(name_len), 0), coalesce(sum(text_len), 0), "
             "coalesce(sum(problems_len), 0) FROM search_document")


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def analysed(doc: dict) -> tuple[dict, Counter]:
    """The row of a document, and its terms (each counted once) for ``search_term``."""
    fields = to_fields(doc)
    counts: dict[str, Counter] = {name: Counter(terms(fields[name], "index")) for name in FIELD_BOOSTS}
    positions: dict[str, list[str]] = {}
    for name, counter in counts.items():
        for lexeme, tf in counter.items():
            if len(lexeme.encode("utf-8")) > 2000:
                continue
            found = positions.setdefault(lexeme, [])
            start = len(found) + 1
            found += [f"{p}{WEIGHTS[name]}" for p in range(start, start + min(tf, MAX_TF))]
    row = {key: doc[key] for key in STORED_ONLY}
    row.update({f"{name}_len": sum(counter.values()) for name, counter in counts.items()})
    row["tsv"] = " ".join(f"{_quote(lex)}:{','.join(pos)}" for lex, pos in positions.items())
    return row, Counter(positions.keys())


def write(session: Session, documents: list[dict], removals: list[str]) -> None:
    """Upsert ``documents`` and delete ``removals`` in the session's transaction,
    keeping the statistics right: the old rows are locked first (in key order,
    so two writers never deadlock here) and the change in count and lengths
    is added as one delta row (also when it is zero: the row names a new
    generation for ``pg_state``)."""
    rows = [analysed(doc) for doc in documents]
    ids = sorted({row["doc_id"] for row, _t in rows} | set(removals))
    if not ids:
        return
    lengths = [DOCS.c.name_len, DOCS.c.text_len, DOCS.c.problems_len]
    old = session.execute(select(DOCS.c.doc_id, *lengths).where(DOCS.c.doc_id.in_(ids))
                          .order_by(DOCS.c.doc_id).with_for_update()).all()
    delta = [-len(old), *(-sum(r[i] for r in old) for i in (1, 2, 3))]
    _queue(session, [r.doc_id for r in old], "tsvector_to_array(tsv)")   # the versions replaced
    if removals:
        session.execute(delete(DOCS).where(DOCS.c.doc_id.in_(removals)))
    for row, _terms in rows:
        delta[0] += 1
        for i, name in enumerate(FIELD_BOOSTS, 1):
            delta[i] += row[f"{name}_len"]
    if rows:
        stmt = pg_insert(DOCS)
        updated = {c.name: stmt.excluded[c.name] for c in DOCS.c if c.name not in ("doc_id", "docnum")}
        session.execute(stmt.on_conflict_do_update(index_elements=["doc_id"], set_=updated),
                        [row for row, _t in rows])
        _queue(session, sorted({row["doc_id"] for row, _t in rows} - {r.doc_id for r in old}), "'{}'::text[]")
        new_terms = sorted({t for _row, found in rows for t in found if len(t) <= 200})
        if new_terms:  # known ones keep their count until the next sync
            session.execute(pg_insert(m.SearchTerm.__table__).on_conflict_do_nothing(),
                            [{"term": t, "docs": 1} for t in new_terms])
    # always a row, even of zeros: a new row is what tells every app server's
    # cached state (``pg_state``) that the documents changed
    session.execute(insert(m.SearchStat.__table__).values(
            docs=delta[0], name_len=delta[1], text_len=delta[2], problems_len=delta[3]))


def _queue(session: Session, doc_ids: list[str], terms: str) -> None:
    """Queue documents for the posting lists' next merge (``pg_postings``)."""
    if doc_ids:
        session.execute(text(f"INSERT INTO search_queue (docnum, terms) SELECT docnum, {terms} "
                             "FROM search_document WHERE doc_id = ANY(:ids)"), {"ids": doc_ids})


def rebuild(session: Session, progress=None, documents: list[dict] | None = None) -> int:
    """Rewrite every search row from the data, holding writers up only for the
    swap. The data and the rows' versions (``xmin``) are read in one REPEATABLE
    READ snapshot and analysed outside any lock; then, under a table lock, a
    row that a writer rewrote or removed since that snapshot stays as the writer
    left it (it reflects newer data than was read), every other row is replaced.
    The posting lists are built afresh after the swap (searches meanwhile read
    every document's tsvector). ``documents``: index these instead (benchmarks)."""
    session.commit()
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    before = _row_versions(session)
    docs = all_documents(session) if documents is None else documents
    rows, term_docs = [], Counter()
    for n, doc in enumerate(docs, 1):
        row, found = analysed(doc)
        rows.append(row)
        term_docs.update(found)
        if progress and (n % CHUNK == 0 or n == len(docs)):
            progress(n, len(docs))
    lexicon = lexicon_mod.build(concepts(session), docs)
    session.commit()
    session.execute(text("LOCK TABLE search_document IN EXCLUSIVE MODE"))
    after = _row_versions(session)
    written = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    session.execute(delete(DOCS).where(DOCS.c.doc_id.not_in(written)))
    fresh = [row for row in rows if row["doc_id"] not in set(written)]
    for start in range(0, len(fresh), CHUNK):
        session.execute(insert(DOCS), fresh[start:start + CHUNK])
    for model in (m.SearchPosting, m.SearchQueue, m.SearchStat, m.SearchTerm, m.SearchWord, m.SearchLexicon):
        session.execute(delete(model))
    session.execute(text(STATS_SQL))
    _insert_many(session, m.SearchTerm, [{"term": t, "docs": n} for t, n in term_docs.items()
                                         if len(t) <= 200])
    save_lexicon(session, lexicon)
    session.commit()
    pg_postings.build(session)
    return len(docs)


def _row_versions(session: Session) -> dict[str, str]:
    return dict(session.execute(text("SELECT doc_id, xmin::text FROM search_document")).tuples().all())


def _insert_many(session: Session, model, rows: list[dict]) -> None:
    for start in range(0, len(rows), 5000):
        session.execute(insert(model.__table__), rows[start:start + 5000])


def save_lexicon(session: Session, lexicon: lexicon_mod.Lexicon) -> None:
    """Expansions and Chinese words as JSON; Latin words as rows for pg_trgm."""
    data = {"expansions": lexicon.expansions, "cjk_words": lexicon.cjk_words}
    session.add(m.SearchLexicon(id=1, build=uuid.uuid4().hex, data=json.dumps(data, ensure_ascii=False)))
    _insert_many(session, m.SearchWord, [{"word": w, "stem": stem(w), "docs": n}
                                         for w, n in lexicon.latin_words.items() if len(w) <= 64])
    session.flush()


def refresh_statistics(session: Session) -> int:
    """Fold the statistics deltas into one exact row and recount the terms'
    documents (one statement each, so each reads one snapshot); merge the
    queued documents into the posting lists; returns how many were merged."""
    session.execute(text("WITH gone AS (DELETE FROM search_stat RETURNING id) " + STATS_SQL))
    session.execute(text(
        "INSERT INTO search_term (term, docs) "
        "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_document') WHERE length(word) <= 200 "
        "ON CONFLICT (term) DO UPDATE SET docs = excluded.docs"))
    session.commit()
    return pg_postings.merge(session)


def built(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(m.SearchLexicon.__table__)) > 0


def document_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DOCS)) or 0


def check(session: Session) -> Drift:
    wanted = {d["doc_id"]: d["version"] for d in all_documents(session)}
    have = dict(session.execute(select(DOCS.c.doc_id, DOCS.c.version)).tuples().all())
    return Drift(
        missing=sorted(set(wanted) - set(have)),
        stale=sorted(k for k in set(wanted) & set(have) if wanted[k] != have[k]),
        extra=sorted(set(have) - set(wanted)),
    )
