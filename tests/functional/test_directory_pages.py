"""The supplier directory's pages and API (issue 22) and the follow-up's
consent box, on the world of tests/directory_world.py: anyone browses and
filters; a profile shows listings, completed projects (named only with the
enterprise's consent) and the response time with its basis; contacting is
the signed-in enterprise's inquiry flow; bad input is a 4xx, never a 500."""
from __future__ import annotations

import re

import pytest

from portal.api import directory_schema
from tests import directory_world
from tests.conftest import app_factory, seed_database, sign_in

SECRETS = ("不应公开的联系人", "13900000000", "secret-")


@pytest.fixture(scope="module")
def dworld(make_database, tmp_path_factory):
    database = seed_database(make_database(), tmp_path_factory.mktemp("dirf-index") / "search-index")
    ids = directory_world.build(database["sessions"])
    yield database, ids
    database["engine"].dispose()


@pytest.fixture(scope="module")
def dapp(dworld, tmp_path_factory):
    factory = app_factory(dworld[0], tmp_path_factory, "directory")
    make = next(factory)
    yield make(WTF_CSRF_ENABLED=False)
    next(factory, None)


@pytest.fixture
def anon(dapp):
    return dapp.test_client()


@pytest.fixture
def ids(dworld):
    return dworld[1]


def text(resp) -> str:
    return resp.get_data(as_text=True)


def test_the_list_shows_verified_suppliers_only_in_chinese_first(anon):
    page = text(resp := anon.get("/suppliers"))
    assert resp.status_code == 200
    assert "供应商名录" in page and 'href="/suppliers"' in page       # the page and the nav link
    for name in ("甲 节能装备有限公司", "乙 余热发电有限公司", "丁 100%_节能有限公司"):
        assert name in page
    for hidden in ("丙 待核验供应商", "壬 已撤销供应商", *SECRETS):
        assert hidden not in page


def test_english_works(anon):
    page = text(anon.get("/suppliers?lang=en"))
    assert "Supplier directory" in page and "Sign in" in page


@pytest.mark.parametrize("query, shown, not_shown", [
    ("emc=1", "甲 节能装备", "乙 余热发电"),
    ("emc=0", "乙 余热发电", "甲 节能装备"),
    ("sector=glass", "乙 余热发电", "甲 节能装备"),
    ("technology=CE-04", "乙 余热发电", "甲 节能装备"),
    ("model=shared_savings", "甲 节能装备", "丁 100%"),
    ("region=jiangbei&emc=1", "甲 节能装备", "乙 余热发电"),
    ("q=%25", "丁 100%", "甲 节能装备"),
    ("q=", "甲 节能装备", "丙 待核验"),
])
def test_filters_on_the_page(anon, query, shown, not_shown):
    resp = anon.get(f"/suppliers?{query}")
    assert resp.status_code == 200
    assert shown in text(resp) and not_shown not in text(resp)


@pytest.mark.parametrize("query, status", [
    ("sector=nope", 400), ("category=nope", 400), ("technology=ZZ-99", 400), ("region=atlantis", 400),
    ("model=free", 400), ("emc=maybe", 400), ("page=abc", 400), ("page=0", 400), ("page=99", 404),
    ("q=" + "x" * 65, 400), ("q=a%00b", 400), ("technology=a%00b", 400), ("per_page=1000", 400),
])
def test_bad_filters_are_4xx_never_500(anon, query, status):
    assert anon.get(f"/suppliers?{query}").status_code == status


def test_a_profile_for_an_anonymous_visitor(anon, ids):
    page = text(resp := anon.get(f"/suppliers/{ids['s1']}"))
    assert resp.status_code == 200
    assert "甲 篦冷机改造" in page and "甲 效益分享方案" in page and "甲 草稿产品" not in page
    assert 'id="sign-in-to-contact"' in page and "登录后联系" in page
    assert f"/login?next=/suppliers/{ids['s1']}" in page and "/inquiries/new" not in page
    assert directory_world.NAMED in page and "1234.5" in page
    assert all(name not in page for name in (*directory_world.HIDDEN_NAMES, *SECRETS))
    median = re.search(r'id="response-median">([^<]*)<', page).group(1)
    assert "5.5" in median
    assert re.search(r'id="response-hours">([^<]*)<', page).group(1) == "2、3、5.5、26、48"


