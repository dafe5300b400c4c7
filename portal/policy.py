"""Authorization in one place: every endpoint has exactly one rule here.

``enforce`` runs before every request (registered in create_app): an endpoint
without a rule is refused (403, and logged), an anonymous visitor to a
members-only page is sent to sign in (401 under /api), a signed-in user
without the role gets 403. Rules with ``own`` also check that the
organisation id in the URL is the user's own (404 otherwise, so other
organisations' ids reveal nothing); objects inside an organisation (members,
invitations) are looked up scoped to it by the services, so ids from another
organisation are not found either.

The README's route table is generated from RULES (``route_table``) and a test
keeps the two equal.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog.accounts.roles import ADMIN_ROLES, BUREAU_ROLES, ROLES, can_publish

__all__ = ["RULES", "Rule", "add_rule", "allowed", "can_publish", "enforce", "init_app", "route_table"]

ORG_ADMINS = frozenset({"enterprise_admin", "supplier_admin"})


@dataclass(frozen=True)
class Rule:
    """``roles`` None: everyone, signed in or not. ``own``: the URL's
    ``org_id`` must be the user's organisation. ``development``: only when
    PORTAL_ENV=development and the request comes from this machine."""

    roles: frozenset[str] | None
    who: str
    own: bool = False
    development: bool = False


EVERYONE = Rule(None, "everyone")
SIGNED_IN = Rule(frozenset(ROLES), "any signed-in user")
OWN_ORG = Rule(frozenset(ROLES), "members of that organisation", own=True)
OWN_ORG_ADMIN = Rule(frozenset(ADMIN_ROLES), "admins of that organisation "
                     "(enterprise_admin, supplier_admin, bureau_admin)", own=True)
OWN_COMPANY_ADMIN = Rule(ORG_ADMINS, "admins of that enterprise or supplier", own=True)
BUREAU = Rule(frozenset(BUREAU_ROLES), "bureau_curator, bureau_admin")
ENTERPRISE = Rule(frozenset({"enterprise_member", "enterprise_admin"}), "enterprise_member, enterprise_admin")
SUPPLIER = Rule(frozenset({"supplier_member", "supplier_admin"}), "supplier_member, supplier_admin")
PARTIES = Rule(frozenset({"enterprise_member", "enterprise_admin", "supplier_member", "supplier_admin"}),
                "enterprise and supplier members (each sees only its organisation's inquiries)")
BUREAU_ADMIN = Rule(frozenset({"bureau_admin"}), "bureau_admin")
DEVELOPER = Rule(None, "development only (PORTAL_ENV=development, from 127.0.0.1)", development=True)

RULES: dict[str, Rule] = {
    "static": EVERYONE,
    # public catalogue (public blueprint) and the read-only API
    "public.home": EVERYONE,
    "public.catalogue": EVERYONE,
    "public.search": EVERYONE,
    "public.technology": EVERYONE,
    "public.technology_print": EVERYONE,
    "public.sector": EVERYONE,
    "public.benchmarks": EVERYONE,
    "public.switch_language": EVERYONE,
    # what a government website shows besides its content (issue 21)
    "public.privacy": EVERYONE,
    "public.terms": EVERYONE,
    "public.accessibility": EVERYONE,
    "public.sitemap": EVERYONE,
    "api.healthz": EVERYONE,
    "api.technologies": EVERYONE,
    "api.technology": EVERYONE,
    "api.search": EVERYONE,
    "api.openapi": EVERYONE,
    "api.docs": EVERYONE,
    # signing in and out, registration, links from e-mails
    "auth.login": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.register": EVERYONE,
    "auth.confirm_registration": EVERYONE,
    "auth.forgot_password": EVERYONE,
    "auth.reset_password": EVERYONE,
    "auth.accept_invitation": EVERYONE,
    "auth.dev_outbox": DEVELOPER,
    # one's own account and organisation
    "account.home": SIGNED_IN,
    # one's own notifications and how they arrive (issue 7)
    "notifications.index": SIGNED_IN,
    "notifications.open_one": SIGNED_IN,
    "notifications.read_all": SIGNED_IN,
    "notifications.preferences": SIGNED_IN,
    "account.password": SIGNED_IN,
    "account.me": SIGNED_IN,
    "account.organisation": OWN_ORG,
    "account.edit_organisation": OWN_COMPANY_ADMIN,
    "account.members": OWN_ORG_ADMIN,
    "account.invite": OWN_ORG_ADMIN,
    "account.revoke_invitation": OWN_ORG_ADMIN,
    "account.change_role": OWN_ORG_ADMIN,
    "account.set_active": OWN_ORG_ADMIN,
    # the bureau
    "bureau.home": BUREAU,
    "bureau.organisations": BUREAU,
    "bureau.organisation": BUREAU,
    "bureau.decide": BUREAU,
    "bureau.audit": BUREAU,
    # enterprise workspace (issue 6): facilities, needs and matches, scoped to
    # the user's organisation by the services
    "enterprise.home": ENTERPRISE,
    "enterprise.new_facility": ENTERPRISE,
    "enterprise.facility": ENTERPRISE,
    "enterprise.edit_facility": ENTERPRISE,
    "enterprise.new_need": ENTERPRISE,
    "enterprise.need": ENTERPRISE,
    "enterprise.edit_need": ENTERPRISE,
    "enterprise.need_status": ENTERPRISE,
    "enterprise.need_mark": ENTERPRISE,
    "enterprise.need_quote": ENTERPRISE,
    "enterprise.need_coverage": ENTERPRISE,
    "enterprise.compare": ENTERPRISE,
    "api.match": EVERYONE,
    "api.diagnose": EVERYONE,
    # supplier workspace and catalogue curation (issue 5). Supplier objects are looked up
    # scoped to the user's organisation; a file's readers are decided by catalog.supply.files.
    "public.editions_list": EVERYONE,
    "public.edition": EVERYONE,
    "public.edition_compare": EVERYONE,
    "public.notices": EVERYONE,
    "public.notice_page": EVERYONE,
    "public.object_to": SIGNED_IN,
    "public.product": EVERYONE,
    "public.offer": EVERYONE,
    "public.attachment": EVERYONE,
    "api.product": EVERYONE,
    "api.offer": EVERYONE,
    # the public supplier directory (issue 22)
    "public.suppliers": EVERYONE,
    "public.supplier_profile": EVERYONE,
    "api.suppliers": EVERYONE,
    "api.supplier": EVERYONE,
    "supplier.home": SUPPLIER,
    "supplier.new_product": SUPPLIER,
    "supplier.product": SUPPLIER,
    "supplier.edit_product": SUPPLIER,
    "supplier.product_status": SUPPLIER,
    "supplier.product_file": SUPPLIER,
    "supplier.remove_file": SUPPLIER,
    "supplier.new_offer": SUPPLIER,
    "supplier.offer": SUPPLIER,
    "supplier.edit_offer": SUPPLIER,
    "supplier.offer_status": SUPPLIER,
    "supplier.new_submission": SUPPLIER,
    "supplier.submission": SUPPLIER,
    "supplier.edit_submission": SUPPLIER,
    "supplier.submit": SUPPLIER,
    "supplier.evidence": SUPPLIER,
    "bureau.submissions": BUREAU,
    "bureau.submission": BUREAU,
    "bureau.review": BUREAU,
    "bureau.step": BUREAU,
    "bureau.resolve_objection": BUREAU,
    "bureau.editions": BUREAU,
    "bureau.edition": BUREAU,
    "bureau.edition_entries": BUREAU,
    "bureau.publish_edition": BUREAU,
    "bureau.export_edition": BUREAU,
    "bureau.technologies": BUREAU,
    "bureau.technology": BUREAU,
    "bureau.technology_action": BUREAU,
    "bureau.listings": BUREAU,
    "bureau.product": BUREAU,
    "bureau.offer": BUREAU,
    "bureau.settings": BUREAU,
    "bureau.update_settings": BUREAU_ADMIN,
    # inquiries and the deal pipeline (issue 7): an inquiry is found only by its
    # two parties (catalog.pipeline.inquiries.get); only the enterprise starts one
    "inquiries.index": PARTIES,
    "inquiries.new": ENTERPRISE,
    "inquiries.thread": PARTIES,
    "inquiries.post_message": PARTIES,
    "inquiries.step": PARTIES,
    "inquiries.follow_up": ENTERPRISE,
    "inquiries.follow_up_reference": ENTERPRISE,
    # issue 7, second part: message files (the two parties only, catalog.pipeline.attachments),
    # the enterprise's answer to an expression of interest, a supplier's leads,
    # and the bureau's pipeline view with the forwarding of anonymous needs' interests
    "inquiries.answer": ENTERPRISE,
    "inquiries.file": PARTIES,
    "supplier.leads_page": SUPPLIER,
    "supplier.lead_mark": SUPPLIER,
    "supplier.interest_page": SUPPLIER,
    # saved searches (issue 7): each user's own, looked up scoped to the user (others' ids: 404)
    "alerts.save": SIGNED_IN,
    "alerts.saved_list": SIGNED_IN,
    "alerts.rename": SIGNED_IN,
    "alerts.toggle": SIGNED_IN,
    "alerts.delete": SIGNED_IN,
    "api.leads_json": SUPPLIER,
    "bureau.pipeline": BUREAU,
    "bureau.pipeline_inquiry": BUREAU,
    "bureau.pipeline_forward": BUREAU,
    # the bureau console (issue 8): background jobs, imports, announcements
    "bureau.job": BUREAU,
    "bureau.job_json": BUREAU,
    "bureau.job_result": BUREAU,
    "bureau.imports": BUREAU,
    "bureau.import_template": BUREAU,
    "bureau.import_current": BUREAU,
    "bureau.import_upload": BUREAU,
    "bureau.announcements": BUREAU,
    "bureau.new_announcement": BUREAU,
    "bureau.announcement": BUREAU,
    "bureau.announcement_status": BUREAU,
    "bureau.announcement_registrations": BUREAU,
    "public.announcements": EVERYONE,
    "public.announcement": EVERYONE,
    "public.register_interest": PARTIES,
    "public.withdraw_interest": PARTIES,
    "bureau.dashboard": BUREAU,
    "bureau.dashboard_data": BUREAU,
    "bureau.export": BUREAU,
    # measured outcomes as evidence and the plan's what-if (issue 23): the enterprise's
    # project record and evidence (scoped to its organisation by catalog.evidence), the
    # bureau's verification queue, what-if and baseline
    "evidence.project": ENTERPRISE,
    "evidence.submit": ENTERPRISE,
    "evidence.file": Rule(frozenset({"enterprise_member", "enterprise_admin", *BUREAU_ROLES}),
                          "the project's enterprise (enterprise_member, enterprise_admin) and the bureau"),
    "evidence.queue": BUREAU,
    "evidence.review": BUREAU,
    "evidence.decide": BUREAU,
    "evidence.whatif": BUREAU,
    "evidence.baseline": BUREAU,
    "api.project_records": BUREAU,
    "api.project_decision": BUREAU,
    "api.whatif": BUREAU,
    # support programmes and green finance (issue 23)
    "public.programmes": EVERYONE,
    "public.programme": EVERYONE,
    "api.programmes": EVERYONE,
    "api.programme": EVERYONE,
    "bureau.programmes": BUREAU,
    "bureau.new_programme": BUREAU,
    "bureau.programme": BUREAU,
    "bureau.programme_status": BUREAU,
    # the public needs board (issue 22): listed needs for everyone; the opt-in
    # for the need's own enterprise (scoped by catalog.pipeline.board)
    "board.needs": EVERYONE,
    "board.need": EVERYONE,
    "api.board_needs": EVERYONE,
    "api.board_need": EVERYONE,
    "enterprise.need_board": ENTERPRISE,
    "enterprise.need_board_withdraw": ENTERPRISE,
    # the bureau's guides and promotion plans (issue 22): read and downloaded by everyone,
    # previewed, introduced and published by the bureau
    "guides.index": EVERYONE,
    "guides.guide": EVERYONE,
    "guides.guide_pdf": EVERYONE,
    "guides.plan": EVERYONE,
    "guides.plan_pdf": EVERYONE,
    "guides.manage": BUREAU,
    "guides.draft": BUREAU,
    "guides.publish": BUREAU,
    "api.guides": EVERYONE,
    "api.guide": EVERYONE,
}


def rules(app: Flask | None = None) -> dict[str, Rule]:
    """This app's rules: RULES plus any added with ``add_rule``."""
    return (app or current_app).extensions["policy_rules"]


