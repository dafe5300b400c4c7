"""The per-generation cache of concept scores, shared by a process's threads."""
from __future__ import annotations

import threading
from array import array
from collections import OrderedDict

from .sets import Scores


class _LRU:
    """A least-recently-used map bounded by a total size (document scores)."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.items: OrderedDict = OrderedDict()

    def pop(self, key):
        entry = self.items.pop(key, None)
        if entry is not None:
            self.size -= entry[1]
        return entry

    def put(self, key, value, size: int) -> list:
        """Store; returns the (key, value) pairs pushed out."""
        self.pop(key)
        self.items[key] = (value, size)
        self.size += size
        out = []
        while self.size > self.limit and len(self.items) > 1:
            old_key, (old_value, old_size) = self.items.popitem(last=False)
            self.size -= old_size
            out.append((old_key, old_value))
        return out


class ScoreCache:
    """Concept scores of one generation, shared by the threads: the most
    recent as dicts ready to use (~90 bytes a score), older ones packed into
    arrays (12 bytes a score) and unpacked when asked for again, which costs
    a fraction of computing them."""

    def __init__(self, ready: int, packed: int):
        self.ready, self.packed = _LRU(ready), _LRU(packed)
        self.lock = threading.Lock()

    def get(self, key) -> Scores | None:
        with self.lock:
            entry = self.ready.items.get(key)
            if entry is not None:
                self.ready.items.move_to_end(key)
                return entry[0]
            entry = self.packed.pop(key)
        if entry is None:
            return None
        ids, values, partial = entry[0]
        scores = Scores(dict(zip(ids, values, strict=True)), partial=partial)
        self.put(key, scores)
        return scores

    def put(self, key, scores: Scores) -> None:
        with self.lock:
            pushed = self.ready.put(key, scores, len(scores.by_doc) + 1)
        for old_key, old in pushed:  # packed outside the lock
            ids, values = array("i"), array("d")
            ids.fromlist(list(old.by_doc))
            values.fromlist(list(old.by_doc.values()))
            with self.lock:
                self.packed.put(old_key, (ids, values, old.partial), len(ids) + 1)

    def clear(self) -> None:
        with self.lock:
            self.ready, self.packed = _LRU(self.ready.limit), _LRU(self.packed.limit)