def test_response_time_not_available_below_five_answers(anon, ids):
    page = text(anon.get(f"/suppliers/{ids['s2']}"))
    median = re.search(r'id="response-median">([^<]*)<', page).group(1)
    assert "不可用" in median or "暂无" in median
    assert "江苏" in page


@pytest.mark.parametrize("key", ["s3", "s4"])
def test_unverified_suppliers_have_no_profile(anon, ids, key):
    assert anon.get(f"/suppliers/{ids[key]}").status_code == 404
    assert anon.get(f"/api/v1/suppliers/{ids[key]}").status_code == 404


def test_an_enterprise_gets_the_inquiry_flow(dapp, ids):
    client = dapp.test_client()
    assert sign_in(client, directory_world.CONSENT_EMAIL).status_code == 302
    page = text(client.get(f"/suppliers/{ids['s1']}"))
    assert f"/inquiries/new?product_id={ids['p1']}" in page and f"/inquiries/new?offer_id={ids['o1']}" in page
    assert "sign-in-to-contact" not in page
    assert client.get(f"/inquiries/new?product_id={ids['p1']}").status_code == 200


def test_the_api_lists_and_filters(anon):
    body = (resp := anon.get("/api/v1/suppliers")).get_json()
    assert resp.status_code == 200
    directory_schema.DirectoryPage.model_validate(body)
    assert {x["name"] for x in body["items"]} == {"甲 节能装备有限公司", "乙 余热发电有限公司",
                                                  "丁 100%_节能有限公司"}
    emc = anon.get("/api/v1/suppliers?emc=1&region=wanzhou").get_json()
    assert [x["name"] for x in emc["items"]] == ["甲 节能装备有限公司"]
    assert emc["items"][0]["emc_models"] == ["shared_savings"] and emc["items"][0]["completed_projects"] == 3
    assert not any(s in resp.get_data(as_text=True) for s in SECRETS)


@pytest.mark.parametrize("query, field", [("sector=nope", "sector"), ("per_page=1000", "per_page"),
                                          ("emc=2", "emc"), ("model=free", "model"), ("page=x", "page"),
                                          ("q=a%00b", "q")])
def test_the_api_refuses_bad_queries(anon, query, field):
    resp = anon.get(f"/api/v1/suppliers?{query}")
    assert resp.status_code == 400
    error = resp.get_json()["error"]
    assert error["status"] == 400 and (field in (error.get("fields") or {}) or field in error["message"])


def test_the_api_profile_names_only_consenting_enterprises(anon, ids):
    resp = anon.get(f"/api/v1/suppliers/{ids['s1']}")
    body = resp.get_json()
    directory_schema.DirectoryProfile.model_validate(body)
    projects = body["completed_projects"]
    assert (projects["total"], projects["unnamed"]) == (3, 2)
    assert [p["enterprise"] for p in projects["named"]] == [directory_world.NAMED]
    assert all(name not in resp.get_data(as_text=True) for name in (*directory_world.HIDDEN_NAMES, *SECRETS))
    rt = body["response_time"]
    assert (rt["median_hours"], rt["answered"], rt["received"], rt["minimum_answered"]) == (5.5, 5, 6, 5)
    assert rt["hours"] == [2.0, 3.0, 5.5, 26.0, 48.0]
    assert {x["kind"] for x in body["listings"]} == {"product", "offer"}
    assert anon.get(f"/api/v1/suppliers/{ids['s2']}").get_json()["response_time"]["median_hours"] is None


def test_the_openapi_document_has_the_directory(anon):
    doc = anon.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/suppliers" in doc["paths"] and "/api/v1/suppliers/{supplier_id}" in doc["paths"]
    names = {p["name"] for p in doc["paths"]["/api/v1/suppliers"]["get"]["parameters"]}
    assert {"q", "sector", "category", "technology", "region", "emc", "model", "page"} <= names


