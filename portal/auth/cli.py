"""``flask --app portal users …``: bureau accounts are created here (or by a
bureau admin's invitation), never by registration."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from catalog.accounts import users
from catalog.errors import RuleError
from catalog.models import User

from ..db import get_session
from .messages import errors_of


@click.group("users", cls=AppGroup)
def users_group() -> None:
    """User accounts."""


@users_group.command("create-bureau")
@click.option("--email", required=True, help="e-mail address, used to sign in")
@click.option("--name", required=True, help="the person's name")
@click.option("--role", type=click.Choice(["admin", "curator"]), default="curator", show_default=True)
@click.password_option("--password", help="prompted for when not given (10+ characters)")
def create_bureau(email: str, name: str, role: str, password: str) -> None:
    """Create a bureau account (bureau_admin or bureau_curator)."""
    try:
        user = users.create_bureau_user(get_session(), email, name, f"bureau_{role}", password)
    except RuleError as exc:
        problems = "; ".join(p.code + (f" ({p.field})" if p.field else "") for p in errors_of(exc))
        raise click.ClickException(f"not created: {problems}") from exc
    click.echo(f"created {user.email} as {user.role} in “{user.organisation.name}”")


@users_group.command("list")
def list_users() -> None:
    """Every account: e-mail, role, organisation, active."""
    for user in get_session().scalars(select(User).order_by(User.organisation_id, User.email)):
        state = "active" if user.active else "inactive"
        click.echo(f"{user.email}\t{user.role}\t{user.organisation.name}\t{state}")


@click.group("policy", cls=AppGroup)
def policy_group() -> None:
    """The authorization policy (portal/policy.py)."""


@policy_group.command("table")
def policy_table() -> None:
    """Print the route × role table in Markdown (pasted into the README)."""
    from flask import current_app

    from ..policy import route_table

    click.echo(route_table(current_app), nl=False)
