"""In real Chromium (issue 8): a bureau user opens the dashboard, filters by
cement, sees the charts drawn (a canvas in each, no JavaScript errors),
exports the filtered needs to Excel and the file holds the right rows. The
browser asks nothing of any host but the portal on 127.0.0.1."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import text

from tests.conftest import ACCOUNT_PASSWORD
from tests.console_world import BUREAU_EMAIL, console_db, make_console_app  # noqa: F401 - fixtures
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e
CEMENT_NEEDS = """SELECT n.id FROM need n LEFT JOIN facility f ON f.id = n.facility_id
  LEFT JOIN benchmark_product bp ON bp.key = f.product_key LEFT JOIN process_stage ps ON ps.key = n.stage_key
  WHERE COALESCE(bp.sector_key, ps.sector_key) = 'cement' ORDER BY n.id"""


@pytest.fixture(scope="module")
def dashboard_server(make_console_app):  # noqa: F811
    yield from serve(make_console_app())


def test_bureau_filters_by_cement_sees_charts_and_exports_needs(page, dashboard_server, console_db,  # noqa: F811
                                                                tmp_path):
    page.goto(f"{dashboard_server}/login")
    page.fill("#email", BUREAU_EMAIL)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{dashboard_server}/bureau/")
    assert page.url.endswith("/bureau/dashboard")

    page.select_option("#f-sector", "cement")
    page.get_by_role("button", name="筛选").click()
    assert "sector=cement" in page.url
    charts = page.locator(".dash-chart")
    expect(page.locator(".dash-chart[data-drawn=true]")).to_have_count(charts.count())
    for n in range(charts.count()):  # echarts may add its canvas after marking the chart drawn
        expect(charts.nth(n).locator("canvas")).not_to_have_count(0)
    assert page.console_errors == []

    with page.expect_download() as info:
        page.locator("[data-export=needs-xlsx]").click()
    path = tmp_path / "needs.xlsx"
    info.value.save_as(path)
    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)  # a path would stay open
    rows = list(book.active.iter_rows(values_only=True))
    with console_db["sessions"]() as db:
        expected = list(db.scalars(text(CEMENT_NEEDS)))
    assert rows[0][0] == "编号" and [r[0] for r in rows[1:]] == expected and expected
    assert {r[4] for r in rows[1:]} == {"水泥"}

    assert all(u.startswith((dashboard_server, "data:", "blob:")) for u in page.requested_urls)
    assert page.console_errors == []


def test_dashboard_at_phone_width_has_no_horizontal_scroll(browser, dashboard_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{dashboard_server}/login")
    page.fill("#email", BUREAU_EMAIL)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{dashboard_server}/bureau/dashboard")
    expect(page.locator(".dash-chart[data-drawn=true]")).to_have_count(page.locator(".dash-chart").count())
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path="/tmp/dash/phone.png", full_page=False)
    context.close()
    assert overflow <= 1, f"the dashboard scrolls sideways by {overflow}px"
