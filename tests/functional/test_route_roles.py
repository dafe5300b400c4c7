"""Every registered route × anonymous and each of the six roles gets the
status this one expectation table says. A route missing from the table or
from portal.policy fails the test, so a new route cannot go in unruled."""
from __future__ import annotations

from pathlib import Path

import pytest

from portal import policy
from tests.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("anonymous", "enterprise_member", "enterprise_admin", "supplier_member", "supplier_admin",
         "bureau_curator", "bureau_admin")
EMAILS = {"enterprise_member": "member-a@world.test", "enterprise_admin": "admin-a@world.test",
          "supplier_member": "member-s@world.test", "supplier_admin": "admin-s@world.test",
          "bureau_curator": "curator@bureau.test", "bureau_admin": "admin@bureau.test"}
ADMINS = {"enterprise_admin", "supplier_admin", "bureau_admin"}
BUREAU = {"bureau_curator", "bureau_admin"}
ENTERPRISE = {"enterprise_member", "enterprise_admin"}


def everyone(status: int, signed_in: int | None = None) -> dict[str, int]:
    return {r: (status if r == "anonymous" or signed_in is None else signed_in) for r in ROLES}


def members_only(ok: int, allowed: set[str] | None = None, anonymous: int = 302) -> dict[str, int]:
    """``ok`` for the allowed roles (all roles when None), 403 for the others."""
    return {r: anonymous if r == "anonymous" else ok if allowed is None or r in allowed else 403
            for r in ROLES}


# endpoint → role → status. GET where the route allows it, else an empty POST.
EXPECTED: dict[str, dict[str, int]] = {
    "static": everyone(200),
    "public.home": everyone(200),
    "public.catalogue": everyone(200),
    "public.technology": everyone(200),
    "public.technology_print": everyone(200),
    "public.sector": everyone(200),
    "public.benchmarks": everyone(200),
    "public.switch_language": everyone(302),
    "public.privacy": everyone(200),
    "public.terms": everyone(200),
    "public.accessibility": everyone(200),
    "public.sitemap": everyone(200),
    "public.search": everyone(200),
    "api.healthz": everyone(200),
    "api.technologies": everyone(200),
    "api.technology": everyone(200),
    "api.search": everyone(200),
    "api.openapi": everyone(200),
    "api.docs": everyone(200),
    "auth.login": everyone(200, signed_in=302),
    "auth.register": everyone(200, signed_in=302),
    "auth.confirm_registration": everyone(400),  # the walk's token is not valid
    "auth.logout": everyone(302),  # anonymous: to sign-in; signed in: signed out, to sign-in
    "auth.forgot_password": everyone(200),
    "auth.reset_password": everyone(400),  # the walk's token is not valid
    "auth.accept_invitation": everyone(400),
    "auth.dev_outbox": everyone(200),  # this app is development, the client is 127.0.0.1
    "account.home": members_only(200),
    "account.password": members_only(200),
    "account.me": members_only(200, anonymous=401),
    "account.organisation": members_only(200),
    "account.edit_organisation": members_only(200, {"enterprise_admin", "supplier_admin"}),
    "account.members": members_only(200, ADMINS),
    "account.invite": members_only(200, ADMINS),
    "account.revoke_invitation": members_only(404, ADMINS),  # no such invitation in the org
    "account.change_role": members_only(400, ADMINS),  # empty form
    "account.set_active": members_only(400, ADMINS),
    "bureau.home": members_only(302, BUREAU),
    "bureau.organisations": members_only(200, BUREAU),
    "bureau.organisation": members_only(200, BUREAU),
    "bureau.decide": members_only(400, BUREAU),  # empty form
    "bureau.audit": members_only(200, BUREAU),
    # enterprise workspace (issue 6); ids 999999 belong to nobody, so 404
    "enterprise.home": members_only(200, ENTERPRISE),
    "enterprise.new_facility": members_only(200, ENTERPRISE),
    "enterprise.facility": members_only(404, ENTERPRISE),
    "enterprise.edit_facility": members_only(404, ENTERPRISE),
    "enterprise.new_need": members_only(200, ENTERPRISE),
    "enterprise.need": members_only(404, ENTERPRISE),
    "enterprise.edit_need": members_only(404, ENTERPRISE),
    "enterprise.need_status": members_only(404, ENTERPRISE),
    "enterprise.need_mark": members_only(404, ENTERPRISE),
    "enterprise.need_quote": members_only(404, ENTERPRISE),
    "enterprise.need_coverage": members_only(404, ENTERPRISE),
    "enterprise.compare": members_only(404, ENTERPRISE),
    "api.diagnose": everyone(400),  # empty body: field errors
    "api.match": everyone(400),
}

