"""Did-you-mean: near-misses of domain words (蓖冷机 → 篦冷机, grate coller →
grate cooler). Chinese is checked on the typed text before segmentation,
because a wrong character also breaks the segmentation."""
from __future__ import annotations

from functools import lru_cache

from whoosh.lang.porter import stem

from .analysis import CJK_RUN, RUN
from .lexicon import Lexicon

MIN_CJK = 3      # a one-character change in a two-character word is too often another word
MAX_CJK = 8


def correct(text: str, lexicon: Lexicon) -> str | None:
    """The text with misspelled words replaced, or None when nothing changed."""
    if not (lexicon.cjk_words or lexicon.latin_words):
        return None
    parts: list[str] = []
    last = 0
    for match in RUN.finditer(text):
        run = match.group()
        fixed = _fix_cjk(run, lexicon) if CJK_RUN.match(run) else _fix_latin(run, lexicon)
        parts.append(text[last:match.start()] + fixed)
        last = match.end()
    corrected = "".join(parts) + text[last:]
    return corrected if corrected != text else None


def _fix_cjk(run: str, lexicon: Lexicon) -> str:
    """Left to right: keep the longest known word, unless a longer word one
    character away exists (余热发点 → 余热发电 beats the known 余热)."""
    words = lexicon.cjk_words
    neighbours = _cjk_neighbours(lexicon)
    out, i = [], 0
    while i < len(run):
        known = next((n for n in range(min(MAX_CJK, len(run) - i), 1, -1) if run[i:i + n] in words), 0)
        fix = _near_word(run, i, neighbours, words, longer_than=known)
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


def _near_word(run: str, start: int, neighbours: dict, words: dict[str, int],
               longer_than: int) -> str | None:
    """The best word differing from ``run[start:start+n]`` in one character.
    Three-character words need a homophone (蓖/篦 are both bì); longer words
    accept any one-character slip. Homophones and common words rank first."""
    for length in range(min(MAX_CJK, len(run) - start), max(MIN_CJK, longer_than + 1) - 1, -1):
        piece = run[start:start + length]
        candidates = []
        for pos in range(length):
            for word in neighbours.get((length, pos, piece[:pos] + piece[pos + 1:]), ()):
                same_sound = _sound(word[pos]) == _sound(piece[pos])
                if same_sound or length > MIN_CJK:
                    candidates.append((same_sound, words[word], word))
        if candidates:
            return max(candidates)[2]
    return None


def _sound(char: str) -> str:
    from pypinyin import lazy_pinyin  # loaded on the first correction only (~0.1 s)

    return lazy_pinyin(char)[0]


def _cjk_neighbours(lexicon: Lexicon) -> dict:
    """(length, position, word without that character) → words: one lookup per
    position finds every word that differs from the typed text in one character."""
    cached = getattr(lexicon, "_cjk_neighbours", None)
    if cached is None:
        cached = {}
        for word in lexicon.cjk_words:
            if MIN_CJK <= len(word) <= MAX_CJK:
                for pos in range(len(word)):
                    cached.setdefault((len(word), pos, word[:pos] + word[pos + 1:]), []).append(word)
        lexicon._cjk_neighbours = cached
    return cached


def _fix_latin(run: str, lexicon: Lexicon) -> str:
    word = run.lower()
    if len(word) < 4 or not word.isalpha() or word in lexicon.latin_words:
        return run
    if stem(word) in _stems(lexicon):
        return run
    limit = 1 if len(word) <= 5 else 2
    best = None
    for candidate, freq in lexicon.latin_words.items():
        if abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate, limit)
        if distance <= limit and (best is None or (distance, -freq) < best[0]):
            best = ((distance, -freq), candidate)
    return best[1] if best else run


def _stems(lexicon: Lexicon) -> frozenset[str]:
    cached = getattr(lexicon, "_stems", None)
    if cached is None:
        cached = frozenset(stem(w) for w in lexicon.latin_words)
        lexicon._stems = cached
    return cached


@lru_cache(maxsize=4096)
def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau–Levenshtein (adjacent transpositions), stopping early past ``limit``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


