"""Registration, invitations, password change and reset, verification and the
audit log through the web pages; mail through a real SMTP server."""
from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import func, select

from catalog.accounts import privacy
from catalog.models import AuditEvent, Organisation, OutboxMessage, User
from tests.conftest import ACCOUNT_PASSWORD, sign_in, valid_uscc


def csrf(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def post(client, path: str, data: dict, token_from: str | None = None):
    response = client.post(path, data={**data, "csrf_token": csrf(client, token_from or path)})
    response.close()
    return response


def fresh_email(prefix: str = "u") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}@flows.test"


def fresh_code() -> str:
    digits = str(uuid.uuid4().int)[:9]
    return valid_uscc("91500112" + digits)


def registration(**changes) -> dict:
    data = {"kind": "enterprise", "org_name": "重庆测试玻璃有限公司", "uscc": fresh_code(),
            "district": "yubei", "sectors": ["glass"], "contact_name": "李工", "mobile": "138 0013 8000",
            "email": fresh_email("reg"), "password": ACCOUNT_PASSWORD, "confirm": ACCOUNT_PASSWORD,
            "privacy": "y", "privacy_version": privacy.CURRENT_VERSION}
    data.update(changes)
    return data


@pytest.fixture
def client(accounts_app):
    return accounts_app.test_client()


def mail_to(accounts_db, email: str, kind: str) -> str:
    """The newest message of ``kind`` to ``email`` in the outbox ("" if none)."""
    with accounts_db["sessions"]() as db:
        return db.scalar(select(OutboxMessage.body).where(OutboxMessage.to_addr == email,
                                                          OutboxMessage.kind == kind)
                         .order_by(OutboxMessage.id.desc()).limit(1)) or ""


def confirmation_link(accounts_db, email: str) -> str:
    body = mail_to(accounts_db, email, "confirm_registration")
    return re.search(r"https?://[^/\s]+(/register/confirm/\S+)", body).group(1)


def register(client, accounts_db, data: dict):
    """Register through the form, then open the e-mailed link and press its
    button (which signs in)."""
    assert post(client, "/register", data).status_code == 302
    confirmed = post(client, confirmation_link(accounts_db, data["email"]), {})
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/account"
    return confirmed


def count(accounts_db, model) -> int:
    with accounts_db["sessions"]() as db:
        return db.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("code,message", [
    ("91500000MA5U0000", "应为 18 位，您输入的是 16 位"),
    ("91500000MA5U0000IO", "以下字符无效：IO"),
    ("X1500000MA5U00000X", "第 1 位登记管理部门代码不能为“X”"),
    ("97500000MA5U00000X", "第 2 位机构类别代码“7”"),
    ("9150A000MA5U00000X", "第 3–8 位"),
    ("91500102MA5U0A1B2F", "第 18 位校验码与前 17 位不符"),
])
def test_wrong_credit_code_says_which_rule_failed_and_saves_nothing(client, accounts_db, code, message):
    before = (count(accounts_db, Organisation), count(accounts_db, User))
    response = client.post("/register", data={**registration(uscc=code),
                                               "csrf_token": csrf(client, "/register")})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert (count(accounts_db, Organisation), count(accounts_db, User)) == before


def test_many_problems_are_reported_together_in_english(client):
    client.get("/?lang=en")
    data = registration(mobile="12345", email="not-an-email", password="password2024",
                        confirm="password2024", district="", sectors=[])
    response = client.post("/register", data={**data, "csrf_token": csrf(client, "/register")})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for text in ("Enter a mainland mobile number", "Enter a valid e-mail address",
                 "among the most common passwords", "Choose a district", "Choose at least one sector"):
        assert text in html


def test_register_outside_chongqing_then_same_code_again(client, accounts_db):
    data = registration(district="outside", province="sichuan", kind="supplier")
    register(client, accounts_db, data)
    with accounts_db["sessions"]() as db:
        org = db.scalar(select(Organisation).where(Organisation.uscc == data["uscc"]))
        where = (org.kind, org.status, org.district_key, org.province)
        assert where == ("supplier", "pending", None, "sichuan")
        assert org.users[0].role == "supplier_admin"
    visitor = client.application.test_client()
    other = registration(uscc=data["uscc"])
    again = post(visitor, "/register", other)
    assert again.status_code == 302  # no hint on the page; the mailbox is told
    assert "该统一社会信用代码的单位已经注册" in mail_to(accounts_db, other["email"], "organisation_exists")
    no_province = visitor.post("/register", data={**registration(district="outside"),
                                                   "csrf_token": csrf(visitor, "/register")})
    assert "市外单位请选择所在省份" in no_province.get_data(as_text=True)


