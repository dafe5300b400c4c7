"""A visitor's journey through the public catalogue in real Chromium."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e


def only_local(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).hostname not in ("127.0.0.1",) and not u.startswith("data:")]


def test_home_language_search_filter_and_sheet(page, live_server):
    page.goto(live_server + "/")
    assert page.locator("h1").first.inner_text() == "为企业找到成熟可靠的低碳技术"

    page.get_by_role("link", name="English").click()
    assert "Find proven low-carbon technologies" in page.locator("h1").first.inner_text()

    page.fill("#home-q", "grate cooler")
    page.locator(".hero-search button").click()
    page.wait_for_url("**/search?q=grate+cooler")
    assert page.locator("#results .tech-code").first.inner_text() == "CE-01"
    assert page.locator("#results mark").count() >= 1

    page.locator("[data-facet=sector] a", has_text="Cement").click()
    assert "sector=cement" in page.url and "q=grate" in page.url
    assert page.locator("[data-facet=sector] a.selected").count() == 1

    page.locator("#results h2 a").first.click()
    assert "/technologies/CE-01" in page.url
    assert page.locator(".figures-table tbody tr").count() >= 2
    # every figure cites a document a reader can look up, and the sheet says what the entry does for a line
    assert page.locator(".figures-table .citation").count() == page.locator(".figures-table tbody tr").count()
    assert "What it does for a production line" in page.locator("#effect-model").inner_text()

    page.get_by_role("link", name="中文").click()
    assert "低阻高效预热预分解系统与第四代篦冷机" in page.locator("h1").inner_text()

    assert only_local(page.requested_urls) == []
    assert page.console_errors == []


def test_misspelt_chinese_query_is_corrected(page, live_server):
    page.goto(live_server + "/?lang=zh")
    page.fill("#header-q", "蓖冷机")
    page.locator(".portal-search button").click()
    assert "篦冷机" in page.locator("#did-you-mean").inner_text()
    assert page.locator("#results .tech-code").first.inner_text() == "CE-01"
    assert page.console_errors == []


def test_sort_select_submits_with_javascript(page, live_server):
    page.goto(live_server + "/catalogue?lang=zh")
    page.select_option("#sort", "trl")
    page.wait_for_url("**sort=trl**")
    assert page.locator("#results .tech-card").count() == 12
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/", "/catalogue", "/technologies/GL-04", "/benchmarks"])
def test_phone_width_has_no_horizontal_scroll(browser, live_server, path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"


def test_pages_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/catalogue?lang=en")
    page.select_option("#sort", "name")
    page.get_by_role("button", name="Apply").click()
    assert "sort=name" in page.url
    page.fill("#header-q", "惰性阳极")
    page.locator(".portal-search button").click()
    assert page.locator("#results .tech-code").first.inner_text() == "NF-03"
    context.close()
