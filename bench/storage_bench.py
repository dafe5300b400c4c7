"""File storage figures (issue 19): write and stream-read one file through
each backend and report MB/s and how much the process's peak memory grew
(a streamed read should hold about one chunk, not the file).

    .venv/bin/python bench/storage_bench.py [--mb 64] [--database postgresql://postgres@127.0.0.1:5432/postgres]

Uses a throw-away database (created and dropped) on the given server, or a
SQLite file; the local backend writes to a temporary folder."""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from catalog import migrate, storage  # noqa: E402
from catalog.db import make_engine, normalise_url  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(store: storage.Storage, size_mb: int) -> dict[str, float]:
    block = os.urandom(1 << 20)
    started = time.perf_counter()
    store.save("bench/file.bin", (block for _ in range(size_mb)))
    written = time.perf_counter() - started
    before = peak_mb()
    started = time.perf_counter()
    total = 0
    with store.open("bench/file.bin") as stream:
        while chunk := stream.read(64 * 1024):  # what send_file does, 64 KiB at a time here
            total += len(chunk)
    read = time.perf_counter() - started
    assert total == size_mb << 20
    store.delete("bench/file.bin")
    return {"write_mb_s": size_mb / written, "read_mb_s": size_mb / read,
            "peak_growth_mb": peak_mb() - before}


def database(server: str | None, folder: Path):
    if not server:
        return f"sqlite:///{folder / 'bench.sqlite3'}", lambda: None
    name = f"storage_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=64)
    parser.add_argument("--database", default=os.environ.get("TEST_DATABASE_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = database(args.database, Path(tmp))
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            for kind in ("local", "database"):
                figures = measure(storage.area(kind, engine, Path(tmp) / "files", "bench"), args.mb)
                where = engine.dialect.name if kind == "database" else "disk"
                print(f"{kind:8} ({where}): {args.mb} MB write {figures['write_mb_s']:.0f} MB/s, "
                      f"streamed read {figures['read_mb_s']:.0f} MB/s, "
                      f"peak memory grew {figures['peak_growth_mb']:.1f} MB while reading")
        finally:
            engine.dispose()
            drop()


if __name__ == "__main__":
    main()
