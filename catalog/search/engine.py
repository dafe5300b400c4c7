"""Answering a search: analyse, expand across languages, correct spelling,
match, filter, count facets, sort, page, cut snippets."""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InvalidInput

from . import backend, spelling
from .analysis import components, terms
from .documents import DOC_TYPES
from .index import FACET_FIELDS, FIELD_BOOSTS
from .lexicon import Lexicon
from .sets import Scores
from .snippets import needle_pattern, snippet
from .state import reader_state

MAX_QUERY_CHARS = 2000
MAX_GROUPS = 24          # concepts scored per query; long texts keep their rarest ones
MAX_TYPED_GROUPS = 200
FEW_HITS = 3             # did-you-mean runs below this many results (or on partial matches)
SORTS = ("relevance", "newest", "saving")
# Words that only frame a question ("how do we reduce …"); they would make an
# all-words match impossible without saying anything about the technology.
QUERY_STOP = frozenset({
    "怎么", "怎样", "如何", "什么", "哪些", "哪个", "有没有", "可以", "需要", "我们", "我厂", "我们厂",
    "想", "要", "进行", "how", "what", "which", "can", "could", "we", "our", "need", "want", "do",
    "does", "reduce",
    # English function words that long texts are full of (stemmed where Porter changes them)
    "about", "abov", "after", "all", "alon", "also", "am", "ani", "any", "becaus", "been", "befor",
    "being", "both", "but", "come", "did", "doe", "each", "ever", "everi", "few", "had", "has", "have",
    "here", "him", "his", "her", "into", "it", "its", "itself", "just", "look", "mani", "may",
    "more", "most", "much", "must", "my", "no", "nobodi", "not", "now", "onc", "one", "onli", "other",
    "out", "over", "own", "same", "should", "show", "so", "some", "still", "such", "than", "that",
    "their", "them", "then", "there", "these", "they", "thi", "this", "those", "through", "too",
    "two", "under", "up", "veri", "very", "wa", "was", "were", "when", "where", "whi", "while", "who",
    "will", "would", "yet", "you", "your",
})


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: dict[str, str] = field(default_factory=dict)  # facet field -> value
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    lang: str = "zh"
    snippets: bool = True
    # Share of the typed concepts a document must cover (two or fewer: all).
    # Matching long need texts asks for less, to find candidates to score.
    min_share: float = 0.6
    # Did-you-mean: off for callers that rank by text alone (a need's long
    # text is not a typed query, and the correction pass is most of its cost).
    spelling: bool = True


@dataclass(frozen=True)
class SearchHit:
    doc_type: str
    code: str
    title_zh: str
    title_en: str
    sector: str
    score: float
    snippet: str


@dataclass
class SearchResult:
    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None      # did-you-mean text
    corrected: bool = False            # hits are for ``suggestion``, the text matched nothing
    partial: bool = False              # no document had every word; best partial matches
    words: list[str] = field(default_factory=list)


def validate(request: SearchRequest) -> None:
    for name, value in request.filters.items():
        if name not in FACET_FIELDS:
            raise InvalidInput(name, value)
    doc_type = request.filters.get("doc_type")
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise InvalidInput("type", doc_type)
    if request.sort not in SORTS:
        raise InvalidInput("sort", request.sort)


Alternatives = list[tuple[list[str], float]]


def query_groups(text: str, lexicon: Lexicon) -> tuple[list[Alternatives], list[str]]:
    """One group per concept typed: its words, or any of its translations, or
    (for a compound typed as one word) its parts. Returns the groups and every
    surface word, for snippets."""
    words = [w for w in terms(text[:MAX_QUERY_CHARS], "query") if w not in QUERY_STOP]
    groups: list[Alternatives] = []
    shown: list[str] = []
    i = 0
    while i < len(words) and len(groups) < MAX_TYPED_GROUPS:
        n = lexicon.longest_phrase(words, i)
        phrase = words[i:i + n]
        alternatives: Alternatives = [(phrase, 1.0), *lexicon.alternatives(phrase)]
        if n == 1 and components(phrase[0]):
            alternatives.append((components(phrase[0]), 0.9))
        groups.append(alternatives)
        shown += [t for alt, _w in alternatives for t in alt]
        i += n
    return groups, shown


