"""The enterprise workspace through the test client: facilities and their
diagnosis, needs and matches, marks, comparison, ownership and bad input."""
from __future__ import annotations

import re

import pytest

from tests.conftest import sign_in

CLINKER = {"name": "2# 熟料线", "product_key": "cement_clinker", "capacity": "1600000",
           "annual_output": "1500000", "unit_energy": "112", "coal_price": "900",
           "electricity_price": "0.6", "district_key": "jiangbei"}
NEED = {"title": "篦冷机改造", "description": "篦冷机老化，二次风温偏低，熟料烧成热耗高，希望降低能耗。",
        "stage_key": "clinker_burning", "problem_type": "energy_efficiency", "target_saving_pct": "5",
        "financing": "any", "confidentiality": "public", "action": "open"}


def csrf(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture
def enterprise(make_accounts_app, world):
    client = make_accounts_app().test_client()
    sign_in(client, "admin-a@world.test")
    return client


def new_facility(client, **changes) -> str:
    data = {**CLINKER, **changes, "csrf_token": csrf(client, "/enterprise/facilities/new")}
    resp = client.post("/enterprise/facilities/new", data=data)
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    return resp.headers["Location"]


def test_facility_diagnosis_between_levels(enterprise):
    url = new_facility(enterprise)
    html = enterprise.get(url + "?lang=zh").get_data(as_text=True)
    assert "介于基准与标杆之间" in html and 'id="gap"' in html and "18,000" in html
    assert "<svg" in html and "benchmark-scale" in html


def test_below_baseline_shows_the_deadline(enterprise):
    url = new_facility(enterprise, name="老线", unit_energy="121")
    html = enterprise.get(url + "?lang=zh").get_data(as_text=True)
    assert "低于基准水平" in html and "2025-12-31" in html


def test_unverified_levels_are_said_so(enterprise):
    url = new_facility(enterprise, name="EAF", product_key="eaf_steelmaking_30_50t", unit_energy="80",
                       annual_output="300000")
    html = enterprise.get(url + "?lang=en").get_data(as_text=True)
    assert 'id="levels-unverified"' in html


def test_bad_facility_input_gets_field_messages_and_saves_nothing(enterprise):
    before = enterprise.get("/enterprise/").get_data(as_text=True).count("/enterprise/facilities/")
    data = {**CLINKER, "unit_energy": "abc", "annual_output": "-5", "product_key": "plastics",
            "csrf_token": csrf(enterprise, "/enterprise/facilities/new")}
    resp = enterprise.post("/enterprise/facilities/new?lang=en", data=data)
    assert resp.status_code == 400
    after = enterprise.get("/enterprise/").get_data(as_text=True).count("/enterprise/facilities/")
    assert before == after


def test_need_gets_explained_matches_with_impact(enterprise):
    facility_id = new_facility(enterprise).rsplit("/", 1)[1]
    data = {**NEED, "facility_id": facility_id, "csrf_token": csrf(enterprise, "/enterprise/needs/new")}
    resp = enterprise.post("/enterprise/needs/new", data=data)
    assert resp.status_code == 302
    html = enterprise.get(resp.headers["Location"] + "?lang=zh").get_data(as_text=True)
    codes = re.findall(r'id="match-([A-Z]{2}-\d{2})"', html)
    assert "CE-01" in codes[:3]
    assert "适用于熟料烧成工序" in html and "按该技术的效果模型" in html and "tce" in html
    assert "How this score" not in html and "评分依据" in html or "factors" in html


def test_marks_and_compare(enterprise):
    facility_id = new_facility(enterprise).rsplit("/", 1)[1]
    data = {**NEED, "facility_id": facility_id, "csrf_token": csrf(enterprise, "/enterprise/needs/new")}
    need_url = enterprise.post("/enterprise/needs/new", data=data).headers["Location"]
    token = csrf(enterprise, need_url)
    enterprise.post(need_url + "/marks", data={"csrf_token": token, "code": "CE-04", "mark": "dismissed"})
    html = enterprise.get(need_url).get_data(as_text=True)
    assert 'id="match-CE-04"' not in html
    assert 'id="match-CE-04"' in enterprise.get(need_url + "?show=all").get_data(as_text=True)
    compare = enterprise.get(need_url + "/compare?codes=CE-01&codes=CE-03")
    assert compare.status_code == 200 and 'id="compare"' in compare.get_data(as_text=True)
    assert enterprise.get(need_url + "/compare?codes=CE-01").status_code == 400


def test_status_transitions_follow_the_rules(enterprise):
    data = {**NEED, "action": "draft", "csrf_token": csrf(enterprise, "/enterprise/needs/new")}
    need_url = enterprise.post("/enterprise/needs/new", data=data).headers["Location"]
    token = csrf(enterprise, need_url)
    enterprise.post(need_url + "/status", data={"csrf_token": token, "status": "contracted"})
    assert "草稿" in enterprise.get(need_url + "?lang=zh").get_data(as_text=True)  # refused
    enterprise.post(need_url + "/status", data={"csrf_token": token, "status": "open"})
    assert 'id="need-status">开放' in enterprise.get(need_url + "?lang=zh").get_data(as_text=True)


def test_other_enterprises_cannot_see_or_change_it(enterprise, make_accounts_app):
    facility_url = new_facility(enterprise)
    data = {**NEED, "csrf_token": csrf(enterprise, "/enterprise/needs/new")}
    need_url = enterprise.post("/enterprise/needs/new", data=data).headers["Location"]
    other = make_accounts_app().test_client()
    sign_in(other, "admin-b@world.test")
    assert other.get(facility_url).status_code == 404
    assert other.get(need_url).status_code == 404
    token = csrf(other, "/enterprise/")
    moved = other.post(need_url + "/status", data={"csrf_token": token, "status": "withdrawn"})
    assert moved.status_code == 404
    supplier = make_accounts_app().test_client()
    sign_in(supplier, "admin-s@world.test")
    assert supplier.get("/enterprise/").status_code == 403


def test_diagnose_api(client):
    body = client.post("/api/v1/diagnose", json={"benchmark_product": "cement_clinker",
                                                "unit_energy": 112, "annual_output": 1_500_000}).get_json()
    assert body["status"] == "between" and body["benchmark"] == 100 and body["baseline"] == 117
    assert body["gap_to_benchmark"] == 12 and body["gap_tce"] == pytest.approx(18_000)
    # raw coal: 1.9003 tCO2/t ÷ 0.7143 tce/t (the line's default mix: all coal)
    assert body["gap_tco2"] == pytest.approx(18_000 * 1.9003 / 0.7143)


def test_match_api(client):
    body = client.post("/api/v1/match", json={
        "text": "grate cooler retrofit to cut clinker heat consumption",
        "benchmark_product": "cement_clinker",
        "unit_energy": 112, "annual_output": 1_500_000, "coal_price": 900}).get_json()
    first = body["matches"][0]
    assert first["technology"]["code"] == "CE-01"
    assert {"name", "value", "weight", "contribution"} <= set(first["factors"][0])
    assert first["reasons_zh"] and first["reasons_en"] and first["impact"]["energy_tce"] > 0
    cited = [i for i in first["impact"]["inputs"] if i["origin"] in ("effect", "factor")]
    assert cited and all(i["source"]["title"] for i in cited)
    assert all(i["source"] is None for i in first["impact"]["inputs"] if i["origin"] == "line")


@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "x" * 3000},
                                     {"text": "ok text", "unit_energy": "a"},
                                     {"text": "ok text", "benchmark_product": "plastics"},
                                     {"text": "ok text", "financing": "barter"}])
def test_match_api_field_errors(client, payload):
    resp = client.post("/api/v1/match", json=payload)
    assert resp.status_code == 400 and resp.get_json()["error"]["fields"]


def test_api_rejects_non_json(client):
    assert client.post("/api/v1/diagnose", data="x").status_code == 400