def test_unverified_organisation_is_labelled(client, accounts_db):
    data = registration()
    register(client, accounts_db, data)
    home = client.get("/account").get_data(as_text=True)
    assert home.count("待核验") >= 2  # the top bar and the account page
    assert client.get("/api/v1/account").get_json()["organisation"]["can_publish"] is False


def test_invitation_link_works_once_and_gives_the_role(make_accounts_app, accounts_db, smtp_server):
    app = make_accounts_app(MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port,
                            MAIL_FROM="portal@test.cn")
    admin = app.test_client()
    data = registration()
    register(admin, accounts_db, data)
    org_id = admin.get("/api/v1/account").get_json()["organisation"]["id"]
    colleague = fresh_email("colleague")
    invite = {"email": colleague, "role": "enterprise_member"}
    assert post(admin, f"/organisations/{org_id}/invitations/new", invite,
                f"/organisations/{org_id}/members").status_code == 302
    mail = [m for m in smtp_server.messages if m["To"] == colleague][0]  # sent after the response closed
    link = re.search(r"http://localhost(/invitations/\S+)", mail.get_body().get_content()).group(1)
    assert "邀请您加入" in mail["Subject"]

    newcomer = app.test_client()
    assert "接受邀请" in newcomer.get(link).get_data(as_text=True)
    assert post(newcomer, link, {"name": "赵工", "password": "short", "confirm": "short"}).status_code == 400
    assert post(newcomer, link, {"name": "赵工", "password": ACCOUNT_PASSWORD,
                                 "confirm": ACCOUNT_PASSWORD}).status_code == 302
    again = newcomer.get(link)
    assert again.status_code == 400 and "该链接已使用过" in again.get_data(as_text=True)
    assert sign_in(newcomer, colleague).status_code == 302
    assert newcomer.get("/api/v1/account").get_json()["role"] == "enterprise_member"


def test_role_change_and_last_admin_rule(make_accounts_app, accounts_db):
    app = make_accounts_app()
    admin = app.test_client()
    data = registration()
    register(admin, accounts_db, data)
    me = admin.get("/api/v1/account").get_json()
    org_id = me["organisation"]["id"]
    with accounts_db["sessions"]() as db:
        my_id = db.scalar(select(User.id).where(User.email == data["email"]))
    members = f"/organisations/{org_id}/members"
    response = admin.post(f"{members}/{my_id}/role", data={"role": "enterprise_member",
                                                           "csrf_token": csrf(admin, members)})
    assert response.status_code == 400 and "至少保留一名在用的管理员" in response.get_data(as_text=True)
    with accounts_db["sessions"]() as db:
        assert db.get(User, my_id).role == "enterprise_admin"


def test_password_change_ends_other_sessions(make_accounts_app, accounts_db):
    app = make_accounts_app()
    data = registration()
    first, second = app.test_client(), app.test_client()
    register(first, accounts_db, data)
    sign_in(second, data["email"])
    new = "Another-Secret-2027"
    wrong = first.post("/account/password", data={
        "current_password": "nope-nope-nope", "new_password": new, "confirm": new,
        "csrf_token": csrf(first, "/account/password")})
    assert wrong.status_code == 400 and "当前密码不正确" in wrong.get_data(as_text=True)
    assert post(first, "/account/password", {"current_password": ACCOUNT_PASSWORD, "new_password": new,
                                             "confirm": new}).status_code == 302
    assert first.get("/account").status_code == 200  # this session continues
    assert second.get("/account").status_code == 302  # the other one has ended
    assert sign_in(second, data["email"], new).status_code == 302


def test_password_reset_link_single_use(make_accounts_app, accounts_db):
    app = make_accounts_app(PUBLIC_BASE_URL="https://portal.example.gov.cn")
    data = registration()
    client = app.test_client()
    register(client, accounts_db, data)
    post(client, "/logout", {}, "/account")
    for email in (data["email"], "nobody@flows.test"):  # same answer either way
        response = post(client, "/password/forgot", {"email": email})
        assert response.status_code == 302 and response.headers["Location"] == "/login"
    with accounts_db["sessions"]() as db:
        body = db.scalar(select(OutboxMessage.body).where(OutboxMessage.to_addr == data["email"],
                                                          OutboxMessage.kind == "password_reset"))
    link = re.search(r"https://portal\.example\.gov\.cn(/password/reset/\S+)", body).group(1)
    new = "Brand-New-Secret-9"
    assert post(client, link, {"password": new, "confirm": new}).status_code == 302
    used = client.get(link)
    assert used.status_code == 400 and "该链接已使用过" in used.get_data(as_text=True)
    assert sign_in(client, data["email"], new).status_code == 302
    tampered = client.get(link[:-3] + "abc")
    assert tampered.status_code == 400 and "该链接无效" in tampered.get_data(as_text=True)


