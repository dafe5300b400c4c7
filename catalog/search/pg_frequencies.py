"""How often each query word occurs in each field of the documents holding it,
read from ``tsv`` in the query that finds them through the GIN index: the
posting lists ``pg_state`` keeps (the PostgreSQL backend).

A lexeme's positions in ``tsv`` are its occurrences, weighted A (name), B
(text) or C (problems), A's first (``pg_store``). ``unnest(tsv)`` would list
them, but it expands every lexeme of every candidate (a few hundred rows per
document, most of a query's time). ``ts_rank`` with one weight set to 1 and
the others to 0 is computed in C on the document's own array instead, and its
value for a word with k positions of that weight after o positions of the
others is a known function of (o, k) (``tsrank.c``: the sum of 1/j² over the
positions, divided by π²/6); it is inverted here on the same float32
arithmetic. The document is decompressed once per row (the LATERAL copy), not
per call. For queries of many words, where calls per row would cost more than
the expansion, ``unnest`` is used.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from struct import pack, unpack

from sqlalchemy import text

from .index import FACET_FIELDS, FIELD_BOOSTS

MAX_TF = 85                # positions per lexeme and field (``pg_store``)
MAX_RANKED_WORDS = 16      # above this, unnest() costs less than 3 ts_rank calls per word
# ts_rank's weights array is {D, C, B, A}: one field at a time
RANK_WEIGHTS = {"name": "{0,0,0,1}", "text": "{0,0,1,0}", "problems": "{0,1,0,0}"}
FIELD_OF_WEIGHT = {"A": "name", "B": "text", "C": "problems"}
COLUMNS = (f"d.docnum, {', '.join(f'd.{name}' for name in FACET_FIELDS)}, d.code, d.published, d.saving, "
           "d.name_len, d.text_len, d.problems_len")
PI2_6 = 1.64493406685


def quote(word: str) -> str:
    """A lexeme as a tsquery/tsvector literal."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _f32(x: float) -> float:
    return unpack("f", pack("f", x))[0]


@lru_cache(maxsize=512)
def _ranks(offset: int) -> list[float]:
    """ts_rank's value for k = 0…MAX_TF weighted positions after ``offset`` unweighted ones."""
    out = [0.0]
    resj = 0.0
    for j in range(offset, offset + MAX_TF):
        resj = _f32(resj + _f32(1.0 / ((j + 1) * (j + 1))))
        top = _f32(_f32(1.0 + resj) - _f32(1.0 / ((offset + 1) * (offset + 1))))
        out.append(_f32(top / PI2_6))
    return out


def _count(offset: int, rank: float) -> int:
    values = _ranks(offset)
    i = bisect_left(values, rank)
    if i == len(values):
        return len(values) - 1
    return i if i == 0 or values[i] - rank < rank - values[i - 1] else i - 1


def sql_for(words: list[str], columns: str = COLUMNS, only: list[int] | None = None) -> tuple[str, dict]:
    """The candidates' query and its parameters (``only``: among these docnums)."""
    params: dict = {"query": " | ".join(map(quote, words))}
    among = ""
    if only is not None:
        params["only"], among = only, " AND d.docnum = ANY(:only)"
    if len(words) > MAX_RANKED_WORDS:
        params["terms"] = words
        return (f"SELECT {columns}, ARRAY(SELECT u.lexeme || ' ' || array_to_string(u.weights, '') "
                "FROM unnest(d.tsv) AS u WHERE u.lexeme = ANY(:terms)) AS tf FROM search_document AS d "
                "WHERE d.tsv @@ CAST(:query AS tsquery)" + among), params
    ranks = []
    for i, word in enumerate(words):
        params[f"w{i}"] = quote(word)
        ranks += [f"ts_rank('{RANK_WEIGHTS[name]}', t.v, CAST(:w{i} AS tsquery), 0)" for name in FIELD_BOOSTS]
    return (f"SELECT {columns}, ARRAY[{', '.join(ranks)}] AS ranks FROM search_document AS d "
            "CROSS JOIN LATERAL (SELECT d.tsv || ''::tsvector AS v OFFSET 0) AS t "
            "WHERE d.tsv @@ CAST(:query AS tsquery)" + among), params


