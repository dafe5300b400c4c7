"""Issue 13's contract terms on the pages: the supplier form takes them (and
refuses impossible combinations on their fields, never with a 500), the offer
pages show every term with its unit or 「合同条款不全」 with what is missing,
the cash-flow table carries its units and its note, and the bureau sets the
discount rate."""
from __future__ import annotations

import re

import pytest
from flask import render_template_string

from catalog.curation.review import discount_rate
from catalog.enterprise.offers import compare_terms, view
from catalog.supply import offers
from catalog.supply.contract import OfferTerms
from tests.supply_world import EMAILS, actor_of, offer_input

GUARANTEED = {"title": "窑头余热发电节能量保证型合同", "model": "guaranteed_savings",
              "technologies": ["CE-05"], "investor": "enterprise", "esco_investment_pct": "0",
              "term_years": "6",
              "guaranteed_saving": "1200", "guarantee_unit": "tce_per_year", "shortfall_kind": "capped",
              "shortfall_cap": "20", "service_fee": "8", "shortfall_rule": "按第三方测量结果结算",
              "baseline_method": "以改造前 12 个月外购电量为基准", "mv_method": "ipmvp_b",
              "min_project": "300", "regions": ["chongqing"]}


def location_id(response) -> int:
    return int(re.search(r"/(\d+)$", response.headers["Location"]).group(1))


def test_the_supplier_form_takes_the_contract_terms_and_the_pages_show_them(as_user):
    client = as_user("supplier_admin")
    form = client.get("/supplier/offers/new").get_data(as_text=True)
    for name in ("service_fee", "shortfall_kind", "shortfall_cap", "hosting_discount_pct", "lease_rate_pct",
                 "lease_instalments", "down_payment_pct", "enterprise_investment_pct"):
        assert f'id="{name}"' in form, name
    assert 'value="percent"' not in form          # new guarantees are in CNY, tce or MWh
    created = client.post("/supplier/offers/new", data=GUARANTEED)
    assert created.status_code == 302
    offer_id = location_id(created)
    own = client.get(f"/supplier/offers/{offer_id}").get_data(as_text=True)
    for text in ("1,200", "节能服务公司补偿差额，每年不超过上限", "20 万元/年", "服务费", "8 万元/年",
                 "按第三方测量结果结算"):
        assert text in own, text
    assert "合同条款不全" not in own
    edit = client.get(f"/supplier/offers/{offer_id}/edit").get_data(as_text=True)
    assert 'id="service_fee" name="service_fee" type="text" value="8"' in edit
    assert client.post(f"/supplier/offers/{offer_id}/status", data={"action": "publish"}).status_code == 302
    public = as_user(None).get(f"/offers/{offer_id}?lang=en").get_data(as_text=True)
    assert "The ESCO pays the shortfall up to a yearly cap" in public
    assert "CNY 0.2 million a year" in public  # 20 万元 a year in English words (issue 20)
    api = as_user(None).get(f"/api/v1/offers/{offer_id}").get_json()
    assert (api["service_fee_cny"], api["shortfall_kind"], api["shortfall_cap_cny"]) == \
        (80_000, "capped", 200_000)
    assert api["missing_terms"] == []


def test_a_lease_and_a_hosting_offer_show_their_terms(as_user):
    client = as_user("supplier_admin")
    lease = client.post("/supplier/offers/new", data={
        **GUARANTEED, "title": "空压机融资租赁方案", "model": "financing_lease", "investor": "financier",
        "guaranteed_saving": "", "guarantee_unit": "", "shortfall_kind": "", "shortfall_cap": "",
        "service_fee": "", "shortfall_rule": "", "financing_partner": "重庆某金融租赁有限公司",
        "lease_rate_pct": "5.5", "lease_instalments": "12", "down_payment_pct": "20"})
    assert lease.status_code == 302
    page = client.get(f"/supplier/offers/{location_id(lease)}").get_data(as_text=True)
    assert "年利率 5.5 %" in page and "按月" in page and "每年 12 次" in page and "占投资的 20 %" in page
    hosting = client.post("/supplier/offers/new", data={
        **GUARANTEED, "title": "风机能源费用托管方案", "model": "energy_cost_hosting", "investor": "esco",
        "esco_investment_pct": "100", "guaranteed_saving": "", "guarantee_unit": "", "shortfall_kind": "",
        "shortfall_cap": "", "service_fee": "", "shortfall_rule": "", "hosting_discount_pct": "8",
        "hosting_baseline": "500"})
    assert hosting.status_code == 302
    page = client.get(f"/supplier/offers/{location_id(hosting)}").get_data(as_text=True)
    assert "按基准能源费用优惠 8 %" in page and "500 万元/年" in page


