"""The newcomer's first hour in real Chromium (issue 20), at desktop width and
on a 390 px phone: the demo world loaded by the same command `python3 dev.py
run` runs, each role signs in with a sign-in the development login page lists,
lands on its workspace and does its main task — the enterprise posts a need
from its line and starts an inquiry (a second click leads to the same one),
the supplier answers an inquiry, the bureau reaches imports and
announcements from its dashboard, the curator scores the submission waiting
in its review queue."""
from __future__ import annotations

import re

import pytest

from catalog.demo import world
from tests.demo_app import demo_app
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def demo_server(make_database, tmp_path_factory):
    app, _output = demo_app(make_database, tmp_path_factory, "first-hour-e2e",
                            INQUIRY_DAILY_LIMIT=10_000, MESSAGE_HOURLY_LIMIT=10_000)
    servers = serve(app)
    yield next(servers)
    next(servers, None)
    app.extensions["db_engine"].dispose()


@pytest.fixture(params=list(WIDTHS))
def open_page(request, browser, demo_server):
    contexts = []

    def make():
        context = browser.new_context(locale="zh-CN", viewport=WIDTHS[request.param])
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("response", lambda r: r.status >= 500 and page.errors.append(f"{r.status} {r.url}"))
        return page

    yield make
    for context in contexts:
        assert not [e for p in context.pages for e in p.errors]
        context.close()


def sign_in_from_the_list(page, base: str, email: str) -> None:
    """Sign in with an account the development sign-in page lists."""
    page.goto(base + "/login?lang=zh")
    listed = page.locator("#demo-sign-ins").inner_text()
    assert email in listed and world.DEMO_PASSWORD in listed
    assert "演示数据" in page.locator("#demo-notice").inner_text()
    page.fill("#email", email)
    page.fill("#password", world.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_enterprise_posts_a_need_from_its_line_and_starts_one_inquiry(open_page, demo_server):
    page = open_page()
    sign_in_from_the_list(page, demo_server, "cement@demo.example")
    assert page.url.endswith("/enterprise/")
    page.locator("main a", has_text="2号熟料线").first.click()
    page.locator("main a", has_text="发布需求").first.click()
    assert page.locator("#facility_id option:checked").inner_text().startswith("2号熟料线")
    assert page.locator("#stage_key option:checked").inner_text() == "熟料烧成"
    page.fill("#title", "篦冷机篦板磨损，二次风温偏低")
    page.fill("#description", "篦冷机篦板磨损严重，二次风温只有约 950 ℃，熟料热耗偏高，希望改造。")
    page.get_by_role("button", name="发布并查看匹配").click()
    need_url = page.url
    start = page.locator("p.inquire a.btn").first
    supplier = start.inner_text().split("·", 1)[1].strip()
    start.click()
    page.fill("#body", "我厂 5000 t/d 熟料线篦冷机篦板磨损，想了解贵公司的改造方案。")
    page.get_by_role("button", name="发送对接请求").click()
    assert "对接请求已发送" in page.locator(".alert-success").inner_text()
    thread = page.url
    page.goto(need_url)
    card = page.locator("p.inquire a.open-inquiry", has_text=supplier).first
    assert "对接进行中" in card.inner_text()
    card.click()
    assert page.url == thread


def test_supplier_answers_an_inquiry(open_page, demo_server):
    page = open_page()
    sign_in_from_the_list(page, demo_server, "esco@demo.example")
    assert page.url.endswith("/supplier/")
    page.locator("main a", has_text="对接请求").first.click()
    page.locator("main a", has_text="轧钢车间风机变频改造咨询").first.click()
    page.fill("#body", "您好，可安排技术交流并现场测量风机负荷。")
    page.get_by_role("button", name="发送", exact=True).click()
    assert "留言已发送" in page.locator(".alert-success").inner_text()
    assert page.locator("#pipeline [aria-current=step]").inner_text() == "已回复"


def test_bureau_reaches_imports_and_announcements_from_its_dashboard(open_page, demo_server):
    page = open_page()
    sign_in_from_the_list(page, demo_server, "bureau@demo.example")
    assert page.url.endswith("/bureau/dashboard")
    page.locator("main nav.console-links a", has_text="批量导入").click()
    assert page.url.endswith("/bureau/imports")
    page.locator("main nav.console-links a", has_text="推介发布").click()
    assert page.url.endswith("/bureau/announcements")
    page.goto(demo_server + "/bureau/audit?lang=zh")
    assert not re.search(r"\binquiry\.[a-z_]+\b|\bauth\.sign_in\b", page.locator("main").inner_text())


def test_curator_scores_the_submission_in_its_review_queue(open_page, demo_server):
    page = open_page()
    sign_in_from_the_list(page, demo_server, "curator@demo.example")
    assert page.url.endswith("/bureau/submissions")
    page.locator("main table a", has_text="篦冷机").first.click()   # the change to CE-01, in review
    page.check("input[name=conflict][value=no]")
    for criterion in ("advancement", "effect", "economics", "maturity"):
        page.select_option(f"#score_{criterion}", "4")
    page.fill("#comment", "示例评审：案例数据完整，可进入下一步。")
    page.get_by_role("button", name="保存我的评审意见").click()
    assert "您的评审意见已记录" in page.locator(".alert-success").inner_text()
    assert page.locator("#score_effect option:checked").inner_text().strip().startswith("4")
