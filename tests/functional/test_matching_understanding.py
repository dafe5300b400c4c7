"""Issue 14 through the match API: what the need rules out itself (a condition
it states, a technology it declines), entries of another sector, and needs
written only as symptoms reaching the entry that cures them."""
from __future__ import annotations


def match(client, **body):
    resp = client.post("/api/v1/match", json=body)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    found = resp.get_json()
    codes = [m["technology"]["code"] for m in found["matches"]]
    return codes, {e["code"]: e for e in found["excluded"]}, found


def test_conditions_that_rule_out_every_variant_leave_the_entry_out_with_the_reason(client):
    text = ("砖厂的燃煤热风炉在淘汰清单上，必须停用。我们没有天然气管道，厂区变压器也没有余量；"
            "周边竹屑、木屑、秸秆很多。")
    codes, left, _ = match(client, text=text)
    assert codes[0] == "GN-11" and "GN-01" not in codes
    assert left["GN-01"]["reason"] == "not_fit" and "天然气" in left["GN-01"]["reason_zh"]


def test_a_technology_the_need_declines_is_left_out_and_says_why(client):
    text = "熟料线的碳排放六成来自石灰石分解。碳捕集太贵，不考虑。附近化工园区有电石渣。"
    codes, left, _ = match(client, text=text, benchmark_product="cement_clinker")
    assert "CE-11" not in codes and left["CE-11"]["reason"] == "declined"
    assert codes[0] in ("CE-07", "CE-08")


def test_another_sectors_entry_is_left_out_when_the_sector_is_certain(client):
    text = "浮法玻璃厂空压机加卸载频繁，管网漏气，想把喷雾干燥和球磨的电耗也一起降下来"
    codes, left, _ = match(client, text=text, benchmark_product="flat_glass_500_800td")
    assert codes[0] == "GN-08" and not any(c.startswith("CM-") for c in codes)
    assert left["CM-04"]["reason"] == "sector"


def test_a_need_written_only_as_symptoms_reaches_the_control_entry(client):
    text = "电解车间阳极效应频繁，氧化铝浓度控制差，槽况全靠人工经验判断。想从控制上把电压稳住。"
    codes, _left, found = match(client, text=text)
    assert "GN-09" in codes[:3]
    assert found["understood"]["sector"] == "nonferrous"
    apc = next(m for m in found["matches"] if m["technology"]["code"] == "GN-09")
    assert "阳极效应频繁" in apc["reasons_zh"][0] and "problems the need describes" in apc["reasons_en"][0]


def test_a_line_that_states_a_small_plant_does_not_get_the_large_furnace(client):
    codes, left, _ = match(client, text="Small furnaces, 75 t/d container glass, high gas use per tonne.",
                           benchmark_product="flat_glass_500_800td")
    assert "GL-01" not in codes and left["GL-01"]["reason"] == "not_fit"
