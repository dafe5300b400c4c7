"""In real Chromium (issue 8): the bureau writes and publishes a matchmaking
event; it appears on the home page; an enterprise registers two attendees on
a phone-width screen; the bureau sees the registration."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.e2e.test_supply_journeys import signed_in, supply_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e
TITLE = "浏览器测试：水泥行业低碳技术对接会"


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_event_published_and_registered(signed_in, supply_server):  # noqa: F811
    day = date.today() + timedelta(days=30)
    bureau = signed_in("bureau_admin")
    bureau.goto(f"{supply_server}/bureau/announcements/new")
    bureau.locator("#kind").select_option("event")
    bureau.fill("#title_zh", TITLE)
    bureau.fill("#title_en", "Browser test: cement low-carbon matchmaking")
    bureau.fill("#body_zh", "推介篦冷机与余热发电技术，欢迎企业与供应商报名。")
    bureau.fill("#starts_at", f"{day.isoformat()} 09:30")
    bureau.fill("#ends_at", f"{day.isoformat()} 17:00")
    bureau.fill("#place", "重庆市江北区")
    bureau.fill("#capacity", "50")
    bureau.locator("input[name=sectors][value=cement]").check()
    bureau.fill("#technologies", "CE-01")
    bureau.locator("main").get_by_role("button", name="保存").click()
    bureau.get_by_role("button", name="发布", exact=True).click()
    assert "已发布" in bureau.locator("main").inner_text()

    enterprise = signed_in("enterprise_admin")
    enterprise.set_viewport_size({"width": 375, "height": 800})
    enterprise.goto(f"{supply_server}/")
    enterprise.locator("#home-upcoming a", has_text=TITLE).click()
    assert "CE-01" in enterprise.locator("main").inner_html() and no_sideways_scroll(enterprise)
    enterprise.fill("#attendees", "2")
    enterprise.get_by_role("button", name="报名", exact=True).click()
    assert "2" in enterprise.locator("main").inner_text() and no_sideways_scroll(enterprise)
    assert not enterprise.console_errors

    bureau.reload()
    assert "E 节能科技有限公司" in bureau.locator("main").inner_text()
