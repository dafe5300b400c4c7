"""The supplier workspace through the test client: products and EMC offers
from the forms to the public pages, the technology sheet, the API and search;
field-level messages in the user's language; verified-only publishing;
attachments served safely to those allowed only."""
from __future__ import annotations

import re

from sqlalchemy import select

from catalog import models as m
from tests.conftest import sign_in
from tests.supply_world import EMAILS, PDF, png_bytes, upload


def product_form(**overrides) -> dict:
    data = {"name_zh": "智能篦冷机成套装备", "name_en": "Smart grate cooler package",
            "description": "第四代步进式篦冷机，含智能篦速控制。", "technologies": ["CE-01"],
            "specs-0-name": "热回收效率", "specs-0-value": "75", "specs-0-unit": "%",
            "stages": ["clinker_burning"], "capacity_note": "2500–10000 t/d", "price_min": "800",
            "price_max": "1500", "regions": ["chongqing"],
            "cases-0-site": "重庆某水泥公司", "cases-0-year": "2023", "cases-0-results": "热耗下降 4%",
            "cases-0-contact_ok": "y"}
    data.update(overrides)
    return data


def offer_form(**overrides) -> dict:
    data = {"title": "余热发电效益分享型合同能源管理", "model": "shared_savings", "technologies": ["CE-05"],
            "investor": "esco", "esco_investment_pct": "100", "enterprise_shares": "20, 20, 30, 30, 40",
            "term_years": "5", "baseline_method": "以改造前 12 个月外购电量为基准", "mv_method": "ipmvp_b",
            "min_project": "500", "regions": ["national"]}
    data.update(overrides)
    return data


def location_id(response) -> int:
    return int(re.search(r"/(\d+)$", response.headers["Location"]).group(1))


def test_workspace_pages_render_in_both_languages(as_user):
    client = as_user("supplier_admin")
    for url in ("/supplier/", "/supplier/products/new", "/supplier/offers/new", "/supplier/submissions/new"):
        zh = client.get(url + "?lang=zh")
        assert zh.status_code == 200, url
        assert "供应商工作台" in zh.get_data(as_text=True)
        en = client.get(url + "?lang=en")
        assert en.status_code == 200 and "Supplier workspace" in en.get_data(as_text=True)
    client.get("/?lang=zh")


def test_product_from_form_to_public_page_sheet_api_and_search(as_user, supply_app):
    client = as_user("supplier_admin")
    created = client.post("/supplier/products/new", data=product_form())
    assert created.status_code == 302
    product_id = location_id(created)
    assert as_user(None).get(f"/products/{product_id}").status_code == 404  # a draft is not public
    published = client.post(f"/supplier/products/{product_id}/status", data={"action": "publish"})
    assert published.status_code == 302
    page = as_user(None).get(f"/products/{product_id}").get_data(as_text=True)
    assert "智能篦冷机成套装备" in page and "热回收效率" in page and "800 – 1,500" in page
    sheet = as_user(None).get("/technologies/CE-01").get_data(as_text=True)
    assert f"/products/{product_id}" in sheet
    api = as_user(None).get("/api/v1/technologies/CE-01").get_json()
    assert product_id in [p["id"] for p in api["products"]] and "offers" in api
    assert as_user(None).get(f"/api/v1/products/{product_id}").get_json()["supplier"]["verified"] is True
    found = as_user(None).get("/api/v1/search?type=product&q=智能篦冷机").get_json()
    assert f"P-{product_id}" in [i["code"] for i in found["items"]]
    assert all(i["type"] == "product" for i in found["items"])
    default = as_user(None).get("/api/v1/search?q=智能篦冷机成套装备").get_json()
    assert all(i["type"] == "technology" for i in default["items"])  # technologies unless asked
    results = as_user(None).get("/search?type=product&q=智能篦冷机").get_data(as_text=True)
    assert f'href="/products/{product_id}"' in results
    # an edit of the published product is kept in its history, shown to the supplier and the bureau
    assert client.post(f"/supplier/products/{product_id}/edit", data=product_form(price_max="1600")) \
        .status_code == 302
    history = client.get(f"/supplier/products/{product_id}").get_data(as_text=True)
    assert "版本 2" in history and "price_max_cny" in history
    assert "版本 2" in as_user("curator1").get(f"/bureau/products/{product_id}").get_data(as_text=True)


def test_product_form_problems_are_shown_on_their_fields_and_nothing_is_saved(as_user, supply_db):
    client = as_user("supplier_admin")
    with supply_db["sessions"]() as db:
        before = len(db.scalars(select(m.Product.id)).all())
    response = client.post("/supplier/products/new", data=product_form(
        name_zh="", technologies=["ZZ-99"], price_min="abc", price_max="", regions=[],
        **{"specs-1-value": "60", "cases-0-year": "1800"}))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for text in ("此项为必填项", "ZZ-99", "请输入数字", "请至少选择一个服务区域", "第 2 行", "1990"):
        assert text in page, text
    with supply_db["sessions"]() as db:
        assert len(db.scalars(select(m.Product.id)).all()) == before
    english = client.post("/supplier/products/new?lang=en", data=product_form(regions=[]))
    assert "Choose at least one service region." in english.get_data(as_text=True)


