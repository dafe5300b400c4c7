"""Term-at-a-time BM25F scoring over the decoded segments (``segments``).

Whoosh's own matcher tree (an OR of every field for every word, scored
document by document) costs too much in pure Python. Here a posting list is a
slice of a memory-mapped array and scores are summed in a dict, in the same
order as before, so scores are bit for bit what they were. Work is cut where
the result allows: a phrase's other words are scored only where its rarest
one is, and of two concepts that must both match, the second only where the
first is. Per concept (a word and its translations) and per phrase the result
is kept for the next queries (``cache``), shared by every thread of the
process: a word seen before costs a dictionary lookup. A write starts a new
generation (document counts and lengths change every score) and a new cache;
the decoded postings survive it.
"""
from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from itertools import compress
from operator import add

from whoosh.util.numeric import byte_to_length

from .cache import ScoreCache
from .index import FIELD_BOOSTS
from .sets import Scores, bitmap, combine, coverage, docnums, times

K1, B = 1.2, 0.75
BISECT_BELOW = 16          # candidates under 1/16 of a posting list: look each one up by bisection
FOUND_TERMS = 5_000        # posting-list lookups kept (two memoryviews each)
READY_SCORES = 300_000     # concept scores per process kept as dicts (~27 MB)
PACKED_SCORES = 3_000_000  # and packed in arrays (~36 MB)
LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]

Alternatives = list[tuple[list[str], float]]


