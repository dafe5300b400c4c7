"""Only wrong credentials count as failed sign-ins (issue 17 point 1): a form
sent without a password, or with an expired CSRF token, does not bring the
right password closer to a 429."""
from __future__ import annotations

import re

from tests.conftest import ACCOUNT_PASSWORD


def test_only_wrong_credentials_count_against_the_sign_in_limit(make_accounts_app):
    app = make_accounts_app(LOGIN_LIMIT_PER_ACCOUNT="2 per minute", LOGIN_LIMIT_PER_IP="2 per minute")
    client = app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      client.get("/login").get_data(as_text=True)).group(1)
    email = "member-s@world.test"
    for data in ({"email": email, "password": "", "csrf_token": token},
                 {"email": email, "password": ACCOUNT_PASSWORD, "csrf_token": "expired"},
                 {"email": email, "password": "", "csrf_token": token}):
        assert client.post("/login", data=data).status_code == 400
    right = client.post("/login", data={"email": email, "password": ACCOUNT_PASSWORD, "csrf_token": token})
    assert right.status_code == 302


def test_wrong_passwords_still_count(make_accounts_app):
    app = make_accounts_app(LOGIN_LIMIT_PER_ACCOUNT="2 per minute", LOGIN_LIMIT_PER_IP="50 per minute")
    client = app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      client.get("/login").get_data(as_text=True)).group(1)
    wrong = {"email": "member-a@world.test", "password": "not-the-password-1", "csrf_token": token}
    assert [client.post("/login", data=wrong).status_code for _ in range(2)] == [400, 400]
    right = {**wrong, "password": ACCOUNT_PASSWORD}
    assert client.post("/login", data=right).status_code == 429