def add_rule(app: Flask, endpoint: str, rule: Rule) -> None:
    """A rule for a route added outside the blueprints (e.g. in a test app)."""
    rules(app)[endpoint] = rule


def role() -> str | None:
    return current_user.role if current_user.is_authenticated else None


def development_request() -> bool:
    return current_app.config["PORTAL_ENV"] == "development" \
        and request.remote_addr in ("127.0.0.1", "::1")


def allowed(endpoint: str, **view_args: object) -> bool:
    """Whether the current user may use ``endpoint`` (for menus and buttons)."""
    rule = rules().get(endpoint)
    if rule is None or (rule.development and not development_request()):
        return False
    if rule.roles is None:
        return True
    if role() not in rule.roles:
        return False
    return not rule.own or view_args.get("org_id") == current_user.organisation_id


def enforce():
    """before_request: the rule of the matched endpoint decides."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route matched: routing answers 404/405
    rule = rules().get(endpoint)
    if rule is None:
        current_app.logger.error("no policy rule for endpoint %s: refused", endpoint)
        abort(403)
    if rule.development and not development_request():
        abort(404)
    if rule.roles is None:
        return None
    if not current_user.is_authenticated:
        return sign_in_first()
    if current_user.role not in rule.roles:
        abort(403)
    if rule.own and (request.view_args or {}).get("org_id") != current_user.organisation_id:
        abort(404)
    return None


def sign_in_first():
    if request.path.startswith("/api/"):
        abort(401, _("Sign in to use this."))
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.login", next=target))


def route_table(app: Flask) -> str:
    """Markdown: every URL rule, its methods and who may use it."""
    lines = ["| route | methods | endpoint | who may use it |", "|---|---|---|---|"]
    for url_rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        methods = ", ".join(sorted((url_rule.methods or set()) - {"HEAD", "OPTIONS"}))
        rule = rules(app).get(url_rule.endpoint)
        who = rule.who if rule else "**no rule: refused**"
        lines.append(f"| `{url_rule.rule}` | {methods} | `{url_rule.endpoint}` | {who} |")
    return "\n".join(lines) + "\n"


def init_app(app: Flask) -> None:
    app.extensions["policy_rules"] = dict(RULES)
    app.before_request(enforce)
    app.jinja_env.globals.update(allowed=allowed, can_publish=can_publish)