def ranked_codes(index_dir: Path, text: str, limit: int = 1000) -> list[str]:
    """Codes of the technologies matching ``text``, best first (for the catalogue)."""
    result = search(index_dir, SearchRequest(text=text, per_page=limit, snippets=False,
                                             filters={"doc_type": "technology"}))
    return [hit.code for hit in result.hits]


def search(index_dir: Path, request: SearchRequest) -> SearchResult:
    """The answer from the backend behind ``index_dir`` (``backend``): Whoosh,
    or the documents in PostgreSQL."""
    validate(request)
    engine = backend.postgres_engine(index_dir)
    if engine is not None:
        from . import pg_query

        return pg_query.search(engine, request)
    state = reader_state(index_dir)
    if state is None:
        return SearchResult()
    return answer(request, lambda text: _run(state, text, request),
                  lambda text: spelling.correct(text, state.lexicon))


def answer(request: SearchRequest, run, correct) -> SearchResult:
    """``run(text)`` with did-you-mean: ``correct(text)`` is asked only when the
    text found little (fewer than FEW_HITS results, or no result with every word
    typed), so a query that finds plenty pays nothing for it."""
    result = run(request.text)
    if request.spelling and request.text.strip() and (result.total < FEW_HITS or result.partial):
        suggestion = correct(request.text[:MAX_QUERY_CHARS])
        if suggestion:
            fixed = run(suggestion) if result.total == 0 or result.partial else None
            # Show the corrected results when the typed text found nothing, or only
            # partial matches while the correction matches every word.
            if fixed is not None and fixed.total and (result.total == 0 or not fixed.partial):
                fixed.corrected = True
                result = fixed
            result.suggestion = suggestion
    return result


def _run(state, text: str, request: SearchRequest) -> SearchResult:
    groups, shown = query_groups(text, state.lexicon)
    groups = _rarest(state, groups)
    if text.strip() and not groups:
        return SearchResult(facets=_empty_facets(state))
    return _matched_page(state, groups, shown, request)


def _matched_page(state, groups: list[Alternatives], shown: list[str],
                  request: SearchRequest) -> SearchResult:
    """The matched documents' total, facets and page: the same for a Whoosh
    reader's state and PostgreSQL's (``pg_state``), which hold the same
    postings, bitmaps and sort keys."""
    if groups:
        matched, partial = _match(state, groups, request.min_share)
        scores, matched_bits = matched.by_doc, matched.bits & state.live_bits
    else:  # no text: browse everything
        scores, partial, matched_bits = None, False, state.live_bits
    total, facets, _allowed = _facets(state, matched_bits, request.filters)
    hits = _page(state, scores, request, needle_pattern(shown))
    return SearchResult(total=total, hits=hits, facets=facets, partial=partial, words=shown)


def _rarest(state, groups: list[Alternatives]) -> list[Alternatives]:
    """At most MAX_GROUPS concepts: for a long text, those that narrow most
    (fewest documents), in typed order; concepts found nowhere are dropped
    first since they cannot match."""
    if len(groups) <= MAX_GROUPS:
        return groups

    def spread(alternatives: Alternatives) -> int:
        counts = [len(state.postings.get(field, word)[0]) for words, _w in alternatives
                  for word in words[:1] for field in FIELD_BOOSTS]
        found = [c for c in counts if c]
        return min(found) if found else 10**9

    keep = sorted(range(len(groups)), key=lambda i: (spread(groups[i]), i))[:MAX_GROUPS]
    return [groups[i] for i in sorted(keep)]


