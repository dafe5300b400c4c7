"""In real Chromium (issue 22): a bureau user writes the cement guide's
introduction, publishes an edition and sees its changes against the previous
one; an anonymous visitor finds the guide from the navigation, reads it and
downloads its PDF, whose text layer carries the page's figures."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import ACCOUNT_PASSWORD
from tests.console_world import BUREAU_EMAIL, console_db, make_console_app  # noqa: F401 - fixtures
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def guide_server(make_console_app):  # noqa: F811
    yield from serve(make_console_app())


def publish_edition(page, server: str, intro: str) -> int:
    page.goto(f"{server}/bureau/guides/sector/cement")
    page.fill("#intro_zh", intro)
    page.get_by_role("button", name="保存导言").click()
    expect(page.locator("#intro_zh")).to_have_value(intro)
    page.locator("#publish").click()
    expect(page.locator("#changes")).to_be_visible()
    return int(re.search(r"edition=(\d+)", page.url).group(1))


def test_bureau_publishes_an_edition_and_sees_the_diff(page, guide_server):
    page.goto(f"{guide_server}/login")
    page.fill("#email", BUREAU_EMAIL)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    first = publish_edition(page, guide_server, "第一版导言：面向全市水泥企业。")
    second = publish_edition(page, guide_server, "第二版导言：面向全市水泥熟料企业。")
    assert second == first + 1
    changes = page.locator("#changes")
    expect(changes).to_contain_text(f"第 {second} 版的变化")
    expect(changes.locator("ins", has_text="熟料")).to_have_count(1)
    expect(page.locator("#edition-list li")).to_have_count(second)
    assert page.console_errors == []


def test_anonymous_visitor_reads_the_cement_guide_and_downloads_its_pdf(page, browser, guide_server,
                                                                       tmp_path):
    bureau = browser.new_context(locale="zh-CN").new_page()
    bureau.goto(f"{guide_server}/login")
    bureau.fill("#email", BUREAU_EMAIL)
    bureau.fill("#password", ACCOUNT_PASSWORD)
    bureau.get_by_role("button", name="登录").click()
    number = publish_edition(bureau, guide_server, "供公众阅读的一版。")
    bureau.context.close()

    page.goto(f"{guide_server}/")
    page.locator("#nav-guides").click()
    expect(page).to_have_url(f"{guide_server}/guides")
    page.locator("#guides-sector a", has_text="水泥").first.click()
    expect(page.locator("h1")).to_contain_text("水泥行业低碳技术供需对接指南")
    expect(page.locator("#edition-line")).to_contain_text(f"第 {number} 版")
    share = page.locator("tr[data-product=cement_clinker] .share strong").inner_text()
    with page.expect_download() as info:
        page.locator("#pdf-link").click()
    path = tmp_path / "guide.pdf"
    info.value.save_as(path)
    layer = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))
    assert "水泥行业低碳技术供需对接指南" in layer and re.sub(r"\s+", "", share) in layer
    assert all(u.startswith((guide_server, "data:", "blob:")) for u in page.requested_urls)
    assert page.console_errors == []


@pytest.mark.parametrize("width", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_guide_pages_have_no_serious_accessibility_violations(browser, guide_server, width):
    """axe-core's default rules on the list, a published guide and the bureau's preview."""
    from tests.e2e.test_accessibility import axe_check, squeezed_tables

    context = browser.new_context(locale="zh-CN", viewport=width, bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(f"{guide_server}/login")
        tab.fill("#email", BUREAU_EMAIL)
        tab.fill("#password", ACCOUNT_PASSWORD)
        tab.get_by_role("button", name="登录").click()
        publish_edition(tab, guide_server, "无障碍检查用的一版。")
        problems = {}
        for path in ("/guides", "/guides/cement", "/bureau/guides", "/bureau/guides/sector/cement"):
            assert tab.goto(guide_server + path).status == 200
            result = axe_check(tab)
            bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            squeezed = squeezed_tables(tab) if width["width"] < 500 else []
            if bad or squeezed:
                problems[path] = (bad, squeezed)
        assert problems == {}
    finally:
        context.close()
