"""The public needs board (issue 22) through its pages and its API, on the
demo world (CSRF on): what an anonymous visitor sees, the 404s that reveal
nothing, bad input, the owner's opt-in and a supplier's expression of
interest from the board.

The demo world lists four needs (``board_days`` in data/demo/world.yaml):
cooler, oxyfuel and pots (public) and whr (anonymous, of the cement
enterprise 示例·涪陵江岸水泥有限公司 in 涪陵区, 主城都市区). eaf is in
negotiation, motors bureau_only, grinding closed and draft a draft: none of
them is listed."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from catalog import clock
from portal.api import board_models
from tests.demo_app import demo_app, id_of, m, query, signed_in, token

CEMENT = "示例·涪陵江岸水泥有限公司"
WHR_TITLE = "熟料线余热发电能力提升（匿名）"
WHR_TEXT = "现有余热电站发电量偏低"
TITLES = {"cooler": "2号线篦冷机升级，降低熟料烧成热耗", "whr": WHR_TITLE, "grinding": "生料立磨节电改造",
          "oxyfuel": "浮法熔窑全氧燃烧改造", "eaf": "电弧炉封闭化与废钢预热改造",
          "pots": "电解槽节能改造，降低铝液交流电耗", "motors": "厂区风机水泵节电（仅主管部门可见）",
          "draft": "熔窑余热发电可行性（草稿）"}


@pytest.fixture(scope="module")
def app(make_database, tmp_path_factory):
    built, _output = demo_app(make_database, tmp_path_factory, "needs-board")
    yield built
    built.extensions["db_engine"].dispose()


@pytest.fixture(scope="module")
def ids(app) -> dict[str, int]:
    return {key: id_of(app, m.Need, title=title) for key, title in TITLES.items()}


def listed_ids(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'data-need="(\d+)"', html)}


def set_listing(app, need_id: int, days: int | None) -> None:
    """Put a need on the board until today + ``days`` (None: off it), as the demo world does."""
    with app.app_context():
        from portal.db import get_session

        db = get_session()
        need = db.get(m.Need, need_id)
        need.board_listed_at = None if days is None else m.utcnow()
        need.board_expires_on = None if days is None else clock.today() + timedelta(days=days)
        db.commit()


def test_an_anonymous_visitor_sees_the_listed_needs_and_nothing_of_the_anonymous_owner(app, ids):
    client = app.test_client()
    html = client.get("/needs?lang=zh").get_data(as_text=True)
    assert listed_ids(html) >= {ids["cooler"], ids["whr"], ids["oxyfuel"], ids["pots"]}
    assert listed_ids(html).isdisjoint({ids[k] for k in ("eaf", "motors", "grinding", "draft")})
    assert TITLES["cooler"] in html and "示例·长寿湖浮法玻璃有限公司" in html
    card = html.split(f'data-need="{ids["whr"]}"', 1)[1].split("</li>", 1)[0]
    assert "匿名企业" in card and "匿名需求" in card and "主城都市区" in card and "余热余压利用" in card
    for secret in (CEMENT, WHR_TITLE, WHR_TEXT, "涪陵", "2号熟料线"):
        assert secret not in card
    assert 'id="nav-needs"' in html and "需求栏" in html
    english = client.get("/needs?lang=en").get_data(as_text=True)
    assert "Anonymous enterprise" in english and "Chongqing Main Metropolitan Area" in english


def test_one_listed_need_and_404s_that_reveal_nothing(app, ids):
    client = app.test_client()
    page = client.get(f"/needs/{ids['cooler']}?lang=zh").get_data(as_text=True)
    assert TITLES["cooler"] in page and CEMENT in page and "涪陵区" in page and "3,000" in page
    assert 'id="board-sign-in"' in page and "/login?next=" in page
    anonymous = client.get(f"/needs/{ids['whr']}?lang=zh").get_data(as_text=True)
    assert "匿名需求" in anonymous and CEMENT not in anonymous and WHR_TEXT not in anonymous
    assert WHR_TITLE not in anonymous and "涪陵" not in anonymous
    missing = client.get("/needs/999999").get_data(as_text=True)
    for key in ("eaf", "motors", "grinding", "draft"):
        response = client.get(f"/needs/{ids[key]}")
        same = response.get_data(as_text=True).replace(f"/needs/{ids[key]}", "/needs/999999")
        assert response.status_code == 404 and same == missing, key
    for url in ("/needs/99999999999999999999", "/needs/0", "/needs/abc", "/needs/-1"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("query_string", [
    "page=0", "page=abc", "page=10001", "sector=no-such-sector", "region=fuling", "stage=%27%3B--",
    "problem_type=junk", "financing=junk", "q=" + "x" * 101, "q=%00", "sector=%00"])
def test_bad_input_on_the_page_is_a_400(app, query_string):
    response = app.test_client().get(f"/needs?{query_string}&lang=zh")
    assert response.status_code == 400, query_string
    name = query_string.split("=", 1)[0]
    assert f"“{name}”" in response.get_data(as_text=True), response.get_data(as_text=True)[-1500:]


@pytest.mark.parametrize("query_string", ["page=9999", "q=%25", "q=_", "q=%5C", "q=%27%22%3C", "q=+++"])
def test_odd_but_harmless_input_is_answered(app, query_string):
    assert app.test_client().get(f"/needs?{query_string}").status_code == 200


def test_filters_and_search(app, ids):
    client = app.test_client()

    def found(qs: str) -> set[int]:
        response = client.get(f"/needs?{qs}")
        assert response.status_code == 200, qs
        return listed_ids(response.get_data(as_text=True)) & {ids[k] for k in ("cooler", "whr", "oxyfuel",
                                                                             "pots")}
    assert found("sector=glass") == {ids["oxyfuel"]}
    assert found("stage=electrolysis") == {ids["pots"]}
    assert found("financing=financing_lease") == {ids["oxyfuel"]}
    assert found("problem_type=waste_heat") == {ids["whr"]}
    assert found("region=main_metro") == {ids["cooler"], ids["whr"], ids["oxyfuel"], ids["pots"]}
    assert found("region=northeast") == set()
    assert found("q=篦冷机") == {ids["cooler"]}
    assert found("q=%E4%BD%99%E5%8E%8B") == {ids["whr"]}           # 余压: its stage's name
    assert found("q=发电能力") == set()                              # only in the anonymous title
    assert found("q=电站发电量") == set()                            # only in its description
    assert found("q=100%25") == set()                                # a % is a character, not a wildcard


def test_the_api_lists_the_same_needs_coarsened(app, ids):
    client = app.test_client()
    response = client.get("/api/v1/needs?per_page=100")
    assert response.status_code == 200
    body = response.get_json()
    board_models.BoardPage.model_validate(body)
    by_id = {n["id"]: n for n in body["needs"]}
    assert {ids[k] for k in ("cooler", "whr", "oxyfuel", "pots")} <= set(by_id)
    assert {ids[k] for k in ("eaf", "motors", "grinding", "draft")}.isdisjoint(by_id)
    whr = by_id[ids["whr"]]
    assert whr["anonymous"] and whr["title"] is None and whr["enterprise"] is None
    assert whr["description"] is None and whr["district"] is None and whr["region"] == "main_metro"
    assert whr["listed_on"] is None and whr["expires_on"]
    raw = json.dumps(whr, ensure_ascii=False)  # the cement enterprise's public needs do name it
    for secret in (CEMENT, WHR_TITLE, WHR_TEXT, "fuling", "涪陵"):
        assert secret not in raw
    cooler = by_id[ids["cooler"]]
    assert cooler["enterprise"] == CEMENT and cooler["district"] == "fuling"
    assert cooler["budget_cny"] == {"low": 30_000_000.0, "high": 30_000_000.0}  # 3,000 万元
    assert cooler["interest_url"].endswith(f"/leads/{ids['cooler']}/interest")
    assert body["counts"]["sector"]["glass"] >= 1
    one = client.get(f"/api/v1/needs/{ids['whr']}").get_json()
    board_models.BoardNeed.model_validate(one)
    assert one == whr
    assert client.get(f"/api/v1/needs/{ids['motors']}").status_code == 404
    assert client.get("/api/v1/needs/999999").get_json()["error"]["status"] == 404


@pytest.mark.parametrize("query_string", [
    "per_page=500", "page=0", "page=x", "sector=nope", "q=" + "x" * 101, "q=%00", "financing=junk"])
def test_bad_input_on_the_api_is_a_json_400(app, query_string):
    response = app.test_client().get(f"/api/v1/needs?{query_string}&lang=en")
    assert response.status_code == 400, query_string
    error = response.get_json()["error"]
    assert error["status"] == 400 and query_string.split("=", 1)[0] in error["fields"]


def test_the_openapi_document_has_the_board(app):
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    assert "/api/v1/needs" in doc["paths"] and "/api/v1/needs/{need_id}" in doc["paths"]
    names = {p["name"] for p in doc["paths"]["/api/v1/needs"]["get"]["parameters"]}
    assert {"q", "sector", "region", "stage", "problem_type", "financing", "page", "per_page"} <= names


def board_post(client, need_id: int, url_tail: str, data: dict):
    page = f"/enterprise/needs/{need_id}"
    return client.post(f"{page}/{url_tail}", data={"csrf_token": token(client, page), **data})


def test_the_owner_lists_changes_and_withdraws_a_need(app, ids):
    set_listing(app, ids["cooler"], None)
    owner = signed_in(app, "cement@demo.example")
    visitor = app.test_client()
    assert ids["cooler"] not in listed_ids(visitor.get("/needs").get_data(as_text=True))
    page = owner.get(f"/enterprise/needs/{ids['cooler']}?lang=zh").get_data(as_text=True)
    assert 'data-state="not_listed"' in page and 'id="board-form"' in page
    default = (clock.today() + timedelta(days=90)).isoformat()
    assert f'value="{default}"' in page

    unticked = board_post(owner, ids["cooler"], "board", {"expires_on": default})
    assert unticked.status_code == 302 and visitor.get(f"/needs/{ids['cooler']}").status_code == 404
    too_far = (clock.today() + timedelta(days=400)).isoformat()
    for bad in (too_far, "2020-01-01", "31/12/2026", "x" * 300):
        board_post(owner, ids["cooler"], "board", {"expires_on": bad, "confirm": "1"})
        assert visitor.get(f"/needs/{ids['cooler']}").status_code == 404, bad
    shown = owner.get(f"/enterprise/needs/{ids['cooler']}?lang=zh").get_data(as_text=True)
    assert "请" in shown and 'data-state="not_listed"' in shown

    until = (clock.today() + timedelta(days=30)).isoformat()
    done = board_post(owner, ids["cooler"], "board", {"expires_on": until, "confirm": "1"})
    assert done.status_code == 302 and done.headers["Location"].endswith("#board")
    public = visitor.get(f"/needs/{ids['cooler']}?lang=zh").get_data(as_text=True)
    assert until in public
    page = owner.get(f"/enterprise/needs/{ids['cooler']}?lang=zh").get_data(as_text=True)
    assert 'data-state="listed"' in page and until in page

    board_post(owner, ids["cooler"], "board/withdraw", {})
    assert visitor.get(f"/needs/{ids['cooler']}").status_code == 404
    set_listing(app, ids["cooler"], 90)


def test_the_opt_in_refuses_what_is_not_the_owners_or_not_open(app, ids):
    owner = signed_in(app, "cement@demo.example")
    page = f"/enterprise/needs/{ids['cooler']}"
    csrf = token(owner, page)
    other = owner.post(f"/enterprise/needs/{ids['oxyfuel']}/board", data={"csrf_token": csrf, "confirm": "1"})
    assert other.status_code == 404
    assert owner.post(f"/enterprise/needs/{ids['oxyfuel']}/board/withdraw",
                      data={"csrf_token": csrf}).status_code == 404
    assert owner.post(f"{page}/board", data={"confirm": "1"}).status_code == 400  # no CSRF token
    closed = owner.post(f"/enterprise/needs/{ids['grinding']}/board",
                        data={"csrf_token": csrf, "confirm": "1"})
    assert closed.status_code == 302
    assert app.test_client().get(f"/needs/{ids['grinding']}").status_code == 404
    grinding = owner.get(f"/enterprise/needs/{ids['grinding']}?lang=zh").get_data(as_text=True)
    assert 'id="board-form"' not in grinding
    supplier = signed_in(app, "esco@demo.example")
    assert supplier.post(f"{page}/board", data={"confirm": "1"}).status_code in (400, 403)


def test_a_supplier_expresses_interest_from_the_board(app, ids):
    supplier = signed_in(app, "esco@demo.example")
    page = supplier.get(f"/needs/{ids['pots']}?lang=zh").get_data(as_text=True)
    link = re.search(r'id="board-express" href="([^"]+)"', page).group(1)
    assert link == f"/supplier/leads/{ids['pots']}/interest"
    form = supplier.get(link)
    assert form.status_code == 200
    response = supplier.post(link, data={"csrf_token": token(supplier, link),
                                         "subject": "电解槽节能改造合作意向",
                                         "body": "我司可提供新型阴极与保温改造方案，愿意现场调研。"})
    assert response.status_code == 302 and "/inquiries/" in response.headers["Location"]
    rows = query(app, select(m.Inquiry.origin, m.Inquiry.status).where(m.Inquiry.need_id == ids["pots"],
                                                                         m.Inquiry.origin == "supplier"))
    assert rows and rows[0] == ("supplier", "sent")
    again = supplier.get(link)
    assert again.status_code == 302  # the pending expression of interest, not a second form
    enterprise = signed_in(app, "glass@demo.example")
    assert 'id="board-suppliers-only"' in enterprise.get(f"/needs/{ids['pots']}").get_data(as_text=True)


def test_an_unverified_owner_is_told_its_listing_waits_for_verification(app, ids):
    def status(value: str) -> None:
        with app.app_context():
            from portal.db import get_session

            db = get_session()
            db.get(m.Organisation, db.get(m.Need, ids["cooler"]).organisation_id).status = value
            db.commit()

    owner = signed_in(app, "cement@demo.example")
    page = owner.get(f"/enterprise/needs/{ids['cooler']}").get_data(as_text=True)
    assert 'id="board-unverified"' not in page
    status("pending")
    try:
        page = owner.get(f"/enterprise/needs/{ids['cooler']}?lang=zh").get_data(as_text=True)
        assert 'id="board-unverified"' in page and "核验" in page
        assert app.test_client().get(f"/needs/{ids['cooler']}").status_code == 404
    finally:
        status("verified")