def test_the_follow_up_consent_box_names_and_unnames_the_enterprise(dapp, anon, ids):
    """辛's follow-up is due: the form has the (unticked) box; ticking it names
    辛 on S5's profile, the thread's own box withdraws it again."""
    client = dapp.test_client()
    assert sign_in(client, directory_world.CONSENT_EMAIL).status_code == 302
    thread = f"/inquiries/{ids['due']}"
    form = text(client.get(thread))
    assert 'name="reference_ok"' in form and "供应商名录" in form
    assert directory_world.CONSENTING not in text(anon.get(f"/suppliers/{ids['s5']}"))
    answered = client.post(f"{thread}/follow-up", data={"satisfaction": "4", "achieved_saving_tce": "321",
                                                         "reference_ok": "y"})
    assert answered.status_code == 302
    profile = text(anon.get(f"/suppliers/{ids['s5']}"))
    assert directory_world.CONSENTING in profile and "321" in profile
    withdrawn = client.post(f"{thread}/follow-up/reference", data={})
    assert withdrawn.status_code == 302
    profile = text(anon.get(f"/suppliers/{ids['s5']}"))
    assert directory_world.CONSENTING not in profile
    assert directory_world.CONSENTING not in anon.get(f"/api/v1/suppliers/{ids['s5']}").get_data(as_text=True)
    assert anon.get(f"/api/v1/suppliers/{ids['s5']}").get_json()["completed_projects"]["unnamed"] == 1
    again = client.post(f"{thread}/follow-up/reference", data={"reference_ok": "y"})
    assert again.status_code == 302
    assert directory_world.CONSENTING in text(anon.get(f"/suppliers/{ids['s5']}"))
    client.post(f"{thread}/follow-up/reference", data={})  # leave the world as it was


def test_consent_cannot_be_set_before_the_follow_up_or_by_others(dapp, ids):
    client = dapp.test_client()
    assert sign_in(client, directory_world.CONSENT_EMAIL).status_code == 302
    other = client.post(f"/inquiries/{ids['named_inquiry']}/follow-up/reference", data={"reference_ok": "y"})
    assert other.status_code == 404   # not this enterprise's inquiry


def test_the_pages_render_without_queries(dapp, anon, ids):
    """Everything the templates show is loaded by the view (templates never query)."""
    from flask import before_render_template, template_rendered
    from sqlalchemy import event

    seen, rendering = [], []
    engine = dapp.extensions["db_engine"]

    def statement(_conn, _cursor, sql, *_args):
        if rendering:
            seen.append(sql.split("\n")[0][:120])

    def started(*_args, **_kwargs):
        rendering.append(True)

    def finished(*_args, **_kwargs):
        rendering.clear()

    event.listen(engine, "before_cursor_execute", statement)
    before_render_template.connect(started, dapp)
    template_rendered.connect(finished, dapp)
    try:
        for url in ("/suppliers", f"/suppliers/{ids['s1']}", f"/suppliers/{ids['s2']}"):
            assert anon.get(url).status_code == 200
    finally:
        template_rendered.disconnect(finished, dapp)
        before_render_template.disconnect(started, dapp)
        event.remove(engine, "before_cursor_execute", statement)
    assert seen == []


def test_product_and_offer_pages_link_to_the_profile(anon, ids):
    for url in (f"/products/{ids['p1']}", f"/offers/{ids['o1']}"):
        assert f'href="/suppliers/{ids["s1"]}"' in text(anon.get(url))


def test_the_consent_is_audited_in_words(dapp):
    from flask_babel import force_locale

    from portal.vocabulary import action_label, audit_details

    with dapp.test_request_context("/"), force_locale("zh"):
        assert action_label("inquiry.reference_consent") == "对接请求：供应商名录具名同意已变更"
        assert audit_details("inquiry", {"reference_ok": False}) == [("在供应商名录中具名", "否")]