def candidates(conn, words: list[str], columns: str = COLUMNS, only: list[int] | None = None) -> list[tuple]:
    """(row, [(field, word, occurrences), …]) of every document holding a word of ``words``."""
    sql, params = sql_for(words, columns, only)
    # The planner prices ``@@`` like any operator and often prefers a sequential scan
    # that decompresses every document (EXPLAIN ANALYZE at 10k documents: 108 ms
    # against 7 ms through the GIN index for 9 % of them): the index, for this query.
    conn.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
    rows = conn.execute(text(sql), params).all()
    conn.execute(text("SELECT set_config('enable_seqscan', 'on', true)"))
    rows.sort(key=lambda row: row.docnum)  # in index order (ORDER BY would draw the planner to that index)
    if len(words) > MAX_RANKED_WORDS:
        return [(row, list(_expanded(row.tf))) for row in rows]
    return [(row, list(_decoded(words, row.ranks))) for row in rows]


def _decoded(words: list[str], ranks: list[float]):
    fields = len(FIELD_BOOSTS)
    for i, word in enumerate(words):
        offset = 0
        for j, name in enumerate(FIELD_BOOSTS):
            rank = ranks[i * fields + j]
            if rank:
                k = _count(offset, rank)
                offset += k
                yield name, word, k


def _expanded(items: list[str]):
    for item in items:
        lexeme, _sp, letters = item.rpartition(" ")
        for letter, tf in Counter(letters).items():
            if letter in FIELD_OF_WEIGHT:
                yield FIELD_OF_WEIGHT[letter], lexeme, tf


def postings(conn, words: list[str], only: list[int] | None = None
             ) -> dict[tuple[str, str], tuple[list[int], list[float]]]:
    """(field, word) → the docnums holding ``word`` in ``field``, ascending, and its
    occurrences there: the posting lists of ``words`` (``pg_state``; ``only``:
    in these docnums, the documents queued since the stored postings). The ranks
    are grouped by word and field in SQL (one row each, the nonzero ones only),
    so Python reads a few long strings instead of a row per document."""
    if len(words) > MAX_RANKED_WORDS:
        return _listed(candidates(conn, words, "d.docnum", only))
    sql, params = postings_sql(words, only)
    conn.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))  # as in ``candidates``
    found = {int(i) - 1: (nums, ranks) for i, nums, ranks in conn.execute(text(sql), params)}
    conn.execute(text("SELECT set_config('enable_seqscan', 'on', true)"))
    fields = len(FIELD_BOOSTS)
    lists: dict[tuple[str, str], tuple[list[int], list[float]]] = {}
    for w, word in enumerate(words):
        before: dict[int, int] = {}   # per docnum, its positions in the fields already read
        for j, name in enumerate(FIELD_BOOSTS):
            if w * fields + j not in found:
                continue
            nums_text, ranks_text = found[w * fields + j]
            nums = list(map(int, nums_text.split(",")))
            tfs = [_count_text(before.get(n, 0), r) for n, r in zip(nums, ranks_text.split(","), strict=True)]
            for n, tf in zip(nums, tfs, strict=True):
                before[n] = before.get(n, 0) + tf
            lists[(name, word)] = (nums, list(map(float, tfs)))
    return lists


def postings_sql(words: list[str], only: list[int] | None = None) -> tuple[str, dict]:
    """The ranked query of ``sql_for`` grouped by word and field (the i-th rank:
    word i // 3, field i % 3), the nonzero ranks only."""
    sql, params = sql_for(words, "d.docnum", only)
    return ("SELECT r.i, string_agg(c.docnum::text, ',' ORDER BY c.docnum), "
            "string_agg(r.v::text, ',' ORDER BY c.docnum) "
            f"FROM ({sql}) AS c CROSS JOIN LATERAL unnest(c.ranks) WITH ORDINALITY AS r(v, i) "
            "WHERE r.v > 0 GROUP BY r.i"), params


@lru_cache(maxsize=20_000)
def _count_text(offset: int, rank: str) -> int:
    return _count(offset, float(rank))


def _listed(rows) -> dict[tuple[str, str], tuple[list[int], list[float]]]:
    lists: dict[tuple[str, str], tuple[list[int], list[float]]] = {}
    for row, counts in rows:
        for name, word, tf in counts:
            nums, tfs = lists.setdefault((name, word), ([], []))
            nums.append(row.docnum)
            tfs.append(float(tf))
    return lists