def _score(state, groups: list[Alternatives], min_share: float = 0.6) -> tuple[dict[int, float], bool]:
    matched, partial = _match(state, groups, min_share)
    return matched.by_doc, partial


def _match(state, groups: list[Alternatives], min_share: float = 0.6) -> tuple[Scores, bool]:
    """Documents matching enough of the typed concepts — all of one or two,
    ``min_share`` of three or more, fewer when nothing reaches that — scored
    by BM25F times the squared share of concepts they cover."""
    return state.postings.concepts(groups, min_share)


def _empty_facets(state) -> dict[str, dict[str, int]]:
    return {name: {} for name in FACET_FIELDS}


def _facets(state, matched: int, filters: dict[str, str]) -> tuple[int, dict, int]:
    """Total, facet counts and the allowed-documents bitmap. Each facet is
    counted with every other active filter applied, so a count says how many
    results choosing that value gives."""
    bits = state.facet_bits
    masks = {name: bits[name].get(value, 0) for name, value in filters.items()}
    allowed = matched
    for mask in masks.values():
        allowed &= mask
    facets: dict[str, dict[str, int]] = {}
    for name in FACET_FIELDS:
        base = matched
        for other, mask in masks.items():
            if other != name:
                base &= mask
        counts = {value: (base & vbits).bit_count() for value, vbits in bits[name].items()}
        facets[name] = {value: n for value, n in counts.items() if n}
    return allowed.bit_count(), facets, allowed


def _page(state, scores: dict[int, float] | None, request: SearchRequest, pattern) -> list[SearchHit]:
    """The requested page: the best (or newest, or largest-saving) documents
    that pass the filters, ties to the lower document number, with stored
    fields and snippets for those only."""
    candidates = scores if scores is not None else state.live
    for name, value in request.filters.items():
        values = state.facet_values[name]
        if value not in values:
            return []
        column, code = state.facet_codes[name], values.index(value)
        candidates = [d for d in candidates if column[d] == code]
    limit = request.page * request.per_page
    top = heapq.nlargest(limit, sorted(candidates), key=_sort_key(state, scores, request.sort))
    top = top[(request.page - 1) * request.per_page:]
    if not request.snippets:  # callers that only need the order (the catalogue page)
        return [SearchHit(f["doc_type"], f["code"], "", "", f.get("sector", ""),
                          round(scores.get(d, 0.0), 4) if scores else 0.0, "")
                for d, f in zip(top, state.stored_many(top), strict=True)]
    return [_hit(fields, scores.get(d, 0.0) if scores else 0.0, request.lang, pattern)
            for d, fields in zip(top, state.stored_many(top), strict=True)]


def _sort_key(state, scores: dict[int, float] | None, sort: str):
    """Relevance; or newest / largest saving with relevance breaking ties; or,
    browsing without text, newest first."""
    relevance = scores.get if scores is not None else (lambda _d, _default=0.0: 0.0)
    if sort in ("newest", "saving") or scores is None:
        column = state.sort_values["saving" if sort == "saving" else "published"]

        def by_column(docnum: int):
            return (column[docnum], relevance(docnum, 0.0))
        return by_column
    return scores.__getitem__


def _hit(fields: dict, score: float, lang: str, pattern) -> SearchHit:
    first, second = ("en", "zh") if lang == "en" else ("zh", "en")
    texts = [fields.get(f"summary_{first}", ""), fields.get(f"body_{first}", ""),
             fields.get(f"title_{first}", "")]
    text_snippet = snippet(texts, pattern)
    if pattern is not None and "<mark>" not in text_snippet:
        other = snippet([fields.get(f"summary_{second}", ""), fields.get(f"body_{second}", "")], pattern)
        if "<mark>" in other:
            text_snippet = other
    return SearchHit(fields["doc_type"], fields["code"], fields.get("title_zh", ""),
                     fields.get("title_en", ""), fields.get("sector", ""),
                     round(score, 4), text_snippet)
