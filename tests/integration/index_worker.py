"""Run by test_search_tasks.py in separate processes (not collected by pytest).

    python index_worker.py DB_URL INDEX_DIR update PREFIX CODE…   # change and commit each entry
    python index_worker.py DB_URL INDEX_DIR die-while-writing CODE # crash inside an index write
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import select  # noqa: E402

from catalog import models as m  # noqa: E402
from catalog.db import make_engine, make_session_factory  # noqa: E402
from catalog.search.documents import technology_document  # noqa: E402
from catalog.search.index import open_index, to_fields, write_lock  # noqa: E402
from catalog.search.tasks import INDEX_DIR_KEY  # noqa: E402


def update(sessions, index_dir: str, prefix: str, codes: list[str]) -> None:
    for n, code in enumerate(codes):
        with sessions() as session:
            session.info[INDEX_DIR_KEY] = index_dir  # apply after commit, as the portal does
            tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()
            tech.summary_en = f"{tech.summary_en} {prefix}{n}"
            session.commit()


def die_while_writing(sessions, index_dir: str, code: str) -> None:
    """Change an entry, commit (the task is recorded), then die holding the
    index lock in the middle of an index write, as a killed worker would."""
    with sessions() as session:
        tech = session.scalars(select(m.Technology).where(m.Technology.code == code)).unique().one()
        tech.summary_en = f"{tech.summary_en} killedworker"
        session.commit()  # no INDEX_DIR_KEY: the task stays pending
        with write_lock(Path(index_dir)):
            writer = open_index(Path(index_dir)).writer()
            writer.update_document(**to_fields(technology_document(tech)))
            os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    url, index_dir, mode, *rest = sys.argv[1:]
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    if mode == "update":
        update(sessions, index_dir, rest[0], rest[1:])
    elif mode == "die-while-writing":
        die_while_writing(sessions, index_dir, rest[0])
    engine.dispose()


if __name__ == "__main__":
    main()
