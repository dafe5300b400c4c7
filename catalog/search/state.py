"""Reader state: what one index generation gives every query, built once per
process and shared by its threads — facet bitmaps and per-document codes,
sort keys, field lengths, the postings of the decoded segments (memory-mapped,
so shared by the workers too) and the lexicon — plus, per thread, an open
Whoosh searcher for the stored fields of the hits shown.

A query checks for a newer generation (a commit is seen by the next query) by
reading the build id and listing the index folder; deriving a generation's
state is mostly concatenating the segments' decoded arrays, so a write costs
the other workers little, and the segments it did not touch stay decoded.
"""
from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections import OrderedDict
from functools import cached_property, lru_cache
from pathlib import Path

from . import lexicon as lexicon_mod
from . import segments
from .index import FACET_FIELDS, FIELD_BOOSTS, build_id, open_index
from .scoring import Postings
from .sets import bitmap

SORT_FIELDS = segments.SORT_FIELDS
KEEP_GENERATIONS = 4       # a thread may briefly lag behind another's newer generation
STORED_DOCS = 2000         # stored fields kept per process (a few KB each)

_local = threading.local()
_lock = threading.Lock()
_generations: OrderedDict[tuple, Generation] = OrderedDict()
# Stored fields by (segment id, docnum in the segment): a segment never changes,
# so these stay right across writes.
_stored: OrderedDict[tuple[str, int], dict] = OrderedDict()
_stored_lock = threading.Lock()


class Generation:
    """Everything derived from one index generation (read-only once built)."""

    def __init__(self, index_dir: Path, key: tuple, reader):
        self.index_dir, self.key = index_dir, key
        self.build, self.generation = key[1], key[2:]
        self.total = reader.doc_count_all()
        self.doc_count = reader.doc_count()
        self.parts = [(segments.load(index_dir, leaf), offset,
                       leaf.deleted_docs_set if leaf.has_deletions() else frozenset())
                      for leaf, offset in reader.leaf_readers() if leaf.segment() is not None]
        deleted = [d + offset for _segment, offset, gone in self.parts for d in gone]
        self.deleted = frozenset(deleted)
        self.live_bits = ((1 << self.total) - 1) ^ bitmap(deleted)
        self._facets()
        self.sort_values = {name: _joined("q", [s.sorts[name] for s, _o, _d in self.parts])
                            for name in SORT_FIELDS}
        lengths = {f: b"".join(bytes(s.fields[f].lengths) for s, _o, _d in self.parts) for f in FIELD_BOOSTS}
        totals = {f: sum(s.fields[f].total for s, _o, _d in self.parts) for f in FIELD_BOOSTS}
        self.postings = Postings(self.parts, self.doc_count, lengths, totals)
        self.lexicon = _lexicon(index_dir, self.build)
        self.offsets = [offset for _segment, offset, _deleted in self.parts]

    def _facets(self) -> None:
        """Per facet: value -> bitmap of live documents, and per document the
        number of its value in ``facet_values`` (0: none)."""
        self.facet_bits: dict[str, dict[str, int]] = {}
        self.facet_values: dict[str, list[str | None]] = {}
        self.facet_codes: dict[str, array] = {}
        for name in FACET_FIELDS:
            values: list[str | None] = [None]
            number: dict[str, int] = {}
            bits: dict[str, int] = {}
            codes = array("H")
            for segment, offset, _deleted in self.parts:
                seg_values, seg_codes, seg_bits = segment.facets[name]
                for value, vbits in zip(seg_values, seg_bits, strict=True):
                    bits[value] = bits.get(value, 0) | vbits << offset
                    number.setdefault(value, len(values))
                    if number[value] == len(values):
                        values.append(value)
                remap = [0] + [number[v] for v in seg_values]
                if remap == list(range(len(remap))):  # numbered alike: copy the bytes
                    codes.frombytes(seg_codes.tobytes())
                else:
                    codes.extend(remap[c] for c in seg_codes)
            self.facet_bits[name] = {v: b & self.live_bits for v, b in bits.items()}
            self.facet_values[name] = values
            self.facet_codes[name] = codes

    @cached_property
    def live(self) -> list[int]:
        """Docnums not deleted, in order (browsing without text)."""
        if not self.deleted:
            return list(range(self.total))
        return [d for d in range(self.total) if d not in self.deleted]


