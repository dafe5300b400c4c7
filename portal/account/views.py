"""One's own account and organisation: status and reason, password, contact
details, members, invitations and roles.

Who may call what is decided in portal.policy (including that ``org_id`` is
the user's own organisation); members and invitations are looked up scoped to
that organisation by the services, so another organisation's ids give 404."""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from catalog.accounts import members, organisations, users
from catalog.accounts.organisations import OUTSIDE, Contact
from catalog.accounts.roles import can_publish, roles_for
from catalog.errors import RuleError

from ..auth import choices
from ..auth.labels import role_label, status_label
from ..auth.messages import message, to_form
from ..auth.session import actor, client_ip, start
from ..auth.views import form_page
from ..db import get_session
from ..mailer import link_maker, signer
from .forms import ActiveForm, ButtonForm, ChangePasswordForm, InviteForm, OrganisationForm, RoleForm

bp = Blueprint("account", __name__)


@bp.get("/account")
def home():
    return render_template("account/home.html", org=current_user.organisation,
                           can_publish=can_publish(current_user.organisation))


@bp.get("/api/v1/account")
def me():
    org = current_user.organisation
    return jsonify(email=current_user.email, name=current_user.name, role=current_user.role,
                   organisation={"id": org.id, "name": org.name, "kind": org.kind,
                                 "status": org.status, "status_label": status_label(org.status),
                                 "can_publish": can_publish(org)})


@bp.route("/account/password", methods=["GET", "POST"])
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = users.change_password(get_session(), current_user.user, form.current_password.data,
                                         form.new_password.data, client_ip())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            start(user)  # the new session token; other sessions are ended
            flash(_("Your password has been changed. Other devices have been signed out."), "success")
            return redirect(url_for("account.home"))
    return form_page("account/password.html", form)


@bp.get("/organisations/<int:org_id>")
def organisation(org_id: int):
    return render_template("account/organisation.html", org=organisations.get(get_session(), org_id))


@bp.route("/organisations/<int:org_id>/edit", methods=["GET", "POST"])
def edit_organisation(org_id: int):
    db = get_session()
    org = organisations.get(db, org_id)
    form = OrganisationForm(obj=None if request.method == "POST" else CurrentValues(org))
    choices.fill(form, db)
    if form.validate_on_submit():
        contact = Contact(name=form.contact_name.data, mobile=form.mobile.data, email=form.email.data,
                          district_key=form.district.data, province=form.province.data or "",
                          sector_keys=tuple(form.sectors.data or ()))
        try:
            organisations.update_contact(db, actor(), org_id, contact)
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The organisation's details have been saved."), "success")
            return redirect(url_for("account.organisation", org_id=org_id))
    return form_page("account/edit_organisation.html", form, org=org)


class CurrentValues:
    """The organisation's current values, named as the form's fields."""

    def __init__(self, org):
        self.contact_name, self.mobile, self.email = org.contact_name, org.contact_mobile, org.contact_email
        self.district = org.district_key or (OUTSIDE if org.province else "")
        self.province = org.province or ""
        self.sectors = [s.key for s in org.sectors]


def _role_choices(kind: str) -> list[tuple[str, str]]:
    return [(role, role_label(role)) for role in roles_for(kind)]


@bp.get("/organisations/<int:org_id>/members", endpoint="members")
def members_page(org_id: int, invite_form: InviteForm | None = None, status: int = 200):
    db = get_session()
    org = organisations.get(db, org_id)
    invite_form = invite_form or InviteForm()
    invite_form.role.choices = _role_choices(org.kind)
    role_form = RoleForm()
    role_form.role.choices = invite_form.role.choices
    return render_template("account/members.html", org=org, members=members.members(db, org_id),
                           invitations=members.open_invitations(db, org_id), invite_form=invite_form,
                           role_form=role_form, button=ButtonForm(), active_form=ActiveForm()), status


@bp.route("/organisations/<int:org_id>/invitations/new", methods=["GET", "POST"])
def invite(org_id: int):
    form = InviteForm()
    if form.validate_on_submit():
        try:
            members.invite(get_session(), actor(), org_id, form.email.data, form.role.data, signer(),
                           link_maker("auth.accept_invitation"))
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("The invitation has been sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("account.members", org_id=org_id))
    return members_page(org_id, form, 400 if request.method == "POST" else 200)


@bp.post("/organisations/<int:org_id>/invitations/<int:invitation_id>/revoke")
def revoke_invitation(org_id: int, invitation_id: int):
    if ButtonForm().validate_on_submit():
        members.revoke_invitation(get_session(), actor(), org_id, invitation_id)
        flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for("account.members", org_id=org_id))


@bp.post("/organisations/<int:org_id>/members/<int:user_id>/role")
def change_role(org_id: int, user_id: int):
    form = RoleForm()
    members.member(get_session(), org_id, user_id)  # 404 before any form problem
    if not form.validate_on_submit():
        return _member_problem(org_id, _("Choose a role from the list."))
    try:
        user = members.change_role(get_session(), actor(), org_id, user_id, form.role.data)
    except RuleError as exc:
        return _member_problem(org_id, message(exc))
    flash(_("%(name)s is now “%(role)s”.", name=user.name, role=role_label(user.role)), "success")
    return redirect(url_for("account.members", org_id=org_id))


@bp.post("/organisations/<int:org_id>/members/<int:user_id>/active")
def set_active(org_id: int, user_id: int):
    form = ActiveForm()
    members.member(get_session(), org_id, user_id)
    if not form.validate_on_submit() or form.active.data not in ("0", "1"):
        return _member_problem(org_id, _("The request could not be understood."))
    try:
        user = members.set_active(get_session(), actor(), org_id, user_id, form.active.data == "1")
    except RuleError as exc:
        return _member_problem(org_id, message(exc))
    flash(_("%(name)s can sign in again.", name=user.name) if user.active
          else _("%(name)s can no longer sign in.", name=user.name), "success")
    return redirect(url_for("account.members", org_id=org_id))


def _member_problem(org_id: int, problem: str):
    flash(problem, "danger")
    return members_page(org_id, status=400)
