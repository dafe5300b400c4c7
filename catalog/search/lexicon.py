"""The search lexicon: cross-language expansions and spelling vocabulary.

Built from the glossary and the taxonomy when the index is built, saved beside
the index (``lexicon.json``) so a query needs neither the database nor jieba's
dictionary walk. Expansions map a phrase (as analysed terms) to the other
language's phrases and to abbreviations; synonyms that are only "related"
get a lower weight than translations.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import CJK_RUN, terms

FILE_NAME = "lexicon.json"
MAX_PHRASE = 6
STRONG, RELATED = 0.8, 0.5  # weight of a translation / a related term against the words typed


@dataclass
class Lexicon:
    # "grate cooler" -> [(["篦冷机"], 0.8), …]
    expansions: dict[str, list[tuple[list[str], float]]] = field(default_factory=dict)
    # surface words users may misspell, with how many documents use them
    cjk_words: dict[str, int] = field(default_factory=dict)
    latin_words: dict[str, int] = field(default_factory=dict)

    def alternatives(self, phrase: list[str]) -> list[tuple[list[str], float]]:
        return self.expansions.get(" ".join(phrase), [])

    def longest_phrase(self, words: list[str], start: int) -> int:
        """Length of the longest known phrase at ``start`` (1 when none)."""
        for end in range(min(len(words), start + MAX_PHRASE), start + 1, -1):
            if " ".join(words[start:end]) in self.expansions:
                return end - start
        return 1


def _group(entry: dict) -> list[tuple[str, float]]:
    """All names of one concept with their weight as an alternative."""
    names = [(entry["zh"], STRONG), (entry["en"], STRONG)]
    names += [(a, STRONG) for a in entry.get("abbreviations") or []]
    names += [(s, RELATED) for s in (entry.get("synonyms_zh") or []) + (entry.get("synonyms_en") or [])]
    return names


def build(concepts: list[dict], documents: list[dict]) -> Lexicon:
    """``concepts``: glossary-like dicts (zh, en, synonyms_zh, synonyms_en,
    abbreviations). ``documents``: index documents, for the spelling vocabulary."""
    lexicon = Lexicon()
    for entry in concepts:
        group = [(terms(name), weight) for name, weight in _group(entry) if name]
        group = [(t, w) for t, w in group if t]
        for i, (source, _w) in enumerate(group):
            key = " ".join(source)
            alts = lexicon.expansions.setdefault(key, [])
            for j, (target, weight) in enumerate(group):
                if i != j and target != source and (target, weight) not in alts:
                    alts.append((target, weight))
    lexicon.cjk_words, lexicon.latin_words = _vocabulary(concepts, documents)
    return lexicon


def _vocabulary(concepts: list[dict], documents: list[dict]) -> tuple[dict[str, int], dict[str, int]]:
    cjk: Counter = Counter()
    latin: Counter = Counter()
    for doc in documents:
        seen: set[str] = set()
        for text in (doc.get("title", ""), doc.get("keywords", ""), doc.get("labels", "")):
            seen.update(_surface_words(text))
        for word in seen:
            (cjk if CJK_RUN.match(word) else latin)[word] += 1
    for entry in concepts:
        for name, _w in _group(entry):
            for word in _surface_words(name):
                (cjk if CJK_RUN.match(word) else latin)[word] += 1
    return ({w: n for w, n in cjk.items() if 2 <= len(w) <= 10},
            {w: n for w, n in latin.items() if len(w) >= 4 and w.isalpha()})


def _surface_words(text: str) -> set[str]:
    """Unstemmed words: jieba words for Chinese, lower-case words for English."""
    from .analysis import RUN, jieba_module

    words: set[str] = set()
    for match in RUN.finditer(text or ""):
        run = match.group()
        if CJK_RUN.match(run):
            words.update(w for w in jieba_module().cut(run) if len(w) >= 2)
            words.add(run)
        else:
            words.add(run.lower())
    return words


def save(lexicon: Lexicon, index_dir: Path) -> None:
    data = {"expansions": lexicon.expansions, "cjk_words": lexicon.cjk_words,
            "latin_words": lexicon.latin_words}
    (Path(index_dir) / FILE_NAME).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load(index_dir: Path) -> Lexicon:
    path = Path(index_dir) / FILE_NAME
    if not path.exists():
        return Lexicon()
    data = json.loads(path.read_text(encoding="utf-8"))
    expansions = {k: [(list(t), float(w)) for t, w in v] for k, v in data["expansions"].items()}
    return Lexicon(expansions, data["cjk_words"], data["latin_words"])
