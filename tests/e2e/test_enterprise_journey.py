"""In real Chromium: an enterprise records a clinker line at 112 kgce/t, sees
「介于基准与标杆之间」 with its gap, posts a need about its grate cooler and
waste heat, gets the preheater/grate-cooler entry among the first three
matches, and two technologies on the same line show different figures, each
with its inputs, sources and arithmetic — recomputed here from the page."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import ACCOUNT_PASSWORD

pytestmark = pytest.mark.e2e


def test_clinker_line_diagnosis_and_grate_cooler_need(page, accounts_server):
    page.goto(accounts_server + "/login?lang=zh")
    page.fill("#email", "member-a@world.test")
    page.fill("#password", ACCOUNT_PASSWORD)
    page.locator("main").get_by_role("button", name="登录").click()

    page.get_by_role("link", name="企业工作台").click()
    page.get_by_role("link", name="添加产线").click()
    page.fill("#name", "3# 熟料线（浏览器测试）")
    page.select_option("#product_key", "cement_clinker")
    page.fill("#annual_output", "1500000")
    page.fill("#unit_energy", "112")
    page.fill("#coal_price", "900")
    page.fill("#electricity_price", "0.6")
    page.locator("main").get_by_role("button", name="保存").click()

    words = page.locator("#diagnosis-words").inner_text()
    assert "介于基准与标杆之间" in words and "12" in words
    assert page.locator("#gap").inner_text().startswith("12")
    assert page.locator("svg.benchmark-scale").count() == 1

    page.get_by_role("link", name="发布需求").click()
    page.fill("#title", "篦冷机改造")
    page.fill("#description", "我厂篦冷机为第三代，冷却风机电耗高，二次风温偏低，"
                              "熟料烧成热耗偏高，希望改造；也想了解余热发电。")
    page.select_option("#facility_id", label="3# 熟料线（浏览器测试）")
    page.select_option("#stage_key", "clinker_burning")
    page.get_by_role("button", name="发布并查看匹配结果").click()

    codes = page.locator("#matches .match").evaluate_all("els => els.map(e => e.dataset.code)")
    assert "CE-01" in codes[:3], codes
    first = page.locator("#match-CE-01")
    assert "效果模型" in first.locator(".reasons").inner_text()
    assert "tce" in first.locator(".impact").inner_text()
    # two technologies, one line, two different figures, each with its own inputs
    assert "CE-04" in codes, codes
    energy = {code: page.locator(f"#match-{code} .impact .energy").inner_text()
              for code in ("CE-01", "CE-04")}
    assert energy["CE-01"] != energy["CE-04"], energy
    whp = page.locator("#match-CE-04")
    whp.locator("details.workings summary").click()
    steps = whp.locator(".steps .formula").all_inner_texts()
    # 25 kWh/t × 1,500,000 t = 37,500,000 kWh; × 0.1229 kgce/kWh ÷ 1000 = 4,609 tce
    saving = next(s for s in steps if "kWh/t ×" in s)
    per_t = float(saving.split(" kWh/t")[0].replace(",", ""))
    kwh = per_t * 1_500_000
    assert f"{kwh:,.0f} kWh" in saving
    assert any(f"= {kwh * 0.1229 / 1000:,.0f} tce" in s for s in steps), steps
    inputs = whp.locator(".inputs").inner_text()
    assert "0.1229" in inputs and "0.5581" in inputs and "《" in inputs   # factors with cited documents
    outside = [u for u in page.requested_urls
               if not u.startswith("data:") and urlsplit(u).hostname != "127.0.0.1"]
    assert outside == []
    assert page.console_errors == []
