"""Term-at-a-time BM25F scoring over Whoosh posting lists.

Whoosh's own matcher tree (an OR of every field for every word, scored
document by document) costs too much in pure Python on large indexes. Here
each posting list is decoded once per index generation into two arrays
(bounded LRU cache) and scores are summed in a dict, which is several times
faster for the short queries people type."""
from __future__ import annotations

import math
from array import array
from collections import OrderedDict

from whoosh.util.numeric import byte_to_length

from .index import FIELD_BOOSTS

K1, B = 1.2, 0.75
CACHE_POSTINGS = 4_000_000   # decoded postings kept per reader (~ 32 MB)
LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


class Postings:
    """Decoded posting lists and field lengths of one index generation."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.doc_count = max(1, self.reader.doc_count())
        self._cache: OrderedDict[tuple[str, str], tuple[array, array]] = OrderedDict()
        self._cached = 0
        self._lengths: dict[str, list[int]] = {}
        self._avg: dict[str, float] = {}

    def clear(self) -> None:
        """Forget decoded postings (benchmarks measure the cold cost with this)."""
        self._cache.clear()
        self._cached = 0

    def lengths(self, field: str) -> list[int]:
        if field not in self._lengths:
            self._lengths[field] = [self.reader.doc_field_length(d, field, 0) or 0
                                    for d in range(self.reader.doc_count_all())]
            total = self.reader.field_length(field)
            self._avg[field] = total / self.doc_count if total else 1.0
        return self._lengths[field]

    def get(self, field: str, term: str) -> tuple[array, array]:
        key = (field, term)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        ids, weights = array("i"), array("f")
        if key in self.reader:
            for docnum, weight in self.reader.postings(field, term).items_as("weight"):
                ids.append(docnum)
                weights.append(weight)
        self._store(key, (ids, weights))
        return ids, weights

    def _store(self, key, value) -> None:
        self._cache[key] = value
        self._cached += len(value[0])
        while self._cached > CACHE_POSTINGS and len(self._cache) > 1:
            _k, (ids, _w) = self._cache.popitem(last=False)
            self._cached -= len(ids)

    def term_scores(self, term: str) -> dict[int, float]:
        """BM25F contribution of ``term`` per document, over every searched field."""
        scores: dict[int, float] = {}
        for field, boost in FIELD_BOOSTS.items():
            ids, weights = self.get(field, term)
            if not ids:
                continue
            idf = math.log(1 + (self.doc_count - len(ids) + 0.5) / (len(ids) + 0.5))
            lengths, avg = self.lengths(field), self._avg[field]
            factor = boost * idf * (K1 + 1)
            for docnum, tf in zip(ids, weights, strict=True):
                norm = tf + K1 * (1 - B + B * lengths[docnum] / avg)
                scores[docnum] = scores.get(docnum, 0.0) + factor * tf / norm
        return scores


def phrase_scores(postings: Postings, words: list[str], weight: float) -> dict[int, float]:
    """Documents holding every word of ``words``, scored by their sum."""
    combined: dict[int, float] | None = None
    for word in words:
        scores = postings.term_scores(word)
        if combined is None:
            combined = scores
        else:
            combined = {d: s + scores[d] for d, s in combined.items() if d in scores}
        if not combined:
            return {}
    return {d: s * weight for d, s in (combined or {}).items()}


def group_scores(postings: Postings, alternatives: list[tuple[list[str], float]]) -> dict[int, float]:
    """A concept typed by the user: the best of its alternatives per document."""
    best: dict[int, float] = {}
    for words, weight in alternatives:
        for docnum, score in phrase_scores(postings, words, weight).items():
            if score > best.get(docnum, 0.0):
                best[docnum] = score
    return best
