"""Relevance of a few technologies to many texts (a supplier's leads score
thousands of needs against its own technologies).

The same analysis and scoring as a search (``engine``: concept groups, the
rarest 24 for a long text, BM25F times the squared share of concepts
covered, the same ``min_share``), normalised like the enterprise's matches:
the best-scoring technology in the whole index scores 1. Left out, because
they cost more than the scoring and a lead does not need them: spelling
correction, facets, stored fields.

Results are remembered per index generation (a need's text rarely changes,
and scoring it costs a few milliseconds): a bounded, process-wide memo."""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from .backend import postgres_engine
from .engine import MAX_QUERY_CHARS, _rarest, _score, query_groups
from .state import reader_state

MEMO_SIZE = 50_000
_memo: OrderedDict[tuple, dict[str, float]] = OrderedDict()
_lock = threading.Lock()


def forget() -> None:
    """Empty the memo (benchmarks measure the cold cost with this)."""
    with _lock:
        _memo.clear()


class Relevance:
    """``Relevance(index_dir, codes)(text)`` → {code: relevance in [0, 1]} for
    those of ``codes`` that match ``text`` at all."""

    def __init__(self, index_dir: Path, codes: list[str], min_share: float = 0.6):
        self.min_share = min_share
        self.docnums: dict[int, str] = {}
        # PostgreSQL: scored in the database per text (no memo: any server may have written)
        self.engine, self.codes = postgres_engine(index_dir), set(codes)
        self.state = reader_state(index_dir) if self.engine is None else None
        if self.state is None:
            return
        # The memo is shared by every caller with the same index and share: it
        # holds each text's relevance to every technology, and each caller
        # keeps its own codes (200 suppliers then score a need's text once).
        self.key = (str(index_dir), self.state.build, self.state.generation, min_share)
        self.technologies = self.state.facet_bits["doc_type"].get("technology", 0) & self.state.live_bits
        for code in codes:
            docnum = self.state.searcher.document_number(doc_id=f"technology:{code}")
            if docnum is not None and self.technologies >> docnum & 1:
                self.docnums[docnum] = code

    def __call__(self, text: str) -> dict[str, float]:
        if self.engine is not None:
            from .pg_query import relevance

            found = relevance(self.engine, text, self.min_share) if text.strip() and self.codes else {}
            return {code: value for code, value in found.items() if code in self.codes}
        if self.state is None or not self.docnums or not text.strip():
            return {}
        key = (*self.key, text)
        with _lock:
            found = _memo.get(key)
            if found is not None:
                _memo.move_to_end(key)
        if found is None:
            found = self._score(text)
            with _lock:
                _memo[key] = found
                while len(_memo) > MEMO_SIZE:
                    _memo.popitem(last=False)
        return {code: found[d] for d, code in self.docnums.items() if d in found}

    def _score(self, text: str) -> dict[int, float]:
        """docnum → relevance in [0, 1] for every technology the text matches."""
        groups = _rarest(self.state, query_groups(text[:MAX_QUERY_CHARS], self.state.lexicon)[0])
        if not groups:
            return {}
        scores, _partial = _score(self.state, groups, self.min_share)
        ours = {d: s for d, s in scores.items() if self.technologies >> d & 1}
        if not ours:
            return {}
        best = max(ours.values()) or 1.0
        return {d: score / best for d, score in ours.items()}
