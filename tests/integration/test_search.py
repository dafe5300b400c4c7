"""The search engine over the seeded catalogue: what users type finds the right entry first."""
from __future__ import annotations

import pytest

from catalog import search
from catalog.errors import InvalidInput
from catalog.search import SearchRequest, engine

EXPECTED_FIRST = {
    "篦冷机": "CE-01", "grate cooler": "CE-01", "TRT": "ST-14", "干熄焦": "ST-15",
    "CDQ": "ST-15", "惰性阳极": "NF-03", "inert anode": "NF-03", "spent pot lining": "NF-04",
    "coke dry quenching": "ST-15", "余热发电 水泥": "CE-04",
}


def run(seeded, text="", **kw) -> search.SearchResult:
    return search.search(seeded["index_dir"], SearchRequest(text=text, **kw))


def codes(result) -> list[str]:
    return [h.code for h in result.hits]


@pytest.mark.parametrize("text,code", EXPECTED_FIRST.items())
def test_known_queries_rank_the_right_entry_first(seeded, text, code):
    assert codes(run(seeded, text))[:1] == [code]


def test_english_finds_chinese_only_words_through_the_glossary(seeded):
    # 干熄焦's entry is found from English, and the English snippet marks the words
    result = run(seeded, "coke dry quenching", lang="en")
    assert "<mark>" in result.hits[0].snippet


def test_chinese_query_highlights_in_the_readers_language(seeded):
    hit = run(seeded, "篦冷机", lang="zh").hits[0]
    assert "<mark>" in hit.snippet and "篦冷机" in hit.snippet


@pytest.mark.parametrize("typo,fixed,code", [("蓖冷机", "篦冷机", "CE-01"), ("惰性阳级", "惰性阳极", "NF-03"),
                                             ("grate coller", "grate cooler", "CE-01")])
def test_typos_are_corrected_and_suggested(seeded, typo, fixed, code):
    result = run(seeded, typo)
    assert result.suggestion == fixed and result.corrected and codes(result)[0] == code


def test_a_correct_query_gets_no_suggestion(seeded):
    assert run(seeded, "篦冷机").suggestion is None


def test_a_query_that_finds_plenty_is_not_corrected(seeded):
    # "burner" is one edit from a vocabulary word (burden), but it finds many entries
    # with every word: did-you-mean does not even run
    assert search.did_you_mean(seeded["index_dir"], "burner") not in (None, "burner")
    result = run(seeded, "burner")
    assert result.total >= engine.FEW_HITS and not result.partial and result.suggestion is None


def test_all_words_are_required_for_two_word_queries(seeded):
    result = run(seeded, "余热发电 水泥", per_page=50)
    assert not result.partial and "ST-14" not in codes(result)


def test_long_queries_match_most_words_and_say_so(seeded):
    result = run(seeded, "how to cut fan power in cement kiln")
    assert result.partial and "CE-01" in codes(result)[:3]


def test_facets_count_the_results_and_filters_narrow_them(seeded):
    everything = run(seeded, "余热")
    cement = run(seeded, "余热", filters={"sector": "cement"})
    assert cement.total == everything.facets["sector"]["cement"]
    assert all(h.sector == "cement" for h in cement.hits)
    # the sector facet still shows the other sectors' counts while filtered
    assert cement.facets["sector"] == everything.facets["sector"]


def test_empty_query_lists_everything_and_sorts(seeded):
    newest = run(seeded, sort="newest", per_page=75)
    assert newest.total == 75
    saving = run(seeded, sort="saving", per_page=5)
    assert saving.hits and saving.total == 75


def test_pagination_has_no_overlap(seeded):
    first, second = run(seeded, "水泥", page=1, per_page=5), run(seeded, "水泥", page=2, per_page=5)
    assert first.total == second.total and not set(codes(first)) & set(codes(second))


@pytest.mark.parametrize("text", ['"', "(((", "AND OR NOT", "*", "a:b", "🔥🔥", "x" * 2000,
                                  "篦冷机 OR \"grate", "\x00", "<script>alert(1)</script>", "SELECT * FROM"])
def test_any_input_is_answered(seeded, text):
    result = run(seeded, text)
    assert isinstance(result.total, int)
    assert all("<script>" not in h.snippet for h in result.hits)


@pytest.mark.parametrize("kw", [{"sort": "price"}, {"filters": {"doc_type": "need"}},
                                {"filters": {"colour": "red"}}])
def test_unknown_parameters_are_domain_errors(seeded, kw):
    with pytest.raises(InvalidInput):
        run(seeded, "水泥", **kw)


def test_check_reports_drift_and_rebuild_repairs_it(seeded, db, tmp_path):
    if search.backend_name(seeded["index_dir"]) == "postgresql":
        pytest.skip("Whoosh's folder; PostgreSQL: test_search_postgres.py")
    index_dir = tmp_path / "idx"
    assert not search.check(db, index_dir).clean  # no index yet: everything missing
    search.rebuild(db, index_dir)
    assert search.check(db, index_dir).clean
    search.update_documents(index_dir, [], remove_ids=["technology:CE-01"])
    drift = search.check(db, index_dir)
    assert drift.missing == ["technology:CE-01"] and not drift.stale and not drift.extra


def test_missing_index_means_no_hits(tmp_path):
    assert search.search(tmp_path / "none", SearchRequest(text="篦冷机")).total == 0
    assert search.document_count(tmp_path / "none") == 0