def test_bureau_rejects_then_verifies_and_the_organisation_sees_it(make_accounts_app, accounts_db):
    app = make_accounts_app()
    data = registration()
    org_client, bureau = app.test_client(), app.test_client()
    register(org_client, accounts_db, data)
    org_id = org_client.get("/api/v1/account").get_json()["organisation"]["id"]
    sign_in(bureau, "curator@bureau.test")
    queue = bureau.get("/bureau/organisations?status=pending").get_data(as_text=True)
    assert data["uscc"] in queue
    page = f"/bureau/organisations/{org_id}"
    no_reason = bureau.post(f"{page}/decision", data={"action": "reject", "reason": "",
                                                      "csrf_token": csrf(bureau, page)})
    assert no_reason.status_code == 400 and "请填写理由" in no_reason.get_data(as_text=True)
    assert post(bureau, f"{page}/decision", {"action": "reject", "reason": "营业执照名称与填写不一致"},
                page).status_code == 302
    home = org_client.get("/account").get_data(as_text=True)
    assert "核验未通过" in home and "营业执照名称与填写不一致" in home
    assert post(bureau, f"{page}/decision", {"action": "approve"}, page).status_code == 302
    assert org_client.get("/api/v1/account").get_json()["organisation"]["can_publish"] is True
    revoked = post(bureau, f"{page}/decision", {"action": "revoke", "reason": "经核查已停产"}, page)
    assert revoked.status_code == 302
    assert "经核查已停产" in org_client.get("/account").get_data(as_text=True)
    with accounts_db["sessions"]() as db:
        actions = db.scalars(select(AuditEvent.action).where(AuditEvent.organisation_id == org_id)).all()
        mails = db.scalars(select(OutboxMessage.kind).where(OutboxMessage.to_addr == data["email"])).all()
    assert {"organisation.registered", "organisation.rejected", "organisation.verified",
            "organisation.revoked", "auth.sign_in"} <= set(actions)
    assert {"confirm_registration", "org_rejected", "org_verified", "org_revoked"} <= set(mails)


def test_audit_log_filters_and_pages(make_accounts_app, world):
    bureau = make_accounts_app().test_client()
    sign_in(bureau, "admin@bureau.test")
    page = bureau.get(f"/bureau/audit?action=auth.sign_in&organisation={world['orgs']['bureau']}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "admin@bureau.test" in html
    assert 'data-action="organisation.registered"' not in html
    assert bureau.get("/bureau/audit?since=2000-01-01&until=2000-01-02").get_data(as_text=True).count(
        "data-action=") == 0
    assert bureau.get("/bureau/audit?since=yesterday").status_code == 400
    assert bureau.get("/bureau/audit?page=0").status_code == 400
    assert bureau.get("/bureau/organisations?status=bogus").status_code == 400


def test_cli_creates_bureau_users_and_sends_mail(make_accounts_app, smtp_server, accounts_db):
    app = make_accounts_app(MAIL_SERVER=smtp_server.host, MAIL_PORT=smtp_server.port)
    runner = app.test_cli_runner()
    email = fresh_email("bureau")
    result = runner.invoke(args=["users", "create-bureau", "--email", email, "--name", "孙科长",
                                 "--role", "curator"], input="Jingxinwei-2026-ok\nJingxinwei-2026-ok\n")
    assert result.exit_code == 0, result.output
    assert "bureau_curator" in result.output
    weak = runner.invoke(args=["users", "create-bureau", "--email", fresh_email(), "--name", "x",
                               "--password", "12345678901"])
    assert weak.exit_code != 0 and "password.common" in weak.output
    assert email in runner.invoke(args=["users", "list"]).output
    sent = runner.invoke(args=["mail", "send"])
    assert sent.exit_code == 0, sent.output
    # Other tests share this database and may queue mail meanwhile; none may have failed.
    assert "(of which failed before: 0)" in runner.invoke(args=["mail", "status"]).output
    table = runner.invoke(args=["policy", "table"]).output
    assert "| `/bureau/audit` | GET | `bureau.audit` | bureau_curator, bureau_admin |" in table
