"""Plant language against problem knowledge (issue 14): the words a need says
of an entry's problems, and the conditions it states under which an entry does
not fit."""
from __future__ import annotations

from catalog.enterprise import symptoms
from catalog.enterprise.conditions import scope_of, unfit_conditions
from catalog.enterprise.understanding import normalised, plain_words

KB = symptoms.knowledge([
    ("COOLER", ["二次风温低", "篦冷机红河", "熟料热耗高", "red river in the cooler"]),
    ("MOTOR", ["风机挡板节流", "电费高", "compressed-air leaks"]),
    ("APC", ["游离钙忽高忽低", "电费高"]),
])


def weight(text: str, code: str) -> float:
    return symptoms.matches(symptoms.said(text), code, KB)[0]


def test_a_symptom_said_in_other_words_finds_its_entry():
    text = "我们2500t/d线二次风温只有950℃，红河一直冲到二段，篦冷机出来的熟料烫手"
    assert weight(text, "COOLER") > 0 and weight(text, "MOTOR") == 0
    said = symptoms.matches(symptoms.said(text), "COOLER", KB)[1]
    assert "二次风温低" in said and "篦冷机红河" in said
    assert weight("There is a red river running down the cooler", "COOLER") > 0
    assert weight("We lose a lot through compressed air leaks", "MOTOR") > 0


def test_a_rare_symptom_weighs_more_than_a_common_complaint():
    # 电费高 is said of two entries, 游离钙 of one: the specific symptom decides
    assert weight("游离钙忽高忽低，电费也高", "APC") > weight("游离钙忽高忽低，电费也高", "MOTOR")


def test_one_word_of_a_longer_phrase_is_not_enough():
    assert symptoms.units("风机挡板节流") == ("风机", "挡板", "节流")
    assert weight("风机", "MOTOR") == 0 and weight("风机挡板常年节流", "MOTOR") > 0


def test_colloquial_words_gain_the_plain_ones_and_variants_the_catalogues_spelling():
    assert "温度高" in plain_words("窑墙外壁烫手") and plain_words("窑况稳定") == "窑况稳定"
    assert normalised("去年换成了异形阴极") == "去年换成了异型阴极"


PHRASES = ["煤改气：没有天然气管网或气源没保障", "煤改电：配电容量不足", "小型熔窑", "small furnaces",
           "no gas pipeline"]


def test_conditions_the_need_states_of_itself():
    assert unfit_conditions("我们在山里，没有天然气管道，煤改气没法搞。", PHRASES) == [0]
    assert unfit_conditions("园区天然气管道已经通到厂门口。", PHRASES) == []     # said positively
    assert unfit_conditions("Small furnace, 75 t/d, cullet 50 %.", PHRASES) == [3]
    assert unfit_conditions("The gas pipeline was extended last year.", PHRASES) == []
    assert unfit_conditions("We have no gas pipeline up here.", PHRASES) == [4]
    # a positive Chinese condition needs most of its character pairs in one clause
    assert unfit_conditions("熔窑规模大", PHRASES) == []


def test_a_condition_may_concern_one_variant_of_the_entry():
    assert scope_of("煤改气：没有天然气管网") == "煤改气"
    assert scope_of("供电容量不足（电助熔）") == "电助熔"
    assert scope_of("not enough power supply (electric boosting)") == "electric boosting"
    assert scope_of("没有天然气管网") is None
