"""What a need's text says beyond relevance: goals, what is already done,
sector, a small budget (the cues of data/catalogue/cues.yaml)."""
from __future__ import annotations

from types import SimpleNamespace

from catalog.enterprise.understanding import goals_of, installed_in_text, sector_of, understand

COOLER = SimpleNamespace(code="CE-01", sector_key="cement", keywords_zh=["篦冷机", "预热器"], keywords_en=[])
WHP = SimpleNamespace(code="CE-04", sector_key="cement", keywords_zh=["余热发电"],
                      keywords_en=["waste heat power"])
GLASS_WHP = SimpleNamespace(code="GL-06", sector_key="glass", keywords_zh=["余热发电"], keywords_en=[])


def test_goals_from_the_text_win_over_the_untouched_form_default():
    assert goals_of("电表一半是估的，数据对不上", "energy_efficiency") == {"measure"}
    assert goals_of("石灰石分解产生的过程排放降不下来", None) == {"process_co2"}
    # a deliberate problem type is kept beside what the text says
    assert goals_of("熟料热耗高", "raw_material") == {"energy", "process_co2"}
    assert goals_of("随便看看", "digital") == {"measure"}
    assert goals_of("We need a product carbon footprint for our customers", None) >= {"measure"}


def test_a_co2_target_is_served_by_energy_fuel_and_process_measures():
    assert goals_of("客户要求吨铝碳排放强度降到4吨以下", None) >= {"energy", "fuel_switch", "process_co2"}


def test_what_the_text_says_is_already_done():
    text = "篦冷机和余热发电去年都已经改造过了，现在想降低石灰石分解的排放。"
    assert installed_in_text(text, [COOLER, WHP, GLASS_WHP], "cement") == {"CE-01", "CE-04"}
    assert installed_in_text("我们还没有做余热发电。", [WHP], "cement") == frozenset()
    assert installed_in_text("Waste heat power is already installed.", [WHP], "cement") == {"CE-04"}


def test_sector_and_a_small_budget():
    assert sector_of("浮法玻璃熔窑燃料消耗高") == "glass"
    assert sector_of("今天天气很好") is None
    u = understand("窑况不稳，今年不搞大的技改项目", None, ("CE-04",), "cement", None, [], "")
    assert u.low_capital and u.installed == {"CE-04"}
    assert understand("节能", None, (), None, 300_000, [], "").low_capital   # a budget under 1 million CNY


def test_the_lines_own_note_counts_as_installed():
    u = understand("熟料热耗高", None, (), "cement", None, [COOLER, WHP], "余热发电；篦冷机")
    assert u.installed == {"CE-01", "CE-04"} and u.installed_from_text == {"CE-01", "CE-04"}


def test_a_condition_the_need_states_of_itself_marks_an_entry_as_not_fitting():
    from catalog.enterprise.understanding import not_fitting

    phrases = ["煤改气：没有天然气管网或气源没保障", "煤改电：配电容量不足"]
    assert not_fitting("我们在山里，没有天然气管道，煤改气没法搞。", phrases) == 0
    # the same words said positively are no condition against it
    assert not_fitting("厂区有天然气管道，气源充足。", phrases) is None
    assert not_fitting("想降低能耗。", phrases) is None


def test_a_word_every_waste_heat_entry_shares_does_not_mark_them_all_installed():
    sinter = SimpleNamespace(code="ST-16", sector_key="steel", keywords_zh=["烧结余热发电", "环冷机余热"],
                             keywords_en=[])
    cdq = SimpleNamespace(code="ST-15", sector_key="steel", keywords_zh=["干熄焦余热发电"], keywords_en=[])
    text = "环冷机余热发电2019年已经投运，运行正常。"
    assert installed_in_text(text, [sinter, cdq], "steel") == {"ST-16"}
