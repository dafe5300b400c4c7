"""Leads, expressions of interest and message files through the pages and
the API, CSRF on: the supplier's pages never name an anonymous enterprise
before it accepts; files go with their message or not at all and are read
only by the two parties."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from catalog import models as m
from tests.inquiry_world import ANON_NAME, LEAD_EMAILS, signed_in, token
from tests.supply_world import EMAILS, PDF, png_bytes

SECRET_LINE = "LA 秘密熟料线"


@pytest.fixture(scope="module")
def app(make_supply_app):
    return make_supply_app(WTF_CSRF_ENABLED=True, INQUIRY_DAILY_LIMIT=10_000, MESSAGE_HOURLY_LIMIT=10_000,
                           ATTACHMENT_MAX_BYTES=64 * 1024)




def express(client, need_id, body="我司可提供第四代篦冷机改造及效益分享方案。"):
    url = f"/supplier/leads/{need_id}/interest?technology=CE-01"
    response = client.post(url, data={"csrf_token": token(client, url), "subject": "篦冷机改造合作意向",
                                      "body": body, "technology_code": "CE-01"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def close(supply_db, thread):
    with supply_db["sessions"]() as db:
        item = db.get(m.Inquiry, int(thread.rsplit("/", 1)[1]))
        item.status, item.lost_reason = "lost", "timing"
        db.commit()


def test_the_leads_page_ranks_and_hides_what_it_must(app, lead_world):
    client = signed_in(app, LEAD_EMAILS["lead_supplier"])
    assert 'id="leads-link"' in client.get("/supplier/").get_data(as_text=True)
    html = client.get("/supplier/leads?lang=zh").get_data(as_text=True)
    ours = set(lead_world["needs"].values())  # other tests add needs to the same database
    ids = [int(n) for n in re.findall(r'data-need="(\d+)"', html) if int(n) in ours]
    assert ids[0] == lead_world["needs"]["grate"] and lead_world["needs"]["anonymous"] in ids
    for key in ("bureau_only", "closed", "glass", "own"):
        assert lead_world["needs"][key] not in ids
    assert "第四代篦冷机改造降低熟料热耗" in html and "LE 公开需求水泥有限公司" in html
    assert "匿名企业" in html and ANON_NAME not in html and SECRET_LINE not in html
    assert "适用于熟料烧成工序" in html and "LS 第四代篦冷机" in html
    english = client.get("/supplier/leads?lang=en").get_data(as_text=True)
    assert "Applies to the Clinker burning stage" in english and "Anonymous enterprise" in english


def lead_card(html: str, need_id: int) -> str:
    return html.split(f'data-need="{need_id}"', 1)[1].split("</li>", 1)[0]


def test_an_anonymous_need_shows_its_region_and_bands_a_public_one_its_district_and_figures(app, lead_world):
    """Issue 16: the anonymous need's line is in 涪陵区 with a 2,000 万元 budget and a 5 % target;
    the supplier sees 主城都市区, 1,000 – 5,000 万元 and 5–10 %, and no saving on its line."""
    client = signed_in(app, LEAD_EMAILS["lead_supplier"])
    html = client.get("/supplier/leads?lang=zh").get_data(as_text=True)
    public, hidden = (lead_card(html, lead_world["needs"][k]) for k in ("grate", "anonymous"))
    assert "涪陵区" in public and "2,000 万元" in public and "5 %" in public
    assert "主城都市区" in hidden and "1,000 – 5,000 万元" in hidden and "5–10 %" in hidden
    assert "涪陵" not in hidden and "2,000 万元" not in hidden and "tce" not in hidden
    page = client.get(f"/supplier/leads/{lead_world['needs']['anonymous']}/interest?technology=CE-01&lang=en")
    assert "Chongqing Main Metropolitan Area" in page.get_data(as_text=True)
    assert "Fuling" not in page.get_data(as_text=True)


def test_follow_and_dismiss_with_csrf(app, lead_world):
    client = signed_in(app, LEAD_EMAILS["lead_supplier"])
    need = lead_world["needs"]["anonymous"]
    url = f"/supplier/leads/{need}/mark"
    assert client.post(url, data={"mark": "dismissed"}).status_code == 400  # no CSRF token
    csrf = token(client, "/supplier/leads")
    assert client.post(url, data={"csrf_token": csrf, "mark": "loved"}).status_code == 400
    assert client.post(url, data={"csrf_token": csrf, "mark": "dismissed"}).status_code == 302
    try:
        assert f'data-need="{need}"' not in client.get("/supplier/leads").get_data(as_text=True)
        shown = client.get("/supplier/leads?dismissed=1").get_data(as_text=True)
        assert f'data-need="{need}"' in shown
        assert client.post(url, data={"csrf_token": csrf, "mark": "followed"}).status_code == 302
        first = re.search(r'data-need="(\d+)"', client.get("/supplier/leads").get_data(as_text=True))
        assert int(first.group(1)) == need  # followed leads come before every other
    finally:
        client.post(url, data={"csrf_token": csrf, "mark": ""})
    hidden = lead_world["needs"]["bureau_only"]
    assert client.post(f"/supplier/leads/{hidden}/mark", data={"csrf_token": csrf,
                                                                "mark": "followed"}).status_code == 404
    assert client.get(f"/supplier/leads/{hidden}/interest").status_code == 404


def test_the_api_lists_the_same_leads(app, lead_world):
    client = signed_in(app, LEAD_EMAILS["lead_supplier"])
    body = client.get("/api/v1/leads").get_json()
    ours = [x for x in body["leads"] if x["need"]["id"] in set(lead_world["needs"].values())]
    assert ours[0]["need"]["id"] == lead_world["needs"]["grate"]
    assert ours[0]["technology"] == "CE-01" and ours[0]["reasons"] and body["total"] == len(body["leads"])
    anonymous = next(x for x in body["leads"] if x["need"]["id"] == lead_world["needs"]["anonymous"])
    assert anonymous["need"]["enterprise"] is None and ANON_NAME not in str(body)
    assert (anonymous["need"]["region"], anonymous["need"]["district"]) == ("main_metro", None)
    assert (anonymous["need"]["budget_cny"], anonymous["need"]["target_saving_pct"]) == (
        {"low": 1e7, "high": 5e7}, {"low": 5.0, "high": 10.0})
    public = ours[0]["need"]
    assert (public["district"], public["region"], public["budget_cny"]) == (
        "fuling", None, {"low": 2e7, "high": 2e7})
    assert app.test_client().get("/api/v1/leads").status_code == 401
    assert signed_in(app, LEAD_EMAILS["lead_enterprise"]).get("/api/v1/leads").status_code == 403


def test_an_anonymous_need_stays_anonymous_until_the_enterprise_accepts(app, supply_db, lead_world):
    sup = signed_in(app, LEAD_EMAILS["lead_supplier"])
    need = lead_world["needs"]["anonymous"]
    form = sup.get(f"/supplier/leads/{need}/interest?lang=zh").get_data(as_text=True)
    assert "主管部门" in form and ANON_NAME not in form and SECRET_LINE not in form
    thread = express(sup, need)
    anon = signed_in(app, LEAD_EMAILS["anon_enterprise"])
    try:
        assert anon.get(thread).status_code == 404
        assert thread not in anon.get("/inquiries/").get_data(as_text=True)
        bureau = signed_in(app, EMAILS["bureau_admin"])
        number = thread.rsplit("/", 1)[1]
        forwarded = bureau.post(f"/bureau/pipeline/{number}/forward", data={
            "csrf_token": token(bureau, f"/bureau/pipeline/{number}"), "action": "forward"})
        assert forwarded.status_code == 302
        page = anon.get(thread + "?lang=zh").get_data(as_text=True)
        assert "我司可提供第四代篦冷机改造" in page and 'id="answer"' in page
        supplier_pages = [thread, "/supplier/leads", f"/supplier/leads/{need}/interest", "/api/v1/leads"]
        for url in supplier_pages:
            response = sup.get(url, follow_redirects=True)
            text = response.get_data(as_text=True)
            assert response.status_code == 200 and ANON_NAME not in text and SECRET_LINE not in text, url
        listed = sup.get("/inquiries/?lang=zh").get_data(as_text=True)  # other rows may be accepted ones
        row = re.search(rf'<tr><th scope="row"><a href="{thread}">.*?</tr>', listed, re.S).group(0)
        assert "匿名企业" in row and ANON_NAME not in row
        assert "匿名企业" in sup.get(thread + "?lang=zh").get_data(as_text=True)
        assert anon.post(thread + "/answer", data={"answer": "accept"}).status_code == 400  # no CSRF
        accepted = anon.post(thread + "/answer", data={"csrf_token": token(anon, thread), "answer": "accept"})
        assert accepted.status_code == 302
        assert ANON_NAME in sup.get(thread).get_data(as_text=True)
        again = anon.post(thread + "/answer", data={"csrf_token": token(anon, thread), "answer": "decline"})
        assert again.status_code == 400
    finally:
        close(supply_db, thread)


@pytest.fixture
def thread(app, supply_db, lead_world):
    """LS's new expression of interest in LE's public need (lost afterwards)."""
    url = express(signed_in(app, LEAD_EMAILS["lead_supplier"]), lead_world["needs"]["grate"])
    yield url
    close(supply_db, url)


def test_message_files_through_the_page(app, supply_db, thread):
    sup = signed_in(app, LEAD_EMAILS["lead_supplier"])
    sent = sup.post(thread + "/messages", content_type="multipart/form-data", data={
        "csrf_token": token(sup, thread), "body": "附方案。",
        "files": [(_io(PDF), "改造方案.pdf"), (_io(png_bytes()), "现场.png")]})
    assert sent.status_code == 302
    html = sup.get(thread).get_data(as_text=True)
    links = re.findall(r'href="(/inquiries/\d+/files/\d+)"', html)
    assert len(links) == 2 and "改造方案.pdf" in html
    ent = signed_in(app, LEAD_EMAILS["lead_enterprise"])
    for client in (sup, ent):
        got = client.get(links[0])
        assert got.status_code == 200 and got.data == PDF
        assert got.headers["Content-Disposition"].startswith("attachment;")
        assert got.headers["X-Content-Type-Options"] == "nosniff"
    for email in (EMAILS["supplier_admin"], LEAD_EMAILS["anon_enterprise"]):
        assert signed_in(app, email).get(links[0]).status_code == 404
    assert signed_in(app, EMAILS["bureau_admin"]).get(links[0]).status_code == 403
    assert app.test_client().get(links[0]).status_code == 302  # to sign in
    other = re.sub(r"/inquiries/\d+/", "/inquiries/999999/", links[0])
    assert sup.get(other).status_code == 404
    with supply_db["sessions"]() as db:
        count = db.scalar(select(func.count()).select_from(m.InquiryMessage))
    bad = sup.post(thread + "/messages?lang=zh", content_type="multipart/form-data", data={
        "csrf_token": token(sup, thread), "body": "坏文件",
        "files": [(_io(PDF), "好.pdf"), (_io(b"<html><script>1</script>"), "坏.pdf")]})
    assert bad.status_code == 400 and "只接受 PDF、PNG 和 JPEG 文件" in bad.get_data(as_text=True)
    big = sup.post(thread + "/messages", content_type="multipart/form-data", data={
        "csrf_token": token(sup, thread), "body": "大文件",
        "files": [(_io(PDF + b"0" * 70 * 1024), "大.pdf")]})
    many = sup.post(thread + "/messages", content_type="multipart/form-data", data={
        "csrf_token": token(sup, thread), "body": "太多",
        "files": [(_io(PDF), f"{n}.pdf") for n in range(4)]})
    assert big.status_code == 400 and many.status_code == 400
    assert sup.post(thread + "/messages", data={"body": "无令牌"}).status_code == 400
    with supply_db["sessions"]() as db:
        assert db.scalar(select(func.count()).select_from(m.InquiryMessage)) == count


def test_threads_of_others_are_404(app, thread):
    for email in (EMAILS["supplier_admin"], LEAD_EMAILS["anon_enterprise"], EMAILS["enterprise_admin"]):
        client = signed_in(app, email)
        assert client.get(thread).status_code == 404
        own = token(client, "/inquiries/")
        peek = client.post(thread + "/messages", data={"csrf_token": own, "body": "偷看"})
        assert peek.status_code == 404
    ent = signed_in(app, EMAILS["enterprise_admin"])
    refused = ent.post(thread + "/answer", data={"csrf_token": token(ent, "/inquiries/"),
                                                 "answer": "accept"})
    assert refused.status_code == 404


def test_the_technology_sheet_links_each_listing_to_an_inquiry(app, lead_world):
    ent = signed_in(app, LEAD_EMAILS["lead_enterprise"]).get("/technologies/CE-01").get_data(as_text=True)
    assert f"product_id={lead_world['product']}" in ent and f"offer_id={lead_world['offer']}" in ent
    assert "technology_code=CE-01" in ent
    for client in (app.test_client(), signed_in(app, LEAD_EMAILS["lead_supplier"])):
        assert "/inquiries/new" not in client.get("/technologies/CE-01").get_data(as_text=True)


def _io(data: bytes):
    import io

    return io.BytesIO(data)
