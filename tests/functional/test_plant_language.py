"""Issue 14 through the API and the need page: what the plant has, the
need's goal and the mechanism, left-out entries with their reasons, honest
short lists."""
from __future__ import annotations

import re

import pytest

from tests.conftest import sign_in
from tests.functional.test_enterprise import CLINKER, csrf


def match(client, **body):
    resp = client.post("/api/v1/match", json=body)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    return resp.get_json()


def test_installed_entries_are_left_out_with_the_reason(client):
    body = match(client, text="熟料烧成热耗高，二次风温低，篦冷机效率差", benchmark_product="cement_clinker",
                 installed=["CE-01"], goal="energy_efficiency")
    assert "CE-01" not in [m["technology"]["code"] for m in body["matches"]]
    left = {e["code"]: e for e in body["excluded"]}
    assert left["CE-01"]["reason"] == "installed"
    assert left["CE-01"]["reason_zh"] and left["CE-01"]["reason_en"]
    assert body["understood"]["installed"] == ["CE-01"]


def test_what_the_text_says_is_done_is_understood(client):
    text = "篦冷机、预热器和余热发电都已经改造过了，熟料热耗已经很低，现在主要想减少石灰石分解的过程排放。"
    body = match(client, text=text,
                 benchmark_product="cement_clinker")
    codes = [m["technology"]["code"] for m in body["matches"]]
    assert "CE-04" not in codes[:5] and "CE-01" not in codes[:5]
    assert {"CE-01", "CE-04"} <= set(body["understood"]["installed_from_text"])
    assert "process_co2" in body["understood"]["goals"]


def test_a_voltage_need_never_gets_the_inert_anode(client):
    body = match(client, text="电解槽槽电压偏高，吨铝交流电耗高，想降低电耗",
                 benchmark_product="aluminium_electrolysis")
    codes = [m["technology"]["code"] for m in body["matches"]]
    assert "NF-03" not in codes
    assert any(e["code"] == "NF-03" and e["reason"] == "goal" for e in body["excluded"])


@pytest.mark.parametrize("payload, field", [({"text": "篦冷机", "installed": ["XX-99"]}, "installed"),
                                            ({"text": "篦冷机", "installed": "CE-01,CE-04"}, "installed"),
                                            ({"text": "篦冷机", "goal": "profit"}, "goal")])
def test_bad_installed_and_goal_are_400s(client, payload, field):
    resp = client.post("/api/v1/match", json=payload)
    assert resp.status_code == 400 and field in resp.get_json()["error"]["fields"]


def test_a_short_list_is_said_and_never_padded(client):
    body = match(client, text="纸面石膏板干燥机排湿热风余热回收")
    assert body["short_list"] is (len(body["matches"]) < 5)
    assert all(m["score"] >= 0.25 for m in body["matches"])


def test_the_need_page_says_what_was_left_out_and_offers_the_bureau(make_accounts_app, world):
    client = make_accounts_app().test_client()
    sign_in(client, "admin-a@world.test")
    data = {**CLINKER, "installed": ["CE-04"], "csrf_token": csrf(client, "/enterprise/facilities/new")}
    line = client.post("/enterprise/facilities/new", data=data).headers["Location"].rsplit("/", 1)[1]
    need = {"title": "窑头余热", "description": "窑头废气温度高，想利用余热发电，回收窑头窑尾的热量。",
            "facility_id": line, "problem_type": "waste_heat", "financing": "any",
            "confidentiality": "public",
            "action": "open", "csrf_token": csrf(client, "/enterprise/needs/new")}
    url = client.post("/enterprise/needs/new", data=need).headers["Location"]
    html = client.get(url + "?lang=zh").get_data(as_text=True)
    assert 'id="match-CE-04"' not in html
    left = html[html.index('id="excluded"'):]
    assert re.search(r'data-code="CE-04".*已安装', left, re.S)
    if 'id="short-list"' in html:
        assert client.post(url + "/coverage", data={"csrf_token": csrf(client, url)}).status_code == 302
        assert 'id="coverage-requested"' in client.get(url).get_data(as_text=True)
