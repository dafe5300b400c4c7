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
            out.extend((word[i:j], True) for i in range(n) for j in range(i + 2, n + 1)
                       if (i, j) != (0, n) and freq.get(word[i:j]))
    return out


def _latin_words(run: str) -> list[tuple[str, bool]]:
    word = run.lower()
    if word in EN_STOP:
        return []
    if not word.isascii() or any(ch in word for ch in "-./+") or len(word) <= 4:
        return [(word, False)]  # abbreviations and compound codes stay as typed
    return [(stem(word), False)]


def _words(run: str, mode: str) -> list[tuple[str, bool]]:
    return _cjk_words(run, mode) if CJK_RUN.match(run) else _latin_words(run)


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
