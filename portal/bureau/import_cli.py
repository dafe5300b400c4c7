"""``flask --app portal console import-technologies FILE`` and
``console import-organisations FILE``: the bulk import from the command line
(the same checks as the web page; nothing is imported when a row is wrong,
and the exit code is then 1). Added to ``console_group`` by console_cli."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from catalog.accounts.audit import Actor
from catalog.console import imports
from catalog.console.problems import FileError

from ..db import get_session


def run_import(kind_name: str, path: str) -> None:
    kind = imports.kind_of(kind_name)
    try:
        parsed = imports.parse(kind, Path(path).read_bytes())
        outcome = imports.run(get_session(), Actor.cli(), kind, parsed, Path(path).name,
                              progress=lambda done, total=None: None)
    except FileError as exc:
        zh, en = exc.texts
        raise click.ClickException(f"{zh} / {en}") from exc
    report = outcome.report()
    for p in report["problems"]:
        click.echo(f"row {p['row']} · {p['column']}: {p['problem_zh']} / {p['problem_en']}", err=True)
    click.echo(f"{report['message_zh']} / {report['message_en']}")
    if not outcome.imported:
        raise SystemExit(1)


@click.command("import-technologies")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_technologies(path: str) -> None:
    """Import catalogue entries from an .xlsx in the template's layout."""
    run_import("technologies", path)


@click.command("import-organisations")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_organisations(path: str) -> None:
    """Import organisations from an .xlsx in the template's layout."""
    run_import("organisations", path)


COMMANDS = (import_technologies, import_organisations)