# supplier workspace and catalogue curation (issue 5): ids that do not exist give 404 to the
# roles allowed (the services look them up), 403 to the others; "CE-01" is no edition code.
SUPPLIER = {"supplier_member", "supplier_admin"}
EXPECTED.update({
    "public.editions_list": everyone(200),
    "public.edition": everyone(404),
    "public.edition_compare": everyone(200),
    "public.notices": everyone(200),
    "public.notice_page": everyone(404),
    "public.object_to": members_only(404),
    "public.product": everyone(404),
    "public.offer": everyone(404),
    "public.attachment": everyone(404),
    "api.product": everyone(404),
    "api.offer": everyone(404),
    "public.suppliers": everyone(200),
    "public.supplier_profile": everyone(404),
    "api.suppliers": everyone(200),
    "api.supplier": everyone(404),
    "supplier.home": members_only(200, SUPPLIER),
    "supplier.new_product": members_only(200, SUPPLIER),
    "supplier.product": members_only(404, SUPPLIER),
    "supplier.edit_product": members_only(404, SUPPLIER),
    "supplier.product_status": members_only(404, SUPPLIER),
    "supplier.product_file": members_only(404, SUPPLIER),
    "supplier.remove_file": members_only(404, SUPPLIER),
    "supplier.new_offer": members_only(200, SUPPLIER),
    "supplier.offer": members_only(404, SUPPLIER),
    "supplier.edit_offer": members_only(404, SUPPLIER),
    "supplier.offer_status": members_only(404, SUPPLIER),
    "supplier.new_submission": members_only(200, SUPPLIER),
    "supplier.submission": members_only(404, SUPPLIER),
    "supplier.edit_submission": members_only(404, SUPPLIER),
    "supplier.submit": members_only(404, SUPPLIER),
    "supplier.evidence": members_only(404, SUPPLIER),
    "bureau.submissions": members_only(200, BUREAU),
    "bureau.submission": members_only(404, BUREAU),
    "bureau.review": members_only(404, BUREAU),
    "bureau.step": members_only(404, BUREAU),
    "bureau.resolve_objection": members_only(400, BUREAU),  # empty form: no decision
    "bureau.editions": members_only(200, BUREAU),
    "bureau.edition": members_only(404, BUREAU),
    "bureau.edition_entries": members_only(404, BUREAU),
    "bureau.publish_edition": members_only(404, BUREAU),
    "bureau.export_edition": members_only(404, BUREAU),
    "bureau.technologies": members_only(200, BUREAU),
    "bureau.technology": members_only(200, BUREAU),
    "bureau.technology_action": members_only(400, BUREAU),  # empty form: no action
    "bureau.listings": members_only(200, BUREAU),
    "bureau.product": members_only(404, BUREAU),
    "bureau.offer": members_only(404, BUREAU),
    "bureau.settings": members_only(200, BUREAU),
    "bureau.update_settings": members_only(400, {"bureau_admin"}),  # empty form
    # inquiries (issue 7): a missing inquiry is 404 for both parties; a new one needs a listing
    "inquiries.index": members_only(200, ENTERPRISE | SUPPLIER),
    "inquiries.new": members_only(400, ENTERPRISE),  # no product or offer named
    "inquiries.thread": members_only(404, ENTERPRISE | SUPPLIER),
    "inquiries.post_message": members_only(404, ENTERPRISE | SUPPLIER),
    "inquiries.step": members_only(404, ENTERPRISE | SUPPLIER),
    "inquiries.follow_up": members_only(404, ENTERPRISE),
    "inquiries.follow_up_reference": members_only(404, ENTERPRISE),
    # issue 7, second part: no such inquiry, file or need; an empty answer is refused
    "inquiries.answer": members_only(400, ENTERPRISE),
    "inquiries.file": members_only(404, ENTERPRISE | SUPPLIER),
    "supplier.leads_page": members_only(200, SUPPLIER),
    "supplier.lead_mark": members_only(404, SUPPLIER),
    "supplier.interest_page": members_only(404, SUPPLIER),
    "api.leads_json": members_only(200, SUPPLIER, anonymous=401),
    "bureau.pipeline": members_only(200, BUREAU),
    "bureau.pipeline_inquiry": members_only(404, BUREAU),
    "bureau.pipeline_forward": members_only(404, BUREAU),
})

