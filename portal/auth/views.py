"""Sign in and out, registration, password reset and invitation links.

Views only translate: form → plain values → service call → domain error →
message. Who may call each endpoint is decided in portal.policy."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from catalog.accounts import members, outbox, privacy, registration, users
from catalog.accounts.checks import InvalidFields
from catalog.accounts.organisations import Contact
from catalog.errors import RuleError

from ..db import get_session
from ..demo_pages import demo_sign_ins
from ..mailer import link_maker, signer
from ..ratelimit import count_wrong_credentials
from ..redirects import safe_next
from . import choices
from .forms import (
    AcceptInvitationForm,
    ConfirmRegistrationForm,
    ForgotPasswordForm,
    LoginForm,
    LogoutForm,
    RegistrationForm,
    ResetPasswordForm,
)
from .messages import message, to_form
from .session import client_ip, start

bp = Blueprint("auth", __name__)

# Where each role starts after signing in: its workspace, not the account page.
LANDINGS = {"enterprise_member": "enterprise.home", "enterprise_admin": "enterprise.home",
            "supplier_member": "supplier.home", "supplier_admin": "supplier.home",
            "bureau_admin": "bureau.dashboard", "bureau_curator": "bureau.submissions"}


def landing(role: str) -> str:
    """The endpoint a user of ``role`` lands on (the account page for an unknown role)."""
    return LANDINGS.get(role, "account.home")


def form_page(template: str, form, status: int = 200, **context):
    """Render a form page; a submitted form with errors answers 400."""
    if request.method == "POST" and status == 200:
        status = 400
    return render_template(template, form=form, **context), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for(landing(current_user.role)))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = users.authenticate(get_session(), form.email.data, form.password.data, client_ip())
        except RuleError as exc:
            if exc.code == "login.failed":
                count_wrong_credentials()
            form.form_errors.append(message(exc))
        else:
            start(user)
            return redirect(safe_next(form.next.data, landing(user.role)))
    return form_page("auth/login.html", form, demo_accounts=demo_sign_ins())


@bp.post("/logout")
def logout():
    if LogoutForm().validate_on_submit():
        users.sign_out(get_session(), current_user.user, current_user.session_key, client_ip())
        logout_user()
        flash(_("You have signed out."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for(landing(current_user.role)))
    db = get_session()
    form = RegistrationForm()
    choices.fill(form, db)
    form.kind.choices = choices.kinds()
    if request.method == "GET":
        form.kind.data = request.args.get("kind", "enterprise")
        form.privacy_version.data = privacy.CURRENT_VERSION
    if form.validate_on_submit():
        try:
            registration.apply(db, registration_from(form), signer(),
                               link_maker("auth.confirm_registration"), client_ip())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            # the same answer whether the address or the credit code is new or not
            flash(_("We have sent a message to %(email)s. Open the link in it to confirm the address "
                    "and finish registering.", email=form.email.data.strip()), "success")
            return redirect(url_for("auth.login"))
    elif form.is_submitted():
        # the domain's rules at the first submit too, on the fields the form found no fault with
        found = [p for p in registration.problems(db, registration_from(form))
                 if not getattr(getattr(form, p.field or "", None), "errors", None)]
        form.form_errors.extend(to_form(form, InvalidFields(found)))
    if form.privacy_version.data != privacy.CURRENT_VERSION:  # shown again: ask for the current policy
        form.privacy_version.data, form.privacy.data = privacy.CURRENT_VERSION, False
    return form_page("auth/register.html", form)


@bp.route("/register/confirm/<token>", methods=["GET", "POST"])
def confirm_registration(token: str):
    """The e-mailed link shows a button; its POST confirms the address (once)
    and signs the new user in."""
    db = get_session()
    try:
        user = registration.unconfirmed(db, signer(), token)
    except RuleError as exc:
        return render_template("auth/link_problem.html", problem=message(exc)), 400
    form = ConfirmRegistrationForm()
    if not form.validate_on_submit():
        return form_page("auth/confirm_registration.html", form, user=user)
    try:
        user = registration.confirm(db, signer(), token, client_ip())
    except RuleError as exc:
        return render_template("auth/link_problem.html", problem=message(exc)), 400
    if current_user.is_authenticated:
        logout_user()
    start(user)
    flash(_("Your e-mail address is confirmed and you are signed in. Your organisation is waiting "
            "for verification by the bureau."), "success")
    return redirect(url_for("account.home"))  # the page that shows the verification status


def registration_from(form: RegistrationForm) -> registration.Registration:
    contact = Contact(name=form.contact_name.data, mobile=form.mobile.data, email=form.email.data,
                      district_key=form.district.data, province=form.province.data or "",
                      sector_keys=tuple(form.sectors.data or ()))
    agreed = (form.privacy_version.data or "") if form.privacy.data else ""  # the version shown, if ticked
    return registration.Registration(kind=form.kind.data, org_name=form.org_name.data,
                                     uscc=form.uscc.data, contact=contact, password=form.password.data,
                                     privacy_version=agreed)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        users.request_reset(get_session(), form.email.data, signer(),
                            link_maker("auth.reset_password"), client_ip())
        flash(_("If an account uses this address, we have sent it a link to choose a new password. "
                "The link works once, for one hour."), "success")
        return redirect(url_for("auth.login"))
    return form_page("auth/forgot_password.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    db = get_session()
    try:
        users.valid_reset(db, signer(), token)
    except RuleError as exc:
        return render_template("auth/link_problem.html", problem=message(exc)), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            users.complete_reset(db, signer(), token, form.password.data, client_ip())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("Your password has been changed. Sign in with the new password."), "success")
            return redirect(url_for("auth.login"))
    return form_page("auth/reset_password.html", form)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    db = get_session()
    try:
        invitation = members.valid_invitation(db, signer(), token)
    except RuleError as exc:
        return render_template("auth/link_problem.html", problem=message(exc)), 400
    if current_user.is_authenticated:
        return render_template("auth/link_problem.html",
                               problem=_("Sign out first: this invitation is for %(email)s.",
                                         email=invitation.email)), 400
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            members.accept(db, signer(), token, form.name.data, form.password.data, client_ip())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            flash(_("Your account has been created. Sign in with your e-mail address and password."),
                  "success")
            return redirect(url_for("auth.login"))
    return form_page("auth/accept_invitation.html", form, invitation=invitation)


@bp.get("/dev/outbox")
def dev_outbox():
    """For developers (policy: PORTAL_ENV=development, from this machine only)."""
    return render_template("auth/dev_outbox.html", messages=outbox.recent(get_session()),
                           mail_server=current_app.config.get("MAIL_SERVER"))
