"""Is the search keeping up? Which backend answers, how many documents it
holds, and — with Whoosh — whether index changes wait too long or the index
folder cannot be written (a read-only or full disk): ``/healthz`` turns a
problem into 503, the bureau console into a warning."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from catalog.models import as_utc, utcnow

from . import index, pg_postings, pg_store
from .backend import POSTGRESQL, WHOOSH, attach_session
from .tasks import oldest_pending, pending_count

MAX_WAIT_S = 300   # a task older than this: the after-commit apply and the periodic sync both failed


@dataclass
class Health:
    backend: str
    documents: int
    pending: int = 0
    waited_s: int = 0               # age of the oldest pending task
    writable: bool = True
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


def writable(folder: Path) -> bool:
    """Whether a file can be created in the index folder (or, before the first
    build, beside it): a probe, since permission bits say nothing to root."""
    folder = Path(folder)
    target = folder if folder.exists() else folder.parent
    probe = target / f".write-probe-{uuid.uuid4().hex[:8]}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def health(session: Session, index_dir: Path, max_wait_s: float = MAX_WAIT_S) -> Health:
    if attach_session(index_dir, session):
        # queued documents are searchable; they only cost more until merged
        return Health(POSTGRESQL, pg_store.document_count(session), pg_postings.queued(session))
    found = Health(WHOOSH, index.document_count(index_dir), pending_count(session))
    oldest = oldest_pending(session)
    if oldest is not None:
        found.waited_s = int((utcnow() - as_utc(oldest)).total_seconds())
        if found.waited_s > max_wait_s:
            found.reasons.append(f"{found.pending} search index changes waiting for {found.waited_s} s "
                                 f"(more than {int(max_wait_s)} s)")
    found.writable = writable(index_dir)
    if not found.writable:
        found.reasons.append(f"the search index folder {index_dir} is not writable")
    return found
