"""The search documents when the portal runs on PostgreSQL (``catalog.search.pg``).

On PostgreSQL the index lives in these tables, written in the same
transaction as the data change; on SQLite they stay empty (Whoosh is used).
``tsv`` holds the jieba analysis as a weighted ``tsvector`` (A: names and
keywords, B: running text, C: problems; a lexeme's positions count its
occurrences, which BM25 needs); the ``*_len`` columns are the field lengths."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

TSV = Text().with_variant(TSVECTOR(), "postgresql")
TERMS = Text().with_variant(ARRAY(Text()), "postgresql")


class SearchDocument(Base):
    __tablename__ = "search_document"
    __table_args__ = (Index("ix_search_document_tsv", "tsv", postgresql_using="gin"),)
    doc_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    # Insertion order: ties in ranking go to the lower number, as Whoosh's docnums do.
    docnum: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True)
    doc_type: Mapped[str] = mapped_column(String(24))
    code: Mapped[str] = mapped_column(String(64))
    sector: Mapped[str] = mapped_column(String(64), default="")
    stage: Mapped[str] = mapped_column(String(64), default="")
    category: Mapped[str] = mapped_column(String(64), default="")
    maturity: Mapped[str] = mapped_column(String(64), default="")
    plan_named: Mapped[str] = mapped_column(String(1), default="0")
    published: Mapped[datetime] = mapped_column(DateTime)
    saving: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[str] = mapped_column(String(64))
    title_zh: Mapped[str] = mapped_column(Text, default="")
    title_en: Mapped[str] = mapped_column(Text, default="")
    summary_zh: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    name_len: Mapped[int] = mapped_column(Integer, default=0)
    text_len: Mapped[int] = mapped_column(Integer, default=0)
    problems_len: Mapped[int] = mapped_column(Integer, default=0)
    tsv: Mapped[str] = mapped_column(TSV)


class SearchStat(Base):
    """Deltas of the document count and field lengths (insert-only, so writers
    never wait on one row); their sum is the collection's statistics, and
    ``search sync`` folds them into one row."""

    __tablename__ = "search_stat"
    id: Mapped[int] = mapped_column(primary_key=True)
    docs: Mapped[int] = mapped_column(BigInteger, default=0)
    name_len: Mapped[int] = mapped_column(BigInteger, default=0)
    text_len: Mapped[int] = mapped_column(BigInteger, default=0)
    problems_len: Mapped[int] = mapped_column(BigInteger, default=0)


class SearchTerm(Base):
    """Index terms and about how many documents hold them (exact after a
    rebuild or a sync; new terms are added by every write): long need texts
    keep their rarest concepts by it."""

    __tablename__ = "search_term"
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    docs: Mapped[int] = mapped_column(Integer, default=0)


class SearchWord(Base):
    """Latin surface words for did-you-mean, found by trigram similarity (pg_trgm)."""

    __tablename__ = "search_word"
    __table_args__ = (Index("ix_search_word_trgm", "word", postgresql_using="gin",
                            postgresql_ops={"word": "gin_trgm_ops"}),)
    word: Mapped[str] = mapped_column(String(64), primary_key=True)
    stem: Mapped[str] = mapped_column(String(64), index=True)
    docs: Mapped[int] = mapped_column(Integer, default=0)


class SearchLexicon(Base):
    """The cross-language expansions and the Chinese spelling vocabulary (JSON),
    written by a rebuild; ``build`` changes with each, so processes reload it."""

    __tablename__ = "search_lexicon"
    id: Mapped[int] = mapped_column(primary_key=True)
    build: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    # the postings (``SearchPosting``) are built for this build's documents
    postings_ready: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SearchPosting(Base):
    """Per term and field (0 name, 1 text, 2 problems), the documents holding
    it: ``docnums`` 8 bytes each, big endian, ascending; ``tfs`` one byte each,
    its occurrences there (``pg_postings``)."""

    __tablename__ = "search_posting"
    term: Mapped[str] = mapped_column(Text, primary_key=True)
    field: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    docnums: Mapped[bytes] = mapped_column(LargeBinary)
    tfs: Mapped[bytes] = mapped_column(LargeBinary)


class SearchQueue(Base):
    """A document written since its postings were merged, and the terms of the
    version it replaced (insert-only: writers never wait on a posting row)."""

    __tablename__ = "search_queue"
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    docnum: Mapped[int] = mapped_column(BigInteger)
    terms: Mapped[list[str]] = mapped_column(TERMS)
