"""The first hour of a newcomer on the demo world (issue 20): the demo
command, the sign-ins it prints and the development sign-in page lists, the
demo notice, each role's landing page, the links to every bureau page, and
the labels, units and punctuation of defects 3, 4, 5, 6 and 11."""
from __future__ import annotations

import csv
import io
import re

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from catalog.demo import world
from tests.demo_app import demo_app, id_of, m, query, signed_in, token


@pytest.fixture(scope="module")
def built(make_database, tmp_path_factory):
    app, output = demo_app(make_database, tmp_path_factory, "first-hour")
    yield app, output
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="module")
def app(built):
    return built[0]


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def test_demo_world_prints_the_sign_ins_and_a_second_run_changes_nothing(built):
    app, output = built
    assert "demo world created" in output and world.DEMO_PASSWORD in output
    for email in ("cement@demo.example", "esco@demo.example", "bureau@demo.example", "curator@demo.example"):
        assert email in output
    assert "/dev/outbox" in output
    counted = select(func.count()).select_from(m.Inquiry)
    before = query(app, counted)
    again = app.test_cli_runner().invoke(args=["demo", "world"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert "cement@demo.example" in again.output
    assert query(app, counted) == before


def test_demo_world_refuses_production(app):
    app.config["PORTAL_ENV"] = "production"
    try:
        result = app.test_cli_runner().invoke(args=["demo", "world"])
    finally:
        app.config["PORTAL_ENV"] = "development"
    assert result.exit_code != 0 and "PORTAL_ENV=production" in result.output


def test_every_page_says_it_is_demo_data_and_the_sign_in_page_lists_the_accounts(app):
    client = app.test_client()
    for url in ("/?lang=zh", "/catalogue", "/login"):
        assert 'id="demo-notice"' in page(client, url)
    login = page(client, "/login")
    assert 'id="demo-sign-ins"' in login and "esco@demo.example" in login and world.DEMO_PASSWORD in login
    app.config["PORTAL_ENV"] = "production"
    try:  # never on a production sign-in page
        assert "esco@demo.example" not in client.get("/login").get_data(as_text=True)
    finally:
        app.config["PORTAL_ENV"] = "development"
    # nor to another machine
    remote = client.get("/login", environ_base={"REMOTE_ADDR": "10.1.2.3"}).get_data(as_text=True)
    assert "esco@demo.example" not in remote


@pytest.mark.parametrize("email,landing", [
    ("cement@demo.example", "/enterprise/"), ("cement.energy@demo.example", "/enterprise/"),
    ("esco@demo.example", "/supplier/"), ("esco.sales@demo.example", "/supplier/"),
    ("bureau@demo.example", "/bureau/dashboard"), ("curator@demo.example", "/bureau/submissions"),
])
def test_each_role_lands_on_its_workspace(app, email, landing):
    """Defect 1: every role landed on /account."""
    client = signed_in(app, email)
    assert client.landing == landing
    assert client.get(landing).status_code == 200
    assert client.get("/login").headers["Location"] == landing  # signed in already


def test_imports_announcements_and_public_announcements_are_linked(app):
    """Defect 2: /bureau/imports and /bureau/announcements had no link from the
    pages a bureau user reaches; /announcements was linked only while events existed."""
    html = page(signed_in(app, "bureau@demo.example"), "/bureau/dashboard")
    assert 'href="/bureau/imports"' in html and 'href="/bureau/announcements"' in html
    for url in ("/catalogue", "/benchmarks", "/login"):  # pages without the home page's event list
        assert 'href="/announcements"' in page(app.test_client(), url)


def test_the_demo_world_has_a_submission_in_review_and_an_event_with_registrations(app):
    curator = signed_in(app, "curator@demo.example")
    queue = page(curator, "/bureau/submissions?lang=zh")
    assert "篦冷机" in queue and "评审中" in queue
    event = id_of(app, m.Announcement, title_zh="水泥与玻璃行业节能降碳技术推介对接会（示例）")
    assert "推介对接会（示例）" in page(app.test_client(), "/announcements?lang=zh")
    registered = query(app, select(func.count(), func.sum(m.AnnouncementRegistration.attendees)).where(
        m.AnnouncementRegistration.announcement_id == event))
    assert tuple(registered[0]) == (3, 7)


def test_dashboard_by_status_says_published(app):
    """Defect 3: the published count was labelled 「发布日期」."""
    html = page(signed_in(app, "bureau@demo.example"), "/bureau/dashboard?lang=zh")
    table = html[html.index('id="table-catalogue-status"'):]
    table = table[:table.index("</table>")]
    assert "已发布" in table and "发布日期" not in table
    assert "发布日期" in page(app.test_client(), "/technologies/CE-01?lang=zh")  # the date keeps its label


def move_to_site_survey(app) -> int:
    """The kiln supplier moves its replied inquiry on: an inquiry.status_changed event."""
    inquiry = id_of(app, m.Inquiry, subject="模块化篦冷机改造询价")
    client = signed_in(app, "kiln@demo.example")
    thread = f"/inquiries/{inquiry}"
    done = client.post(thread + "/step", data={"csrf_token": token(client, thread), "target": "site_survey"})
    assert done.status_code == 302
    return inquiry


def rows(client, name: str) -> list[list[str]]:
    response = client.get(f"/bureau/exports/{name}.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_audit_log_and_exports_show_labels_not_keys(app):
    """Defect 4: raw keys on the Chinese audit page and in audit/needs/inquiries.csv."""
    inquiry = move_to_site_survey(app)
    bureau = signed_in(app, "bureau@demo.example")
    html = page(bureau, "/bureau/audit?lang=zh&action=inquiry.status_changed")
    assert "对接请求：状态变更" in html and "已回复 → 现场踏勘" in html and f"对接请求 #{inquiry}" in html
    assert "inquiry.status_changed<" not in html and "site_survey" not in html.split('name="action"')[-1]
    audit = rows(bureau, "audit")
    moved = next(r for r in audit if r[6] == str(inquiry) and "状态变更" in r[4])
    assert moved[4] == "对接请求：状态变更" and moved[5] == "对接请求" and "已回复 → 现场踏勘" in moved[7]
    assert not any("inquiry.status_changed" in cell or "site_survey" in cell for r in audit for cell in r)
    needs = {r[1]: r for r in rows(bureau, "needs")}
    cooler = needs["2号线篦冷机升级，降低熟料烧成热耗"]
    assert (cooler[3], cooler[7], cooler[10]) == ("开放", "能效提升", "30000000")
    assert cooler[11] == "任一合同能源管理模式"
    inquiries = {r[1]: r for r in rows(bureau, "inquiries")}
    assert inquiries["模块化篦冷机改造询价"][5] == "现场踏勘"
    assert inquiries["电弧炉改造合同"][9] == "效益分享型" and inquiries["熔窑保温改造报价"][8] == "价格"
    flat = {cell for r in [*needs.values(), *inquiries.values()] for cell in r}
    assert not flat & {"open", "site_survey", "energy_efficiency", "any_emc", "shared_savings", "price"}


def test_amounts_in_wan_read_as_million_cny_in_english(app):
    """Defect 5: "1,800 – 3,500 10,000 CNY" on an English product page."""
    product = id_of(app, m.Product, name_zh="第四代步进式篦冷机改造成套方案")
    client = app.test_client()
    english = page(client, f"/products/{product}?lang=en")
    assert "CNY 8 – 15 million" in english and "10,000 CNY" not in english
    assert "800 – 1,500 万元" in page(client, f"/products/{product}?lang=zh")
    offer = id_of(app, m.EmcOffer, title="余热发电节能量保证（示例）")
    english = page(client, f"/offers/{offer}?lang=en")
    assert "CNY 20 million" in english and "CNY 0.6 million a year" in english and "10,000 CNY" not in english
    board = page(client, "/needs?lang=en")   # a need's budget, exact or banded, on the public board
    assert "10,000 CNY" not in board and re.search(r"CNY [\d.,]+( – [\d.,]+)? million", board)
    assert re.search(r"[\d.,]+( – [\d.,]+)? 万元", page(client, "/needs?lang=zh"))


def test_registration_shows_every_problem_at_the_first_submit(app):
    """Defect 6: credit code, mobile and password errors appeared only at the second submit."""
    client = app.test_client()
    response = client.post("/register?lang=zh", data={
        "csrf_token": token(client, "/register"), "kind": "enterprise", "org_name": "",
        "uscc": "91500000ABC", "district": "yubei", "sectors": ["cement"], "contact_name": "张工",
        "mobile": "123", "email": "first-submit@example.cn", "password": "short", "confirm": "other"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "此项为必填项" in html                       # the empty name (the form's own check)
    assert "统一社会信用代码应为 18 位" in html          # the domain's checks, at the same submit
    assert "请填写中国大陆手机号码" in html and "密码至少需要 10 位" in html
    assert "两次输入的密码不一致" in html


def test_did_you_mean_keeps_chinese_punctuation(app):
    """Defect 11: 「篦冷机.」 — an ASCII full stop inside Chinese."""
    html = page(app.test_client(), "/search?q=蓖冷机&lang=zh")
    assert "篦冷机</a></strong>”的结果。" in html and "</strong>." not in html
    with app.test_request_context("/?lang=zh"), force_locale("zh"):
        assert gettext("Did you mean %(suggestion)s?", suggestion="X") == "您是不是要找：X？"
    with app.test_request_context("/?lang=en"), force_locale("en"):
        assert gettext("Did you mean %(suggestion)s?", suggestion="X") == "Did you mean X?"


def test_emails_and_notifications_name_statuses_as_pages_do(app):
    """One label per status: an e-mail or notification (catalog.notify.texts,
    which knows nothing of Flask) says what the pages and exports say."""
    from flask_babel import force_locale

    from catalog.notify.texts import STATUS
    from portal.vocabulary import vocabularies

    pages = {**vocabularies()["inquiry_status"], **vocabularies()["submission_status"]}
    shared = [key for key in STATUS if key in pages]
    assert len(shared) >= 15
    wrong = []
    with app.test_request_context():
        for key in shared:
            zh, en = STATUS[key]
            with force_locale("zh"):
                wrong += [(key, zh, str(pages[key]))] if str(pages[key]) != zh else []
            with force_locale("en"):
                wrong += [(key, en, str(pages[key]))] if str(pages[key]).lower() != en.lower() else []
    assert not wrong