# one's own notifications (issue 7): notification 999999 does not exist
EXPECTED.update({
    "notifications.index": members_only(200),
    "notifications.open_one": members_only(404),
    "notifications.read_all": members_only(302),
    "notifications.preferences": members_only(200),
})

# saved searches (issue 7): an empty save names no page; saved search 999999 does not exist
EXPECTED.update({
    "alerts.save": members_only(400),
    "alerts.saved_list": members_only(200),
    "alerts.rename": members_only(404),
    "alerts.toggle": members_only(404),
    "alerts.delete": members_only(404),
})

# the bureau console (issue 8): job 999999 does not exist
EXPECTED.update({
    "bureau.job": members_only(404, BUREAU),
    "bureau.job_json": members_only(404, BUREAU),
    "bureau.job_result": members_only(404, BUREAU),
    "bureau.imports": members_only(200, BUREAU),
    "bureau.import_template": members_only(400, BUREAU),  # no such import kind
    "bureau.import_current": members_only(400, BUREAU),
    "bureau.import_upload": members_only(400, BUREAU),
    "bureau.announcements": members_only(200, BUREAU),
    "bureau.new_announcement": members_only(200, BUREAU),
    "bureau.announcement": members_only(404, BUREAU),
    "bureau.announcement_status": members_only(404, BUREAU),
    "bureau.announcement_registrations": members_only(404, BUREAU),
    "public.announcements": everyone(200),
    "public.announcement": everyone(404),
    "public.register_interest": members_only(404, ENTERPRISE | SUPPLIER),
    "public.withdraw_interest": members_only(404, ENTERPRISE | SUPPLIER),
    "bureau.dashboard": members_only(200, BUREAU),
    "bureau.dashboard_data": members_only(200, BUREAU),
    "bureau.export": members_only(200, BUREAU),
})

# support programmes (issue 23): no programme "cement", no programme 999999
EXPECTED.update({
    "public.programmes": everyone(200),
    "public.programme": everyone(404),
    "api.programmes": everyone(200),
    "api.programme": everyone(404),
    "bureau.programmes": members_only(200, BUREAU),
    "bureau.new_programme": members_only(200, BUREAU),
    "bureau.programme": members_only(404, BUREAU),
    "bureau.programme_status": members_only(404, BUREAU),
})

# the public needs board (issue 22): need 999999 is not listed; the opt-in's need does not exist
EXPECTED.update({
    "board.needs": everyone(200),
    "board.need": everyone(404),
    "api.board_needs": everyone(200),
    "api.board_need": everyone(404),
    "enterprise.need_board": members_only(404, ENTERPRISE),
    "enterprise.need_board_withdraw": members_only(404, ENTERPRISE),
})

# the bureau's guides (issue 22): no edition of the cement guide yet (its page says so, its PDF is
# not found), "cement" is no promotion plan and "no-such-kind" no kind of guide
EXPECTED.update({
    "guides.index": everyone(200),
    "guides.guide": everyone(200),
    "guides.guide_pdf": everyone(404),
    "guides.plan": everyone(404),
    "guides.plan_pdf": everyone(404),
    "guides.manage": members_only(200, BUREAU),
    "guides.draft": members_only(404, BUREAU),
    "guides.publish": members_only(404, BUREAU),
    "api.guides": everyone(200),
    "api.guide": everyone(404),
})
# measured outcomes as evidence and the plan's what-if (issue 23): no inquiry, record or
# file 999999; an empty baseline form and an empty decision body are refused
EXPECTED.update({
    "evidence.project": members_only(404, ENTERPRISE),
    "evidence.submit": members_only(404, ENTERPRISE),
    "evidence.file": members_only(404, ENTERPRISE | BUREAU),
    "evidence.queue": members_only(200, BUREAU),
    "evidence.review": members_only(404, BUREAU),
    "evidence.decide": members_only(404, BUREAU),
    "evidence.whatif": members_only(200, BUREAU),
    "evidence.baseline": members_only(400, BUREAU),
    "api.project_records": members_only(200, BUREAU, anonymous=401),
    "api.project_decision": members_only(400, BUREAU, anonymous=401),
    "api.whatif": members_only(200, BUREAU, anonymous=401),
})

