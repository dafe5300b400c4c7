"""The conditions under which an entry does not fit (its problem knowledge's
``not_fit`` lists) that a need states of itself: "我们在山里，没有天然气管道"
against 「煤改气：没有天然气管网」, "bar and rod mills" against "long products".
A condition may concern one variant of the entry only (煤改气： of
coal-to-gas-or-electricity); ``scope_of`` names it."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import symptoms
from .understanding import CJK, CLAUSE, bigrams

NEGATION = re.compile(r"没有|无|不|缺|未|\bno\b|\bnot\b|without|lack|can't|cannot", re.I)
NEGATION_WORDS = frozenset({"lack", "cannot", "enough"})
SUBPHRASE = re.compile(r"[：:，,、；;或（）()]+")
SCOPE = re.compile(r"^([^：:（(]{1,30})[：:]|[（(]([^）)]{1,30})[）)]\s*$")


def scope_of(phrase: str) -> str | None:
    """The variant of the entry a condition applies to ("煤改气：没有天然气管网"
    → 煤改气; "供电容量不足（电助熔）" → 电助熔), None when it applies to all."""
    found = SCOPE.search(phrase)
    return (found.group(1) or found.group(2)).strip() if found else None


def unfit_conditions(text: str, phrases: list[str]) -> list[int]:
    """The "does not fit" conditions the need states of itself, by their index.
    A negated one ("我们没有天然气管道" against 「没有天然气管网」) is said in a
    negated clause; a positive one ("以棒线材为主", "small furnaces") anywhere."""
    if not phrases:
        return []
    clauses = _clauses(text)
    found = []
    for index, phrase in enumerate(phrases):
        scope = scope_of(phrase)
        parts = [part.strip() for part in SUBPHRASE.split(phrase) if part.strip() and part.strip() != scope]
        if any(_stated(part, clauses) for part in parts):
            found.append(index)
    return found


@dataclass(frozen=True)
class _Clause:
    negated: bool
    pairs: frozenset[str]
    said: symptoms.Said


@functools.lru_cache(maxsize=64)
def _clauses(text: str) -> tuple[_Clause, ...]:
    """The text's clauses, analysed once (every entry's conditions are read against them)."""
    return tuple(_Clause(bool(NEGATION.search(c)), frozenset(bigrams(c)), symptoms.said(c))
                 for c in CLAUSE.split(text) if c.strip())


def _stated(part: str, clauses: tuple[_Clause, ...]) -> bool:
    """Chinese: most character pairs of the condition recur in one clause (70 %
    when negated, 80 % when positive); English: its words are said in one clause
    (all of two or more when positive, three in four when negated). A negated
    condition counts only in a negated clause."""
    negated = bool(NEGATION.search(part))
    clauses = tuple(c for c in clauses if c.negated) if negated else clauses
    if CJK.search(part):
        pairs, share = bigrams(part), 0.7 if negated else 0.8
        return len(pairs) >= (4 if negated else 3) and any(
            len(pairs & c.pairs) / len(pairs) >= share for c in clauses)
    words = [w for w in symptoms.units(part) if w not in NEGATION_WORDS]
    if len(words) < (1 if negated else 2):
        return False
    wanted = 0.75 if negated else 1.0
    return any(sum(c.said.says(w) for w in words) / len(words) >= wanted for c in clauses)


def not_fitting(text: str, phrases: list[str]) -> int | None:
    """The first condition of ``phrases`` the need states (see ``unfit_conditions``)."""
    found = unfit_conditions(text, phrases)
    return found[0] if found else None
