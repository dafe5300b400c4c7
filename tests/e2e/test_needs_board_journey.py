"""The public needs board in real Chromium (issue 22), on the demo world: an
anonymous visitor finds the board from the main menu, browses it, filters it
and opens a need; an anonymous need shows no enterprise; a supplier signs in
from the need's page, comes back to it and expresses interest through the
existing form, landing on its new inquiry."""
from __future__ import annotations

import pytest

from catalog.demo import world
from tests.demo_app import demo_app
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e
CEMENT = "示例·涪陵江岸水泥有限公司"


@pytest.fixture(scope="module")
def demo_server(make_database, tmp_path_factory):
    app, _output = demo_app(make_database, tmp_path_factory, "needs-board-e2e",
                            INQUIRY_DAILY_LIMIT=10_000, MESSAGE_HOURLY_LIMIT=10_000)
    servers = serve(app)
    yield next(servers)
    next(servers, None)
    app.extensions["db_engine"].dispose()


@pytest.fixture
def visitor(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("response", lambda r: r.status >= 500 and page.errors.append(f"{r.status} {r.url}"))
    yield page
    assert page.errors == []
    context.close()


def test_an_anonymous_visitor_browses_filters_and_opens_a_need(visitor, demo_server):
    page = visitor
    page.goto(demo_server + "/?lang=zh")
    page.locator("#nav-needs").click()
    page.wait_for_url("**/needs")
    cards = page.locator("#board-needs li.board-need")
    assert cards.count() == 4 and page.locator("#need-count").inner_text() == "4"
    anonymous = cards.filter(has_text="匿名需求")
    assert anonymous.count() == 1
    assert CEMENT not in anonymous.inner_text() and "主城都市区" in anonymous.inner_text()

    page.select_option("#board-sector", "glass")
    page.locator("#board-filter button[type=submit]").click()
    page.wait_for_url("**/needs?*sector=glass*")
    assert cards.count() == 1 and "浮法熔窑全氧燃烧改造" in cards.first.inner_text()

    page.fill("#board-q", "不存在的需求词")
    page.locator("#board-filter button[type=submit]").click()
    page.wait_for_url("**q=*")
    assert page.locator("#board-empty").is_visible()

    page.goto(demo_server + "/needs?lang=zh&q=篦冷机")
    cards.first.locator("h2 a").click()
    page.wait_for_url("**/needs/*")
    assert "2号线篦冷机升级" in page.locator("#board-need-title").inner_text()
    assert CEMENT in page.locator(".need-facts").inner_text()
    assert "以供应方身份登录后表达合作意向" in page.locator("#board-sign-in").inner_text()


def test_a_supplier_signs_in_from_a_need_and_expresses_interest(visitor, demo_server):
    page = visitor
    page.goto(demo_server + "/needs?lang=zh&stage=electrolysis")
    page.locator("#board-needs li.board-need h2 a").first.click()
    page.wait_for_url("**/needs/*")
    need_url = page.url
    page.locator("#board-sign-in a").first.click()
    page.wait_for_url("**/login**")
    page.fill("#email", "esco.sales@demo.example")
    page.fill("#password", world.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(need_url)
    page.locator("#board-express").click()
    page.wait_for_url("**/supplier/leads/*/interest")
    page.fill("#subject", "电解槽节能改造合作意向")
    page.fill("#body", "我司可提供新型阴极与保温改造方案，愿意安排现场调研。")
    page.locator("#interest-form button[type=submit]").click()
    page.wait_for_url("**/inquiries/*")
    assert "电解槽节能改造合作意向" in page.content()
