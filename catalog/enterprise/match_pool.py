"""The entries worth scoring for a need: those its text finds in the search
index, those whose problem knowledge it says in plant language (so a need
that names only symptoms still reaches the entry that cures them), and those
of its process stage or benchmark product. Candidates are read as plain rows
of the columns scoring needs (a need may have hundreds); the few shown are
loaded as entities afterwards."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.search import SearchRequest, search

from . import symptoms
from .understanding import normalised, plain_words

TEXT_CANDIDATES = 60
CANDIDATE_SHARE = 0.2  # a long need text: a fifth of its concepts is enough to be a candidate
SYMPTOM_POOL = 4.0     # the weight of said problem words that makes an entry a candidate by itself
SYMPTOM_FULL = 12.0    # … and the weight at which the factor is full (or the best entry's, if more)
SNAPSHOT_SECONDS = 300.0
_T = m.Technology
# What scoring reads of a candidate (rows carry these as attributes, like the entity).
COLUMNS = (_T.id, _T.code, _T.name_zh, _T.name_en, _T.sector_key, _T.stage_key, _T.trl, _T.keywords_zh,
           _T.keywords_en, _T.applicable_to, _T.effect, _T.problems, _T.plan_named, _T.promoted)


@dataclass(frozen=True)
class Pool:
    technologies: list                # rows of COLUMNS
    text: dict[str, float]            # code → search score, raw
    symptom: dict[str, float]         # code → weight of said problem words
    said: dict[str, tuple[str, ...]]  # code → the problem phrases the need says


@dataclass(frozen=True)
class Snapshot:
    """What reading the whole catalogue table gives: every described entry's
    problem knowledge, compiled, and the entries made for each product."""

    knowledge: symptoms.Knowledge
    made_for: dict[str, frozenset[str]]   # benchmark family → codes


_snapshots: dict[tuple, tuple[float, Snapshot]] = {}


def snapshot(session: Session) -> Snapshot:
    """Kept for a few minutes per database while the published entries stay
    the same in number and newest id: problem knowledge and products change
    only when the catalogue is seeded or an entry is added."""
    from catalog.problem_knowledge import phrases

    published = _T.status == "published"
    newest, count = session.execute(select(func.max(_T.id), func.count()).where(published)).one()
    key = (str(session.get_bind().url), newest, count)
    kept = _snapshots.get(key)
    if kept is not None and time.monotonic() - kept[0] < SNAPSHOT_SECONDS:
        return kept[1]
    described, made_for = [], {}
    stmt = select(_T.code, _T.problems, _T.applicable_to).where(
        published, or_(cast(_T.problems, String) != "{}", cast(_T.applicable_to, String) != "[]"))
    for code, problems, applicable in session.execute(stmt):
        if problems:
            described.append((code, [normalised(p) for p in phrases(problems)]))
        for family in applicable or ():
            made_for.setdefault(family, set()).add(code)
    found = Snapshot(symptoms.knowledge(described), {k: frozenset(v) for k, v in made_for.items()})
    _snapshots.clear()                 # one database at a time
    _snapshots[key] = (time.monotonic(), found)
    return found


def text_hits(index_dir: Path, text: str) -> dict[str, float]:
    if not text:
        return {}
    request = SearchRequest(text=text[:2000], per_page=TEXT_CANDIDATES, snippets=False,
                            filters={"doc_type": "technology"}, min_share=CANDIDATE_SHARE, spelling=False)
    return {h.code: h.score for h in search(index_dir, request).hits}


def symptom_hits(kb: symptoms.Knowledge, text: str) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    if not text:
        return {}, {}
    need = symptoms.said(plain_words(text))
    said = symptoms.said_units(need, kb)
    found = {code: symptoms.matches(need, code, kb, said) for code in kb.phrases}
    return ({code: w for code, (w, _p) in found.items() if w > 0},
            {code: p for code, (_w, p) in found.items() if p})


def pool(session: Session, index_dir: Path, text: str, stage: str | None, family: str | None) -> Pool:
    known = snapshot(session)
    text_score = text_hits(index_dir, text)
    weight, said = symptom_hits(known.knowledge, text)
    codes = set(text_score) | {code for code, w in weight.items() if w >= SYMPTOM_POOL}
    codes |= known.made_for.get(family, frozenset()) if family else frozenset()
    related = [_T.code.in_(sorted(codes))]
    if stage:
        related.append(_T.stage_key == stage)
    stmt = select(*COLUMNS).where(_T.status == "published", or_(*related))
    return Pool(list(session.execute(stmt)), text_score, weight, said)


def relative(values: dict[str, float], codes: list[str], reference: list[str],
             floor: float = 0.0) -> dict[str, float]:
    """``values`` of ``codes`` over the best of ``reference`` (or ``floor``, if
    more): entries are compared with what the plant could have, not with one
    it already has."""
    best = max([values.get(c, 0.0) for c in reference] + [floor]) or 1.0
    return {c: min(1.0, values.get(c, 0.0) / best) for c in codes}
