"""Highlighted snippets, cut from the stored text in the reader's language.

Matches are found on the surface text (Chinese words literally, English
words by their stem as a word prefix), so the snippet shows what was typed and
its translations. Output is HTML with every piece of text escaped."""
from __future__ import annotations

import re
from html import escape

from .analysis import CJK_RUN

WIDTH = 110


def needle_pattern(words: list[str]) -> re.Pattern | None:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        if not word:
            continue
        if CJK_RUN.match(word):
            parts.append(re.escape(word))
        else:
            parts.append(r"\b" + re.escape(word) + r"\w*")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def snippet(texts: list[str], pattern: re.Pattern | None, width: int = WIDTH) -> str:
    """The first window of ``width`` characters around a match, marked up;
    the start of the first text when nothing matches."""
    for text in texts:
        match = pattern.search(text) if pattern and text else None
        if match:
            start = max(0, match.start() - width // 3)
            return _mark(text, start, min(len(text), start + width), pattern)
    first = next((t for t in texts if t), "")
    return escape(first[:width]) + ("…" if len(first) > width else "")


def _mark(text: str, start: int, end: int, pattern: re.Pattern) -> str:
    out = ["…" if start else ""]
    pos = start
    for match in pattern.finditer(text, start, end):
        out.append(escape(text[pos:match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(text[pos:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
