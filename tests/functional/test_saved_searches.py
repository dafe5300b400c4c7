"""Saved searches through the pages: the save form on /search and /catalogue
(signed-in users only), saving with the page's own values, bad input (400,
nothing saved), the list with rename, alert on/off and delete, other users'
ids (404), and ``flask --app portal notify scan``."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from catalog import models as m

A, B, MEMBER = "enterprise_admin", "other_admin", "supplier_member"


@pytest.fixture
def stored(supply_db, supply_world):
    """The saved searches of a user, as the database has them."""
    def rows(key: str) -> list[m.SavedSearch]:
        with supply_db["sessions"]() as db:
            return list(db.scalars(select(m.SavedSearch).where(
                m.SavedSearch.user_id == supply_world["users"][key]["id"]).order_by(m.SavedSearch.id)))
    return rows


def save_action(page: str) -> str | None:
    found = re.search(r'<form[^>]*id="save-search"[^>]*action="([^"]+)"', page)
    return html.unescape(found.group(1)) if found else None


def test_the_save_form_is_for_signed_in_users_with_something_to_save(as_user):
    anonymous, signed_in = as_user(None), as_user(A)
    assert save_action(anonymous.get("/search?q=篦冷机").get_data(as_text=True)) is None
    assert save_action(anonymous.get("/catalogue?sector=cement").get_data(as_text=True)) is None
    assert save_action(signed_in.get("/search").get_data(as_text=True)) is None  # nothing to save
    assert save_action(signed_in.get("/catalogue").get_data(as_text=True)) is None
    action = save_action(signed_in.get("/search?q=篦冷机&type=product&sort=newest").get_data(as_text=True))
    assert action.startswith("/alerts/saved/new?") and "scope=search" in action and "type=product" in action
    action = save_action(signed_in.get("/catalogue?sector=cement&plan=1").get_data(as_text=True))
    assert "scope=catalogue" in action and "sector=cement" in action and "plan=1" in action


def test_save_from_search_and_from_the_catalogue(as_user, stored):
    client = as_user(A)
    before = len(stored(A))
    page = client.get("/search?q=篦冷机&type=product&sort=newest&page=1").get_data(as_text=True)
    action = save_action(page)
    response = client.post(action, data={"name": ""})
    assert response.status_code == 302 and response.headers["Location"] == "/alerts/saved"
    action = save_action(client.get("/catalogue?sector=cement&plan=1").get_data(as_text=True))
    assert client.post(action, data={"name": "  水泥 方案点名  "}).status_code == 302
    rows = stored(A)[before:]
    assert [(r.scope, r.name, r.params, r.alert) for r in rows] == [
        ("search", "篦冷机", {"q": "篦冷机", "type": "product", "sort": "newest"}, True),
        ("catalogue", "水泥 方案点名", {"sector": "cement", "plan": "1", "sort": "code"}, True)]
    page = client.get("/alerts/saved").get_data(as_text=True)
    assert "已保存搜索" in page  # the flash, in Chinese by default
    assert 'href="/search?q=%E7%AF%A6%E5%86%B7%E6%9C%BA&amp;type=product&amp;sort=newest"' in page
    assert 'href="/catalogue?sector=cement&amp;plan=1&amp;sort=code"' in page
    # Without text and without a name, the filters name the search.
    assert client.post("/alerts/saved/new?scope=catalogue&sector=cement&stage=clinker_burning",
                       data={}).status_code == 302
    assert stored(A)[-1].name == "水泥 · 熟料烧成"


@pytest.mark.parametrize("query, data, expected", [
    ("scope=search", {}, "请先输入检索词或选择筛选条件"),                    # empty search
    ("scope=search&sort=newest", {}, "请先输入检索词或选择筛选条件"),       # sort alone narrows nothing
    ("scope=search&type=technology", {}, "请先输入检索词或选择筛选条件"),   # the default type
    ("scope=elsewhere&q=篦冷机", {}, "只能保存检索和技术目录筛选"),
    ("", {}, "只能保存检索和技术目录筛选"),
    ("scope=search&q=篦冷机&sector=no_such_sector", {}, "no_such_sector"),
    ("scope=search&q=篦冷机&type=video", {}, "video"),
    ("scope=catalogue&q=篦冷机&sort=saving", {}, "saving"),                # a sort of /search only
    ("scope=search&q=" + "长" * 2001, {}, "2000"),
    ("scope=search&q=篦冷机&stage=" + "x" * 65, {}, "stage"),
    ("scope=search&q=篦冷机", {"name": "名" * 121}, "120"),
])
def test_bad_input_is_a_400_with_a_message_and_saves_nothing(as_user, stored, query, data, expected):
    client = as_user(A)
    before = len(stored(A))
    response = client.post(f"/alerts/saved/new?{query}", data=data)
    assert response.status_code == 400
    assert expected in response.get_data(as_text=True)
    assert len(stored(A)) == before


def test_at_most_fifty_saved_searches(as_user, stored, supply_db, supply_world):
    with supply_db["sessions"]() as db:
        user = supply_world["users"][MEMBER]["id"]
        present = db.scalar(select(func.count(m.SavedSearch.id)).where(m.SavedSearch.user_id == user))
        db.add_all(m.SavedSearch(user_id=user, name=f"检索 {n}", scope="search", params={"q": f"余热 {n}"})
                   for n in range(50 - present))
        db.commit()
    client = as_user(MEMBER)
    response = client.post("/alerts/saved/new?scope=search&q=篦冷机", data={"name": "第五十一个"})
    assert response.status_code == 400 and "已达上限" in response.get_data(as_text=True)
    assert len(stored(MEMBER)) == 50


def test_list_rename_alert_and_delete(as_user, stored):
    client = as_user(A)
    assert client.post("/alerts/saved/new?scope=search&q=余热发电", data={"name": "余热"}).status_code == 302
    item = stored(A)[-1]
    base = f"/alerts/saved/{item.id}"
    assert client.post(f"{base}/rename", data={"name": "余热发电技术"}).status_code == 302
    for name, expected in (("   ", "此项为必填项"), ("名" * 121, "最多填写 120 个字符")):
        response = client.post(f"{base}/rename", data={"name": name})
        assert response.status_code == 400 and expected in response.get_data(as_text=True)
    assert stored(A)[-1].name == "余热发电技术"

    assert client.post(f"{base}/alert", data={"on": "0"}).status_code == 302
    assert stored(A)[-1].alert is False
    assert "开启提醒" in client.get("/alerts/saved").get_data(as_text=True)
    assert client.post(f"{base}/alert", data={"on": "maybe"}).status_code == 400
    assert client.post(f"{base}/alert", data={"on": "1"}).status_code == 302
    assert stored(A)[-1].alert is True

    assert client.post(f"{base}/delete", data={}).status_code == 302
    assert item.id not in {r.id for r in stored(A)}
    assert client.post(f"{base}/delete", data={}).status_code == 404


def test_other_users_saved_searches_are_not_found(as_user, stored):
    owner, other = as_user(A), as_user(B)
    response = owner.post("/alerts/saved/new?scope=search&q=干熄焦", data={"name": "A 的私有搜索"})
    assert response.status_code == 302
    item = stored(A)[-1]
    assert "A 的私有搜索" not in other.get("/alerts/saved").get_data(as_text=True)
    for action, data in (("rename", {"name": "偷改"}), ("alert", {"on": "0"}), ("delete", {})):
        assert other.post(f"/alerts/saved/{item.id}/{action}", data=data).status_code == 404
    assert (stored(A)[-1].name, stored(A)[-1].alert) == ("A 的私有搜索", True)
    assert as_user(None).get("/alerts/saved").status_code == 302  # to sign in


def test_the_scan_command_prints_its_report(supply_app):
    result = supply_app.test_cli_runner().invoke(args=["notify", "scan"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines] == ["saved_search", "need_matches", "leads", "failures"]
    assert "saved searches checked" in lines[0] and lines[-1] == "failures: 0"