VALUES = {"code": "CE-01", "product_id": 999999, "offer_id": 999999, "submission_id": 999999,
          "notification_id": 999999, "attachment_id": 999999, "objection_id": 999999,
          "key": "cement", "filename": "css/portal.css", "token": "not-a-valid-token",
          "invitation_id": 999999, "facility_id": 999999, "need_id": 999999,
          "inquiry_id": 999999, "job_id": 999999, "announcement_id": 999999, "file_id": 999999,
          "name": "capacity", "fmt": "csv", "kind": "no-such-kind", "search_id": 999999,
          "supplier_id": 999999, "slug": "cement", "programme_id": 999999, "record_id": 999999}


@pytest.fixture(scope="module")
def walk_app(make_accounts_app):
    return make_accounts_app(WTF_CSRF_ENABLED=False)


@pytest.fixture(scope="module")
def clients(walk_app, world):
    out = {"anonymous": (walk_app.test_client(), world["users"]["admin-a@world.test"])}
    for role, email in EMAILS.items():
        client = walk_app.test_client()
        assert sign_in(client, email).status_code == 302
        out[role] = (client, world["users"][email])
    return out


def url_for_rule(app, rule, user: dict, world: dict) -> str:
    values = {"org_id": user["org"] if not rule.endpoint.startswith("bureau.") else world["orgs"]["A"],
              "user_id": user["id"], **VALUES}
    if rule.endpoint == "public.switch_language":
        values["code"] = "en"
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})


def test_every_route_has_a_rule_and_an_expectation(walk_app):
    endpoints = {rule.endpoint for rule in walk_app.url_map.iter_rules()}
    assert endpoints - set(policy.RULES) == set(), "add a rule to portal/policy.py"
    assert endpoints - set(EXPECTED) == set(), "add the expected statuses to this test"
    assert set(policy.RULES) - endpoints == set(), "policy rule for a route that is gone"


def test_every_route_for_every_role(walk_app, clients, world):
    seen = []
    for rule in sorted(walk_app.url_map.iter_rules(), key=lambda r: r.rule):
        method = "GET" if "GET" in rule.methods else "POST"
        for role in ROLES:
            client, user = clients[role]
            url = url_for_rule(walk_app, rule, user, world)
            if rule.endpoint == "auth.logout" and role != "anonymous":
                continue  # signing out is walked last, below
            response = client.open(url, method=method)
            status = response.status_code
            response.close()
            seen.append((rule.endpoint, role, method, url, status, EXPECTED[rule.endpoint][role]))
    for role in ROLES[1:]:
        status = clients[role][0].post("/logout").status_code
        seen.append(("auth.logout", role, "POST", "/logout", status, 302))
    wrong = [s for s in seen if s[4] != s[5]]
    assert wrong == [], "\n".join(f"{e} {r} {m} {u}: got {got}, expected {exp}"
                                  for e, r, m, u, got, exp in wrong)


def test_a_route_without_a_rule_is_refused(make_accounts_app):
    app = make_accounts_app()
    app.add_url_rule("/unruled", "unruled", lambda: "should never be served")
    response = app.test_client().get("/unruled")
    assert response.status_code == 403
    assert "should never be served" not in response.get_data(as_text=True)


def test_anonymous_is_sent_to_sign_in_with_next(accounts_app):
    response = accounts_app.test_client().get("/bureau/audit?action=auth.sign_in")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/bureau/audit?action%3Dauth.sign_in"


def test_readme_route_table_is_current(walk_app):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert policy.route_table(walk_app) in readme, \
        "regenerate the README's route table: flask --app portal policy table"
