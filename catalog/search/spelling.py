"""Did-you-mean: near-misses of domain words (蓖冷机 → 篦冷机, grate coller →
grate cooler), looked up with rapidfuzz over the index's vocabulary.

English words are compared by optimal string alignment (one or two edits,
an adjacent swap counting as one). Chinese is checked on the typed text
before segmentation, because a wrong character also breaks the segmentation:
left to right, the longest known word is kept unless a longer vocabulary word
differs from the typed characters in exactly one place (余热发点 → 余热发电). A
piece that jieba's dictionary knows, as a word or as the start of one (预热预 of
预热预分解), was typed on purpose and is left alone.

The engine asks only when a query found little (see ``engine.FEW_HITS``).
Work is bounded whatever the input: at most MAX_LATIN_WORDS English words and
MAX_CJK_CHARS Chinese characters are checked, each lookup a rapidfuzz scan
in C over the words of one length; the rest of a long text stays as typed.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA, Hamming
from whoosh.lang.porter import stem

from .analysis import CJK_RUN, RUN, jieba_module
from .lexicon import Lexicon

MIN_CJK = 3      # a one-character change in a two-character word is too often another word
MAX_CJK = 8
MAX_CJK_CHARS = 32
MAX_LATIN_WORDS = 8
MAX_LATIN_LENGTH = 40
_lock = threading.Lock()


@dataclass
class Vocabulary:
    """The lexicon's spelling words as rapidfuzz choice lists, built once per lexicon."""

    latin: list[str] = field(default_factory=list)
    latin_freq: list[int] = field(default_factory=list)
    stems: frozenset[str] = frozenset()
    cjk: dict[int, tuple[list[str], list[int]]] = field(default_factory=dict)  # length -> words, counts


def vocabulary(lexicon: Lexicon) -> Vocabulary:
    cached = getattr(lexicon, "_spelling", None)
    if cached is None:
        with _lock:
            cached = getattr(lexicon, "_spelling", None)
            if cached is None:
                cached = Vocabulary(list(lexicon.latin_words), list(lexicon.latin_words.values()),
                                    frozenset(stem(w) for w in lexicon.latin_words))
                for word, count in lexicon.cjk_words.items():
                    if MIN_CJK <= len(word) <= MAX_CJK:
                        words, counts = cached.cjk.setdefault(len(word), ([], []))
                        words.append(word)
                        counts.append(count)
                lexicon._spelling = cached
    return cached


class _Budget:
    def __init__(self):
        self.latin, self.cjk = MAX_LATIN_WORDS, MAX_CJK_CHARS


class LatinWords:
    """English spelling words: the lexicon's, scanned with rapidfuzz (Whoosh);
    the PostgreSQL backend looks them up with pg_trgm instead (``pg_query``)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon, self.vocab = lexicon, vocabulary(lexicon)

    def known(self, word: str) -> bool:
        return word in self.lexicon.latin_words or stem(word) in self.vocab.stems

    def near(self, word: str, limit: int) -> list[tuple[str, int, int]]:
        """(word, edits, documents) of the words at most ``limit`` edits away."""
        found = process.extract(word, self.vocab.latin, scorer=OSA.distance, score_cutoff=limit, limit=None)
        found = sorted(found, key=lambda hit: hit[2])  # in vocabulary order: the first of equals wins
        return [(hit[0], int(hit[1]), self.vocab.latin_freq[hit[2]]) for hit in found]


def correct(text: str, lexicon: Lexicon, latin=None) -> str | None:
    """The text with misspelled words replaced, or None when nothing changed.
    ``latin``: how English words are looked up (default :class:`LatinWords`)."""
    if not (lexicon.cjk_words or lexicon.latin_words or latin is not None):
        return None
    vocab = vocabulary(lexicon)
    latin = latin if latin is not None else LatinWords(lexicon)
    budget = _Budget()
    parts: list[str] = []
    last = 0
    for match in RUN.finditer(text):
        if budget.latin <= 0 and budget.cjk <= 0:
            break
        run = match.group()
        if CJK_RUN.match(run):
            checked = run[:max(0, budget.cjk)]
            budget.cjk -= len(checked)
            fixed = _fix_cjk(checked, lexicon, vocab) + run[len(checked):]
        else:
            fixed = _fix_latin(run, latin, budget)
        parts.append(text[last:match.start()] + fixed)
        last = match.end()
    corrected = "".join(parts) + text[last:]
    return corrected if corrected != text else None


def _fix_cjk(run: str, lexicon: Lexicon, vocab: Vocabulary) -> str:
    """Left to right: keep the longest known word, unless a longer word one
    character away exists (余热发点 → 余热发电 beats the known 余热)."""
    words = lexicon.cjk_words
    out, i = [], 0
    while i < len(run):
        known = next((n for n in range(min(MAX_CJK, len(run) - i), 1, -1) if run[i:i + n] in words), 0)
        fix = _near_word(run, i, vocab, longer_than=known)
        if fix:
            out.append(fix)
            i += len(fix)
        elif known:
            out.append(run[i:i + known])
            i += known
        else:
            out.append(run[i])
            i += 1
    return "".join(out)


def _near_word(run: str, start: int, vocab: Vocabulary, longer_than: int) -> str | None:
    """The most used vocabulary word of the longest length that differs from
    ``run[start:start+length]`` in one character."""
    dictionary = jieba_module().dt.FREQ
    for length in range(min(MAX_CJK, len(run) - start), max(MIN_CJK, longer_than + 1) - 1, -1):
        choices, counts = vocab.cjk.get(length, ((), ()))
        piece = run[start:start + length]
        if not choices or piece in dictionary:  # jieba keeps every word's prefixes too
            continue
        found = process.extract(piece, choices, scorer=Hamming.distance, score_cutoff=1, limit=None)
        if found:
            return max(found, key=lambda hit: (counts[hit[2]], hit[0]))[0]
    return None


def _fix_latin(run: str, latin, budget: _Budget) -> str:
    word = run.lower()
    if budget.latin <= 0 or not 4 <= len(word) <= MAX_LATIN_LENGTH or not word.isalpha():
        return run
    if latin.known(word):
        return run
    budget.latin -= 1
    found = latin.near(word, 1 if len(word) <= 5 else 2)
    if not found:
        return run
    # fewest edits, then the most used word (min() keeps the first of equals)
    return min(found, key=lambda hit: (hit[1], -hit[2]))[0]
