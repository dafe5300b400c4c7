"""The Whoosh index: schema, full rebuild, incremental update, drift check.

The database is the source of truth; this index is derived from it and can be
rebuilt at any time. Writers serialise on an ``fcntl`` lock file beside the
index (several gunicorn workers may write) and cancel the writer on error, so
a failed commit never leaves Whoosh's own lock held.
"""
from __future__ import annotations

import fcntl
import logging
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from catalog import models as m

from . import lexicon
from .analysis import analyzer
from .documents import offer_document, product_document, technology_document

# Searched fields and their weight in scoring (see scoring.py): names, codes and
# keywords count twice as much as the running text.
# ``problems``: how plants describe what an entry solves (data/catalogue/problems), so a need written
# as symptoms finds it without naming it.
FIELD_BOOSTS = {"name": 2.0, "text": 1.0, "problems": 0.7}
FACET_FIELDS = ("doc_type", "sector", "stage", "category", "maturity", "plan_named")
LOCK_TIMEOUT_S = 30.0
log = logging.getLogger(__name__)
BUILD_ID_FILE = "build-id"  # changes with every rebuild, so readers know to reopen


def schema() -> Schema:
    text = analyzer()
    facet = {name: ID(stored=True, sortable=True) for name in FACET_FIELDS}
    return Schema(
        doc_id=ID(stored=True, unique=True),
        code=ID(stored=True),
        name=TEXT(analyzer=text),
        text=TEXT(analyzer=text),
        problems=TEXT(analyzer=text),
        title_zh=STORED(), title_en=STORED(), summary_zh=STORED(), summary_en=STORED(),
        body_zh=STORED(), body_en=STORED(),
        published=DATETIME(stored=True, sortable=True),
        saving=NUMERIC(int, stored=True, sortable=True),  # tenths of a percent
        # The record's updated_at, so `search check` can tell stale documents.
        version=STORED(),
        **facet,
    )


STORED_ONLY = ("doc_id", "code", "title_zh", "title_en", "summary_zh", "summary_en", "body_zh",
               "body_en", "published", "saving", "version", *FACET_FIELDS)


def to_fields(doc: dict) -> dict:
    """Index fields from a document dict: the searched ``name`` and ``text``
    join both languages; the rest is stored for facets, sorting and snippets."""
    fields = {key: doc[key] for key in STORED_ONLY}
    fields["name"] = f"{doc['title']}\n{doc['keywords']}"
    fields["text"] = "\n".join([doc["summary_zh"], doc["summary_en"], doc["labels"], doc["body"]])
    fields["problems"] = doc.get("problems", "")
    return fields


def published_technologies(session: Session) -> list[m.Technology]:
    stmt = select(m.Technology).where(m.Technology.status == "published").order_by(m.Technology.code)
    return list(session.scalars(stmt).unique())


def concepts(session: Session) -> list[dict]:
    """Glossary terms and taxonomy labels as concepts for cross-language expansion."""
    rows = [{"zh": t.zh, "en": t.en, "synonyms_zh": t.synonyms_zh, "synonyms_en": t.synonyms_en,
             "abbreviations": t.abbreviations} for t in session.scalars(select(m.GlossaryTerm))]
    for model in (m.Sector, m.ProcessStage, m.Category):
        rows += [{"zh": r.name_zh, "en": r.name_en} for r in session.scalars(select(model))]
    return rows


def all_documents(session: Session) -> list[dict]:
    """Published technologies, and published products and offers of verified suppliers."""
    from catalog.supply import public

    return ([technology_document(t) for t in published_technologies(session)]
            + [product_document(p) for p in public.products(session)]
            + [offer_document(o) for o in public.offers(session)])


