"""Hardening: CSRF, sign-in throttling, no account enumeration, safe
redirects, cookies, headers, the development outbox."""
from __future__ import annotations

import os
import re
import uuid

import pytest

from catalog.accounts import passwords
from tests.conftest import ACCOUNT_PASSWORD, sign_in


def close(response):
    response.close()
    return response


@pytest.mark.parametrize("lang,text", [("zh", "表单已过期"), ("en", "The form has expired")])
@pytest.mark.parametrize("path", ["/login", "/register", "/logout", "/password/forgot",
                                  "/account/password", "/bureau/organisations/1/decision"])
def test_post_without_csrf_token_is_refused_in_the_users_language(accounts_app, path, lang, text):
    client = accounts_app.test_client()
    client.get(f"/?lang={lang}")
    response = close(client.post(path, data={"email": "admin-a@world.test", "password": "x"}))
    assert response.status_code in (400, 302)
    if response.status_code == 302:  # members-only: the policy answers first, nothing happens
        assert "/login" in response.headers["Location"]
        return
    assert text in response.get_data(as_text=True)


def test_signed_in_post_without_csrf_token_is_refused(accounts_app, world):
    client = accounts_app.test_client()
    assert sign_in(client, "admin-a@world.test").status_code == 302
    a = world["orgs"]["A"]
    response = close(client.post(f"/organisations/{a}/invitations/new",
                                 data={"email": "csrf@world.test", "role": "enterprise_member"}))
    assert response.status_code == 400
    assert "表单已过期" in response.get_data(as_text=True)
    response = close(client.post(f"/organisations/{a}/invitations/new", headers={"X-CSRFToken": "forged"},
                                 data={"email": "csrf@world.test", "role": "enterprise_member"}))
    assert response.status_code == 400


def test_fifty_wrong_passwords_are_throttled_and_the_right_one_refused_meanwhile(make_accounts_app):
    client = make_accounts_app().test_client()
    statuses = [sign_in(client, "admin-b@world.test", f"wrong-password-{i}").status_code for i in range(50)]
    assert statuses[:5] == [400] * 5
    assert statuses[5:] == [429] * 45
    response = sign_in(client, "admin-b@world.test", ACCOUNT_PASSWORD)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "登录尝试次数过多" in html and "Retry-After" in response.headers
    assert close(client.get("/account")).status_code == 302  # not signed in


def test_throttle_per_ip_across_accounts(make_accounts_app):
    client = make_accounts_app(LOGIN_LIMIT_PER_IP="10 per minute").test_client()
    statuses = [sign_in(client, f"nobody{i}@world.test", "wrong-password").status_code for i in range(12)]
    assert statuses[:10] == [400] * 10 and statuses[10:] == [429, 429]


def test_successful_sign_ins_do_not_count(make_accounts_app):
    client = make_accounts_app(LOGIN_LIMIT_PER_ACCOUNT="3 per minute").test_client()
    for _ in range(5):
        assert sign_in(client, "admin-s@world.test").status_code == 302
        close(client.post("/logout", data={"csrf_token": csrf(client, "/account")}))


def csrf(client, path: str = "/login") -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                     client.get(path).get_data(as_text=True)).group(1)


@pytest.mark.skipif(not os.environ.get("REDIS_URL") and not os.path.exists("/usr/bin/redis-server"),
                    reason="no Redis here")
def test_throttle_with_redis_storage(make_accounts_app):
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis not running at {url}")
    prefix = f"test-{uuid.uuid4().hex}"
    first = make_accounts_app(REDIS_URL=url, RATELIMIT_KEY_PREFIX=prefix).test_client()
    assert [sign_in(first, "admin-s@world.test", "wrong-one").status_code for _ in range(5)] == [400] * 5
    # a second app (another worker process) shares the counts through Redis
    second = make_accounts_app(REDIS_URL=url, RATELIMIT_KEY_PREFIX=prefix).test_client()
    assert sign_in(second, "admin-s@world.test", ACCOUNT_PASSWORD).status_code == 429
    connection = redis.Redis.from_url(url)
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)


