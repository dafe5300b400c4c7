"""``flask --app portal worker``: the Huey consumer (queued and periodic
tasks). Run one or more beside the web servers; they share the queue
(REDIS_URL, or the SQLite file in PORTAL_DATA_DIR on one host)."""
from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("worker")
@click.option("--workers", "-w", default=2, show_default=True, help="Tasks run at once (threads).")
@click.option("--no-periodic", is_flag=True, help="Do not run the periodic tasks from this consumer.")
@with_appcontext
def worker_command(workers: int, no_periodic: bool) -> None:
    """Run the background worker: console jobs, mail, scans, scoring, digests."""
    from ..bureau.jobs import recover
    from . import queue_kind

    kind = queue_kind(current_app.config)
    if kind == "immediate":
        raise click.ClickException("TASK_QUEUE is 'immediate': tasks run where they are queued, "
                                   "there is nothing for a worker to do.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # jobs whose worker died while no consumer was running are queued again (or failed) now
    outcome = recover()
    click.echo(f"worker: queue {kind}, {workers} threads; recovered jobs: requeued {outcome.requeued}, "
               f"failed {outcome.failed}", err=True)
    huey = current_app.extensions["huey"]
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=not no_periodic)
    consumer.run()
