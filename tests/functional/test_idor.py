"""Object ownership: changing ids in URLs never reaches another organisation's
members, invitations or settings (404, and nothing changes)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from catalog.models import Invitation, Organisation, User
from tests.conftest import sign_in


@pytest.fixture(scope="module")
def admin_a(make_accounts_app, world):
    app = make_accounts_app(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    assert sign_in(client, "admin-a@world.test").status_code == 302
    return client


def status(client, method: str, url: str, **kwargs) -> int:
    response = client.open(url, method=method, **kwargs)
    response.close()
    return response.status_code


@pytest.mark.parametrize("method,path", [
    ("GET", "/organisations/{B}"),
    ("GET", "/organisations/{B}/edit"),
    ("POST", "/organisations/{B}/edit"),
    ("GET", "/organisations/{B}/members"),
    ("GET", "/organisations/{B}/invitations/new"),
    ("POST", "/organisations/{B}/invitations/new"),
    ("POST", "/organisations/{B}/invitations/{inv_b}/revoke"),
    ("POST", "/organisations/{B}/members/{admin_b}/role"),
    ("POST", "/organisations/{B}/members/{admin_b}/active"),
    ("GET", "/organisations/{S}"),
    ("GET", "/organisations/{bureau}/members"),
])
def test_other_organisation_in_the_url_is_not_found(admin_a, world, method, path):
    url = path.format(inv_b=world["invitation_b"], admin_b=world["users"]["admin-b@world.test"]["id"],
                      **world["orgs"])
    assert status(admin_a, method, url, data={"role": "enterprise_member", "active": "0",
                                              "email": "x@world.test", "contact_name": "Mallory"}) == 404


def test_own_organisation_url_with_anothers_member_or_invitation_is_not_found(admin_a, world, accounts_db):
    a, admin_b = world["orgs"]["A"], world["users"]["admin-b@world.test"]["id"]
    assert status(admin_a, "POST", f"/organisations/{a}/members/{admin_b}/role",
                  data={"role": "enterprise_member"}) == 404
    assert status(admin_a, "POST", f"/organisations/{a}/members/{admin_b}/active",
                  data={"active": "0"}) == 404
    assert status(admin_a, "POST", f"/organisations/{a}/invitations/{world['invitation_b']}/revoke") == 404
    with accounts_db["sessions"]() as db:
        user_b = db.get(User, admin_b)
        assert (user_b.role, user_b.active) == ("enterprise_admin", True)
        assert db.get(Invitation, world["invitation_b"]).revoked_at is None
        org_b = db.get(Organisation, world["orgs"]["B"])
        assert org_b.contact_name != "Mallory"


def test_member_cannot_manage_own_organisation(make_accounts_app, world, accounts_db):
    client = make_accounts_app(WTF_CSRF_ENABLED=False).test_client()
    sign_in(client, "member-a@world.test")
    a = world["orgs"]["A"]
    me = world["users"]["member-a@world.test"]["id"]
    assert status(client, "POST", f"/organisations/{a}/members/{me}/role",
                  data={"role": "enterprise_admin"}) == 403
    assert status(client, "GET", f"/organisations/{a}/members") == 403
    assert status(client, "POST", f"/organisations/{a}/edit", data={"contact_name": "Mallory"}) == 403
    with accounts_db["sessions"]() as db:
        assert db.get(User, me).role == "enterprise_member"


def test_enterprise_cannot_reach_bureau_pages_or_decide(make_accounts_app, world, accounts_db):
    client = make_accounts_app(WTF_CSRF_ENABLED=False).test_client()
    sign_in(client, "admin-b@world.test")
    b = world["orgs"]["B"]
    assert status(client, "POST", f"/bureau/organisations/{b}/decision", data={"action": "approve"}) == 403
    assert status(client, "GET", f"/bureau/organisations/{b}") == 403
    with accounts_db["sessions"]() as db:
        assert db.scalar(select(Organisation.status).where(Organisation.id == b)) == "pending"
