"""What one generation of the PostgreSQL search documents gives every query,
built once per process and shared by its threads, as ``state.Generation`` is
for a Whoosh index: the documents' facet codes and bitmaps, sort keys and
field lengths (one read of the table), and the posting lists of the words
queried so far, read the first time a word is asked for: the stored lists
(``pg_postings``) without the entries of the documents queued since their
merge, plus those documents' frequencies read from their ``tsv``
(``pg_frequencies.postings``; every document's, before the lists are built).
The engine's own matching, scoring and caches (``scoring.Postings``) then run
on it, so a word seen before costs no SQL beyond the generation check.

A generation is named by the lexicon's build, whether the lists are built,
the count and highest id of the ``search_stat`` rows and the queue's length:
every write adds a stat row (``pg_store.write``), a rebuild changes the build,
``search sync`` folds the rows into a new one and empties the queue, so a
commit anywhere changes the name, and the next query on every app server
sees it. A query reads the name and the postings it lacks in one REPEATABLE
READ snapshot (``pg_query``), so what is kept under a name is that
generation's data.
"""
from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from functools import lru_cache

from sqlalchemy import text
from whoosh.util.numeric import length_to_byte

from . import pg_frequencies, pg_postings
from .index import FACET_FIELDS, FIELD_BOOSTS
from .lexicon import Lexicon
from .scoring import Postings
from .sets import bitmap

STORED = ("doc_id", "doc_type", "code", "sector", "title_zh", "title_en", "summary_zh", "summary_en",
          "body_zh", "body_en")
KEEP_GENERATIONS = 2
MAX_POSTINGS = 5_000_000   # postings kept per generation (~12 bytes each) before starting afresh
_lock = threading.Lock()
_length_byte = lru_cache(maxsize=None)(length_to_byte)
_generations: OrderedDict[tuple, Generation] = OrderedDict()


class _Field:
    def __init__(self):
        self.lists: dict[bytes, tuple[array, array]] = {}

    def postings(self, term: bytes):
        return self.lists.get(term)


class _Segment:
    """The whole table as one segment for ``scoring.Postings``; words are added as read."""

    def __init__(self, docs: int):
        self.docs = docs
        self.fields = {name: _Field() for name in FIELD_BOOSTS}
        self.words: set[str] = set()
        self.size = 0


