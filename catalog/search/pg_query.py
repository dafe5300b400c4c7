"""The PostgreSQL backend's queries, ranked as the Whoosh index ranks them.

Each process keeps, per generation of the documents (``pg_state``), what the
Whoosh reader state holds: facet codes and bitmaps, sort keys, field lengths,
and the posting lists of the words queried so far, read the first time a word
is asked for (``pg_postings``, ``pg_frequencies``). The engine's
own BM25F, concept rules and caches (``scoring``, ``sets``, ``engine._facets``
and ``_page``) then run on it, so the scores, counts and facets are those of
the Whoosh index, and a word seen before costs no SQL beyond one statement
naming the generation; the stored fields of the hits shown are read by
docnum. Every query reads one REPEATABLE READ snapshot, so the generation it
names and the postings it reads agree. The collection's size and lengths come
from ``search_stat``. Did-you-mean: Chinese as in ``spelling`` over the
lexicon stored by the rebuild, English words by trigram similarity (pg_trgm).
"""
from __future__ import annotations

import json
import threading

from rapidfuzz.distance import OSA
from sqlalchemy import Engine, text
from whoosh.lang.porter import stem

from . import pg_state, spelling
from .engine import (
    MAX_GROUPS,
    MAX_QUERY_CHARS,
    SearchRequest,
    SearchResult,
    _matched_page,
    answer,
    query_groups,
)
from .index import FACET_FIELDS, FIELD_BOOSTS
from .lexicon import Lexicon

TRIGRAM_THRESHOLD = "0.2"   # pg_trgm's default 0.3 misses some two-edit words
_lexicons: dict[str, tuple[str, Lexicon]] = {}
_lock = threading.Lock()


class Collection:
    """One query's view of the database: the generation's name, statistics and lexicon."""

    def __init__(self, conn, engine_key: str):
        self.conn = conn
        row = conn.execute(text(
            "SELECT (SELECT build FROM search_lexicon WHERE id = 1), coalesce(sum(docs), 0), "
            "coalesce(sum(name_len), 0), coalesce(sum(text_len), 0), coalesce(sum(problems_len), 0), "
            "count(*), coalesce(max(id), 0), "
            "(SELECT postings_ready FROM search_lexicon WHERE id = 1), "
            "(SELECT count(*) FROM search_queue) FROM search_stat")).one()
        self.build, self.doc_count = row[0], int(row[1])
        self.totals = {name: int(row[i]) for i, name in enumerate(FIELD_BOOSTS, 2)}
        # a write adds a stat row; a merge of the postings (``pg_postings``) empties the queue
        self.key = (engine_key, self.build, int(row[5]), int(row[6]), bool(row[7]), int(row[8]))
        self.postings_ready = bool(row[7])
        self.lexicon = _lexicon(conn, engine_key, self.build) if self.build else Lexicon()

    def view(self, groups: list) -> pg_state.View:
        """The generation's state with the postings of every word of ``groups`` read."""
        state = pg_state.generation(self.conn, self.key, self.doc_count, self.totals, self.lexicon,
                                    self.postings_ready)
        postings = state.load(self.conn, sorted({w for alts in groups for ws, _w in alts for w in ws}))
        return pg_state.View(state, self.conn, postings)


def _lexicon(conn, engine_key: str, build: str) -> Lexicon:
    held = _lexicons.get(engine_key)
    if held is not None and held[0] == build:
        return held[1]
    data = json.loads(conn.execute(text("SELECT data FROM search_lexicon WHERE id = 1")).scalar_one())
    expansions = {k: [(list(t), float(w)) for t, w in v] for k, v in data["expansions"].items()}
    found = Lexicon(expansions, data["cjk_words"], {})
    with _lock:
        _lexicons[engine_key] = (build, found)
    return found


class TrigramWords:
    """English spelling words in ``search_word``, near ones found with pg_trgm."""

    def __init__(self, conn):
        self.conn = conn

    def known(self, word: str) -> bool:
        return self.conn.execute(text("SELECT 1 FROM search_word WHERE word = :w OR stem = :s LIMIT 1"),
                                 {"w": word, "s": stem(word)}).first() is not None

    def near(self, word: str, limit: int) -> list[tuple[str, int, int]]:
        self.conn.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :t, true)"),
                          {"t": TRIGRAM_THRESHOLD})
        rows = self.conn.execute(text(
            "SELECT word, docs FROM search_word WHERE word % :w AND length(word) BETWEEN :lo AND :hi"),
            {"w": word, "lo": len(word) - limit, "hi": len(word) + limit}).all()
        hits = [(w, OSA.distance(word, w), docs) for w, docs in rows]
        return sorted((h for h in hits if h[1] <= limit), key=lambda h: h[0])


def search(engine: Engine, request: SearchRequest) -> SearchResult:
    with _snapshot(engine) as conn:
        coll = Collection(conn, str(engine.url))
        if coll.build is None:  # never built
            return SearchResult()
        return answer(request, lambda words: run(coll, words, request),
                      lambda words: spelling.correct(words, coll.lexicon, TrigramWords(conn)))


def _snapshot(engine: Engine):
    """A connection reading one snapshot: the generation's name and the postings
    read for it are of the same data (``pg_state``)."""
    return engine.connect().execution_options(isolation_level="REPEATABLE READ")


def run(coll: Collection, typed: str, request: SearchRequest) -> SearchResult:
    groups, shown = query_groups(typed, coll.lexicon)
    groups = rarest(coll, groups)
    if typed.strip() and not groups:
        return SearchResult(facets={name: {} for name in FACET_FIELDS})
    return _matched_page(coll.view(groups), groups, shown, request)


def rarest(coll: Collection, groups: list) -> list:
    """At most MAX_GROUPS concepts, those in the fewest documents (``search_term``),
    in typed order; as ``engine._rarest``."""
    if len(groups) <= MAX_GROUPS:
        return groups
    firsts = sorted({words[0] for alts in groups for words, _w in alts if words})
    docs = dict(coll.conn.execute(text("SELECT term, docs FROM search_term WHERE term = ANY(:t)"),
                                  {"t": firsts}).tuples().all())

    def spread(alternatives) -> int:
        found = [docs[words[0]] for words, _w in alternatives if words and docs.get(words[0])]
        return min(found) if found else 10**9

    keep = sorted(range(len(groups)), key=lambda i: (spread(groups[i]), i))[:MAX_GROUPS]
    return [groups[i] for i in sorted(keep)]


def relevance(engine: Engine, typed: str, min_share: float) -> dict[str, float]:
    """code → relevance in [0, 1] of every technology ``typed`` matches
    (as ``relevance.Relevance``: the best technology scores 1)."""
    with _snapshot(engine) as conn:
        coll = Collection(conn, str(engine.url))
        if coll.build is None:
            return {}
        groups = rarest(coll, query_groups(typed[:MAX_QUERY_CHARS], coll.lexicon)[0])
        if not groups:
            return {}
        state = coll.view(groups)
        matched, _partial = state.postings.concepts(groups, min_share)
        technology = state.facet_values["doc_type"].index("technology") \
            if "technology" in state.facet_values["doc_type"] else -1
        types = state.facet_codes["doc_type"]
        ours = {state.codes[d]: s for d, s in matched.by_doc.items() if types[d] == technology}
    best = max(ours.values(), default=0.0) or 1.0
    return {code: score / best for code, score in ours.items()}


def did_you_mean(engine: Engine, typed: str) -> str | None:
    with engine.connect() as conn:
        coll = Collection(conn, str(engine.url))
        return spelling.correct(typed[:MAX_QUERY_CHARS], coll.lexicon, TrigramWords(conn))
