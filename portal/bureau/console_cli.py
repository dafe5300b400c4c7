"""``flask --app portal console …``: the bureau console's commands. Other
console modules add their commands to ``console_group``."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from catalog.console.coverage import score_needs

from ..db import get_session


@click.group("console", help="The bureau console: match scores of needs, imports, exports.")
def console_group() -> None:
    pass


@console_group.command("score-needs")
@click.option("--all", "everything", is_flag=True, help="Score every open need, not only stale ones.")
@with_appcontext
def score_needs_command(everything: bool) -> None:
    """Store each open need's best match score (for the funnel and the coverage gaps)."""
    def report(done: int, total: int) -> None:
        click.echo(f"{done}/{total}")

    count = score_needs(get_session(), current_app.config["SEARCH_INDEX_DIR"], only_stale=not everything,
                        progress=report)
    click.echo(f"scored {count} needs")


# issue 8, bulk import: import-technologies FILE, import-organisations FILE
from .import_cli import COMMANDS as IMPORT_COMMANDS  # noqa: E402

for _command in IMPORT_COMMANDS:
    console_group.add_command(_command)


def _add_import_commands() -> None:
    from .import_cli import COMMANDS

    for command in COMMANDS:
        console_group.add_command(command)


_add_import_commands()
