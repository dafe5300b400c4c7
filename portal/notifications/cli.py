"""``flask notify …``: jobs for cron (the daily digest; the alert scan joins
this group from portal/alerts)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from catalog import notify

from ..db import get_session


@click.group("notify", cls=AppGroup)
def notify_group() -> None:
    """Notifications: digests and alerts."""


@notify_group.command("send-digests")
def send_digests() -> None:
    """Queue one digest e-mail per user with pending digest notifications
    (run daily from cron; ``flask mail send`` delivers them)."""
    sent = notify.send_digests(get_session())
    click.echo(f"digests queued: {sent}")