class Generation:
    """One generation's documents, numbered 0… in ``docnum`` order (read-only
    once built, but for the words added to its segment)."""

    def __init__(self, conn, key: tuple, doc_count: int, totals: dict[str, int], lexicon: Lexicon,
                 postings_ready: bool = False):
        self.key, self.lexicon = key, lexicon
        # the epoch seconds only order the documents, as ``(published - EPOCH).total_seconds()`` would
        rows = conn.execute(text(
            f"SELECT docnum, code, extract(epoch FROM published)::float8, saving, "
            f"{', '.join(f'{name}_len' for name in FIELD_BOOSTS)}, {', '.join(FACET_FIELDS)} "
            "FROM search_document ORDER BY docnum")).tuples().all()
        columns = list(zip(*rows, strict=True)) or [()] * (7 + len(FACET_FIELDS))
        docnums, self.codes, published, saving = columns[:4]
        self.docnums = array("q", docnums)
        self.number = dict(zip(docnums, range(len(docnums)), strict=True))
        # stored postings (``pg_postings``) count for the documents not queued since;
        # the queued ones are read from their tsvector
        self.stored = postings_ready
        self.queued = sorted(conn.execute(text("SELECT DISTINCT docnum FROM search_queue")).scalars()) \
            if postings_ready else []
        self.merged = self.number
        if self.queued:
            self.merged = dict(self.number)
            for docnum in self.queued:
                self.merged.pop(docnum, None)
        n = len(docnums)
        self.live_bits = (1 << n) - 1
        self.live = list(range(n))
        self.sort_values = {"published": list(published), "saving": list(saving)}
        self.lengths = {name: bytes(map(_length_byte, lengths))
                        for name, lengths in zip(FIELD_BOOSTS, columns[4:7], strict=True)}
        self.doc_count, self.totals = doc_count, totals
        self._facets(dict(zip(FACET_FIELDS, columns[7:], strict=True)), n)
        self._fresh()

    def _fresh(self) -> Postings:
        segment = _Segment(len(self.docnums))
        self.postings = Postings([(segment, 0, frozenset())], self.doc_count, self.lengths, self.totals)
        return self.postings

    def _facets(self, columns: dict[str, tuple], n: int) -> None:
        self.facet_bits: dict[str, dict[str, int]] = {}
        self.facet_values: dict[str, list[str | None]] = {}
        self.facet_codes: dict[str, array] = {}
        for name, column in columns.items():
            values: list[str | None] = [None, *sorted({v for v in column if v})]
            number = {v: i for i, v in enumerate(values)}
            number[""] = 0
            codes = array("H", map(number.__getitem__, column))
            self.facet_values[name], self.facet_codes[name] = values, codes
            members: dict[str, list[int]] = {v: [] for v in values[1:]}
            for d, value in enumerate(column):
                if value:
                    members[value].append(d)
            self.facet_bits[name] = {v: bitmap(ds, n) for v, ds in members.items()}

    def load(self, conn, words: list[str]) -> Postings:
        """The postings to score ``words`` on, those not read yet read now (one query).
        Past MAX_POSTINGS a new segment is started; threads scoring on the old
        one keep theirs."""
        postings = self.postings
        segment = postings.parts[0][0]
        missing = sorted(set(words) - segment.words)
        if not missing:
            return postings
        if segment.size > MAX_POSTINGS:
            postings = self._fresh()
            segment = postings.parts[0][0]
            missing = sorted(set(words))
        for (name, word), (ids, tfs) in self._read(conn, missing).items():
            segment.fields[name].lists[word.encode("utf-8")] = (ids, tfs)
            segment.size += len(ids)
        segment.words.update(missing)  # last: another thread trusts what is listed here
        return postings


    def _read(self, conn, words: list[str]) -> dict[tuple[str, str], tuple[array, array]]:
        """(field, word) → index numbers (ascending) and occurrences: the stored
        postings of the documents merged, the tsvector's of those queued."""
        if not self.stored:
            return {key: self._numbered(nums, tfs) for key, (nums, tfs)
                    in pg_frequencies.postings(conn, words).items()}
        found = {key: self._merged(nums, tfs) for key, (nums, tfs) in pg_postings.read(conn, words).items()}
        if self.queued:
            for key, (nums, tfs) in pg_frequencies.postings(conn, words, self.queued).items():
                ids, counts = self._numbered(nums, tfs)
                held = found.get(key)
                if held is not None:
                    pairs = sorted([*zip(held[0], held[1], strict=True), *zip(ids, counts, strict=True)])
                    ids, counts = array("i", [i for i, _c in pairs]), array("f", [c for _i, c in pairs])
                found[key] = (ids, counts)
        return found

    def _merged(self, nums: array, tfs: bytes) -> tuple[array, array]:
        """A stored list in index numbers, without the queued documents' entries."""
        if not self.queued:   # every stored docnum is a document of this generation: no test per entry
            try:
                return array("i", map(self.number.__getitem__, nums)), array("f", list(tfs))
            except KeyError:  # cannot happen within one generation's name; filtered if it ever did
                pass
        merged = self.merged.get
        pairs = [(i, tf) for n, tf in zip(nums, tfs, strict=True) if (i := merged(n)) is not None]
        return array("i", [i for i, _tf in pairs]), array("f", [tf for _i, tf in pairs])

    def _numbered(self, nums: list[int], tfs: list[float]) -> tuple[array, array]:
        return array("i", [self.number[n] for n in nums]), array("f", tfs)   # docnum order is index order


def generation(conn, key: tuple, doc_count: int, totals: dict[str, int], lexicon: Lexicon,
               postings_ready: bool = False) -> Generation:
    """The state for ``key``, built from ``conn`` (in that generation's snapshot) when not held."""
    held = _generations.get(key)
    if held is not None:
        return held
    built = Generation(conn, key, doc_count, totals, lexicon, postings_ready)
    with _lock:
        _generations[key] = built
        while len(_generations) > KEEP_GENERATIONS:
            _generations.popitem(last=False)
    return built


class View:
    """A generation seen through one query's connection (stored fields of the hits shown)."""

    def __init__(self, state: Generation, conn, postings: Postings):
        self._state, self._conn = state, conn
        self.postings = postings  # those ``load`` gave: another thread may start a new segment

    def __getattr__(self, name: str):
        return getattr(self._state, name)

    def stored_many(self, numbers: list[int]) -> list[dict]:
        if not numbers:
            return []
        wanted = [self._state.docnums[d] for d in numbers]
        found = {row["docnum"]: dict(row) for row in self._conn.execute(
            text(f"SELECT docnum, {', '.join(STORED)} FROM search_document WHERE docnum = ANY(:n)"),
            {"n": wanted}).mappings()}
        return [found[n] for n in wanted]

    def stored_fields(self, number: int) -> dict:
        return self.stored_many([number])[0]
