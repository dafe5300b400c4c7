"""``flask --app portal notify scan``: the alert scan, for cron (new results of
saved searches, new matches for open needs, new leads for suppliers). Prints
the report; exits with 1 when a subject failed (the others were done)."""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from catalog.alerts import scan

from ..db import get_session
from ..notifications.cli import notify_group


@notify_group.command("scan")
@with_appcontext
def scan_command() -> None:
    """Announce new saved-search results, matches and leads (once each)."""
    report = scan.run(get_session(), Path(current_app.config["SEARCH_INDEX_DIR"]), datetime.now(UTC))
    for line in report.lines():
        click.echo(line)
    if report.failures:
        raise SystemExit(1)