@pytest.mark.parametrize(("overrides", "field", "zh"), [
    ({"service_fee": ""}, "service_fee", "该合同模式必须填写此项"),
    ({"lease_rate_pct": "5"}, "lease_rate_pct", "此项不适用于所选合同模式"),
    ({"shortfall_kind": "share", "shortfall_cap": ""}, "shortfall_share_pct", "该合同模式必须填写此项"),
    ({"shortfall_kind": "nonsense"}, "shortfall_kind", "请从列表中选择"),
    ({"lease_instalments": "7"}, "lease_instalments", "请从列表中选择"),
    ({"guarantee_unit": "percent"}, "guarantee_unit", "百分比无法折算"),
    ({"investor": "shared", "esco_investment_pct": "60", "enterprise_investment_pct": "30"},
     "enterprise_investment_pct", "出资比例之和须为 100 %（节能服务公司出资比例为 60 %）"),
    ({"service_fee": "一万"}, "service_fee", "请输入数字"),
    ({"hosting_discount_pct": "1e999"}, "hosting_discount_pct", "请输入数字"),
])
def test_impossible_combinations_show_on_their_field(as_user, overrides, field, zh):
    response = as_user("supplier_admin").post("/supplier/offers/new", data={**GUARANTEED, **overrides})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    block = page.split(f'class="mb-3 field-{field}"', 1)[1].split('class="mb-3 field-', 1)[0]
    assert zh in block, block[:400]


def test_english_messages_for_the_new_rules(as_user):
    page = as_user("supplier_admin").post("/supplier/offers/new?lang=en", data={
        **GUARANTEED, "service_fee": "", "lease_rate_pct": "5"}).get_data(as_text=True)
    assert "This contract model needs this term." in page
    assert "This term does not belong to the chosen contract model" in page


def test_an_offer_lacking_terms_shows_contract_terms_incomplete(supply_db, supply_world, as_user):
    """An offer saved before revision 0010: the migration left its new terms empty."""
    with supply_db["sessions"]() as db:
        org, actor = supply_world["orgs"]["V"], actor_of(db, EMAILS["supplier_admin"])
        offer = offers.create(db, actor, org, offer_input(
            title="旧版节能量保证方案（条款不全）", model="guaranteed_savings", investor="enterprise",
            esco_investment_pct="0", enterprise_shares="", guaranteed_saving="800",
            guarantee_unit="tce_per_year", shortfall_kind="full", service_fee_wan="5",
            technologies=("CE-05",)))
        offer.service_fee_cny = offer.shortfall_kind = None
        db.commit()
        offers.publish(db, actor, org, offer.id)
        offer_id = offer.id
    page = as_user(None).get(f"/offers/{offer_id}").get_data(as_text=True)
    incomplete = page.split('contract-incomplete', 1)[1].split("</div>", 1)[0]
    assert "合同条款不全" in incomplete and "服务费" in incomplete and "差额补偿规则" in incomplete
    english = as_user(None).get(f"/offers/{offer_id}?lang=en").get_data(as_text=True)
    assert "Contract terms incomplete" in english
    sheet = as_user(None).get("/technologies/CE-05").get_data(as_text=True)
    card = sheet.split(f'href="/offers/{offer_id}"', 1)[1].split("offer-card", 1)[0]
    assert "合同条款不全" in card
    api = as_user(None).get(f"/api/v1/offers/{offer_id}").get_json()
    assert api["missing_terms"] == ["service_fee", "shortfall_kind"]


