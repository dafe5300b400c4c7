"""The bureau's pipeline pages, CSRF on: filters, counts and contracted
totals; an inquiry's metadata and history without the parties' messages;
forwarding or declining an expression of interest in an anonymous need."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.pipeline import inquiries, interest
from catalog.pipeline.inquiries import InquiryInput, Limits, StepInput
from catalog.pipeline.interest import InterestInput
from tests.inquiry_world import LEAD_EMAILS, signed_in, token
from tests.supply_world import EMAILS, actor_of

OPEN = Limits(daily=10_000, daily_unverified=10_000, hourly_messages=10_000)
PRIVATE = "双方私下商定的价格条款"


@pytest.fixture(scope="module")
def app(make_supply_app):
    return make_supply_app(WTF_CSRF_ENABLED=True)




@pytest.fixture(scope="module")
def deal(supply_db, lead_world):
    """A contracted inquiry of LE with LS, with a private message."""
    with supply_db["sessions"]() as db:
        ent, sup = actor_of(db, LEAD_EMAILS["lead_enterprise"]), actor_of(db, LEAD_EMAILS["lead_supplier"])
        le, ls = lead_world["orgs"]["LE"], lead_world["orgs"]["LS"]
        item = inquiries.create(db, le, InquiryInput(subject="管道测试签约", body="请报价。",
                                                     product_id=lead_world["product"]), ent, OPEN)
        inquiries.post(db, ls, item.id, PRIVATE, sup, OPEN)
        inquiries.move(db, ls, item.id, StepInput("proposal"), sup)
        inquiries.move(db, le, item.id, StepInput("contracted", contract_model="shared_savings",
                                                  contract_value_cny="6000000", expected_saving_tce="2500",
                                                  expected_co2_t="6600"), ent)
        return item.id


@pytest.fixture
def awaiting(supply_db, lead_world):
    """A fresh expression of interest in the anonymous need, lost afterwards."""
    with supply_db["sessions"]() as db:
        item = interest.express(db, lead_world["orgs"]["LS"], lead_world["needs"]["anonymous"], InterestInput(
            "匿名需求合作意向", "我司篦冷机改造案例丰富，可提供效益分享。", lead_world["product"]),
            actor_of(db, LEAD_EMAILS["lead_supplier"]), OPEN)
        number = item.id
    yield number
    with supply_db["sessions"]() as db:
        item = db.get(m.Inquiry, number)
        if item.status not in ("lost", "closed"):
            item.status, item.lost_reason = "lost", "timing"
            db.commit()


def totals(supply_db):
    with supply_db["sessions"]() as db:
        return db.execute(select(func.count(), func.sum(m.Inquiry.contract_value_cny)).where(
            m.Inquiry.status.in_(("contracted", "implemented", "closed")))).one()


def test_the_list_counts_filters_and_totals(app, supply_db, deal):
    bureau = signed_in(app, EMAILS["bureau_admin"])
    html = bureau.get("/bureau/pipeline?lang=zh").get_data(as_text=True)
    count, value = totals(supply_db)
    assert re.search(rf'id="total-deals">{count}<', html)
    assert f'id="total-value">{value:,.0f}<' in html
    assert "供需对接" in html and "管道测试签约" in html and PRIVATE not in html
    with supply_db["sessions"]() as db:
        contracted = db.scalar(select(func.count()).where(m.Inquiry.status == "contracted"))
    assert re.search(rf'data-status="contracted"[^>]*>[^<]*\(<span class="count">{contracted}<', html)
    lost = bureau.get("/bureau/pipeline?status=lost").get_data(as_text=True)
    assert set(re.findall(r'<tr data-status="(\w+)"', lost)) <= {"lost"}
    origin = bureau.get("/bureau/pipeline?origin=supplier").get_data(as_text=True)
    assert set(re.findall(r'data-origin="(\w+)"', origin)) <= {"supplier"}
    cement = bureau.get("/bureau/pipeline?sector=cement").get_data(as_text=True)
    assert "管道测试签约" in cement
    assert "管道测试签约" not in bureau.get("/bureau/pipeline?sector=glass").get_data(as_text=True)
    for bad in ("status=won", "origin=bureau", "sector=moon", "page=abc", "page=0"):
        assert bureau.get(f"/bureau/pipeline?{bad}").status_code == 400, bad
    assert bureau.get("/bureau/pipeline?page=9999").status_code == 200


def test_an_inquiry_shows_metadata_and_history_not_messages(app, deal):
    bureau = signed_in(app, EMAILS["bureau_admin"])
    html = bureau.get(f"/bureau/pipeline/{deal}?lang=zh").get_data(as_text=True)
    assert "LE 公开需求水泥有限公司" in html and "LS 篦冷机供应有限公司" in html
    assert "6,000,000" in html and "已签约" in html and "方案报价" in html
    assert PRIVATE not in html and "请报价" not in html and 'id="interest-text"' not in html
    assert bureau.get("/bureau/pipeline/999999").status_code == 404
    for email in (LEAD_EMAILS["lead_enterprise"], LEAD_EMAILS["lead_supplier"]):
        assert signed_in(app, email).get(f"/bureau/pipeline/{deal}").status_code == 403


def test_the_bureau_forwards_an_expression_of_interest(app, awaiting):
    bureau = signed_in(app, EMAILS["bureau_admin"])
    listing = bureau.get("/bureau/pipeline?lang=zh").get_data(as_text=True)
    queue = listing.split('id="forward-queue"')[1].split("</section>")[0]
    assert f"/bureau/pipeline/{awaiting}" in queue
    url = f"/bureau/pipeline/{awaiting}"
    page = bureau.get(url).get_data(as_text=True)
    assert "我司篦冷机改造案例丰富" in page and 'id="forward-form"' in page
    assert bureau.post(url + "/forward", data={"action": "forward"}).status_code == 400  # no CSRF
    assert bureau.post(url + "/forward", data={"csrf_token": token(bureau, url),
                                               "action": "approve"}).status_code == 400
    assert bureau.post(url + "/forward", data={"csrf_token": token(bureau, url),
                                               "action": "forward"}).status_code == 302
    after = bureau.get(url + "?lang=zh").get_data(as_text=True)
    assert "主管部门已转交" in after and "我司篦冷机改造案例丰富" not in after
    again = bureau.post(url + "/forward", data={"csrf_token": token(bureau, url), "action": "forward"})
    assert again.status_code == 400 and "已不在待转交状态" in again.get_data(as_text=True)


def test_the_bureau_declines_with_a_reason(app, supply_db, awaiting):
    bureau = signed_in(app, EMAILS["bureau_admin"])
    url = f"/bureau/pipeline/{awaiting}"
    empty = bureau.post(url + "/forward?lang=zh", data={"csrf_token": token(bureau, url), "action": "decline",
                                                       "reason": ""})
    assert empty.status_code == 400 and "此项为必填项" in empty.get_data(as_text=True)
    declined = bureau.post(url + "/forward", data={"csrf_token": token(bureau, url), "action": "decline",
                                                   "reason": "与需求无关。"})
    assert declined.status_code == 302
    with supply_db["sessions"]() as db:
        item = db.get(m.Inquiry, awaiting)
        assert (item.status, item.lost_reason, item.forward_status) == ("lost", "not_forwarded",
                                                                        "not_forwarded")
    sup = signed_in(app, LEAD_EMAILS["lead_supplier"])
    assert "与需求无关。" in sup.get(f"/inquiries/{awaiting}").get_data(as_text=True)
    assert signed_in(app, LEAD_EMAILS["anon_enterprise"]).get(f"/inquiries/{awaiting}").status_code == 404
