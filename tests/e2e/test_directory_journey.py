"""In real Chromium (issue 22): an anonymous visitor opens the supplier
directory from the menu, filters it, opens a profile, sees its products,
named completed project and response time, and "sign in to contact"; signing
in as an enterprise brings it back to the profile with the inquiry links."""
from __future__ import annotations

import pytest

from tests import directory_world
from tests.conftest import ACCOUNT_PASSWORD, app_factory, seed_database
from tests.e2e.conftest import serve
from tests.e2e.test_accessibility import WIDTHS, axe_check, squeezed_tables

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def directory_server(make_database, tmp_path_factory):
    database = seed_database(make_database(), tmp_path_factory.mktemp("dir-e2e-index") / "search-index")
    ids = directory_world.build(database["sessions"])
    factory = app_factory(database, tmp_path_factory, "directory-e2e")
    app = next(factory)()
    for url in serve(app):
        yield url, ids
    next(factory, None)
    database["engine"].dispose()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_an_anonymous_visitor_browses_suppliers(page, directory_server):
    directory_server, _ids = directory_server
    page.goto(f"{directory_server}/?lang=zh")
    page.locator("nav").get_by_role("link", name="供应商名录").click()
    page.wait_for_url("**/suppliers")
    rows = page.locator(".supplier-row")
    assert rows.count() == 3 and "丙 待核验供应商" not in page.locator("main").inner_text()

    page.locator("#dir-emc").select_option("1")
    page.locator("#directory-filters").get_by_role("button", name="筛选").click()
    page.wait_for_url(lambda url: "emc=1" in url)
    assert rows.count() == 1 and "共 1 家供应商" in page.locator("#result-count").inner_text()

    rows.first.get_by_role("link", name="甲 节能装备有限公司").click()
    page.wait_for_url("**/suppliers/*")
    main = page.locator("main").inner_text()
    assert "甲 篦冷机改造" in main and "甲 效益分享方案" in main
    assert directory_world.NAMED in main and all(n not in main for n in directory_world.HIDDEN_NAMES)
    assert "5.5 小时" in page.locator("#response-median").inner_text()
    page.locator("#response-time summary").click()
    assert page.locator("#response-hours").inner_text() == "2、3、5.5、26、48"
    page.screenshot(path="/tmp/h3/profile.png", full_page=True)
    profile_url = page.url

    page.locator("#sign-in-to-contact").click()
    page.wait_for_url(lambda url: "/login?next=" in url)
    page.fill("#email", directory_world.CONSENT_EMAIL)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.locator("main").get_by_role("button", name="登录").click()
    page.wait_for_url(profile_url)
    assert page.locator("a.inquire").count() == 2 and page.locator("#sign-in-to-contact").count() == 0

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{directory_server}/suppliers")
    assert no_sideways_scroll(page)
    assert not page.console_errors
    assert all(url.startswith(directory_server) for url in page.requested_urls)  # nothing from outside


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_directory_pages_pass_axe(browser, directory_server, lang, width):
    base, ids = directory_server
    # axe is injected as a script tag, which the portal's CSP would refuse
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS[width], bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(f"{base}/?lang={lang}")
        for path in ("/suppliers", f"/suppliers/{ids['s1']}", f"/suppliers/{ids['s2']}"):
            assert tab.goto(base + path).status == 200
            result = axe_check(tab)
            bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert bad == [], (path, bad)
            assert (squeezed_tables(tab) if width == "phone" else []) == [], path
    finally:
        context.close()
