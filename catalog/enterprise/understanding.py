"""What a need's text says beyond its words' relevance: its goals, what the
plant already has, its sector, and whether it rules out a big capital
project. The cues are the ways energy managers write these things (zh and en);
structured fields win over the text, and an untouched form default (the
problem type 节能增效) never overrides what the text says. The cues are data
(data/catalogue/cues.yaml), reviewed like the rest of the catalogue."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from catalog import models as m

PROBLEM_GOALS = {"energy_efficiency": "energy", "waste_heat": "energy", "process_upgrade": "energy",
                 "fuel_substitution": "fuel_switch", "electrification": "fuel_switch",
                 "raw_material": "process_co2", "ccus": "process_co2", "digital": "measure"}
DEFAULT_PROBLEM = "energy_efficiency"
# What the problem type says about the mechanism that answers the need best.
PROBLEM_MECHANISMS = {"waste_heat": "generation", "fuel_substitution": "fuel_switch",
                      "electrification": "fuel_switch", "ccus": "process_co2", "digital": "enabling"}
CUES_FILE = Path(__file__).resolve().parents[2] / "data" / "catalogue" / "cues.yaml"


@dataclass(frozen=True)
class Cues:
    goals: dict[str, re.Pattern]
    done: re.Pattern
    not_yet: re.Pattern
    low_capital: re.Pattern
    sectors: dict[str, re.Pattern]


@functools.cache
def cues() -> Cues:
    """The cue lists of data/catalogue/cues.yaml, compiled once per process."""
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))

    def one(patterns: list[str]) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)

    return Cues({k: one(v) for k, v in data["goal_cues"].items()}, one(data["done"]), one(data["not_yet"]),
                one(data["low_capital"]), {k: one(v) for k, v in data["sector_cues"].items()})


CLAUSE = re.compile(r"[，。；;,.!?！？\n]+")
SMALL_BUDGET_CNY = 1_000_000


@dataclass(frozen=True)
class Understanding:
    goals: frozenset[str]
    mechanism: str | None              # the mechanism the problem type points to, if any
    installed: frozenset[str]
    installed_from_text: frozenset[str]
    sector: str | None
    low_capital: bool


def goals_of(text: str, problem_type: str | None) -> frozenset[str]:
    said = {goal for goal, cue in cues().goals.items() if cue.search(text)}
    if said & {"co2"}:
        said = (said - {"co2"}) | {"energy", "fuel_switch", "process_co2"}
    form = PROBLEM_GOALS.get(problem_type or "")
    if said:
        if form and problem_type != DEFAULT_PROBLEM:
            said.add(form)
        return frozenset(said)
    return frozenset({form}) if form else frozenset()


def sector_of(text: str) -> str | None:
    """The sector the text speaks of most clearly (None when none or a tie)."""
    hits = {sector: len(cue.findall(text)) for sector, cue in cues().sectors.items()}
    ranked = sorted(hits.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


CJK = re.compile(r"[\u4e00-\u9fff]")


def terms(tech) -> set[str]:
    """The words that name an entry in a sentence: its keywords, and for a
    longer Chinese keyword also its head (its last four and three characters:
    水泥窑余热发电 → 余热发电), since Chinese compounds put the head last."""
    out = set()
    for word in (*tech.keywords_zh, *tech.keywords_en):
        word = word.lower()
        if len(word) >= 3:
            out.add(word)
        for head in (4, 3):  # 水泥窑余热发电 → 余热发电; 第四代篦冷机 → 篦冷机
            if len(word) > head and all(CJK.match(ch) for ch in word[-head:]):
                out.add(word[-head:])
    return out


def installed_in_text(text: str, technologies: list[m.Technology], sector: str | None) -> frozenset[str]:
    """Entries a clause says are already done ("篦冷机和余热发电都已经改造过了"):
    a clause with a done-word, no negation, and one of the entry's keywords.
    Where several entries match only through a word they share (余热发电 for
    every waste-heat entry), an entry named by a word of its own wins."""
    found = set()
    for clause in CLAUSE.split(text):
        if not cues().done.search(clause) or cues().not_yet.search(clause):
            continue
        lowered = clause.lower()
        hits = {tech.code: {w for w in terms(tech) if w in lowered} for tech in technologies
                if not sector or tech.sector_key in (sector, "cross_cutting")}
        hits = {code: words for code, words in hits.items() if words}
        shared = {w for code, words in hits.items() for w in words
                  if any(w in other for c, other in hits.items() if c != code)}
        specific = {code for code, words in hits.items() if words - shared}
        found |= specific or set(hits)
    return frozenset(found)


NEGATION = re.compile(r"没有|无|不|缺|未|no\b|not\b|without|lack", re.I)
SUBPHRASE = re.compile(r"[：:，,、；;或（）()]+")


def bigrams(text: str) -> set[str]:
    text = re.sub(r"\s+", "", text.lower())
    return {text[i:i + 2] for i in range(len(text) - 1)}


def not_fitting(text: str, phrases: list[str]) -> int | None:
    """The index of a "does not fit" condition the need states of itself ("我们
    没有天然气管道" against 「没有天然气管网」): a negated condition whose
    character pairs mostly (≥ 70 %) recur in one negated clause of the text."""
    clauses = [bigrams(c) for c in CLAUSE.split(text) if NEGATION.search(c)]
    if not clauses:
        return None
    for index, phrase in enumerate(phrases):
        for part in SUBPHRASE.split(phrase):
            if not NEGATION.search(part):
                continue
            pairs = bigrams(part)
            if len(pairs) >= 4 and any(len(pairs & c) / len(pairs) >= 0.7 for c in clauses):
                return index
    return None


def understand(text: str, problem_type: str | None, installed: tuple[str, ...], sector: str | None,
               budget_cny: float | None, technologies: list[m.Technology], notes: str = "") -> Understanding:
    """``notes``: what the line records it already has, in its own words (read
    as if every clause said it is done)."""
    sector = sector or sector_of(text)
    from_text = installed_in_text(text, technologies, sector)
    if notes:
        from_text |= installed_in_text(re.sub(CLAUSE, " 已有。", notes) + " 已有", technologies, sector)
    low = bool(cues().low_capital.search(text)) or (budget_cny is not None and budget_cny < SMALL_BUDGET_CNY)
    return Understanding(goals_of(text, problem_type), PROBLEM_MECHANISMS.get(problem_type or ""),
                         frozenset(installed) | from_text, from_text, sector, low)
