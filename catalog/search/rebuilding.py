"""A Whoosh rebuild that loses no update made while it runs.

The rebuild reads the database and builds a new index for a while; writers
keep committing and applying their tasks to the old index meanwhile. So the
rebuild leaves a marker beside the index (``<index>.rebuilding``, its pid)
for as long as it runs: appliers then mark the tasks they apply instead of
deleting them. Just before the swap, under the write lock, every task the
rebuild could not have seen — all but those already committed when it
started — is applied again to the new index; then those tasks go.
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalog import models as m

from .index import rebuild as build_index
from .index import write_lock, write_unlocked
from .tasks import _latest, _resolve


def marker(index_dir: Path) -> Path:
    index_dir = Path(index_dir)
    return index_dir.with_name(index_dir.name + ".rebuilding")


def running(index_dir: Path) -> bool:
    """A rebuild of ``index_dir`` runs in a live process (a marker left by a
    killed rebuild does not count, and is removed)."""
    path = marker(index_dir)
    try:
        pid = int(path.read_text(encoding="utf-8").strip() or 0)
    except (FileNotFoundError, ValueError):
        return False
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        path.unlink(missing_ok=True)
        return False
    except PermissionError:  # alive, another user's
        return True


def rebuild(session: Session, index_dir: Path, progress=None) -> int:
    """Full rebuild from the database; returns the number of documents."""
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with write_lock(index_dir):  # no applier is half-way: from now on they keep what they apply
        marker(index_dir).write_text(str(os.getpid()), encoding="utf-8")
    try:
        session.commit()  # a fresh snapshot: the tasks committed by now are in what is read next
        seen = set(session.scalars(select(m.SearchTask.id)))

        def replay(staging: Path) -> None:
            later = list(session.scalars(select(m.SearchTask).where(m.SearchTask.id.not_in(seen))
                                         .order_by(m.SearchTask.id)))
            if later:
                documents, removals = _resolve(session, _latest(later))
                write_unlocked(staging, documents, removals)
            done = seen | {t.id for t in later}
            for start in range(0, len(done), 500):
                chunk = sorted(done)[start:start + 500]
                session.execute(delete(m.SearchTask).where(m.SearchTask.id.in_(chunk)))
            session.commit()

        return build_index(session, index_dir, progress=progress, before_swap=replay)
    finally:
        marker(index_dir).unlink(missing_ok=True)
