"""The first hour on the demo world, continued (issue 20): one conversation per
need and offer (defect 7), confirmations and one notice per event (8), the
bureau told of registrations (9), forms that start where the user is (10)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.conftest import valid_uscc
from tests.demo_app import demo_app, id_of, m, query, signed_in, token


@pytest.fixture(scope="module")
def app(make_database, tmp_path_factory):
    app, _output = demo_app(make_database, tmp_path_factory, "first-hour-deals",
                            INQUIRY_DAILY_LIMIT=10_000, MESSAGE_HOURLY_LIMIT=10_000)
    yield app
    app.extensions["db_engine"].dispose()


def count(app, model, *where) -> int:
    return query(app, select(func.count()).select_from(model).where(*where))[0][0]


def users_of(app, org_name: str) -> list[int]:
    org = id_of(app, m.Organisation, name=org_name)
    return [row[0] for row in query(app, select(m.User.id).where(m.User.organisation_id == org))]


def test_a_second_inquiry_for_the_same_need_and_offer_leads_to_the_first(app):
    """Defect 7: sending twice made a second inquiry, and the card still said 发起对接."""
    need = id_of(app, m.Need, title="浮法熔窑全氧燃烧改造")
    offer = id_of(app, m.EmcOffer, title="熔窑全氧燃烧融资租赁（示例）")
    first = id_of(app, m.Inquiry, subject="全氧燃烧融资租赁方案")
    client = signed_in(app, "glass@demo.example")
    before = count(app, m.Inquiry)
    url = f"/inquiries/new?need_id={need}&offer_id={offer}&technology_code=GL-04"
    opened = client.get(url)
    assert opened.status_code == 302 and opened.headers["Location"] == f"/inquiries/{first}"
    again = client.post("/inquiries/new", data={
        "csrf_token": token(client, f"/inquiries/{first}"), "subject": "再次询问全氧燃烧方案",
        "body": "请再介绍一次方案。", "need_id": need, "offer_id": offer})
    assert again.status_code == 302 and again.headers["Location"] == f"/inquiries/{first}"
    assert count(app, m.Inquiry) == before
    assert "尚未结束" in client.get(f"/inquiries/{first}?lang=zh").get_data(as_text=True)
    card = client.get(f"/enterprise/needs/{need}?lang=zh").get_data(as_text=True)
    assert f'href="/inquiries/{first}"' in card and "对接进行中，继续沟通" in card
    assert f"offer_id={offer}" not in card  # no second "start an inquiry" for that offer


def test_sending_posting_and_moving_are_confirmed(app):
    """Defect 8 (first half): no confirmation after an inquiry, a message or a step."""
    ent = signed_in(app, "aluminium@demo.example")
    product = id_of(app, m.Product, name_zh="玻璃熔窑全保温与高辐射涂料改造")
    url = f"/inquiries/new?product_id={product}"
    sent = ent.post("/inquiries/new", data={
        "csrf_token": token(ent, url), "subject": "熔窑保温咨询（确认测试）", "body": "请介绍保温改造。",
        "product_id": product})
    assert sent.status_code == 302
    thread = sent.headers["Location"]
    assert "对接请求已发送" in ent.get(thread + "?lang=zh").get_data(as_text=True)
    sup = signed_in(app, "kiln@demo.example")
    posted = sup.post(thread + "/messages", data={"csrf_token": token(sup, thread),
                                                  "body": "可以，下周联系。"})
    assert posted.status_code == 302 and "留言已发送" in sup.get(thread + "?lang=zh").get_data(as_text=True)
    moved = sup.post(thread + "/step", data={"csrf_token": token(sup, thread), "target": "site_survey"})
    assert moved.status_code == 302
    assert "对接进展已更新为“现场踏勘”" in sup.get(thread + "?lang=zh").get_data(as_text=True)


def test_a_supplier_reply_gives_the_enterprise_one_notice_and_one_email(app):
    """Defect 8 (second half): a first reply sent two e-mails and two notifications."""
    inquiry = id_of(app, m.Inquiry, subject="轧钢车间风机变频改造咨询")  # the demo's one still "sent"
    steel = users_of(app, "示例·江津滨江特钢有限公司")
    notes = count(app, m.Notification, m.Notification.user_id.in_(steel))
    mails = count(app, m.OutboxMessage, m.OutboxMessage.to_addr == "steel@demo.example")
    sup = signed_in(app, "esco.sales@demo.example")
    thread = f"/inquiries/{inquiry}"
    assert sup.post(thread + "/messages", data={"csrf_token": token(sup, thread),
                                                "body": "您好，可安排技术交流。"}).status_code == 302
    assert query(app, select(m.Inquiry.status).where(m.Inquiry.id == inquiry))[0][0] == "replied"
    assert count(app, m.Notification, m.Notification.user_id.in_(steel)) == notes + len(steel)
    assert count(app, m.OutboxMessage, m.OutboxMessage.to_addr == "steel@demo.example") == mails + 1


def test_the_bureau_is_told_of_a_registration_awaiting_verification(app):
    """Defect 9: nobody told the bureau of new registrations."""
    bureau = users_of(app, "重庆市经济和信息化委员会")
    client = app.test_client()
    form = client.get("/register").get_data(as_text=True)
    version = re.search(r'name="privacy_version"[^>]*value="([^"]*)"', form)
    registered = client.post("/register", data={
        "csrf_token": token(client, "/register"), "kind": "supplier",
        "org_name": "渝北新注册节能科技有限公司", "privacy": "y",
        "privacy_version": version.group(1) if version else "",
        "uscc": valid_uscc("91500112MA5UQWXY1"), "district": "yubei", "sectors": ["cement"],
        "contact_name": "周工",
        "mobile": "13912345600", "email": "new-esco@example.cn", "password": "Lvse-ditan-2026!",
        "confirm": "Lvse-ditan-2026!"})
    assert registered.status_code == 302, registered.get_data(as_text=True)
    body = query(app, select(m.OutboxMessage.body).where(m.OutboxMessage.to_addr == "new-esco@example.cn"))
    link = re.search(r"https?://[^\s]+/register/confirm/[^\s]+", body[-1][0]).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path, data={"csrf_token": token(client, "/" + path)})
    assert confirmed.status_code == 302
    org = id_of(app, m.Organisation, name="渝北新注册节能科技有限公司")
    told = query(app, select(m.Notification.user_id, m.Notification.link).where(
        m.Notification.kind == "registration_pending"))
    assert {user for user, _link in told} == set(bureau)
    assert {link for _user, link in told} == {f"/bureau/organisations/{org}"}
    page = signed_in(app, "bureau@demo.example").get("/notifications/?lang=zh").get_data(as_text=True)
    assert "新注册单位「渝北新注册节能科技有限公司」" in page and "待核验" in page


def selected(html: str, name: str) -> str | None:
    select_html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    chosen = re.search(r'<option[^>]*selected[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"[^>]*selected',
                       select_html)
    return (chosen.group(1) or chosen.group(2)) if chosen else None


def test_forms_start_from_the_line_and_the_enterprise(app):
    """Defect 10: 发布需求 from a line page left line and stage empty; the line form
    offered 炼铁 and no district to a cement enterprise; the supplier home asked
    users to edit a URL."""
    cement = signed_in(app, "cement@demo.example")
    line = id_of(app, m.Facility, name="2号熟料线（5000 t/d）")
    assert f"/enterprise/needs/new?facility={line}" in cement.get(f"/enterprise/facilities/{line}").get_data(
        as_text=True)
    need_form = cement.get(f"/enterprise/needs/new?facility={line}").get_data(as_text=True)
    assert selected(need_form, "facility_id") == str(line)
    assert selected(need_form, "stage_key") == "clinker_burning"
    line_form = cement.get("/enterprise/facilities/new").get_data(as_text=True)
    assert selected(line_form, "product_key") == "cement_clinker"
    assert selected(line_form, "district_key") == "fuling"
    other = id_of(app, m.Facility, name="1号浮法线（600 t/d）")  # another enterprise's: nothing filled in
    assert selected(cement.get(f"/enterprise/needs/new?facility={other}").get_data(as_text=True),
                    "facility_id") in (None, "")
    home = signed_in(app, "esco@demo.example").get("/supplier/?lang=zh").get_data(as_text=True)
    assert "?technology=" not in home and "技术编号" not in home
    change = signed_in(app, "kiln@demo.example").get("/supplier/submissions/new?technology=CE-01")
    assert change.status_code == 302 and "/edit" in change.headers["Location"]
    assert 'name="technology"' in home and 'class="row g-2 align-items-end small mb-2 propose-change"' in home
