"""One interface for the files the portal keeps (attachments, job results and
uploads waiting for a job), two backends:

- ``LocalStorage``: a folder on this host's disk, the embedded default;
- ``DatabaseStorage``: the ``stored_file``/``stored_file_chunk`` tables, so
  every app server reads the files any of them wrote (the tested production
  backend on PostgreSQL: ``bytea`` chunks; it works on SQLite too).

Both write a file whole or not at all and read it as a stream (``open``
returns a binary file object that holds at most one chunk in memory), so a
download never loads the file into memory. Keys are made by the portal
(``ab/abcdef…``, ``job-12.xlsx``), never taken from input; ``check_key``
refuses anything else. ``area`` scopes a storage to a prefix."""
from __future__ import annotations

import io
import os
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy import Engine, delete, func, insert, select, update

from .errors import NotFound
from .models import StoredFile, StoredFileChunk

CHUNK = 256 * 1024
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


class Storage(Protocol):
    def save(self, key: str, data: bytes | Iterable[bytes]) -> int: ...
    def open(self, key: str) -> BinaryIO: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...


def check_key(key: str) -> str:
    if not KEY.match(key or "") or len(key) > 200 or ".." in key:
        raise NotFound("file", key)
    return key


def pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    """The data as chunks of at most CHUNK bytes."""
    if isinstance(data, bytes | bytearray | memoryview):
        data = (bytes(data),)
    for block in data:
        for start in range(0, len(block), CHUNK):
            yield bytes(block[start:start + CHUNK])


class LocalStorage:
    """Files under ``root``; a partial write never has the final name."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    def save(self, key: str, data: bytes | Iterable[bytes]) -> int:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        size = 0
        try:
            with partial.open("wb") as out:
                for block in pieces(data):
                    out.write(block)
                    size += len(block)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return size

    def open(self, key: str) -> BinaryIO:
        path = self.path(key)
        if not path.is_file():
            raise NotFound("file", key)
        return io.BufferedReader(LazyFile(path), buffer_size=CHUNK)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)


class LazyFile(io.RawIOBase):
    """A file opened at the first read and closed at its end: a download
    that is never read (or read to the end) holds no open file."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.file: BinaryIO | None = None
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self.ended:
            return 0
        if self.file is None:
            self.file = self.path.open("rb", buffering=0)
        size = self.file.readinto(target)
        if not size:
            self._release()
        return size

    def _release(self) -> None:
        self.ended = True
        if self.file is not None:
            self.file.close()

    def close(self) -> None:
        self._release()
        super().close()


class DatabaseStorage:
    """Files in the database, in chunks of CHUNK bytes. A save replaces the
    file in one transaction, so readers see the old file or the new one."""

    def __init__(self, engine: Engine, prefix: str = ""):
        self.engine, self.prefix = engine, prefix

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def save(self, key: str, data: bytes | Iterable[bytes]) -> int:
        full = self._key(key)
        size = count = 0
        with self.engine.begin() as conn:
            conn.execute(delete(StoredFileChunk).where(StoredFileChunk.key == full))
            conn.execute(delete(StoredFile).where(StoredFile.key == full))
            conn.execute(insert(StoredFile).values(key=full, size=0, chunks=0))
            for block in pieces(data):
                conn.execute(insert(StoredFileChunk).values(key=full, seq=count, data=block))
                size, count = size + len(block), count + 1
            conn.execute(update(StoredFile).where(StoredFile.key == full).values(size=size, chunks=count))
        return size

    def open(self, key: str) -> BinaryIO:
        full = self._key(key)
        with self.engine.connect() as conn:
            chunks = conn.scalar(select(StoredFile.chunks).where(StoredFile.key == full))
        if chunks is None:
            raise NotFound("file", key)
        return io.BufferedReader(ChunkReader(self.engine, full, chunks), buffer_size=CHUNK)

    def exists(self, key: str) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.scalar(select(func.count()).where(StoredFile.key == self._key(key))))

    def delete(self, key: str) -> None:
        full = self._key(key)
        with self.engine.begin() as conn:
            conn.execute(delete(StoredFileChunk).where(StoredFileChunk.key == full))
            conn.execute(delete(StoredFile).where(StoredFile.key == full))


class ChunkReader(io.RawIOBase):
    """Reads a stored file one chunk (one short query) at a time. A file
    replaced while it is being read ends early rather than mixing versions:
    reading stops at the first missing chunk."""

    def __init__(self, engine: Engine, key: str, chunks: int):
        super().__init__()
        self.engine, self.key, self.chunks = engine, key, chunks
        self.seq = 0
        self.buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if not self.buffer:
            self.buffer = self._next()
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size

    def _next(self) -> bytes:
        if self.seq >= self.chunks:
            return b""
        with self.engine.connect() as conn:
            block = conn.scalar(select(StoredFileChunk.data).where(StoredFileChunk.key == self.key,
                                                                   StoredFileChunk.seq == self.seq))
        self.seq += 1
        return bytes(block) if block is not None else b""


def area(kind: str, engine: Engine | None, local_root: str | Path, name: str) -> Storage:
    """The storage of one area (``attachments``, ``console-jobs``) for the
    FILE_STORAGE setting: ``local`` (files under ``local_root``) or
    ``database`` (keys prefixed with ``name/``)."""
    if kind == "database":
        if engine is None:
            raise ValueError("the database storage needs an engine")
        return DatabaseStorage(engine, prefix=f"{name}/")
    if kind == "local":
        return LocalStorage(local_root)
    raise ValueError(f"FILE_STORAGE must be 'local' or 'database', not {kind!r}")


def as_storage(store: Storage | str | Path) -> Storage:
    """A folder given as a path is a local storage (callers that keep files
    in a folder of their choosing, e.g. tests)."""
    return LocalStorage(store) if isinstance(store, str | Path) else store