def _joined(code: str, views: list[memoryview]) -> array:
    out = array(code)
    for view in views:
        out.frombytes(view.tobytes())
    return out


@lru_cache(maxsize=4)
def _lexicon(index_dir: Path, build: str) -> lexicon_mod.Lexicon:
    """Written with the index by a rebuild only: one per build, not per write."""
    return lexicon_mod.load(index_dir)


class ReaderState:
    """One query's view: the shared generation, and the calling thread's searcher."""

    __slots__ = ("generation_state", "searcher")

    def __init__(self, generation_state: Generation, searcher):
        self.generation_state = generation_state
        self.searcher = searcher

    def __getattr__(self, name: str):
        return getattr(self.generation_state, name)

    def stored_fields(self, docnum: int) -> dict:
        """A document's stored fields (read-only: they are shared)."""
        state = self.generation_state
        part = bisect_right(state.offsets, docnum) - 1
        segment, offset, _deleted = state.parts[part]
        key = (segment.name, docnum - offset)
        with _stored_lock:
            fields = _stored.get(key)
            if fields is not None:
                _stored.move_to_end(key)
                return fields
        fields = self.searcher.stored_fields(docnum)
        with _stored_lock:
            _stored[key] = fields
            while len(_stored) > STORED_DOCS:
                _stored.popitem(last=False)
        return fields

    def stored_many(self, docnums: list[int]) -> list[dict]:
        return [self.stored_fields(d) for d in docnums]

    def clear(self) -> None:
        """Forget what queries computed (benchmarks measure first-seen words with this)."""
        self.generation_state.postings.clear()
        with _stored_lock:
            _stored.clear()


def _searcher(index_dir: Path):
    """The calling thread's searcher of the latest generation; None without an index."""
    searchers: dict = getattr(_local, "searchers", None) or {}
    _local.searchers = searchers
    current_build = build_id(index_dir)
    held = searchers.get(index_dir)
    if held is not None and held[0] != current_build:  # rebuilt and swapped in
        searchers.pop(index_dir)[1].close()
        held = None
    if held is None:
        ix = open_index(index_dir, mmap=False)
        if ix is None:
            return None, current_build
        held = searchers[index_dir] = (current_build, ix.searcher(), ix)
    elif held[2].latest_generation() != held[1].reader().generation():
        # A fresh searcher, not ``searcher.refresh()``: Whoosh reuses the readers of
        # segments whose id did not change, with their old deletions, so a document
        # deleted or replaced in an existing segment would still be found (issue 5).
        held[1].close()
        held = searchers[index_dir] = (current_build, held[2].searcher(), held[2])
    return held[1], current_build


def reader_state(index_dir: Path) -> ReaderState | None:
    """The state for ``index_dir``, refreshed; None without an index."""
    index_dir = Path(index_dir)
    searcher, build = _searcher(index_dir)
    if searcher is None:
        return None
    reader = searcher.reader()
    key = (index_dir, build, reader.generation(), reader.doc_count_all(), reader.doc_count())
    found = _generations.get(key)
    if found is None:
        with _lock:
            found = _generations.get(key)
            if found is None:
                for old in [k for k in _generations if k[0] == index_dir and k[1] != build]:
                    del _generations[old]  # a rebuilt index: let the old files go
                found = _generations[key] = Generation(index_dir, key, reader)
                while len(_generations) > KEEP_GENERATIONS:
                    _generations.popitem(last=False)
    return ReaderState(found, searcher)


def release(index_dir: Path | None = None) -> None:
    """Close the calling thread's searchers (a thread that is done searching)."""
    searchers: dict = getattr(_local, "searchers", None) or {}
    for key in list(searchers):
        if index_dir is None or key == Path(index_dir):
            searchers.pop(key)[1].close()


def forget(index_dir: Path | None = None) -> None:
    """Close the thread's searchers and drop derived state (tests, or after moving an index)."""
    release(index_dir)
    with _lock:
        for key in list(_generations):
            if index_dir is None or key[0] == Path(index_dir):
                del _generations[key]
    _lexicon.cache_clear()
