"""Text analysis for the bilingual index.

Chinese runs are segmented with jieba plus the domain dictionary in
``data/search/userdict.txt`` (search mode when indexing, so 余热发电 is findable
as 余热 and 发电 too; precise mode for queries). Latin runs are lower-cased and
Porter-stemmed; abbreviations (TRT, CDQ, Low-E) stay one token. Positions are
sequential token numbers, not character offsets, so phrase queries work.
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem

USERDICT = Path(__file__).resolve().parents[2] / "data" / "search" / "userdict.txt"

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = re.compile(rf"[{_CJK}]+|[A-Za-z0-9]+(?:[-.+/][A-Za-z0-9]+)*")
CJK_RUN = re.compile(rf"^[{_CJK}]+$")
# Only the emptiest English words: short queries depend on every other one.
EN_STOP = frozenset(
    "a an and are as at be by for from in is of on or the to with".split()  # noqa: SIM905
)
# Chinese function characters that never help a catalogue query on their own.
ZH_STOP = frozenset("的了与及或等和在对为其之中是")
RUN_CACHE = 20_000   # analysed runs remembered per process (a few MB)

_lock = threading.Lock()
_jieba = None


def jieba_module():
    """jieba, initialised once per process with the domain dictionary.

    Loading costs ~1 s and ~70 MB, so it happens once (at app start-up, shared
    by gunicorn workers with --preload), never per request."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                if USERDICT.exists():
                    with USERDICT.open("rb") as fh:  # jieba leaves a path's file open
                        jieba.load_userdict(fh)
                _jieba = jieba
    return _jieba


def _cjk_words(run: str, mode: str) -> list[tuple[str, bool]]:
    """(word, is_subword) pairs. Precise segmentation; when indexing, every
    dictionary word inside a longer word is added at the same position, so a
    query for 余热发电 finds 纯低温余热发电 (jieba's own search mode only adds
    two- and three-character pieces)."""
    jieba = jieba_module()
    freq = jieba.dt.FREQ
    out: list[tuple[str, bool]] = []
    for word in jieba.cut(run, HMM=True):
        if not word.strip() or word in ZH_STOP:
            continue
        out.append((word, False))
        if mode == "index" and len(word) > 2:
            n = len(word)
            # Every inner pair of characters (捕集 inside 碳捕集) and every longer
            # dictionary word inside it, so a query for part of a compound matches.
            out.extend((word[i:j], True) for i in range(n) for j in range(i + 2, n + 1)
                       if (i, j) != (0, n) and (j - i == 2 or freq.get(word[i:j])))
    return out


def _latin_words(run: str) -> list[tuple[str, bool]]:
    word = run.lower()
    if word in EN_STOP:
        return []
    if not word.isascii() or any(ch in word for ch in "-./+") or len(word) <= 4:
        return [(word, False)]  # abbreviations and compound codes stay as typed
    return [(stem(word), False)]


@lru_cache(maxsize=RUN_CACHE)
def _words(run: str, mode: str) -> tuple[tuple[str, bool], ...]:
    """Remembered per run: labels, sector names and stock phrases recur in
    every document and query, and segmenting them is most of a build's time."""
    return tuple(_cjk_words(run, mode) if CJK_RUN.match(run) else _latin_words(run))


def components(word: str) -> list[str]:
    """A compound typed as one word split into dictionary words (二氧化碳捕集 →
    二氧化碳 + 捕集), so it also matches texts that use the parts apart. Empty
    when the word has no such split."""
    if len(word) < 3 or not CJK_RUN.match(word):
        return []
    freq = jieba_module().dt.FREQ
    parts, i = [], 0
    while i < len(word):
        longest = len(word) - 1 if i == 0 else len(word)
        j = next((j for j in range(longest, i + 1, -1) if freq.get(word[i:j])), None)
        if j is None:  # no dictionary word here: a character pair (indexed as such) will do
            if len(word) - i < 2:
                return []
            j = i + 2
        parts.append(word[i:j])
        i = j
    return parts if len(parts) > 1 else []


def terms(text: str, mode: str = "query") -> list[str]:
    """The index terms of ``text``, in order (used to build queries)."""
    return [word for match in RUN.finditer(text or "")
            for word, _sub in _words(match.group(), mode)]


class MixedTokenizer(Tokenizer):
    """Whoosh tokenizer over :func:`terms` with sequential positions."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, mode: str = "", **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos - 1
        for match in RUN.finditer(value or ""):
            for word, subword in _words(match.group(), "index" if mode == "index" else "query"):
                if not subword:
                    pos += 1
                token.text = word
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = word
                if positions:
                    token.pos = pos
                if chars:
                    # Character span of the run: enough for highlighting.
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token


def analyzer() -> MixedTokenizer:
    return MixedTokenizer()
