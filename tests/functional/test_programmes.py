"""Support programmes (issue 23) through the test client: the public list and
pages, the API, the bureau's console (validation, publish, retire, audit), the
seed's programmes, and a subsidy changing a match's payback by the
programme's rule — on the need page and in /api/v1/match."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog.programmes.eligibility import checks
from tests.supply_world import EMAILS

SLUG = "test-cement-grant"
FORM = {"slug": SLUG, "kind": "grant", "name_zh": "测试：水泥篦冷机改造补助",
        "name_en": "Test: cement cooler grant",
        "summary_zh": "测试用补助：按投资的20%补助，最高100万元。", "sectors": ["cement"],
        "technologies": "CE-01", "share_pct": "20", "cap_cny": "1000000", "deadline": "2099-12-31",
        "source_key": "cq-plan-2024", "basis_zh": "测试数据：比例与上限仅用于测试。"}
QUOTE, SHARE, CAP = 8_000_000, 0.20, 1_000_000
MATCH = {"text": "篦冷机改造，降低熟料烧成热耗", "benchmark_product": "cement_clinker", "unit_energy": 112,
         "annual_output": 1_500_000, "coal_price": 900, "quotes": {"CE-01": QUOTE}}


@pytest.fixture(scope="module")
def grant(supply_app):
    from tests.conftest import sign_in

    bureau = supply_app.test_client()
    assert sign_in(bureau, EMAILS["bureau_admin"]).status_code == 302
    response = bureau.post("/bureau/programmes/new", data=FORM)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    url = response.headers["Location"]
    assert bureau.post(url + "/status", data={"action": "publish"}).status_code == 303
    return int(url.rsplit("/", 1)[1])


def test_seed_programmes_on_the_public_list_with_their_sources(as_user):
    html = as_user(None).get("/programmes?lang=zh").get_data(as_text=True)
    assert "人民银行碳减排支持工具" in html and "设备更新贷款中央财政贴息" in html
    assert "首台（套）" in html and "绿色信贷" in html and "节能降碳技术改造资金" in html
    assert "暂无" in html or "not-available" in html   # figures no document gives
    page = as_user(None).get("/programmes/pbc-carbon-reduction-facility?lang=zh")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "央行推出碳减排支持工具" in text and "2021-11-08" in text
    assert "60%" in text and "1.75%" in text          # the central bank's terms, quoted with their source
    assert "not-used" in text                          # no enterprise rate: not used in the payback
    english = as_user(None).get("/programmes/equipment-renewal-loan-interest-subsidy?lang=en")
    assert "1.5 %" in english.get_data(as_text=True) and "2026-12-31" in english.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/programmes/no-such", "/programmes/" + "x" * 500,
                                  "/api/v1/programmes/no-such", "/programmes/%00"])
def test_unknown_programmes_answer_404(as_user, path):
    assert as_user(None).get(path).status_code == 404


def test_api_lists_programmes_with_figures_and_sources(as_user):
    body = as_user(None).get("/api/v1/programmes").get_json()
    found = {p["slug"]: p for p in body["items"]}
    subsidy = found["equipment-renewal-loan-interest-subsidy"]
    assert subsidy["rate"] == 0.015 and subsidy["years"] == 2 and subsidy["deadline"] == "2026-12-31"
    assert subsidy["source"]["date"] == "2026-01-20"
    assert found["pbc-carbon-reduction-facility"]["rate"] is None   # not available, never borrowed
    one = as_user(None).get("/api/v1/programmes/cq-first-set-major-equipment").get_json()
    assert one["kind"] == "recognition" and one["cap_cny"] == 5_000_000


@pytest.mark.parametrize("changes, field", [
    ({"share_pct": "150"}, "share_pct"), ({"share_pct": "abc"}, "share_pct"),
    ({"source_key": "no-such-source"}, "source_key"), ({"source_key": ""}, "source_key"),
    ({"deadline": "31/12/2026"}, "deadline"), ({"kind": "lottery"}, "kind"), ({"slug": "A B"}, "slug"),
    ({"technologies": "ZZ-99"}, "technologies"), ({"sectors": ["nowhere"]}, "sectors"),
    ({"years": "2.5"}, "years"), ({"rate_pct": "nan"}, "rate_pct"),
])
def test_bad_programme_input_answers_400_and_saves_nothing(supply_app, as_user, changes, field):
    bureau = as_user("bureau_admin")
    response = bureau.post("/bureau/programmes/new", data={**FORM, "slug": "bad-input-case", **changes})
    assert response.status_code == 400
    assert f"field-{field}" in response.get_data(as_text=True)
    from portal.db import get_session

    with supply_app.app_context():
        found = get_session().scalars(select(m.Programme).where(m.Programme.slug == "bad-input-case"))
        assert found.first() is None


def test_only_the_bureau_edits_programmes(as_user, grant):
    assert as_user("enterprise_admin").get("/bureau/programmes").status_code == 403
    assert as_user(None).get(f"/bureau/programmes/{grant}").status_code == 302


def test_bureau_edit_publish_retire_are_audited(supply_app, as_user):
    bureau = as_user("bureau_admin")
    url = bureau.post("/bureau/programmes/new", data={**FORM, "slug": "retire-me"}).headers["Location"]
    assert as_user(None).get("/programmes/retire-me").status_code == 404   # a draft is not public
    assert bureau.post(url + "/status", data={"action": "publish"}).status_code == 303
    assert bureau.post(url, data={**FORM, "slug": "retire-me", "cap_cny": "2000000"}).status_code == 303
    assert bureau.post(url + "/status", data={"action": "retire", "reason": ""}).status_code == 400
    assert bureau.post(url + "/status", data={"action": "fly"}).status_code == 400
    assert bureau.post(url + "/status", data={"action": "retire", "reason": "政策到期"}).status_code == 303
    page = as_user(None).get("/programmes/retire-me?lang=zh").get_data(as_text=True)
    assert "retired-badge" in page and "政策到期" in page
    from portal.db import get_session

    with supply_app.app_context():
        actions = list(get_session().scalars(select(m.AuditEvent.action).where(
            m.AuditEvent.object_type == "programme", m.AuditEvent.object_id == "retire-me")))
    assert actions == ["programme.created", "programme.published", "programme.updated", "programme.retired"]


def test_a_grant_changes_the_match_payback_by_its_rule(as_user, grant):
    """Worked example: CE-01 on a 1.5 Mt clinker line, the enterprise's quote 8,000,000 CNY.
    Grant = min(8,000,000 × 20 %, 1,000,000) = min(1,600,000, 1,000,000) = 1,000,000 CNY.
    Payback without = 8,000,000 ÷ S; with = (8,000,000 − 1,000,000) ÷ S = 7,000,000 ÷ S
    (S: the yearly saving in CNY of the same match; CE-01 states no O&M). NPV with = NPV + 1,000,000."""
    body = as_user(None).post("/api/v1/match", json=MATCH).get_json()
    ce01 = next(x for x in body["matches"] if x["technology"]["code"] == "CE-01")
    saving = ce01["impact"]["cost_cny"]
    support = next(p for p in ce01["programmes"] if p["programme"] == SLUG)
    assert support["used_in_payback"] and support["support_cny"] == pytest.approx(1_000_000)
    assert support["payback_years_without"] == pytest.approx(8_000_000 / saving)
    assert support["payback_years_with"] == pytest.approx(7_000_000 / saving)
    assert support["payback_years_with"] < support["payback_years_without"]
    assert support["npv_cny_with"] == pytest.approx(ce01["impact"]["npv_cny"] + 1_000_000)
    assert {c["rule"] for c in support["checks"]} == {"sector", "technology", "deadline"}
    others = [x for x in body["matches"] if x["technology"]["code"] != "CE-01"]
    assert all(SLUG not in [p["programme"] for p in x["programmes"]] for x in others)


def test_need_page_shows_the_payback_with_and_without(make_supply_app, grant):
    from tests.conftest import sign_in

    client = make_supply_app(WTF_CSRF_ENABLED=False).test_client()
    sign_in(client, EMAILS["enterprise_admin"])
    line = client.post("/enterprise/facilities/new", data={
        "name": "补助测试线", "product_key": "cement_clinker", "annual_output": "1500000",
        "unit_energy": "112", "coal_price": "900"})
    need = client.post("/enterprise/needs/new", data={
        "title": "篦冷机改造", "description": "篦冷机老化，熟料烧成热耗偏高。",
        "facility_id": line.headers["Location"].rsplit("/", 1)[1], "stage_key": "clinker_burning",
        "problem_type": "energy_efficiency", "financing": "any", "budget_cny": "8000000",
        "confidentiality": "public", "action": "open"})
    need_url = need.headers["Location"]
    client.post(need_url + "/quotes", data={"code": "CE-01", "capex_wan": "800"})
    html = client.get(need_url + "?lang=zh").get_data(as_text=True)
    block = html[html.index(f'data-slug="{SLUG}"'):]
    assert "payback-with" in block and "min(8,000,000 × 0.2, 1,000,000) = 1,000,000" in block
    assert "(8,000,000 − 1,000,000) ÷" in block


def programme(**values) -> m.Programme:
    base = {"sectors": [], "categories": [], "technologies": [], "min_saving_tce": None, "deadline": None}
    return m.Programme(**{**base, **values})


def test_eligibility_rules():
    today = date(2026, 12, 4)
    open_ = checks(programme(sectors=["cement"], categories=["efficiency_equipment"], min_saving_tce=1000,
                             deadline=date(2026, 12, 31)), "cement", "efficiency_equipment", "CE-01", 1500.0,
                   today)
    assert [c.rule for c in open_] == ["sector", "category", "min_saving", "deadline"]
    assert all(c.ok for c in open_)
    assert not checks(programme(sectors=["glass"]), "cement", "x", "CE-01", 1.0, today)[0].ok
    assert not checks(programme(categories=["clean_energy"]), "cement", "efficiency_equipment", "CE-01", 1.0,
                      today)[0].ok
    assert not checks(programme(technologies=["CE-02"]), "cement", "x", "CE-01", 1.0, today)[0].ok
    assert not checks(programme(min_saving_tce=2000), "cement", "x", "CE-01", 1500.0, today)[0].ok
    assert not checks(programme(min_saving_tce=10), "cement", "x", "CE-01", None, today)[0].ok
    assert checks(programme(deadline=today), "cement", "x", "CE-01", None, today)[0].ok  # the last day
    assert not checks(programme(deadline=date(2026, 12, 3)), "cement", "x", "CE-01", None, today)[0].ok
    assert checks(programme(), "cement", "x", "CE-01", None, today) == []


def test_setup_keeps_the_bureaus_edit(supply_app, as_user):
    from catalog.programmes.seed import load_programmes
    from catalog.seed import DATA_DIR, SeedReport, read_sources
    from portal.db import get_session

    bureau = as_user("bureau_admin")
    with supply_app.app_context():
        item = get_session().scalars(select(m.Programme).where(m.Programme.slug == "green-credit")).one()
        item_id, form = item.id, {
            "slug": item.slug, "kind": item.kind, "name_zh": item.name_zh,
            "summary_zh": "主管部门改过的说明。",
            "source_key": item.source_key, "basis_zh": item.basis_zh}
    assert bureau.post(f"/bureau/programmes/{item_id}", data=form).status_code == 303
    with supply_app.app_context():
        db = get_session()
        report = SeedReport()
        load_programmes(db, DATA_DIR / "programmes.yaml", report, set(read_sources(DATA_DIR / "sources")))
        db.commit()
        assert db.get(m.Programme, item_id).summary_zh == "主管部门改过的说明。"
        assert report.counts["programme"]["created"] == 0 and not report.conflicts
