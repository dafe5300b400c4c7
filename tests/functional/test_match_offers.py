"""A published EMC offer reaches the matches: financing fit, the offer and its
cash flow beside self-funding, in the API and on the enterprise's need page.
The project is the capex of the match (here the enterprise's own quote),
never the need's budget."""
from __future__ import annotations

import pytest

from catalog.supply import offers
from tests.supply_world import EMAILS, actor_of, offer_input


@pytest.fixture(scope="module")
def published_offer(supply_db, supply_world):
    with supply_db["sessions"]() as db:
        actor = actor_of(db, EMAILS["supplier_admin"])
        offer = offers.create(db, actor, supply_world["orgs"]["V"],
                              offer_input(title="篦冷机改造效益分享（撮合测试）"))
        offers.publish(db, actor, supply_world["orgs"]["V"], offer.id)
        return offer.id


def test_api_match_carries_the_offer_and_its_cash_flow(supply_app, published_offer):
    body = supply_app.test_client().post("/api/v1/match", json={
        "text": "篦冷机改造，降低熟料烧成热耗", "benchmark_product": "cement_clinker", "unit_energy": 112,
        "annual_output": 1_500_000, "coal_price": 900, "budget_cny": 30_000_000,
        "quotes": {"CE-01": 8_000_000}, "financing": "shared_savings"}).get_json()
    ce01 = next(m for m in body["matches"] if m["technology"]["code"] == "CE-01")
    assert ce01["impact"]["capex_cny"] == 8_000_000 and ce01["impact"]["capex_basis"]["kind"] == "quote"
    # payback = capex ÷ yearly saving (no O&M stated for this entry)
    assert ce01["impact"]["payback_years"] == pytest.approx(8_000_000 / ce01["impact"]["cost_cny"])
    offer = next(o for o in ce01["offers"] if o["id"] == published_offer)
    assert offer["model"] == "shared_savings" and offer["capex_cny"] == 8_000_000
    years = offer["cash_flow"]["years"]
    # year 0 and the horizon: CE-01 cites no service life, so the statutory 10 years (≥ the 5-year term)
    assert ce01["impact"]["service_life_years"] == 10 and offer["horizon_years"] == 10
    assert len(years) == 11 and years[0]["esco"] == -8_000_000   # year 0: the ESCO invests all
    assert years[1]["enterprise"] == pytest.approx(years[1]["saving"] * 0.2)  # 20 % share in year 1
    totals = offer["cash_flow"]["totals"]
    assert totals["enterprise"] + totals["esco"] == pytest.approx(totals["saving"] - 8_000_000)
    financing = next(f for f in ce01["factors"] if f["name"] == "financing")
    assert financing["value"] == 1.0
    assert any("合同能源管理" in r for r in ce01["reasons_zh"])


def test_offer_shows_on_the_enterprise_need_page(make_supply_app, supply_world, published_offer):
    from tests.conftest import sign_in

    client = make_supply_app(WTF_CSRF_ENABLED=False).test_client()
    sign_in(client, EMAILS["enterprise_admin"])
    line = client.post("/enterprise/facilities/new", data={
        "name": "撮合测试线", "product_key": "cement_clinker", "annual_output": "1500000",
        "unit_energy": "112", "coal_price": "900"})
    facility_id = line.headers["Location"].rsplit("/", 1)[1]
    need = client.post("/enterprise/needs/new", data={
        "title": "篦冷机改造", "description": "篦冷机老化，希望采用合同能源管理方式改造。",
        "facility_id": facility_id,
        "stage_key": "clinker_burning", "problem_type": "energy_efficiency", "financing": "any_emc",
        "budget_cny": "8000000", "confidentiality": "public", "action": "open"})
    need_url = need.headers["Location"]
    html = client.get(need_url + "?lang=zh").get_data(as_text=True)
    assert f'data-offer="{published_offer}"' in html
    client.post(need_url + "/quotes", data={"code": "CE-01", "capex_wan": "800"})
    html = client.get(need_url + "?lang=zh").get_data(as_text=True)
    assert "cash-flow" in html and "800 万元" in html
