"""Run by test_search_faults.py in separate processes (not collected by pytest).

    python search_fault_worker.py DB INDEX die-after-commit CODE WORD  # killed after commit, before indexing
    python search_fault_worker.py DB INDEX write PREFIX CODE…          # commit a change to each entry
    python search_fault_worker.py DB INDEX rebuild-until STOP_FILE     # rebuild again and again
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import event, select  # noqa: E402

from catalog import models as m  # noqa: E402
from catalog import search  # noqa: E402
from catalog.db import make_engine, make_session_factory  # noqa: E402
from catalog.search.tasks import INDEX_DIR_KEY  # noqa: E402


def change(sessions, index_dir: str, code: str, word: str) -> None:
    with sessions() as session:
        session.info[INDEX_DIR_KEY] = index_dir  # apply after commit, as the portal does
        tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()
        tech.summary_en = f"{tech.summary_en} {word}"
        session.commit()


def main() -> None:
    url, index_dir, mode, *rest = sys.argv[1:]
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    if mode == "die-after-commit":
        # first in line after the commit, before the index update runs
        event.listen(sessions, "after_commit", lambda _s: os.kill(os.getpid(), signal.SIGKILL), insert=True)
        change(sessions, index_dir, rest[0], rest[1])
    elif mode == "write":
        for n, code in enumerate(rest[1:]):
            change(sessions, index_dir, code, f"{rest[0]}{n}")
    elif mode == "rebuild-until":
        stop, rounds = Path(rest[0]), 0
        while not stop.exists() or rounds == 0:
            with sessions() as session:
                search.rebuild(session, Path(index_dir))
            rounds += 1
            time.sleep(0.2)
        print(f"rebuilds: {rounds}")
    engine.dispose()


if __name__ == "__main__":
    main()
