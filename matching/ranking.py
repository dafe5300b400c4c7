"""Best-first order over many candidates without scoring every one in full.

Most factors read only a few fields of a candidate (its sector, stage,
products, maturity, goals …), and candidates that share those fields share
those factors' values; they are computed once per distinct set. With them, each
candidate gets an upper bound on its score (the other factors at their
maximum); candidates are scored in full in order of that bound, and one whose
bound cannot reach the best still unreported is never scored. The order is
exactly ``matching.scoring.score``'s: highest score first, ties by code.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterator
from itertools import islice
from operator import attrgetter

from . import scoring
from .scoring import Candidate, Match, Need, active_factors, score

# The factors whose value depends only on these fields of the candidate (and on the need).
SHARED = frozenset({"stage", "product", "gap", "maturity", "plan", "capital", "goal", "sector", "conditions"})
FIELDS = attrgetter("sector", "stage", "applicable_to", "trl", "plan_named", "promoted", "capital", "goals",
                    "mechanism", "unfit", "takes_waste")
EPSILON = 1e-9   # float sums in another order differ by far less


def ordered(need: Need, candidates: list[Candidate],
            weights: dict[str, float] | None = None) -> Iterator[tuple[float, Candidate]]:
    """(score, candidate), best first, computed lazily."""
    weights = weights or active_factors(need)
    rules = [(w, scoring.RULES[k]) for k, w in weights.items()]
    shared = [(w, scoring.RULES[k]) for k, w in weights.items() if k in SHARED]
    text_w, symptom_w = weights.get("text", 0.0), weights.get("symptom", 0.0)
    rest = sum(w for k, w in weights.items() if k not in SHARED and k not in ("text", "symptom"))
    keys = list(map(FIELDS, candidates))
    known: dict[tuple, float] = {}
    for c, fields in zip(candidates, keys, strict=True):
        if fields not in known:
            known[fields] = sum(w * rule(need, c) for w, rule in shared)
    # abs(x) ≥ clip(x) for every x: a bound, and far cheaper than clipping 10,000 times
    bounds = [known[fields] + text_w * abs(c.text_score) + symptom_w * abs(c.symptom) + rest + EPSILON
              for c, fields in zip(candidates, keys, strict=True)]
    order = sorted(range(len(candidates)), key=bounds.__getitem__, reverse=True)
    heap: list[tuple[float, str, int, Candidate]] = []
    i = 0
    while True:
        while i < len(order) and (not heap or -round(min(1.0, bounds[order[i]]), 6) <= heap[0][0]):
            c = candidates[order[i]]
            total = round(scoring.clip(sum(w * rule(need, c) for w, rule in rules)), 6)
            heapq.heappush(heap, (-total, c.code, order[i], c))
            i += 1
        if not heap:
            return
        total, _code, _index, c = heapq.heappop(heap)
        yield -total, c


def rank(need: Need, candidates: list[Candidate], limit: int = 10) -> list[Match]:
    """The ``limit`` best, with their factors and reasons."""
    from .reasons import explain

    weights = active_factors(need)
    best = islice(ordered(need, candidates, weights), limit)
    return [explain(need, score(need, c, weights)) for _s, c in best]
