"""In real Chromium: register an enterprise (first with a wrong credit code),
open the e-mailed confirmation link (it signs in), sign out; a bureau user
verifies it; the enterprise sees the result."""
from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest

from tests.conftest import ACCOUNT_PASSWORD, valid_uscc

pytestmark = pytest.mark.e2e


def fill_registration(page, uscc: str, email: str) -> None:
    page.fill("#org_name", "重庆浏览器测试水泥有限公司")
    page.fill("#uscc", uscc)
    page.select_option("#district", "fuling")
    page.check("input[name=sectors][value=cement]")
    page.fill("#contact_name", "周工")
    page.fill("#mobile", "13912340000")
    page.fill("#email", email)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.fill("#confirm", ACCOUNT_PASSWORD)
    page.check("#privacy")  # consent to the privacy policy (issue 21)
    page.get_by_role("button", name="注册", exact=True).click()


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.locator("main").get_by_role("button", name="登录").click()


def confirmation_path(accounts_db, email: str) -> str:
    """The path of the confirmation link e-mailed to ``email`` (read from the outbox)."""
    import re

    from sqlalchemy import select

    from catalog.models import OutboxMessage

    with accounts_db["sessions"]() as db:
        body = db.scalar(select(OutboxMessage.body).where(OutboxMessage.to_addr == email,
                                                          OutboxMessage.kind == "confirm_registration"))
    return re.search(r"https?://[^/\s]+(/register/confirm/\S+)", body).group(1)


def test_register_sign_in_out_and_bureau_verifies(page, accounts_server, accounts_db):
    base = accounts_server
    body17 = "91500102MA6" + uuid.uuid4().hex[:6].upper().translate(str.maketrans("IOZSV", "12345"))
    right = valid_uscc(body17)
    wrong = right[:17] + ("0" if right[17] != "0" else "1")
    email = f"browser-{uuid.uuid4().hex[:8]}@e2e.test"

    page.goto(base + "/register")
    assert page.locator("input[name=kind][value=enterprise]").is_checked()
    assert page.locator(".province-field").is_hidden()  # shown only for 市外 (JavaScript)
    fill_registration(page, wrong, email)
    assert "第 18 位校验码与前 17 位不符" in page.locator(".field-uscc .invalid-feedback").inner_text()
    assert page.input_value("#org_name") == "重庆浏览器测试水泥有限公司"  # the rest is kept

    page.fill("#uscc", right)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.fill("#confirm", ACCOUNT_PASSWORD)
    page.get_by_role("button", name="注册", exact=True).click()
    page.wait_for_url("**/login")
    assert "我们已向" in page.locator(".alert-success").inner_text()

    page.goto(base + confirmation_path(accounts_db, email))
    page.get_by_role("button", name="确认并登录").click()
    page.wait_for_url("**/account")
    assert "邮箱已确认" in page.locator(".alert-success").inner_text()
    assert "待核验" in page.locator("#verification").inner_text()
    assert "待核验" in page.locator(".account-bar").inner_text()
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login")
    assert "您已安全退出" in page.locator(".alert-success").inner_text()
    page.goto(base + "/account")
    assert "/login" in page.url

    sign_in(page, base, "curator@bureau.test")
    page.locator(".portal-nav").get_by_role("link", name="单位核验").click()
    page.locator(f"tr[data-uscc='{right}'] a").click()
    page.get_by_role("button", name="核验通过").click()
    assert "已核验" in page.locator("#org-status").inner_text()
    page.get_by_role("button", name="退出").click()

    sign_in(page, base, email)  # lands on the enterprise workspace (issue 20); the status is on /account
    page.goto(base + "/account")
    assert "已通过核验" in page.locator("#verification").inner_text()
    assert [u for u in page.requested_urls if urlsplit(u).hostname != "127.0.0.1"] == []
    # the refused form itself answers 400 (bad input is a 4xx); nothing else may log an error
    assert [e for e in page.console_errors if "status of 400" not in e] == []
