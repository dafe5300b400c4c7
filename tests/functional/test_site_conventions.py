"""What a Chinese government website shows (issue 21): the footer's identity
from the configuration (left out when empty; a hint in development), the
privacy policy, terms, accessibility statement and sitemap in both languages,
and consent to the privacy policy at registration, recorded with its version
and time (个人信息保护法)."""
from __future__ import annotations

import re
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import select

from catalog.accounts import privacy, registration
from catalog.accounts.checks import InvalidFields
from catalog.accounts.organisations import Contact
from catalog.accounts.tokens import TokenSigner
from catalog.models import AuditEvent, User, utcnow
from tests.conftest import ACCOUNT_PASSWORD, valid_uscc
from tests.functional.test_accounts_flows import csrf
from tests.functional.test_accounts_flows import registration as form_data

IDENTITY = {"SITE_SPONSOR": "示例市经济和信息化委员会", "SITE_SPONSOR_EN": "Example Economic Commission",
            "SITE_OPERATOR": "示例信息中心", "SITE_CONTACT": "023-00000000 · help@example.gov.cn",
            "SITE_ICP_RECORD": "渝ICP备00000000号", "SITE_GOV_CODE": "5000000000"}


@pytest.mark.parametrize("path, zh, en", [
    ("/privacy", "隐私政策（个人信息保护政策）", "Privacy policy"),
    ("/terms", "使用条款", "Terms of use"),
    ("/accessibility", "无障碍声明", "Accessibility statement"),
    ("/sitemap", "网站地图", "Sitemap"),
])
def test_pages_in_both_languages(client, path, zh, en):
    for lang, heading, html_lang in (("zh", zh, "zh-CN"), ("en", en, "en")):
        response = client.get(f"{path}?lang={lang}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert f'<html lang="{html_lang}">' in html
        assert re.search(r"<h1[^>]*>" + re.escape(heading) + "</h1>", html), (path, lang)


def test_privacy_policy_shows_its_version_and_what_is_collected(client):
    zh = client.get("/privacy?lang=zh").get_data(as_text=True)
    assert f"版本 {privacy.CURRENT_VERSION}" in zh
    for words in ("手机号", "Argon2id", "不使用统计、广告或跟踪 Cookie", "查阅、复制、更正", "境内"):
        assert words in zh
    en = client.get("/privacy?lang=en").get_data(as_text=True)
    assert f"Version {privacy.CURRENT_VERSION}" in en and "PIPL arts. 44–48" in en


def test_sitemap_lists_public_pages_and_sectors(client):
    html = client.get("/sitemap?lang=zh").get_data(as_text=True)
    for href in ("/catalogue", "/benchmarks", "/editions", "/notices", "/privacy", "/terms", "/accessibility",
                 "/sectors/cement", "/login", "/register"):
        assert f'href="{href}"' in html, href
    assert 'href="/enterprise/"' not in html  # workspaces only for those who may open them


def test_footer_links_every_page_and_hides_an_unconfigured_identity(client):
    html = client.get("/?lang=zh").get_data(as_text=True)
    footer = html[html.index("<footer"):]
    for href in ("/privacy", "/terms", "/accessibility", "/sitemap"):
        assert f'href="{href}"' in footer
    assert "site-sponsor" not in footer and "ICP" not in footer.split("site-identity-missing")[0]
    assert 'id="site-identity-missing"' in footer  # development says what to set


def test_footer_shows_the_configured_identity(make_accounts_app):
    app = make_accounts_app(PORTAL_ENV="production", **IDENTITY)
    client = app.test_client()
    zh = client.get("/?lang=zh").get_data(as_text=True)
    assert '<dd id="site-sponsor">示例市经济和信息化委员会</dd>' in zh
    assert '<dd id="site-operator">示例信息中心</dd>' in zh
    assert "023-00000000 · help@example.gov.cn" in zh
    assert '<dd id="site-gov-code">5000000000</dd>' in zh
    assert 'href="https://beian.miit.gov.cn/" rel="noopener">渝ICP备00000000号</a>' in zh
    assert "site-identity-missing" not in zh
    en = client.get("/?lang=en").get_data(as_text=True)
    assert '<dd id="site-sponsor">Example Economic Commission</dd>' in en
    assert '<dd id="site-operator">示例信息中心</dd>' in en  # no English name set: the Chinese one


def test_identity_comes_from_the_environment():
    from portal.config import from_environment

    assert from_environment({"SITE_GOV_CODE": "5000000000", "SITE_ICP_RECORD": "渝ICP备1号"}) == {
        "SITE_GOV_CODE": "5000000000", "SITE_ICP_RECORD": "渝ICP备1号"}


# --- consent at registration ---

def user_by_email(accounts_db, email: str) -> User | None:
    with accounts_db["sessions"]() as db:
        return db.scalar(select(User).where(User.email == email))


def test_registration_without_consent_is_refused_and_saves_nothing(accounts_app, accounts_db):
    client = accounts_app.test_client()
    data = form_data()
    del data["privacy"]
    response = client.post("/register?lang=zh", data={**data, "csrf_token": csrf(client, "/register")})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "请勾选同意隐私政策" in html
    assert 'href="/privacy"' in html.split('class="mb-3 form-check field-privacy"')[1]
    assert user_by_email(accounts_db, data["email"]) is None


def test_registration_records_the_version_and_time_agreed(accounts_app, accounts_db):
    client = accounts_app.test_client()
    page = client.get("/register").get_data(as_text=True)
    assert f'name="privacy_version" type="hidden" value="{privacy.CURRENT_VERSION}"' in page
    data = form_data()
    before = utcnow()
    response = client.post("/register", data={**data, "csrf_token": csrf(client, "/register")})
    assert response.status_code == 302
    user = user_by_email(accounts_db, data["email"])
    assert user.privacy_version == privacy.CURRENT_VERSION
    accepted = user.privacy_accepted_at
    assert accepted is not None and accepted.replace(tzinfo=None) >= before.replace(tzinfo=None)
    with accounts_db["sessions"]() as db:
        event = db.scalar(select(AuditEvent).where(AuditEvent.action == "organisation.registered",
                                                   AuditEvent.organisation_id == user.organisation_id))
        assert event.detail["privacy_version"] == privacy.CURRENT_VERSION


def test_a_form_showing_an_older_policy_asks_again(accounts_app, accounts_db):
    client = accounts_app.test_client()
    data = form_data(privacy_version="2020-01-01")
    response = client.post("/register?lang=en", data={**data, "csrf_token": csrf(client, "/register")})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f"The privacy policy has changed (now version {privacy.CURRENT_VERSION})" in html
    assert f'value="{privacy.CURRENT_VERSION}"' in html
    assert "checked" not in html.split('id="privacy"')[0][-80:]  # to be ticked again
    assert user_by_email(accounts_db, data["email"]) is None


def test_the_public_registration_service_requires_the_current_version(accounts_db, world):
    contact = Contact("钱工", "13700137000", f"svc-{uuid.uuid4().hex[:8]}@consent.test", "wanzhou", "",
                      ("steel",))
    code = valid_uscc("91500101" + str(uuid.uuid4().int)[:9])
    reg = registration.Registration("enterprise", "重庆同意测试公司", code, contact, ACCOUNT_PASSWORD)
    with accounts_db["sessions"]() as db:
        for version, code in (("", "privacy.required"), ("1999-01-01", "privacy.outdated")):
            with pytest.raises(InvalidFields) as caught:
                registration.apply(db, replace(reg, privacy_version=version), TokenSigner("consent-test"),
                                   lambda token: token)
            assert code in {e.code for e in caught.value.errors}
        assert db.scalar(select(User.id).where(User.email == contact.email)) is None
        # trusted paths (fixtures, CLI, imports) create accounts without a consent record
        user = registration.register(db, reg)
        assert user.privacy_version is None and user.privacy_accepted_at is None