class Postings:
    """Posting lists and scores of one index generation.

    ``parts``: (segment, first docnum, deleted docnums of that segment);
    ``lengths``: per field the length byte of every document."""

    def __init__(self, parts: list, doc_count: int, lengths: dict[str, bytes], totals: dict[str, int]):
        self.parts = parts
        self.size = sum(segment.docs for segment, _offset, _deleted in parts)  # deleted ones too
        self.doc_count = max(1, doc_count)
        self.lengths = lengths
        # K1 * (1 - B + B * length / average) for each of the 256 length bytes
        self.norms: dict[str, list[float]] = {}
        for field, total in totals.items():
            avg = total / self.doc_count if total else 1.0
            self.norms[field] = [K1 * (1 - B + B * LENGTH_OF_BYTE[b] / avg) for b in range(256)]
        self._cache = ScoreCache(READY_SCORES, PACKED_SCORES)
        self._found: dict[tuple[str, str], tuple] = {}  # posting lists looked up (slices of the map)

    def clear(self) -> None:
        """Forget computed scores (benchmarks measure first-seen words with this)."""
        self._cache.clear()
        self._found.clear()

    def get(self, field: str, term: str):
        """(docnums, weights) of ``term`` in ``field``, deleted documents left out."""
        found = self._found.get((field, term))
        if found is None:
            if len(self._found) >= FOUND_TERMS:
                self._found.clear()
            found = self._found[(field, term)] = self._lookup(field, term)
        return found

    def _lookup(self, field: str, term: str):
        key = term.encode("utf-8")
        found = []
        for segment, offset, deleted in self.parts:
            hit = segment.fields[field].postings(key) if field in segment.fields else None
            if hit is None:
                continue
            ids, weights = hit
            if deleted or offset:
                kept = [(d + offset, w) for d, w in zip(ids, weights, strict=True) if d not in deleted]
                ids, weights = array("i", [d for d, _w in kept]), array("f", [w for _d, w in kept])
            found.append((ids, weights))
        if len(found) == 1:
            return found[0]
        ids, weights = array("i"), array("f")
        for part_ids, part_weights in found:
            ids.extend(part_ids)
            weights.extend(part_weights)
        return ids, weights

    def doc_frequency(self, field: str, term: str) -> int:
        return len(self.get(field, term)[0])

    def term_scores(self, term: str, among: dict | None = None) -> dict[int, float]:
        """BM25F contribution of ``term`` per document, over every searched
        field; only for the documents in ``among`` when given."""
        scores: dict[int, float] = {}
        for field, boost in FIELD_BOOSTS.items():
            ids, weights = self.get(field, term)
            if not ids:
                continue
            idf = math.log(1 + (self.doc_count - len(ids) + 0.5) / (len(ids) + 0.5))
            factor = boost * idf * (K1 + 1)
            norms, lengths = self.norms[field], self.lengths[field]
            if among is None:
                pairs = zip(ids, weights, strict=True)
            elif len(among) * BISECT_BELOW < len(ids):  # a few candidates in a long list: look them up
                found = [(d, bisect_left(ids, d)) for d in among]
                pairs = [(d, weights[i]) for d, i in found if i < len(ids) and ids[i] == d]
            else:
                keep = list(map(among.__contains__, ids))
                pairs = zip(compress(ids, keep), compress(weights, keep), strict=True)
            field_scores = {d: factor * tf / (tf + norms[lengths[d]]) for d, tf in pairs}
            if not scores:
                scores = field_scores
                continue
            both = list(field_scores.keys() & scores.keys())  # summed in field order, as Whoosh would
            sums = list(map(add, map(scores.__getitem__, both), map(field_scores.__getitem__, both)))
            scores = _merged(scores, field_scores, both, sums)
        return scores

    def phrase(self, words: list[str], among: dict | None = None) -> dict[int, float]:
        """Documents holding every word of ``words``, scored by their sum: the
        rarest word first and the others scored only where it is, the sum in
        typed order. Remembered (related concepts share their phrases), and
        then not to be changed; with ``among``, only those documents, in a
        new dict."""
        key = ("phrase", *words)
        cached = self._cache.get(key)
        if cached is not None:
            return cached.by_doc if among is None else _within(cached.by_doc, among)
        one = len(words) == 1
        result = self.term_scores(words[0], among) if one else self._intersection(words, among)
        if among is None:
            self._cache.put(key, Scores(result, 0))  # no bitmap: a phrase is no concept
        return result

    def _intersection(self, words: list[str], among: dict | None) -> dict[int, float]:
        spread = [self._spread([word]) for word in words]
        per_word: list[dict[int, float]] = [{}] * len(words)
        for i in sorted(range(len(words)), key=spread.__getitem__):
            among = per_word[i] = self.term_scores(words[i], among)
            if not among:
                return {}
        docs = list(among)
        sums = [0.0] * len(docs)
        for scores in per_word:
            sums = list(map(add, sums, map(scores.__getitem__, docs)))
        return dict(zip(docs, sums, strict=True))

    def _spread(self, words: list[str]) -> int:
        return min(sum(self.doc_frequency(field, word) for field in FIELD_BOOSTS) for word in words)

    def group(self, alternatives: Alternatives, among: dict | None = None) -> Scores:
        """A concept typed by the user: the best of its alternatives per
        document. Remembered for the generation, and then not to be changed;
        with ``among``, only those documents, and not remembered here."""
        key = _group_key(alternatives)
        cached = self._cache.get(key)
        if cached is not None:
            return cached if among is None else Scores(_within(cached.by_doc, among))
        best: dict[int, float] = {}
        for words, weight in alternatives:
            scores = phrase_scores(self, words, weight, among)
            if not best:
                best = scores  # a fresh dict: phrase_scores keeps none
                continue
            both = list(scores.keys() & best.keys())
            top = list(map(max, map(best.__getitem__, both), map(scores.__getitem__, both)))
            best = _merged(best, scores, both, top)
        if among is not None:
            return Scores(best)
        result = Scores(best, bitmap(best, self.size))
        self._cache.put(key, result)
        return result

    def concepts(self, groups: list[Alternatives], min_share: float = 0.6) -> tuple[Scores, bool]:
        """The documents matching enough of the concepts (``sets.combine``),
        with the same floats; remembered per query. Concepts known already
        come first, then the narrowest: once a document could not reach the
        share wanted without the next concept, that concept is scored only
        where it still can (for two, the second only where the first is). All
        is scored in full only when no document reaches the share."""
        n = len(groups)
        if n < 2:
            return combine([self.group(g) for g in groups], min_share)
        key = ("concepts", min_share, *(_group_key(g) for g in groups))
        cached = self._cache.get(key)
        if cached is not None:
            return cached, cached.partial
        wanted = n if n == 2 else max(1, math.ceil(n * min_share))
        known = [self._cache.get(_group_key(g)) for g in groups]
        order = sorted(range(n), key=lambda i: -1 if known[i] is not None else self._estimate(groups[i]))
        per_group: list = [None] * n
        narrowed = False
        for m, i in enumerate(order):
            floor = wanted - (n - m)  # how many of the groups so far a document needs
            if known[i] is not None or floor <= 0:
                per_group[i] = known[i] or self.group(groups[i])
                continue
            done = [per_group[j] for j in order[:m]]
            per_group[i] = self.group(groups[i], dict.fromkeys(docnums(coverage(done, floor)[floor])))
            narrowed = True
        if narrowed and not coverage(per_group, wanted)[wanted]:
            per_group = [self.group(g) for g in groups]  # nothing reaches the share: all in full
        result, partial = combine(per_group, min_share)
        result.partial = partial
        self._cache.put(key, result)
        return result, partial

    def _estimate(self, alternatives: Alternatives) -> int:
        """About how many documents a concept has: its alternatives' narrowest words."""
        return sum(self._spread(words) for words, _weight in alternatives)


def _group_key(alternatives: Alternatives) -> tuple:
    return tuple((tuple(words), weight) for words, weight in alternatives)


def _within(scores: dict[int, float], among: dict) -> dict[int, float]:
    docs = list(scores.keys() & among.keys())
    return dict(zip(docs, map(scores.__getitem__, docs), strict=True))


def phrase_scores(postings: Postings, words: list[str], weight: float,
                  among: dict | None = None) -> dict[int, float]:
    """Documents holding every word of ``words`` (in ``among`` when given),
    scored by their sum times ``weight``; a new dict the caller may change."""
    scores = postings.phrase(words, among)
    if weight != 1.0:
        return times(scores, weight)
    return scores.copy() if among is None else scores


def _merged(one: dict, other: dict, both: list[int], values: list[float]) -> dict:
    """``one`` and ``other`` together, ``values`` for the documents in ``both``:
    the smaller is added into the larger (both are the caller's to change)."""
    small, large = (one, other) if len(one) < len(other) else (other, one)
    large.update(small)
    large.update(zip(both, values, strict=True))
    return large
