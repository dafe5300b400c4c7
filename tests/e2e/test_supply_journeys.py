"""In real Chromium, on the supply tests' own database: (1) a supplier submits
a technology with an evidence file, the bureau returns it, the supplier
revises, two curators score it, the bureau approves, runs the public notice
and publishes an edition, and the entry is in the public catalogue and
search; (2) a supplier publishes an EMC offer that then shows on the
technology sheet."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import update

from catalog import models as m
from tests.conftest import ACCOUNT_PASSWORD
from tests.e2e.conftest import serve
from tests.supply_world import EMAILS, PDF

pytestmark = pytest.mark.e2e
LONG_AGO = (date.today() - timedelta(days=800)).isoformat()


@pytest.fixture(scope="module")
def supply_server(make_supply_app):
    """CSRF on: the browser fills the real forms."""
    yield from serve(make_supply_app())


@pytest.fixture
def signed_in(browser, supply_server):
    contexts = []

    def open_as(key: str):
        context = browser.new_context(locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.requested_urls, page.console_errors = [], []
        page.on("request", lambda req: page.requested_urls.append(req.url))
        page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
        page.goto(supply_server + "/login?lang=zh")
        page.fill("#email", EMAILS[key])
        page.fill("#password", ACCOUNT_PASSWORD)
        page.locator("main").get_by_role("button", name="登录").click()
        page.wait_for_url(lambda url: "/login" not in url)  # each role lands on its workspace
        return page

    yield open_as
    for context in contexts:
        for url in context.pages[0].requested_urls if context.pages else []:
            assert urlsplit(url).hostname == "127.0.0.1", url
        context.close()


def open_submission(page, name: str) -> None:
    page.locator(".portal-nav").get_by_role("link", name="目录管理").click()
    page.locator("#queue").get_by_role("link", name=name).click()


def bureau_decides(page, button: str, reason: str = "") -> None:
    if reason:
        page.fill("#reason", reason)
    page.locator(".step-form").get_by_role("button", name=button).click()
    page.wait_for_load_state()


def score(page, name: str, value: str) -> None:
    open_submission(page, name)
    page.check("input[name=conflict][value=no]")
    for criterion in ("advancement", "effect", "economics", "maturity"):
        page.select_option(f"#score_{criterion}", value)
    page.get_by_role("button", name="保存我的评审意见").click()
    assert "您的评审意见已记录" in page.locator(".alert-success").inner_text()


def test_submission_return_revise_approve_publish_edition(signed_in, supply_server, supply_db, page):
    name = "浏览器测试：水泥窑协同处置余热梯级利用技术"
    supplier = signed_in("supplier_admin")
    supplier.locator(".portal-nav").get_by_role("link", name="供应商工作台").click()
    supplier.get_by_role("link", name="申报新技术").click()
    supplier.fill("#name_zh", name)
    supplier.fill("#name_en", "Cascade use of waste heat in cement kilns co-processing waste")
    supplier.select_option("#sector", "cement")
    supplier.select_option("#stage", "clinker_burning")
    supplier.select_option("#category", "waste_heat_recovery")
    supplier.select_option("#maturity", "mature")
    supplier.select_option("#trl", "8")
    supplier.fill("#summary_zh", "对协同处置窑系统的余热按温度梯级利用，提高发电量并满足厂区供热。")
    supplier.fill("#description_zh", "在窑头、窑尾设置余热锅炉，低温段余热用于原料烘干和厂区供热，"
                                     "以温度对口、梯级利用为原则优化热力系统。")
    supplier.select_option("#figures-0-metric", "power_generation")
    supplier.fill("#figures-0-value", "42")
    supplier.fill("#figures-0-unit", "kWh/t 熟料")
    supplier.fill("#figures-0-source", "第三方性能测试报告")
    for n, site in enumerate(("重庆某水泥公司 2# 线", "四川某水泥公司 1# 线")):
        supplier.fill(f"#cases-{n}-site", site)
        supplier.fill(f"#cases-{n}-in_use_since", LONG_AGO)
        supplier.fill(f"#cases-{n}-results", "吨熟料发电量提高 4 kWh")
    supplier.get_by_role("button", name="保存草稿").click()
    assert "已保存为草稿" in supplier.locator(".alert-success").inner_text()
    supplier.set_input_files("#file", files=[{"name": "性能测试报告.pdf", "mimeType": "application/pdf",
                                              "buffer": PDF}])
    supplier.get_by_role("button", name="上传").click()
    assert "性能测试报告.pdf" in supplier.locator(".attachments").inner_text()
    supplier.get_by_role("button", name="提交市经济信息委").click()
    assert "已提交" in supplier.locator("#submission-status").inner_text()

    curator = signed_in("curator1")
    open_submission(curator, name)
    bureau_decides(curator, "开始评审")
    bureau_decides(curator, "退回修改", "请在应用案例中写明投运以来的累计发电量。")
    assert "退回修改" in curator.locator("#submission-status").inner_text()

    supplier.reload()
    assert "请在应用案例中写明投运以来的累计发电量" in supplier.locator("#reviewer-comments").inner_text()
    supplier.get_by_role("link", name="修改").click()
    supplier.fill("#cases-0-results", "吨熟料发电量提高 4 kWh，投运以来累计发电 2100 万 kWh")
    supplier.get_by_role("button", name="保存草稿").click()
    supplier.get_by_role("button", name="提交修改后的申报").click()
    assert "已提交" in supplier.locator("#submission-status").inner_text()

    open_submission(curator, name)
    bureau_decides(curator, "开始评审")
    score(curator, name, "4")
    score(signed_in("curator2"), name, "5")
    open_submission(curator, name)
    assert "通过" in curator.locator("#recommendation").inner_text()
    bureau_decides(curator, "评审通过", "两位评审意见一致，同意入选。")
    bureau_decides(curator, "开始公示")
    assert "公示中" in curator.locator("#submission-status").inner_text()
    page.goto(supply_server + "/notices")
    assert name in page.locator("#notices").inner_text()

    with supply_db["sessions"]() as db:  # the notice period passes
        db.execute(update(m.Submission).where(m.Submission.name_zh == name).values(
            notice_starts_on=date.today() - timedelta(days=9),
            notice_ends_on=date.today() - timedelta(days=2)))
        db.commit()
    curator.locator(".curation-nav").get_by_role("link", name="目录版本", exact=True).click()
    curator.fill("#code", "2029-01")
    curator.fill("#title_zh", "2029年第一批低碳技术推广目录（浏览器测试）")
    curator.get_by_role("button", name="创建草稿").click()
    curator.locator("#candidates li", has_text=name).get_by_role("button", name="列入").click()
    assert name in curator.locator("#chosen").inner_text()
    curator.get_by_role("button", name="发布本版目录").click()
    assert "已发布" in curator.locator(".alert-success").inner_text()

    page.goto(supply_server + "/catalogue?q=协同处置余热梯级利用")
    page.get_by_role("link", name=name).first.click()
    assert name in page.locator("h1").inner_text()
    assert "重庆某水泥公司 2# 线" in page.locator("#cases-h + ul").inner_text()
    page.goto(supply_server + "/search?q=协同处置余热梯级利用")
    assert name in page.locator("#results").inner_text()
    page.goto(supply_server + "/editions")
    assert "2029年第一批低碳技术推广目录" in page.locator("#editions").inner_text()
    assert page.console_errors == []


def test_supplier_publishes_an_emc_offer_shown_on_the_sheet(signed_in, supply_server, page):
    title = "浏览器测试：高效节能风机能源费用托管"
    supplier = signed_in("supplier_member")
    supplier.locator(".portal-nav").get_by_role("link", name="供应商工作台").click()
    supplier.get_by_role("link", name="新建合同能源管理方案").click()
    supplier.fill("#title", title)
    supplier.select_option("#model", "energy_cost_hosting")
    supplier.fill("#term_years", "8")
    supplier.check("#technologies input[value=CE-06]")
    supplier.select_option("#investor", "esco")
    supplier.fill("#esco_investment_pct", "50")
    supplier.fill("#hosting_discount_pct", "8")
    supplier.fill("#baseline_method", "以托管前 24 个月的能源费用为基准")
    supplier.select_option("#mv_method", "gbt_28750")
    supplier.fill("#min_project", "200")
    supplier.check("#regions input[value=chongqing]")
    supplier.get_by_role("button", name="保存").click()
    assert "出资比例与投资方不符" in supplier.locator(".field-esco_investment_pct").inner_text()
    supplier.fill("#esco_investment_pct", "100")
    supplier.get_by_role("button", name="保存").click()
    assert "已保存为草稿" in supplier.locator(".alert-success").inner_text()
    supplier.get_by_role("button", name="发布").click()
    assert "已公开发布" in supplier.locator(".alert-success").inner_text()

    page.goto(supply_server + "/technologies/CE-06")
    offers = page.locator("#emc-offers")
    assert title in offers.inner_text() and "能源费用托管型" in offers.inner_text()
    offers.get_by_role("link", name=title).click()
    terms = page.locator(".offer-terms").inner_text()
    assert "以托管前 24 个月的能源费用为基准" in terms and "按基准能源费用优惠 8 %" in terms


def test_a_match_shows_payback_and_an_emc_table_that_follows_the_offer(signed_in, supply_server, page):
    """Issue 13: the supplier publishes a shared-savings offer for waste-heat power
    (ESCO invests all, enterprise keeps 20/30/50 % over 3 years); the enterprise's
    match shows capex (the reference project scaled), payback = capex ÷ saving,
    and an EMC table whose year-0 and year-1 cells follow from the terms the
    offer page states."""
    title = "浏览器测试：余热发电效益分享"
    supplier = signed_in("supplier_admin")
    supplier.goto(supply_server + "/supplier/offers/new")
    supplier.fill("#title", title)
    supplier.select_option("#model", "shared_savings")
    supplier.fill("#term_years", "3")
    supplier.check("#technologies input[value=CE-04]")
    supplier.select_option("#investor", "esco")
    supplier.fill("#esco_investment_pct", "100")
    supplier.fill("#enterprise_shares", "20, 30, 50")
    supplier.fill("#baseline_method", "以改造前 12 个月外购电量为基准")
    supplier.select_option("#mv_method", "gbt_28750")
    supplier.fill("#min_project", "100")
    supplier.check("#regions input[value=chongqing]")
    supplier.get_by_role("button", name="保存").click()
    supplier.get_by_role("button", name="发布").click()
    assert "已公开发布" in supplier.locator(".alert-success").inner_text()

    enterprise = signed_in("enterprise_admin")
    enterprise.goto(supply_server + "/enterprise/facilities/new")
    enterprise.fill("#name", "余热发电测试线")
    enterprise.select_option("#product_key", "cement_clinker")
    enterprise.fill("#capacity", "1550000")
    enterprise.fill("#annual_output", "1500000")
    enterprise.fill("#unit_energy", "110")
    enterprise.fill("#electricity_price", "0.6")
    enterprise.locator("main").get_by_role("button", name="保存").click()
    enterprise.get_by_role("link", name="发布需求").click()
    enterprise.fill("#title", "窑头窑尾余热发电")
    enterprise.fill("#description", "窑头窑尾废气温度高，想建纯低温余热电站，希望以合同能源管理方式实施。")
    enterprise.select_option("#facility_id", label="余热发电测试线")
    enterprise.select_option("#financing", "any_emc")
    enterprise.get_by_role("button", name="发布并查看匹配结果").click()

    match = enterprise.locator("#match-CE-04")
    # capex: the 1,550,000 t/a reference project at this line's capacity: 50,000,000 元 (ratio 1)
    assert "5,000 万元" in match.locator(".capex").inner_text()
    # saving: 25 kWh/t × 1,500,000 t × 0.6 元/kWh = 22,500,000 元 a year; payback 50 ÷ 22.5 = 2.2 years
    assert "2.2" in match.locator(".payback").inner_text()
    table = match.locator(f'.offer:has-text("{title}") table.cash-flow')
    rows = table.locator("tbody tr").all()
    cells = [[c.inner_text().replace(",", "").strip() for c in r.locator("th, td").all()] for r in rows]
    assert cells[0][:4] == ["0", "0", "0", "-50000000"]            # year 0: the ESCO invests all of it
    assert cells[1][:4] == ["1", "22500000", "4500000", "18000000"]  # 20 % to the enterprise
    assert cells[3][2] == "11250000"                                # year 3: 50 %

    enterprise.locator(f'.offer a:has-text("{title}")').first.click()
    terms = enterprise.locator(".offer-terms").inner_text()
    assert "20" in terms and "30" in terms and "50" in terms and "3" in terms
