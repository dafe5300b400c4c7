"""Per-thread reader state: one open searcher per index, refreshed per query
(cheap when nothing changed; a commit is seen by the next query), plus what is
derived from one index generation — facet bitmaps and per-document values,
decoded postings, the lexicon — rebuilt only when the generation changes."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon as lexicon_mod
from .index import FACET_FIELDS, build_id, open_index
from .scoring import Postings

_local = threading.local()
SORT_FIELDS = ("published", "saving")


@dataclass
class ReaderState:
    index_dir: Path
    ix: object
    searcher: object
    build: str = ""
    generation: tuple = ()
    lexicon: lexicon_mod.Lexicon = field(default_factory=lexicon_mod.Lexicon)
    facet_bits: dict[str, dict[str, int]] = field(default_factory=dict)  # field -> value -> bitmap
    facet_values: dict[str, list] = field(default_factory=dict)          # field -> value per docnum
    sort_values: dict[str, list] = field(default_factory=dict)
    live: list[int] = field(default_factory=list)                       # docnums not deleted
    live_bits: int = 0
    deleted: frozenset[int] = frozenset()
    postings: Postings | None = None


def bitmap(docnums) -> int:
    """A set of document numbers as the bits of one int: AND and popcount of
    100k-document sets then take microseconds."""
    marks = bytearray()
    for d in docnums:
        byte = d >> 3
        if byte >= len(marks):
            marks.extend(b"\0" * (byte + 1 - len(marks)))
        marks[byte] |= 1 << (d & 7)
    return int.from_bytes(marks, "little")


def _derive(state: ReaderState) -> None:
    reader = state.searcher.reader()
    total = reader.doc_count_all()
    state.live = list(reader.all_doc_ids())
    state.live_bits = bitmap(state.live)
    state.deleted = frozenset(set(range(total)) - set(state.live)) if reader.has_deletions() \
        else frozenset()
    state.facet_bits, state.facet_values = {}, {}
    for name in FACET_FIELDS:
        values: list = [None] * total
        state.facet_bits[name] = {}
        for raw in reader.lexicon(name):
            value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            ids = list(reader.postings(name, raw).all_ids())
            state.facet_bits[name][value] = bitmap(ids) & state.live_bits
            for d in ids:
                values[d] = value
        state.facet_values[name] = values
    state.sort_values = {}
    for name in SORT_FIELDS:
        column = reader.column_reader(name)
        state.sort_values[name] = [column[d] for d in range(total)]
    state.postings = Postings(state.searcher)
    state.lexicon = lexicon_mod.load(state.index_dir)


def reader_state(index_dir: Path) -> ReaderState | None:
    """The calling thread's state for ``index_dir``, refreshed; None without an index."""
    index_dir = Path(index_dir)
    states: dict = getattr(_local, "states", None) or {}
    _local.states = states
    state = states.get(index_dir)
    current_build = build_id(index_dir)
    if state is not None and state.build != current_build:  # rebuilt and swapped in
        states.pop(index_dir).searcher.close()
        state = None
    if state is None:
        ix = open_index(index_dir)
        if ix is None:
            return None
        state = ReaderState(index_dir, ix, ix.searcher(), build=current_build)
        states[index_dir] = state
    elif state.ix.latest_generation() != state.searcher.reader().generation():
        # A fresh searcher, not ``searcher.refresh()``: Whoosh reuses the readers of
        # segments whose id did not change, with their old deletions, so a document
        # deleted or replaced in an existing segment would still be found (issue 5).
        state.searcher.close()
        state.searcher = state.ix.searcher()
    reader = state.searcher.reader()
    generation = (reader.generation(), reader.doc_count_all(), reader.doc_count())
    if generation != state.generation:
        state.generation = generation
        _derive(state)
    return state


def forget(index_dir: Path | None = None) -> None:
    """Close cached searchers (tests, or after moving an index)."""
    states: dict = getattr(_local, "states", None) or {}
    for key in list(states):
        if index_dir is None or key == Path(index_dir):
            states.pop(key).searcher.close()