def _terms(**kw) -> OfferTerms:
    base = dict(offer_id=1, title="效益分享", model="financing_lease", min_project_cny=0, regions=(),
                enterprise_share=(), term_years=2, investor="financier", esco_investment_share=0.0,
                esco_investment_max_cny=None, guaranteed_saving=None, guarantee_unit="", mv_method="ipmvp_b",
                supplier_id=1, supplier_name="某租赁公司", supplier_verified=True, lease_rate=0.06,
                instalments_per_year=4, down_payment_share=0.2)
    return OfferTerms(**{**base, **kw})


def render_block(app, comparison, lang: str) -> str:
    with app.test_request_context(f"/?lang={lang}"):
        return render_template_string('{% from "_macros/emc.html" import contract_block %}'
                                      "{{ contract_block(c) }}", c=comparison)


def test_the_cash_flow_table_has_units_a_note_and_a_phone_layout(supply_app):
    [c] = compare_terms([view(_terms())], 500_000, 1_000_000, discount_rate=0.08, service_life_years=4)
    html = render_block(supply_app, c, "zh")
    assert "table-responsive" in html and "table-stack" in html        # stacked rows under 576 px
    for head in ("节能收益（元）", "企业·合同能源管理（元）", "出租方（元）", "企业自筹（元）"):
        assert head in html and f'data-label="{head}"' in html, head
    assert "负数表示该方当年净支出" in html and "净现值（折现率 8 %）" in html
    # year 1: 500,000 − 4 × 106,867.22 = 72,531; the lessor 427,469
    assert "72,531" in html and "427,469" in html and "-800,000" in html
    assert 'data-name="lease_interest"' in html and "54,938 元" in html
    assert "below-minimum" not in html
    [small] = compare_terms([view(_terms(min_project_cny=3e6))], 500_000, 1e6, discount_rate=0.08)
    assert "投资额低于该方案的最低项目规模（300 万元）" in render_block(supply_app, small, "zh")
    english = render_block(supply_app, c, "en")
    assert "Saving (CNY)" in english and "a negative figure is money it pays out" in english


def test_the_cash_flow_block_says_what_is_missing(supply_app):
    [old] = compare_terms([view(_terms(lease_rate=None))], 500_000, 1e6, discount_rate=0.08)
    html = render_block(supply_app, old, "zh")
    assert "合同条款不全" in html and "租赁利率" in html
    guaranteed = _terms(model="guaranteed_savings", guaranteed_saving=800, guarantee_unit="tce_per_year",
                        service_fee_cny=0, shortfall_kind="full")
    [priceless] = compare_terms([view(guaranteed)], 500_000, 1e6, discount_rate=0.08)
    html = render_block(supply_app, priceless, "zh")
    assert "如需计算现金流，请填写" in html and "用于折算保证节能量的能源价格" in html
    [priced] = compare_terms([view(guaranteed)], 500_000, 1e6, discount_rate=0.08, prices={"tce": 900})
    assert "800 吨标准煤/年 × 900 元/tce = 720,000 元/年" in render_block(supply_app, priced, "zh")


def test_the_bureau_sets_the_discount_rate(as_user, supply_db):
    admin = as_user("bureau_admin")
    values = {"publish_min_total": "14", "reject_below_total": "10", "min_per_criterion": "2",
              "min_reviewers": "2", "notice_days": "7", "review_years": "3"}
    assert 'id="discount_rate_pct"' in admin.get("/bureau/settings").get_data(as_text=True)
    refused = admin.post("/bureau/settings", data={**values, "discount_rate_pct": "45"})
    assert refused.status_code == 400 and "0 到 30" in refused.get_data(as_text=True)
    assert admin.post("/bureau/settings", data={**values, "discount_rate_pct": "6.5"}).status_code == 302
    with supply_db["sessions"]() as db:
        assert discount_rate(db) == pytest.approx(0.065)
    assert admin.post("/bureau/settings", data={**values, "discount_rate_pct": "8"}).status_code == 302
    with supply_db["sessions"]() as db:
        assert discount_rate(db) == pytest.approx(0.08)
