"""Inquiries through the pages, CSRF on: the enterprise starts one from a
match, the supplier replies and proposes, the enterprise signs; other
organisations get 404; limits answer 429 in the user's language."""
from __future__ import annotations

import re

import pytest

from tests.conftest import sign_in
from tests.inquiry_world import UNVERIFIED
from tests.supply_world import EMAILS


@pytest.fixture(scope="module")
def csrf_app(make_supply_app):
    return make_supply_app(WTF_CSRF_ENABLED=True, INQUIRY_DAILY_LIMIT=10_000, MESSAGE_HOURLY_LIMIT=10_000)


def signed_in(app, email):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def token(client, url):
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def fresh_need(client) -> str:
    """A new open need of the signed-in enterprise: one open inquiry per need and
    offer is allowed (issue 20), so each test starts its own conversation."""
    response = client.post("/enterprise/needs/new", data={
        "csrf_token": token(client, "/enterprise/needs/new"), "title": "篦冷机节能改造（对接测试）",
        "description": "篦冷机老化，热回收效率低。", "problem_type": "energy_efficiency", "financing": "any",
        "confidentiality": "public", "action": "open"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[1]


def start(client, world, body="请介绍贵公司的方案。<script>alert(1)</script>"):
    need = fresh_need(client)
    url = f"/inquiries/new?offer_id={world['offer']}&need_id={need}&technology_code=CE-01"
    response = client.post("/inquiries/new", data={
        "csrf_token": token(client, url), "subject": "篦冷机改造咨询", "body": body,
        "offer_id": world["offer"], "need_id": need, "technology_code": "CE-01"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def step(client, thread, **data):
    return client.post(thread + "/step", data={"csrf_token": token(client, thread), **data})


def test_the_need_page_links_each_offer_supplier_to_a_new_inquiry(csrf_app, inquiry_world):
    client = signed_in(csrf_app, EMAILS["enterprise_admin"])
    html = client.get(f"/enterprise/needs/{inquiry_world['need']}?lang=zh").get_data(as_text=True)
    # one link per supplier (its first fitting offer; other tests may have published more on this
    # shared database, so the world's own offer is not necessarily the one linked)
    assert "发起对接 · V 节能科技有限公司" in html and "发起对接 · O 节能科技有限公司" in html
    need = fresh_need(client)  # one open inquiry per need and offer: ask about a need of its own
    form = client.get(f"/inquiries/new?offer_id={inquiry_world['offer']}&need_id={need}&lang=zh")
    form = form.get_data(as_text=True)
    assert "对接测试效益分享" in form


def test_product_page_link_only_for_enterprise_users(csrf_app, inquiry_world):
    url = f"/products/{inquiry_world['product']}"
    assert "inquire" not in csrf_app.test_client().get(url).get_data(as_text=True)
    assert "inquire" not in signed_in(csrf_app, EMAILS["supplier_admin"]).get(url).get_data(as_text=True)
    assert "inquire" in signed_in(csrf_app, EMAILS["enterprise_admin"]).get(url).get_data(as_text=True)


def test_both_sides_move_the_pipeline_through_the_pages(csrf_app, inquiry_world):
    ent = signed_in(csrf_app, EMAILS["enterprise_admin"])
    missing_token = ent.post("/inquiries/new", data={"subject": "无令牌", "body": "无令牌",
                                                     "offer_id": inquiry_world["offer"]})
    assert missing_token.status_code == 400
    thread = start(ent, inquiry_world)
    page = ent.get(thread).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    sup = signed_in(csrf_app, EMAILS["supplier_member"])
    assert thread.rsplit("/", 1)[1] in sup.get("/inquiries/?status=sent").get_data(as_text=True)
    wrong = step(ent, thread, target="proposal")
    assert wrong.status_code == 400
    sup.post(thread + "/messages", data={"csrf_token": token(sup, thread), "body": "可以，下周踏勘。"})
    assert step(sup, thread, target="site_survey").status_code == 302
    assert step(sup, thread, target="proposal").status_code == 302
    refused = step(sup, thread, target="contracted", contract_model="self_funded",
                   contract_value_cny="1", expected_saving_tce="1", expected_co2_t="1")
    assert refused.status_code == 400 and "另一方" in refused.get_data(as_text=True)
    bad = step(ent, thread, target="contracted", contract_model="self_funded", contract_value_cny="abc")
    assert bad.status_code == 400
    signed = step(ent, thread, target="contracted", contract_model="shared_savings",
                  contract_value_cny="8000000", expected_saving_tce="3200", expected_co2_t="8400")
    assert signed.status_code == 302
    for client in (ent, sup):
        html = client.get(thread + "?lang=zh").get_data(as_text=True)
        assert re.search(r'aria-current="step">已签约<', html) and "8,000,000" in html and "3200" in html
        assert html.count("<li>") >= 4  # sent, replied, site survey, proposal, contracted in the history


def test_other_organisations_get_404(csrf_app, inquiry_world):
    thread = start(signed_in(csrf_app, EMAILS["enterprise_admin"]), inquiry_world)
    for email in (EMAILS["other_admin"], EMAILS["pending_admin"], UNVERIFIED):
        client = signed_in(csrf_app, email)
        assert client.get(thread).status_code == 404
        own = token(client, "/inquiries/")
        assert client.post(thread + "/messages", data={"csrf_token": own, "body": "偷看"}).status_code == 404
        assert client.post(thread + "/step", data={"csrf_token": own, "target": "lost",
                                                   "lost_reason": "other"}).status_code == 404
    stranger = signed_in(csrf_app, UNVERIFIED)
    assert stranger.get(f"/inquiries/new?offer_id={inquiry_world['offer']}"
                        f"&need_id={inquiry_world['need']}").status_code == 404


def test_limits_answer_429_in_the_users_language(make_supply_app, inquiry_world):
    app = make_supply_app(WTF_CSRF_ENABLED=False, INQUIRY_DAILY_LIMIT=0)
    client = signed_in(app, EMAILS["enterprise_admin"])
    response = client.post("/inquiries/new?lang=zh", data={
        "subject": "限额测试", "body": "限额测试", "offer_id": inquiry_world["offer"]})
    assert response.status_code == 429 and "已达上限" in response.get_data(as_text=True)


def test_follow_up_due_is_listed_and_answered(csrf_app, supply_db, inquiry_world):
    from datetime import date, timedelta

    from catalog import models as m

    ent = signed_in(csrf_app, EMAILS["enterprise_admin"])
    thread = start(ent, inquiry_world, body="回访测试")
    with supply_db["sessions"]() as db:
        item = db.get(m.Inquiry, int(thread.rsplit("/", 1)[1]))
        item.status, item.follow_up_due = "implemented", date.today() - timedelta(days=1)
        db.commit()
    assert thread.rsplit("/", 1)[1] + "#follow-up" in ent.get("/enterprise/").get_data(as_text=True)
    sup = signed_in(csrf_app, EMAILS["supplier_admin"])
    assert sup.post(thread + "/follow-up", data={"csrf_token": token(sup, thread)}).status_code == 403
    answered = ent.post(thread + "/follow-up", data={"csrf_token": token(ent, thread), "satisfaction": "5",
                                                     "achieved_saving_tce": "3100", "comment": "效果良好"})
    assert answered.status_code == 302
    assert 'id="follow-up-answer"' in ent.get(thread).get_data(as_text=True)
    assert thread.rsplit("/", 1)[1] + "#follow-up" not in ent.get("/enterprise/").get_data(as_text=True)



