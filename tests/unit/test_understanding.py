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
    from catalog.enterprise.conditions import not_fitting

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


def test_a_co2_target_whose_energy_side_is_done_is_not_an_energy_goal():
    text = "熟料吨排放里六成来自石灰石分解，不是烧煤；节能上抠空间不大。"
    assert goals_of(text, None) == {"process_co2"}
    assert "energy" in goals_of("碳排放强度要降，熟料热耗也偏高", None)


def test_bills_for_peaks_and_wastes_to_place_are_goals_of_their_own():
    assert goals_of("峰谷电价差大，需量电费高", None) >= {"cost"}
    assert goals_of("赤泥堆场库容不到两年，要提高综合利用率", None) >= {"resource"}


def test_the_product_wastes_and_sector_the_text_names():
    from catalog.enterprise.understanding import materials_in, producers, product_of, products_in

    assert product_of("400kA预焙槽系列，槽电压4.12V") == "aluminium_electrolysis"
    assert product_of("秀山电解锰厂，直流电耗高") == "manganese" and product_of("天气很好") is None
    assert products_in("铝电解槽大型化（大型预焙槽）") == {"aluminium_electrolysis"}
    assert materials_in("每年产赤泥约90万吨，还有一些脱硫石膏") == {"red_mud", "fgd_gypsum"}
    assert producers(frozenset({"red_mud"})) == {"nonferrous"} and producers(frozenset({"fly_ash"})) == set()
    # 水泥 bought as an input counts half: a block maker is no cement plant
    assert sector_of("我们做蒸压加气混凝土砌块，外购石灰和水泥") == "wall_materials"


def test_what_the_need_rules_out_itself():
    from catalog.enterprise.understanding import declined_in_text

    ccus = SimpleNamespace(code="CE-11", sector_key="cement", keywords_zh=["碳捕集", "CCUS"], keywords_en=[])
    text = "碳捕集集团算过账，太贵，暂不考虑。想降低石灰石分解排放。"
    assert declined_in_text(text, [ccus, COOLER], "cement") == {"CE-11"}
    assert declined_in_text("我们想做碳捕集示范，窑尾烟气浓度高。", [ccus], "cement") == set()
    assert declined_in_text("不考虑碳捕集。", [ccus], "cement") == {"CE-11"}
    assert declined_in_text("不想上大项目，能不能先把碳捕集的数据算清楚", [ccus], "cement") == set()


def test_a_small_budget_is_no_bar_when_a_third_party_invests():
    text = "资金比较紧，今年没有技改预算，希望节能服务公司来投资改造"
    u = understand(text, None, (), "ceramics", None, [], "")
    assert u.low_capital and u.third_party
    assert not understand("熟料热耗高", None, (), "cement", None, [], "").third_party


def test_english_and_variant_spellings_of_what_is_done():
    green = SimpleNamespace(code="GN-02", sector_key="cross_cutting", keywords_zh=["绿电"],
                            keywords_en=["green power trading"])
    cathode = SimpleNamespace(code="NF-01", sector_key="nonferrous", keywords_zh=["异型阴极"], keywords_en=[])
    text = "Power is already covered by a green-power contract."
    assert installed_in_text(text, [green], None) == {"GN-02"}
    from catalog.enterprise.understanding import normalised

    assert installed_in_text(normalised("去年大修已经全部换成异形阴极。"), [cathode], None) == {"NF-01"}


def test_an_english_keyword_is_said_in_any_order_and_form():
    """"The scrap yard already sorts and shears everything" says the scrap
    entry's "scrap sorting"; one shared word ("scrap") alone names nothing."""
    scrap = SimpleNamespace(code="ST-02", sector_key="steel", keywords_zh=["废钢加工"],
                            keywords_en=["scrap sorting", "scrap processing"])
    eaf = SimpleNamespace(code="ST-01", sector_key="steel", keywords_zh=["电弧炉"],
                          keywords_en=["scrap preheating", "electric arc furnace"])
    text = "No scrap preheating yet. Our scrap yard already sorts and shears everything."
    assert installed_in_text(text, [scrap, eaf], "steel") == {"ST-02"}
    assert installed_in_text("The scrap yard is already paved.", [scrap, eaf], "steel") == frozenset()
