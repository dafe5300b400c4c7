"""In real Chromium (issue 23): the bureau enters a grant programme in the
console and publishes it; a visitor reads it on /programmes; an enterprise
sees it on its need's match with the payback with and without it —
recomputed here from the figures on the page."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e.test_supply_journeys import signed_in, supply_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e
NAME = "浏览器测试：篦冷机改造补助"


def number(text: str) -> float:
    return float(text.split()[0].replace(",", ""))


def test_programme_from_console_to_a_match_payback(signed_in, supply_server, page):  # noqa: F811
    bureau = signed_in("bureau_admin")
    bureau.goto(f"{supply_server}/bureau/programmes/new")
    bureau.fill("#slug", "e2e-cooler-grant")
    bureau.locator("#kind").select_option("grant")
    bureau.fill("#name_zh", NAME)
    bureau.fill("#summary_zh", "按投资的20%补助，最高100万元（浏览器测试数据）。")
    bureau.locator("input[name=sectors][value=cement]").check()
    bureau.fill("#technologies", "CE-01")
    bureau.fill("#share_pct", "20")
    bureau.fill("#cap_cny", "1000000")
    bureau.fill("#source_key", "cq-plan-2024")
    bureau.fill("#basis_zh", "测试数据：比例与上限仅用于浏览器测试。")
    bureau.locator("main form.programme-form").get_by_role("button", name="保存").click()
    bureau.get_by_role("button", name="发布", exact=True).click()
    assert "已发布" in bureau.locator("#programme-status").inner_text()

    page.goto(f"{supply_server}/programmes?lang=zh")
    assert "人民银行碳减排支持工具" in page.locator("main").inner_text()
    page.locator("#programme-list a", has_text=NAME).click()
    figures = page.locator(".programme-figures").inner_text()
    assert "20 %" in figures and "重庆市经济和信息化委员会" in figures

    enterprise = signed_in("enterprise_admin")
    enterprise.goto(f"{supply_server}/enterprise/facilities/new")
    enterprise.fill("#name", "补助浏览器测试线")
    enterprise.select_option("#product_key", "cement_clinker")
    enterprise.fill("#annual_output", "1500000")
    enterprise.fill("#unit_energy", "112")
    enterprise.fill("#coal_price", "900")
    enterprise.locator("main").get_by_role("button", name="保存").click()
    enterprise.goto(f"{supply_server}/enterprise/needs/new")
    enterprise.fill("#title", "篦冷机改造")
    enterprise.fill("#description", "篦冷机为第三代，二次风温偏低，熟料烧成热耗偏高，希望改造。")
    enterprise.select_option("#facility_id", label="补助浏览器测试线")
    enterprise.select_option("#stage_key", "clinker_burning")
    enterprise.get_by_role("button", name="发布并查看匹配结果").click()
    match = enterprise.locator("#match-CE-01")
    match.locator("input[name=capex_wan]").fill("800")
    match.locator("form.quote-form button").click()

    block = enterprise.locator('#match-CE-01 .support-programme[data-slug="e2e-cooler-grant"]')
    steps = block.locator(".support-steps").inner_text()
    assert "min(8,000,000 × 0.2, 1,000,000) = 1,000,000" in steps
    # payback without = 8,000,000 ÷ S; with = (8,000,000 − 1,000,000) ÷ S (S from the same page)
    without, with_ = number(block.locator(".payback-without").inner_text()), \
        number(block.locator(".payback-with").inner_text())
    saving = number(steps.split("÷ ")[1])
    assert with_ == pytest.approx(7_000_000 / saving, abs=0.006)
    assert without == pytest.approx(8_000_000 / saving, abs=0.006) and with_ < without
    outside = [u for u in enterprise.requested_urls
               if not u.startswith("data:") and urlsplit(u).hostname != "127.0.0.1"]
    assert outside == [] and enterprise.console_errors == []


@pytest.mark.parametrize("width", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_programme_pages_have_no_serious_accessibility_violations(browser, supply_server, width):  # noqa: F811
    from tests.e2e.test_accessibility import axe_check, squeezed_tables

    context = browser.new_context(locale="zh-CN", viewport=width, bypass_csp=True)  # axe is a script tag
    try:
        tab = context.new_page()
        for path in ("/programmes?lang=zh", "/programmes/equipment-renewal-loan-interest-subsidy?lang=en",
                     "/programmes/pbc-carbon-reduction-facility?lang=zh"):
            assert tab.goto(supply_server + path).status == 200
            result = axe_check(tab)
            bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [] and squeezed_tables(tab) == [], (path, bad)
    finally:
        context.close()
