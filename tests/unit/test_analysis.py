"""The tokenizer: domain words stay whole, positions are sequential, English is stemmed."""
from __future__ import annotations

from catalog.search.analysis import MixedTokenizer, terms


def test_domain_words_stay_whole_in_queries():
    for word in ["篦冷机", "辊压机", "惰性阳极", "干熄焦", "全氧燃烧", "碳中和", "碳捕集"]:
        assert terms(word) == [word], word


def test_index_mode_adds_dictionary_subwords_at_the_same_position():
    tokens = [(t.text, t.pos) for t in MixedTokenizer()("纯低温余热发电", positions=True, mode="index")]
    positions = {text: pos for text, pos in tokens}
    assert positions["余热发电"] == positions["纯低温余热发电"] == 0


def test_positions_are_token_numbers_not_character_offsets():
    tokens = [(t.text, t.pos) for t in MixedTokenizer()("储能电池 carbon capture", positions=True)]
    assert [p for _t, p in tokens] == list(range(len(tokens)))


def test_english_is_lowercased_and_stemmed_abbreviations_kept():
    assert terms("Grate Coolers") == ["grate", "cooler"]
    assert terms("TRT CDQ EAF RDF CCUS Low-E") == ["trt", "cdq", "eaf", "rdf", "ccus", "low-e"]


def test_junk_yields_no_terms_rather_than_an_error():
    assert terms("\"(AND OR NOT * : 🔥)\"") == ["and", "not"] or terms("*:()🔥") == []
    assert terms("") == []