class CountingHasher:
    """The real Argon2 hasher, counting its verifications."""

    def __init__(self, real):
        self.real, self.verifications = real, 0

    def verify(self, *args, **kwargs):
        self.verifications += 1
        return self.real.verify(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_unknown_email_and_wrong_password_look_the_same(make_accounts_app):
    client = make_accounts_app(LOGIN_LIMIT_PER_ACCOUNT="100 per minute",
                               LOGIN_LIMIT_PER_IP="100 per minute").test_client()

    def attempt(email):
        """The answer and how many Argon2 verifications it cost (the same
        hashing work for a known and an unknown address; its timing is
        measured in bench/sign_in_timing.py, not asserted here)."""
        real = passwords._hasher
        counting = CountingHasher(real)
        passwords._hasher = counting
        try:
            return sign_in(client, email, "Wrong-password-123"), counting.verifications
        finally:
            passwords._hasher = real

    def body(response):
        return re.sub(r'value="[^"]*"', "", response.get_data(as_text=True))

    known, unknown = attempt("admin-a@world.test")[0], attempt("no-such-user@world.test")[0]
    assert known.status_code == unknown.status_code == 400
    assert "邮箱或密码不正确" in body(known)
    assert body(known).replace("admin-a@world.test", "E") == \
        body(unknown).replace("no-such-user@world.test", "E")
    assert attempt("admin-a@world.test")[1] == attempt("ghost@world.test")[1] == 1


@pytest.mark.parametrize("target,expected", [
    ("/account", "/account"), ("/catalogue?sector=cement", "/catalogue?sector=cement"),
    # a refused target falls back to the role's workspace (issue 20)
    ("https://evil.example/", "/supplier/"), ("//evil.example/", "/supplier/"),
    ("/\\evil.example/", "/supplier/"), ("javascript:alert(1)", "/supplier/"), ("", "/supplier/"),
])
def test_next_after_sign_in_stays_on_this_site(make_accounts_app, target, expected):
    client = make_accounts_app().test_client()
    token = csrf(client)
    response = client.post("/login", data={"email": "admin-s@world.test", "password": ACCOUNT_PASSWORD,
                                           "next": target, "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == expected


def test_session_cookie_flags(make_accounts_app):
    client = make_accounts_app(PORTAL_ENV="production").test_client()
    response = sign_in(client, "admin-s@world.test")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_security_headers_on_account_pages(accounts_app):
    response = close(accounts_app.test_client().get("/login"))
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "<script>" not in response.get_data(as_text=True).replace("<script src", "")


def test_hsts_in_production_only(make_accounts_app):
    production = close(make_accounts_app(PORTAL_ENV="production").test_client().get("/login"))
    assert production.headers["Strict-Transport-Security"] == "max-age=31536000"
    development = close(make_accounts_app().test_client().get("/login"))
    assert "Strict-Transport-Security" not in development.headers


def test_signed_in_pages_and_every_api_answer_are_not_stored(accounts_app):
    anonymous = accounts_app.test_client()
    assert "no-store" not in close(anonymous.get("/")).headers.get("Cache-Control", "")
    assert close(anonymous.get("/api/v1/technologies")).headers["Cache-Control"] == "no-store"
    assert close(anonymous.get("/api/v1/account")).headers["Cache-Control"] == "no-store"  # the 401
    member = accounts_app.test_client()
    sign_in(member, "member-a@world.test")
    for path in ("/", "/account", "/notifications/", "/api/v1/account", "/catalogue", "/no-such-page"):
        assert close(member.get(path)).headers["Cache-Control"] == "no-store", path
    static = close(member.get("/static/vendor/bootstrap/bootstrap.bundle.min.js"))
    assert static.status_code == 200 and "no-store" not in static.headers.get("Cache-Control", "")


def test_development_outbox_is_refused_outside_development(make_accounts_app):
    production = make_accounts_app(PORTAL_ENV="production").test_client()
    assert close(production.get("/dev/outbox")).status_code == 404
    development = make_accounts_app().test_client()
    assert close(development.get("/dev/outbox")).status_code == 200
    from_elsewhere = development.get("/dev/outbox", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert close(from_elsewhere).status_code == 404


def test_api_members_only_answers_401_json(accounts_app):
    response = close(accounts_app.test_client().get("/api/v1/account?lang=en"))
    assert response.status_code == 401
    assert response.get_json()["error"]["message"] == "Sign in to use this."


def test_user_text_is_escaped(make_accounts_app, world, accounts_db):
    from catalog.models import Organisation

    with accounts_db["sessions"]() as db:
        org = db.get(Organisation, world["orgs"]["S"])
        saved, org.contact_name = org.contact_name, "<script>alert(1)</script>"
        db.commit()
    try:
        client = make_accounts_app().test_client()
        sign_in(client, "admin-s@world.test")
        html = client.get(f"/organisations/{world['orgs']['S']}").get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    finally:
        with accounts_db["sessions"]() as db:
            db.get(Organisation, world["orgs"]["S"]).contact_name = saved
            db.commit()


def test_the_csrf_exempt_endpoints_are_the_ones_the_readme_names(accounts_app):
    """Only the two stateless computations skip the CSRF check, and the README
    says so: a new exemption must be argued there first."""
    from pathlib import Path

    csrf = accounts_app.extensions["csrf"]
    assert not csrf._exempt_blueprints
    exempt = set()
    for rule in accounts_app.url_map.iter_rules():
        view = accounts_app.view_functions[rule.endpoint]
        if "POST" in rule.methods and f"{view.__module__}.{view.__name__}" in csrf._exempt_views:
            exempt.add(rule.rule)
    assert exempt == {"/api/v1/match", "/api/v1/diagnose"}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    said = readme.split("Exempt by design:", 1)[1].split("\n-", 1)[0]
    assert all(f"`POST {path}`" in said for path in exempt)
