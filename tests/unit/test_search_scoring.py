"""Combining per-concept scores on bitmaps gives exactly the floats and the
documents of the plain per-document loop it replaced."""
from __future__ import annotations

import math
import random

import pytest

from catalog.search.cache import ScoreCache
from catalog.search.sets import Scores, bitmap, combine, docnums


def plain_loop(per_group: list[dict[int, float]], min_share: float) -> tuple[dict[int, float], bool]:
    """The reference: count and sum per document, in group order."""
    covered: dict[int, int] = {}
    summed: dict[int, float] = {}
    for scores in per_group:
        for docnum, score in scores.items():
            covered[docnum] = covered.get(docnum, 0) + 1
            summed[docnum] = summed.get(docnum, 0.0) + score
    n = len(per_group)
    wanted = n if n <= 2 else max(1, math.ceil(n * min_share))
    for needed in range(wanted, 0, -1):
        matched = {d: summed[d] * (c / n) ** 2 for d, c in covered.items() if c >= needed}
        if matched:
            return matched, needed < n
    return {}, False


def test_bitmaps_round_trip():
    rng = random.Random(3)
    for size in (1, 7, 8, 9, 1000, 20_000):
        ids = sorted(rng.sample(range(size * 2), size))
        bits = bitmap(ids)
        assert bits.bit_count() == size and docnums(bits) == ids
    assert bitmap([]) == 0 and docnums(0) == []


@pytest.mark.parametrize("groups", [1, 2, 3, 4, 7, 24])
@pytest.mark.parametrize("spread", [0.02, 0.3, 0.9])
def test_combining_matches_the_plain_loop(groups, spread):
    rng = random.Random(groups * 100 + int(spread * 10))
    docs = 3000
    per_group = [{d: rng.uniform(0.1, 20.0) for d in range(docs) if rng.random() < spread}
                 for _ in range(groups)]
    for min_share in (0.6, 0.3):
        got, partial = combine([Scores(g) for g in per_group], min_share)
        want, want_partial = plain_loop(per_group, min_share)
        assert got.by_doc == want and partial == want_partial  # == on floats: bit for bit
        assert got.bits == bitmap(want)


def test_two_concepts_that_never_meet_give_each_a_quarter():
    got, partial = combine([Scores({1: 4.0}), Scores({2: 8.0})])
    assert got.by_doc == {1: 1.0, 2: 2.0} and partial


def test_nothing_matches_nothing():
    got, partial = combine([Scores({}), Scores({}), Scores({})])
    assert got.by_doc == {} and got.bits == 0 and not partial


def test_older_concepts_are_packed_and_come_back_the_same():
    cache = ScoreCache(ready=10, packed=25)
    made = {key: Scores({d: d * 0.5 + key for d in range(key, key + 6)}, partial=key % 2 == 0)
            for key in range(6)}
    for key, scores in made.items():
        cache.put(key, scores)  # 7 each: one or two stay ready, the rest is packed
    assert cache.packed.items and cache.ready.items
    assert len(cache.ready.items) + len(cache.packed.items) < len(made)  # the oldest fell out
    newest = max(made)
    for key in made:
        back = cache.get(key)
        if back is not None:
            assert back.by_doc == made[key].by_doc and back.bits == made[key].bits
            assert back.partial == made[key].partial
    assert cache.get(newest) is not None
    cache.clear()
    assert cache.get(newest) is None
