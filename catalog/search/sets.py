"""Scored document sets: per document a score, and the same documents as a
bitmap (one int), on which concepts are combined — AND, OR and "in at least
k of n" of 100k-document sets are a few big-int operations in C."""
from __future__ import annotations

import math
from itertools import compress, repeat
from operator import add, mul


def bitmap(docnums, size: int | None = None) -> int:
    """A set of document numbers (all below ``size`` when given) as the bits
    of one int: AND and popcount of 100k-document sets then take microseconds.
    One byte per document is set in Python; packing eight bytes into one is
    done by slicing, in C."""
    if not docnums:
        return 0
    flags = bytearray(size if size is not None else max(docnums) + 1)
    for d in docnums:
        flags[d] = 1
    bits = 0
    for k in range(8):  # byte j of flags[k::8] is document 8j + k: shifted by k, it is that bit
        bits |= int.from_bytes(flags[k::8], "little") << k
    return bits


def docnums(bits: int) -> list[int]:
    """The document numbers in a bitmap, ascending (the reverse of :func:`bitmap`)."""
    if not bits:
        return []
    size = (bits.bit_length() + 7) // 8
    ones = int.from_bytes(b"\1" * size, "little")
    flags = bytearray(8 * size)
    for k in range(8):
        flags[k::8] = (bits >> k & ones).to_bytes(size, "little")
    return list(compress(range(len(flags)), flags))


class Scores:
    """Per document a score, and the same documents as a bitmap (made when first asked for)."""

    __slots__ = ("by_doc", "_bits", "partial")

    def __init__(self, by_doc: dict[int, float], bits: int | None = None, partial: bool = False):
        self.by_doc = by_doc
        self._bits = bits
        self.partial = partial  # a match of fewer than all concepts (see combine)

    @property
    def bits(self) -> int:
        if self._bits is None:
            self._bits = bitmap(self.by_doc)
        return self._bits


def combine(per_group: list[Scores], min_share: float = 0.6) -> tuple[Scores, bool]:
    """The documents in all of one or two groups, or in ``min_share`` of three
    or more (fewer when none is), each scored by the sum of its groups' scores
    times the squared share of groups it is in; and whether that is fewer
    than all. Sums run in group order, so the floats are those of a plain loop."""
    n = len(per_group)
    if n == 0:
        return Scores({}, 0), False
    if n == 1:
        return per_group[0], False
    if n == 2:  # the common case: the documents in both, from the bitmaps
        first, second = per_group
        if first.bits & second.bits:
            docs = docnums(first.bits & second.bits)
            sums = map(add, map(first.by_doc.__getitem__, docs), map(second.by_doc.__getitem__, docs))
            return Scores(dict(zip(docs, sums, strict=True)), first.bits & second.bits), False
        either = times(first.by_doc, 0.25) | times(second.by_doc, 0.25)
        return Scores(either, first.bits | second.bits), bool(either)
    at_least = coverage(per_group, n)
    wanted = max(1, math.ceil(n * min_share))
    needed = next((j for j in range(wanted, 0, -1) if at_least[j]), 0)
    if not needed:
        return Scores({}, 0), False
    scores: dict[int, float] = {}
    for covered in range(needed, n + 1):
        docs = docnums(at_least[covered] & ~at_least[covered + 1] if covered < n else at_least[n])
        sums = [0.0] * len(docs)
        for group in per_group:  # map() over C callables; adding 0.0 changes no float
            sums = list(map(add, sums, map(group.by_doc.get, docs, repeat(0.0))))
        scores.update(zip(docs, map(mul, sums, repeat((covered / n) ** 2)), strict=True))
    return Scores(scores, at_least[needed]), needed < n


def coverage(per_group: list[Scores], up_to: int) -> list[int]:
    """``[j]``: the documents in j or more of the groups (j <= ``up_to``), on
    bitmaps: a few big-int operations per group, whatever the number of documents."""
    at_least = [-1] + [0] * max(up_to, len(per_group))
    for i, group in enumerate(per_group, 1):
        for j in range(min(i, up_to), 0, -1):
            at_least[j] |= at_least[j - 1] & group.bits
    return at_least


def times(scores: dict[int, float], weight: float) -> dict[int, float]:
    return dict(zip(scores, map(mul, scores.values(), repeat(weight)), strict=True))
