"""Announcements through the test client: the bureau drafts, publishes and
exports registrations; the public list, detail and home page; enterprises
and suppliers register and withdraw; field errors answer 400."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import sign_in
from tests.import_world import EMAILS

START = (datetime.now(UTC) + timedelta(days=20, hours=8)).strftime("%Y-%m-%d 09:30")
FORM = {"kind": "event", "title_zh": "玻璃行业节能技术推介会", "title_en": "Glass technology day",
        "body_zh": "推介会议程。\n第二段。", "starts_at": START, "place": "两江新区", "capacity": "10",
        "sectors": ["glass"], "technologies": "GL-01"}


@pytest.fixture(scope="module")
def app(make_console_app):
    return make_console_app(WTF_CSRF_ENABLED=False)


def client_for(app, key=None):
    client = app.test_client()
    if key:
        assert sign_in(client, EMAILS[key]).status_code == 302
    return client


def status(client, item_id: int, action: str):
    return client.post(f"/bureau/announcements/{item_id}/status", data={"action": action})


@pytest.fixture(scope="module")
def event_id(app):
    bureau = client_for(app, "bureau")
    response = bureau.post("/bureau/announcements/new", data=FORM)
    assert response.status_code == 303
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert status(bureau, item_id, "publish").status_code == 303
    return item_id


def test_field_errors_answer_400(app):
    response = client_for(app, "curator").post("/bureau/announcements/new",
                                                data={**FORM, "title_zh": "", "starts_at": "soon"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "is-invalid" in page


def test_public_list_detail_and_home(app, event_id):
    anonymous = client_for(app)
    listing = anonymous.get("/announcements").get_data(as_text=True)
    assert "玻璃行业节能技术推介会" in listing
    detail = anonymous.get(f"/announcements/{event_id}").get_data(as_text=True)
    assert "/technologies/GL-01" in detail and "两江新区" in detail and "第二段。" in detail
    assert "/login?next=" in detail
    home = anonymous.get("/").get_data(as_text=True)  # the next three, soonest first
    assert 'id="home-upcoming"' in home and 1 <= home.count("announcement-item") <= 3
    anonymous.get("/lang/en")
    assert "Glass technology day" in anonymous.get(f"/announcements/{event_id}").get_data(as_text=True)


def test_enterprise_registers_once_and_withdraws(app, event_id):
    enterprise = client_for(app, "enterprise")
    url = f"/announcements/{event_id}"
    assert enterprise.post(f"{url}/register", data={"attendees": "2", "note": "厂长参加"}).status_code == 303
    assert "2" in enterprise.get(url).get_data(as_text=True)
    again = client_for(app, "enterprise_member").post(f"{url}/register", data={"attendees": "1"})
    assert again.status_code == 400 and "本单位已报名。" in again.get_data(as_text=True)
    bad = client_for(app, "supplier").post(f"{url}/register", data={"attendees": "99"})
    assert bad.status_code == 400
    csv = client_for(app, "bureau").get(f"/bureau/announcements/{event_id}/registrations.csv")
    assert csv.status_code == 200 and "厂长参加" in csv.get_data(as_text=True)
    assert csv.get_data(as_text=True).startswith("\ufeff单位名称")
    assert enterprise.post(f"{url}/withdraw").status_code == 303
    assert enterprise.post(f"{url}/withdraw").status_code == 400


def test_a_draft_is_not_public_and_cancelled_is_marked(app):
    bureau = client_for(app, "bureau")
    response = bureau.post("/bureau/announcements/new", data={**FORM, "title_zh": "草稿活动"})
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert client_for(app).get(f"/announcements/{item_id}").status_code == 404
    status(bureau, item_id, "publish")
    status(bureau, item_id, "cancel")
    page = client_for(app).get(f"/announcements/{item_id}").get_data(as_text=True)
    assert 'id="cancelled"' in page and f"/announcements/{item_id}/register" not in page
    assert status(bureau, item_id, "cancel").status_code == 303
    assert status(bureau, item_id, "explode").status_code == 400