def test_offer_rules_show_field_messages_and_a_published_offer_reaches_the_sheet(as_user):
    client = as_user("supplier_admin")
    bad = client.post("/supplier/offers/new", data=offer_form(
        model="guaranteed_savings", enterprise_shares="20, 130", term_years="0"))
    assert bad.status_code == 400
    page = bad.get_data(as_text=True)
    assert "节能量保证型方案必须写明保证节能量" in page and "0 到 100" in page and "1 到 30" in page
    created = client.post("/supplier/offers/new", data=offer_form())
    assert created.status_code == 302
    offer_id = location_id(created)
    assert client.post(f"/supplier/offers/{offer_id}/status", data={"action": "publish"}).status_code == 302
    sheet = as_user(None).get("/technologies/CE-05").get_data(as_text=True)
    assert "余热发电效益分享型合同能源管理" in sheet and f"/offers/{offer_id}" in sheet
    public = as_user(None).get(f"/offers/{offer_id}").get_data(as_text=True)
    assert "效益分享型" in public and "第 5 年: 40 %" in public
    api = as_user(None).get("/api/v1/technologies/CE-05").get_json()
    [offer] = [o for o in api["offers"] if o["id"] == offer_id]
    assert offer["enterprise_shares"] == [20, 20, 30, 30, 40] and offer["min_project_cny"] == 5_000_000
    found = as_user(None).get("/api/v1/search?type=offer&q=余热发电").get_json()
    assert f"O-{offer_id}" in [i["code"] for i in found["items"]]
    # withdrawn: gone from the sheet, the API and search
    assert client.post(f"/supplier/offers/{offer_id}/status", data={"action": "withdraw"}).status_code == 302
    assert f"/offers/{offer_id}" not in as_user(None).get("/technologies/CE-05").get_data(as_text=True)
    assert as_user(None).get(f"/api/v1/offers/{offer_id}").status_code == 404
    found = as_user(None).get("/api/v1/search?type=offer&q=余热发电").get_json()
    assert f"O-{offer_id}" not in [i["code"] for i in found["items"]]


def test_a_pending_supplier_cannot_publish(as_user):
    client = as_user("pending_admin")
    home = client.get("/supplier/").get_data(as_text=True)
    assert 'id="publish-note"' in home
    product_id = location_id(client.post("/supplier/products/new", data=product_form()))
    refused = client.post(f"/supplier/products/{product_id}/status", data={"action": "publish"})
    assert refused.status_code == 400 and "只有已核验的单位才能发布" in refused.get_data(as_text=True)
    assert as_user(None).get(f"/products/{product_id}").status_code == 404


def test_listings_of_another_organisation_are_not_found(as_user):
    product_id = location_id(as_user("other_admin").post("/supplier/products/new", data=product_form()))
    client = as_user("supplier_member")
    for url in (f"/supplier/products/{product_id}", f"/supplier/products/{product_id}/edit"):
        assert client.get(url).status_code == 404
    publish = client.post(f"/supplier/products/{product_id}/status", data={"action": "publish"})
    assert publish.status_code == 404


def test_attachments_are_checked_stored_outside_and_served_only_to_those_allowed(as_user, supply_app):
    client = as_user("supplier_admin")
    product_id = location_id(client.post("/supplier/products/new", data=product_form()))
    url = f"/supplier/products/{product_id}/files"
    assert upload(client, url, "检测报告.pdf", PDF).status_code == 302
    assert upload(client, url, "照片.png", png_bytes()).status_code == 302
    refused = upload(client, url, "report.pdf", b"<html><script>alert(1)</script>")
    assert refused.status_code == 400 and "只接受 PDF、PNG 和 JPEG 文件" in refused.get_data(as_text=True)
    renamed = upload(client, url, "report.png", PDF)
    assert renamed.status_code == 400
    page = client.get(f"/supplier/products/{product_id}").get_data(as_text=True)
    file_id = int(re.search(r'/attachments/(\d+)">检测报告.pdf', page).group(1))
    stored = list((supply_app.config["ATTACHMENT_DIR"] and __import__("pathlib").Path(
        supply_app.config["ATTACHMENT_DIR"])).rglob("*"))
    assert stored and not str(stored[0]).startswith(str(supply_app.static_folder))
    assert as_user(None).get(f"/attachments/{file_id}").status_code == 404      # draft: not public
    assert as_user("enterprise_admin").get(f"/attachments/{file_id}").status_code == 404
    own = client.get(f"/attachments/{file_id}")
    assert own.status_code == 200 and own.data == PDF
    assert own.headers["Content-Type"] == "application/pdf"
    assert own.headers["X-Content-Type-Options"] == "nosniff"
    assert own.headers["Content-Disposition"].startswith("attachment;")
    assert "%E6%A3%80%E6%B5%8B" in own.headers["Content-Disposition"]
    assert as_user("curator2").get(f"/attachments/{file_id}").status_code == 200
    client.post(f"/supplier/products/{product_id}/status", data={"action": "publish"})
    assert as_user(None).get(f"/attachments/{file_id}").status_code == 200


def test_upload_size_limit(make_supply_app):
    app = make_supply_app(WTF_CSRF_ENABLED=False, ATTACHMENT_MAX_BYTES=100)
    client = app.test_client()
    sign_in(client, EMAILS["supplier_admin"])
    product_id = location_id(client.post("/supplier/products/new", data=product_form()))
    response = upload(client, f"/supplier/products/{product_id}/files", "big.pdf", PDF + b"0" * 200)
    assert response.status_code == 400 and "文件大于" in response.get_data(as_text=True)
    body = b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.pdf\"\r\n\r\n" \
        + PDF + b"0" * (17 * 1024 * 1024) + b"\r\n--x--\r\n"
    huge = client.post(f"/supplier/products/{product_id}/files", data=body,
                       content_type="multipart/form-data; boundary=x")
    assert huge.status_code == 413 and "上传的文件过大" in huge.get_data(as_text=True)