@contextmanager
def write_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time across processes; waits instead of failing."""
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.with_name(index_dir.name + ".lock"), "a+b") as fh:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"search index {index_dir} stayed locked") from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def rebuild(session: Session, index_dir: Path, progress=None, documents: list[dict] | None = None,
            before_swap=None) -> int:
    """Build a fresh index in a sibling folder and swap it in, so readers never
    see a half-built index; returns the number of documents. ``before_swap(staging)``
    runs under the write lock, just before the swap."""
    index_dir = Path(index_dir)
    docs = all_documents(session) if documents is None else documents
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = index_dir.with_name(f"{index_dir.name}.build-{uuid.uuid4().hex[:8]}")
    staging.mkdir()
    try:
        ix = whoosh_index.create_in(staging, schema())
        writer = ix.writer(limitmb=256, procs=1)
        try:
            for n, doc in enumerate(docs, 1):
                writer.add_document(**to_fields(doc))
                if progress:
                    progress(n, len(docs))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        _decode_segments(staging, ix)
        lexicon.save(lexicon.build(concepts(session), docs), staging)
        (staging / BUILD_ID_FILE).write_text(uuid.uuid4().hex, encoding="utf-8")
        with write_lock(index_dir):
            if before_swap is not None:
                before_swap(staging)
            _swap_in(staging, index_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(docs)


def _swap_in(staging: Path, index_dir: Path) -> None:
    retired = index_dir.with_name(f"{index_dir.name}.old-{uuid.uuid4().hex[:8]}")
    if index_dir.exists():
        index_dir.rename(retired)
    staging.rename(index_dir)
    shutil.rmtree(retired, ignore_errors=True)


def open_index(index_dir: Path, mmap: bool = True):
    """The index, or None when it has not been built yet.

    ``mmap=False`` for long-lived readers: Whoosh's mapped segments hand each of
    their files to a ``BytesIO``, which copies it whole into the process (the
    postings too, that queries read from the decoded segments instead);
    without mmap a file is read where needed."""
    index_dir = Path(index_dir)
    if not whoosh_index.exists_in(index_dir):
        return None
    if mmap:
        return whoosh_index.open_dir(index_dir)
    return FileStorage(str(index_dir), supports_mmap=False, readonly=True).open_index()


def build_id(index_dir: Path) -> str:
    try:
        return (Path(index_dir) / BUILD_ID_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def document_count(index_dir: Path) -> int:
    ix = open_index(index_dir)
    return ix.doc_count() if ix is not None else 0


def update_documents(index_dir: Path, documents: Iterable[dict], remove_ids: Iterable[str] = ()) -> None:
    """Add or replace ``documents`` and remove ``remove_ids`` in one commit."""
    with write_lock(index_dir):
        write_unlocked(index_dir, documents, remove_ids)


def write_unlocked(index_dir: Path, documents: Iterable[dict], remove_ids: Iterable[str] = ()) -> None:
    """The write itself; the caller holds :func:`write_lock`."""
    ix = open_index(index_dir)
    if ix is None:
        raise FileNotFoundError(f"no search index at {index_dir}; run `search rebuild`")
    writer = ix.writer(timeout=LOCK_TIMEOUT_S, delay=0.05)
    try:
        for doc_id in remove_ids:
            writer.delete_by_term("doc_id", doc_id)
        for doc in documents:
            writer.update_document(**to_fields(doc))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    _decode_segments(index_dir, ix)


def _decode_segments(index_dir: Path, ix) -> None:
    """Decode the segments a commit created, so no reader has to (see ``segments``).
    A failure here loses nothing: the first reader that needs a file writes it."""
    from . import segments  # it builds on this module's field lists

    try:
        segments.ensure(Path(index_dir), ix)
    except Exception:  # noqa: BLE001 - the index itself is committed and fine
        log.warning("decoding the new search segments deferred to the readers", exc_info=True)


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
    wanted = {d["doc_id"]: d["version"] for d in all_documents(session)}
    ix = open_index(index_dir)
    have: dict[str, str] = {}
    if ix is not None and set(ix.schema.names()) == set(schema().names()):  # an older schema: rebuild
        with ix.searcher() as searcher:
            have = {f["doc_id"]: f.get("version") for f in searcher.all_stored_fields()}
    return Drift(
        missing=sorted(set(wanted) - set(have)),
        stale=sorted(k for k in set(wanted) & set(have) if wanted[k] != have[k]),
        extra=sorted(set(have) - set(wanted)),
    )
