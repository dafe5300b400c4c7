"""One worker of ``bench/search_bench.py``: run in a child process of its own
(so its memory is a worker's), it times the queries of an instance folder on
every path, back to back, and prints its figures as JSON.

    .venv/bin/python bench/search_worker.py WORK_DIR [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NO_LIMITS = {"PUBLIC_LIMIT_PER_IP": "1000000 per minute", "API_LIMIT_PER_IP": "1000000 per minute",
             "MATCH_LIMIT_PER_IP": "1000000 per minute", "RATELIMIT_ENABLED": False}


def memory_mib() -> dict[str, float]:
    """This process's resident and proportional set sizes, and how much of it
    is its own heap (Anonymous) rather than mapped files (the decoded segments,
    shared by every worker through the page cache)."""
    out = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss", "Anonymous"):
            out[key] = int(rest.split()[0]) / 1024
    return out


def fts_search(db, words: list[str]) -> None:
    if not words:
        return
    match = " AND ".join(f'"{w}"' for w in words)
    db.execute("SELECT code, snippet(doc, 2, '<mark>', '</mark>', '…', 16) FROM doc WHERE doc MATCH ? "
               "ORDER BY bm25(doc, 3.0, 1.0) LIMIT 10", (match,)).fetchall()
    for col in ("sector", "stage", "category", "maturity"):
        db.execute(f"SELECT f.{col}, count(*) FROM doc JOIN facet f ON f.rowid = doc.rowid "
                   f"WHERE doc MATCH ? GROUP BY f.{col}", (match,)).fetchall()


def worker(work: Path, repeat: int) -> None:
    """Runs in a child process standing for one worker; prints its figures as
    JSON. Each query runs on every path back to back (ours and FTS5), ``repeat``
    times, and counts with its median: a busy machine slows both alike."""
    from catalog.search import SearchRequest, search
    from catalog.search.analysis import terms
    from catalog.search.state import reader_state
    from portal import create_app

    queries = json.loads((work / "queries.json").read_text("utf-8"))
    words = [[w.replace('"', "") for w in terms(q, "query")] for q in queries]  # FTS5 gets them segmented
    app = create_app({"PORTAL_DATA_DIR": str(work), **NO_LIMITS})
    index_dir = Path(app.config["SEARCH_INDEX_DIR"])
    out: dict = {"memory_start": memory_mib()}
    t = time.perf_counter()
    reader_state(index_dir)
    out["open_ms"] = (time.perf_counter() - t) * 1000
    client = app.test_client()
    fts = sqlite3.connect(work / "fts.sqlite3")

    def fresh_fts(i: int) -> None:
        db = sqlite3.connect(work / "fts.sqlite3")
        fts_search(db, words[i])
        db.close()

    runs = {"engine": lambda i: search(index_dir, SearchRequest(text=queries[i], per_page=10)),
            "api": lambda i: _ok(client.get(f"/api/v1/search?q={quote(queries[i])}&per_page=10")),
            "html": lambda i: _ok(client.get(f"/search?q={quote(queries[i])}")),
            "fts": lambda i: fts_search(fts, words[i])}
    for name, run in list(runs.items()):
        try:
            for i in range(len(queries)):  # every query once: the words are seen before
                run(i)
        except AssertionError:  # a page broken by unrelated work: measure the rest
            del runs[name]
    first_seen = {"engine": runs["engine"], "api": runs.get("api"), "fts": fresh_fts}
    for mode, chosen in (("warm", runs), ("cold", first_seen)):
        samples: dict[str, list[list[float]]] = {name: [[] for _ in queries]
                                                 for name, run in chosen.items() if run}
        for _ in range(repeat):
            for i in range(len(queries)):
                for name in samples:
                    if mode == "cold" and name != "fts":
                        reader_state(index_dir).clear()
                    t = time.perf_counter()
                    chosen[name](i)
                    samples[name][i].append((time.perf_counter() - t) * 1000)
        for name, per_query in samples.items():
            out[f"{name}_{mode}"] = [statistics.median(s) for s in per_query]
    fts.close()
    out["memory_after"] = memory_mib()
    out["spelling"] = did_you_mean(reader_state(index_dir).lexicon)
    out.update(after_a_write(work, index_dir, queries[0]))
    print(json.dumps(out))


def did_you_mean(lexicon) -> dict[str, float]:
    """Milliseconds to correct a 2,000-character text of near-misses, over the
    index's vocabulary and over a made-up 20,000-word English one."""
    import string

    from catalog.search import spelling
    from catalog.search.lexicon import Lexicon

    rng = random.Random(5)

    def slip(word: str) -> str:
        i = rng.randrange(len(word))
        return word[:i] + rng.choice(string.ascii_lowercase) + word[i + 1:]

    made_up = Lexicon(latin_words={"".join(rng.choices(string.ascii_lowercase, k=rng.randrange(5, 12))): 1
                                   for _ in range(20_000)})
    english = list(lexicon.latin_words) or ["cooler"]
    chinese = [w for w in lexicon.cjk_words if len(w) >= 3] or ["篦冷机"]
    invented = list(made_up.latin_words)
    texts = {"latin": (" ".join(slip(rng.choice(english)) for _ in range(400)), lexicon),
             "cjk": ("".join(rng.choice(chinese)[:-1] + "点" for _ in range(700)), lexicon),
             "latin_20k": (" ".join(slip(rng.choice(invented)) for _ in range(400)), made_up)}
    out = {"latin_words": len(lexicon.latin_words), "cjk_words": len(lexicon.cjk_words)}
    for name, (text, words) in texts.items():
        spelling.vocabulary(words)  # built once per index build, not per query
        t = time.perf_counter()
        spelling.correct(text[:2000], words)
        out[name] = (time.perf_counter() - t) * 1000
    return out


def _ok(response) -> None:
    assert response.status_code == 200, response.status_code


def after_a_write(work: Path, index_dir: Path, query: str) -> dict[str, float]:
    """A one-document write on a copy of the index, and the next query, which
    derives the new generation's state."""
    from catalog.search import SearchRequest, search, update_documents
    from catalog.search.state import reader_state

    copy = work / "search-index-write-test"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(index_dir, copy)
    search(copy, SearchRequest(text=query))
    doc = json.loads((work / "write-doc.json").read_text("utf-8"), object_hook=_dates)
    out = {}
    t = time.perf_counter()
    update_documents(copy, [doc])
    out["write_ms"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    reader_state(copy)
    out["derive_ms"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    search(copy, SearchRequest(text=query))
    out["after_write_ms"] = (time.perf_counter() - t) * 1000
    shutil.rmtree(copy, ignore_errors=True)
    return out


def _dates(obj: dict) -> dict:
    from datetime import datetime

    if "published" in obj:
        obj["published"] = datetime.fromisoformat(obj["published"])
    return obj


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    worker(Path(args.work), args.repeat)


if __name__ == "__main__":
    main()
