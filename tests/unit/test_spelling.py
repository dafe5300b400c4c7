"""Did-you-mean on a small hand-made vocabulary: what it corrects, what it
leaves alone, and that a long text is only checked up to its bounds."""
from __future__ import annotations

from catalog.search import spelling
from catalog.search.lexicon import Lexicon


def lexicon(cjk: dict[str, int] | None = None, latin: dict[str, int] | None = None) -> Lexicon:
    return Lexicon(cjk_words=cjk or {}, latin_words=latin or {})


LATIN = lexicon(latin={"grate": 3, "cooler": 5, "collar": 1, "kiln": 9, "cement": 9, "anode": 2})
CJK = lexicon(cjk={"篦冷机": 4, "余热": 9, "余热发电": 6, "惰性阳极": 2, "预热器": 9})


def test_a_latin_word_one_or_two_edits_away_is_replaced():
    assert spelling.correct("grate coller", LATIN) == "grate cooler"
    assert spelling.correct("kiln cemnet", LATIN) == "kiln cement"  # a swap counts as one edit


def test_fewer_edits_win_then_the_more_used_word():
    words = lexicon(latin={"colder": 1, "cooler": 7, "coller": 0, "collie": 9})
    assert spelling.correct("colle", words) == "collie"             # one edit from coller and collie
    assert spelling.correct("coolerr", LATIN) == "cooler"
    assert spelling.correct("cooller", words) == "cooler"            # one edit from cooler and coller
    assert spelling.correct("cxller", lexicon(latin={"coller": 1, "caller": 4})) == "caller"


def test_known_short_and_stemmed_words_are_left_alone():
    assert spelling.correct("grate cooler", LATIN) is None
    assert spelling.correct("kil", LATIN) is None             # under four letters
    assert spelling.correct("coolers", LATIN) is None         # its stem is known
    assert spelling.correct("TRT-2 CDQ", LATIN) is None


def test_a_chinese_slip_is_replaced_by_the_longer_word():
    assert spelling.correct("蓖冷机", CJK) == "篦冷机"
    assert spelling.correct("余热发点 水泥", CJK) == "余热发电 水泥"   # beats the known 余热
    assert spelling.correct("惰性阳级", CJK) == "惰性阳极"


def test_a_word_jieba_knows_is_not_a_slip():
    # 预热预 is the start of 预热预分解 in jieba's dictionary: typed on purpose
    assert spelling.correct("预热预分解", CJK) is None


def test_two_character_words_are_never_corrected():
    assert spelling.correct("余然", CJK) is None


def test_a_long_text_is_checked_only_up_to_its_bounds():
    typed = " ".join(["coller"] * 30)
    fixed = spelling.correct(typed, LATIN).split()
    assert fixed.count("cooler") == spelling.MAX_LATIN_WORDS
    assert fixed.count("coller") == 30 - spelling.MAX_LATIN_WORDS
    chinese = "蓖冷机" * 40
    fixed_words = spelling.MAX_CJK_CHARS // 3
    assert spelling.correct(chinese, CJK) == "篦冷机" * fixed_words + chinese[3 * fixed_words:]


def test_an_empty_vocabulary_suggests_nothing():
    assert spelling.correct("grate coller", lexicon()) is None
