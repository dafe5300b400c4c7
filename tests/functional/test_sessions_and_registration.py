"""Issue 16: server-side sessions (sign-out ends the session even for a copy
of its cookie; password, role and active changes end the user's other
sessions) and registration that does not tell who is already registered."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from catalog.models import Organisation, OutboxMessage, User
from tests.conftest import sign_in
from tests.functional.test_accounts_flows import (
    confirmation_link,
    csrf,
    fresh_email,
    mail_to,
    post,
    register,
    registration,
)

COOKIE = "portal_session"


def replay(app, cookie: str):
    """A new browser holding a copy of ``cookie``."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief


def test_sign_out_ends_the_session_for_a_saved_copy_of_the_cookie(make_accounts_app):
    app = make_accounts_app()
    client = app.test_client()
    assert sign_in(client, "member-a@world.test").status_code == 302
    saved = client.get_cookie(COOKIE).value
    assert replay(app, saved).get("/account").status_code == 200  # the copy works while signed in
    assert post(client, "/logout", {}, "/account").status_code == 302
    thief = replay(app, saved)
    assert thief.get("/account").status_code == 302
    assert thief.get("/api/v1/account").status_code == 401
    assert thief.get("/account").status_code == 302  # replays do not revive it


def live_sessions(accounts_db, email: str) -> int:
    from catalog.models import UserSession

    with accounts_db["sessions"]() as db:
        return db.scalar(select(func.count()).select_from(UserSession).join(User).where(
            User.email == email, UserSession.ended_at.is_(None)))


def test_role_change_and_deactivation_end_the_users_sessions(make_accounts_app, accounts_db):
    app = make_accounts_app()
    admin, colleague = app.test_client(), app.test_client()
    data = registration()
    register(admin, accounts_db, data)
    org_id = admin.get("/api/v1/account").get_json()["organisation"]["id"]
    email = fresh_email("colleague")
    post(admin, f"/organisations/{org_id}/invitations/new", {"email": email, "role": "enterprise_member"},
         f"/organisations/{org_id}/members")
    link = mail_to(accounts_db, email, "invitation").split("http://localhost", 1)[1].split()[0]
    post(colleague, link, {"name": "钱工", "password": data["password"], "confirm": data["password"]})
    assert sign_in(colleague, email).status_code == 302
    with accounts_db["sessions"]() as db:
        user_id = db.scalar(select(User.id).where(User.email == email))
    members = f"/organisations/{org_id}/members"
    assert post(admin, f"{members}/{user_id}/role", {"role": "enterprise_admin"}, members).status_code == 302
    assert colleague.get("/account").status_code == 302  # the old role's session has ended
    assert admin.get("/account").status_code == 200
    assert sign_in(colleague, email).status_code == 302
    assert post(admin, f"{members}/{user_id}/active", {"active": "0"}, members).status_code == 302
    assert colleague.get("/account").status_code == 302 and live_sessions(accounts_db, email) == 0


def test_registration_answers_the_same_whether_address_or_code_is_known(make_accounts_app, accounts_db):
    app = make_accounts_app()
    first = registration()
    tries = (first,                                        # new
             registration(email=first["email"]),           # address awaiting its link
             registration(uscc=first["uscc"]),             # credit code known
             registration(email="admin-a@world.test"))     # address with an account
    answers = []
    for data in tries:
        client = app.test_client()
        response = post(client, "/register", data)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        page = re.sub(r'name="csrf_token"[^>]*>', "", page.replace(data["email"], "EMAIL"))
        answers.append((response.status_code, response.headers["Location"], page))
    assert len(set(answers)) == 1 and answers[0][0] == 302
    with accounts_db["sessions"]() as db:
        assert db.scalar(select(func.count()).select_from(Organisation)
                         .where(Organisation.uscc == first["uscc"])) == 1
    with accounts_db["sessions"]() as db:
        links = db.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.to_addr == first["email"], OutboxMessage.kind == "confirm_registration"))
    assert links == 2  # the second try sent a fresh link
    assert "已经注册" in mail_to(accounts_db, tries[2]["email"], "organisation_exists")
    assert "已有账号" in mail_to(accounts_db, "admin-a@world.test", "account_exists")


def test_confirmation_link_signs_in_once_and_is_needed_to_sign_in(make_accounts_app, accounts_db):
    app = make_accounts_app()
    data = registration()
    client = app.test_client()
    assert post(client, "/register", data).status_code == 302
    refused = sign_in(client, data["email"])
    assert refused.status_code == 400 and "请先确认邮箱" in refused.get_data(as_text=True)
    wrong = sign_in(client, data["email"], "Wrong-password-123")
    assert "请先确认邮箱" not in wrong.get_data(as_text=True)  # only the password holder learns why
    link = confirmation_link(accounts_db, data["email"])
    shown = client.get(link)  # a GET (e.g. a mail scanner) only shows the button
    assert shown.status_code == 200 and "确认并登录" in shown.get_data(as_text=True)
    assert sign_in(app.test_client(), data["email"]).status_code == 400  # still unconfirmed
    assert post(client, link, {}).headers["Location"] == "/account"
    assert client.get("/api/v1/account").get_json()["email"] == data["email"]
    again = app.test_client().get(link)
    assert again.status_code == 400 and "该链接已使用过" in again.get_data(as_text=True)
    tampered = app.test_client().get(link[:-4] + "abcd")
    assert tampered.status_code == 400 and "该链接无效" in tampered.get_data(as_text=True)
    assert csrf(client, "/account/password")  # a normal signed-in session
