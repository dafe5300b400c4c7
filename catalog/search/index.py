"""The Whoosh index: schema, build, incremental update and query.

The database is the source of truth; this index is derived from it and can
be rebuilt at any time (``flask --app portal search rebuild``). Writers take
the index lock with a timeout instead of failing on contention, and cancel
the writer on error so a failed commit never leaves the lock held.
"""
from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, Or, Term

from catalog import models as m

from .analysis import analyzer, terms
from .documents import technology_document

FIELD_BOOSTS = {"title": 4.0, "keywords": 3.0, "labels": 1.5, "summary_zh": 2.0,
                "summary_en": 2.0, "body": 1.0}
WRITE_TIMEOUT_S = 10.0


def schema() -> Schema:
    text = analyzer()
    return Schema(
        doc_id=ID(stored=True, unique=True),
        doc_type=ID(stored=True),
        code=ID(stored=True),
        title=TEXT(analyzer=text, field_boost=FIELD_BOOSTS["title"]),
        title_zh=STORED(),
        title_en=STORED(),
        summary_zh=TEXT(analyzer=text, stored=True, field_boost=FIELD_BOOSTS["summary_zh"]),
        summary_en=TEXT(analyzer=text, stored=True, field_boost=FIELD_BOOSTS["summary_en"]),
        body=TEXT(analyzer=text),
        keywords=TEXT(analyzer=text, field_boost=FIELD_BOOSTS["keywords"]),
        labels=TEXT(analyzer=text, field_boost=FIELD_BOOSTS["labels"]),
        sector=KEYWORD(stored=True),
        stage=KEYWORD(stored=True),
        category=KEYWORD(stored=True),
        maturity=KEYWORD(stored=True),
        plan_named=KEYWORD(stored=True),
        published=DATETIME(stored=True, sortable=True),
        # The record's updated_at, so `search check` can tell stale documents.
        version=STORED(),
    )


def published_technologies(session: Session) -> list[m.Technology]:
    stmt = select(m.Technology).where(m.Technology.status == "published").order_by(m.Technology.code)
    return list(session.scalars(stmt).unique())


def rebuild(session: Session, index_dir: Path, progress=None) -> int:
    """Build a fresh index in a sibling folder and swap it in, so readers never
    see a half-built index; returns the number of documents."""
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = index_dir.with_name(f"{index_dir.name}.build-{uuid.uuid4().hex[:8]}")
    staging.mkdir()
    ix = whoosh_index.create_in(staging, schema())
    techs = published_technologies(session)
    writer = ix.writer()
    try:
        for n, tech in enumerate(techs, 1):
            writer.add_document(**technology_document(tech))
            if progress:
                progress(n, len(techs))
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, index_dir)
    return len(techs)


def _swap_in(staging: Path, index_dir: Path) -> None:
    retired = index_dir.with_name(f"{index_dir.name}.old-{uuid.uuid4().hex[:8]}")
    if index_dir.exists():
        index_dir.rename(retired)
    staging.rename(index_dir)
    shutil.rmtree(retired, ignore_errors=True)


def open_index(index_dir: Path):
    """The index, or None when it has not been built yet."""
    index_dir = Path(index_dir)
    if not whoosh_index.exists_in(index_dir):
        return None
    return whoosh_index.open_dir(index_dir)


def document_count(index_dir: Path) -> int:
    ix = open_index(index_dir)
    return ix.doc_count() if ix is not None else 0


def update_documents(index_dir: Path, documents: Iterable[dict], remove_ids: Iterable[str] = ()) -> None:
    ix = open_index(index_dir)
    if ix is None:
        raise FileNotFoundError(f"no search index at {index_dir}; run `search rebuild`")
    writer = ix.writer(timeout=WRITE_TIMEOUT_S, delay=0.05)
    try:
        for doc_id in remove_ids:
            writer.delete_by_term("doc_id", doc_id)
        for doc in documents:
            writer.update_document(**doc)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


@dataclass(frozen=True)
class Drift:
    missing: list[str]
    stale: list[str]
    extra: list[str]

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(session: Session, index_dir: Path) -> Drift:
    """Compare the index with the database: documents missing, stale or extra."""
    wanted = {d["doc_id"]: d["version"] for d in map(technology_document,
                                                      published_technologies(session))}
    ix = open_index(index_dir)
    have: dict[str, str] = {}
    if ix is not None:
        with ix.searcher() as searcher:
            have = {f["doc_id"]: f.get("version") for f in searcher.all_stored_fields()}
    return Drift(
        missing=sorted(set(wanted) - set(have)),
        stale=sorted(k for k in set(wanted) & set(have) if wanted[k] != have[k]),
        extra=sorted(set(have) - set(wanted)),
    )


@dataclass(frozen=True)
class Hit:
    doc_id: str
    code: str
    score: float


def build_query(text: str):
    """AND of the query's terms, each term an OR over the text fields. Built from
    analysed terms rather than a query parser, so no input can be a syntax error."""
    words = list(dict.fromkeys(terms(text[:500], "query")))[:16]
    if not words:
        return None
    fields = list(FIELD_BOOSTS)
    return And([Or([Term(f, w) for f in fields]) for w in words])


def query(index_dir: Path, text: str, limit: int | None = None) -> list[Hit]:
    """Technology hits for ``text``, best first. Empty when nothing matches or
    there is no index yet."""
    q = build_query(text)
    ix = open_index(index_dir)
    if q is None or ix is None:
        return []
    with ix.searcher() as searcher:
        results = searcher.search(q, limit=limit)
        return [Hit(r["doc_id"], r["code"], r.score) for r in results]
