"""How well a need's own words match what an entry's problem knowledge says it
solves (data/catalogue/problems): the plant-language signal beside text
relevance. A phrase ("二次风温低", "compressors running unloaded") is split
into the words the search analyser finds; a word counts as said when the need
contains it (Chinese: as a substring, so 二次风温 matches 二次风温上不去;
English: its stem). Rare words weigh more (their inverse frequency over the
catalogue's phrases), and a phrase counts only when most of its weight is said.
An entry scores the weight of the distinct words its said phrases share with
the need, so one specific symptom (效应系数, red river) outweighs several
generic ones (电费高)."""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from catalog.search.analysis import terms

PHRASE_SHARE = 0.65        # a phrase is said when this share of its weight is said
LOOSE_SHARE = 0.5          # … and half-said phrases count at their share
LATIN = re.compile(r"^[a-z][a-z0-9]*$")
SPLIT = re.compile(r"[/\-]")   # "bar/rod", "embedded-emissions": words of their own
CJK = re.compile(r"^[\u3400-\u9fff]+$")
EN_STOP = frozenset(["a", "an", "and", "are", "as", "at", "be", "by", "do", "doe", "for", "from", "ha",
                     "have", "in", "is", "it", "no", "not", "of", "on", "or", "our", "so", "than", "that",
                     "the", "their", "there", "thi", "to", "too", "up", "wa", "we", "with", "without",
                     "very"])


@functools.lru_cache(maxsize=20_000)
def units(phrase: str) -> tuple[str, ...]:
    """The words of a phrase that can be looked for in a need (Chinese words of
    two characters or more, English stems of three letters or more)."""
    out = []
    for word in terms(SPLIT.sub(" ", phrase), "query"):
        if (CJK.match(word) and len(word) >= 2) or (LATIN.match(word) and len(word) >= 3
                                                     and word not in EN_STOP):
            out.append(word)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Said:
    """A need's text, ready for looking words up."""

    text: str
    stems: frozenset[str]

    def says(self, unit: str) -> bool:
        return unit in self.stems if LATIN.match(unit) else unit in self.text


def said(text: str) -> Said:
    lowered = re.sub(r"\s+", "", text.lower())
    return Said(lowered, frozenset(w for w in terms(SPLIT.sub(" ", text), "query") if LATIN.match(w)))


@dataclass(frozen=True)
class Knowledge:
    """Every entry's phrases as words, and each word's weight."""

    phrases: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]   # code → ((phrase, its words), …)
    weight: dict[str, float]


def knowledge(entries: Iterable[tuple[str, list[str]]]) -> Knowledge:
    """``entries``: (code, phrases) of every described entry."""
    phrases = {code: tuple((p, units(p)) for p in said_phrases) for code, said_phrases in entries}
    df: dict[str, int] = {}
    for found in phrases.values():
        for unit in {u for _p, words in found for u in words}:
            df[unit] = df.get(unit, 0) + 1
    n = max(1, len(phrases))
    return Knowledge(phrases, {u: math.log(1 + n / d) for u, d in df.items()})


def phrase_share(said_units: frozenset[str], words: tuple[str, ...],
                 weight: dict[str, float]) -> tuple[float, set[str]]:
    hit = {u for u in words if u in said_units}
    if not hit:
        return 0.0, hit
    total = sum(weight.get(u, 1.0) for u in words)
    return (sum(weight.get(u, 1.0) for u in hit) / total if total else 0.0), hit


def said_units(need: Said, kb: Knowledge) -> frozenset[str]:
    """The catalogue's problem words the need says (looked up once per need)."""
    return frozenset(u for u in kb.weight if need.says(u))


def matches(need: Said, code: str, kb: Knowledge,
            units_said: frozenset[str] | None = None) -> tuple[float, tuple[str, ...]]:
    """The entry's weight of said words, each counted once at the share of the
    best-said phrase it belongs to, and the phrases said (share ≥ PHRASE_SHARE)."""
    units_said = said_units(need, kb) if units_said is None else units_said
    best: dict[str, float] = {}
    shown = []
    for phrase, found in kb.phrases.get(code, ()):
        share, hit = phrase_share(units_said, found, kb.weight)
        if share < LOOSE_SHARE:
            continue
        for unit in hit:
            best[unit] = max(best.get(unit, 0.0), share)
        if share >= PHRASE_SHARE:
            shown.append(phrase)
    return sum(kb.weight.get(u, 1.0) * share for u, share in best.items()), tuple(shown)
