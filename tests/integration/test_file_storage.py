"""The file storage (issue 19) on both backends: a local folder and the
database (SQLite here, PostgreSQL with TEST_DATABASE_URL). A file is written
whole, read back as a stream one chunk at a time, replaced atomically and
deleted; keys that are not ours are refused."""
from __future__ import annotations

import os

import pytest

from catalog import migrate, storage
from catalog.db import make_engine
from catalog.errors import NotFound


@pytest.fixture(scope="module")
def engine(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["local", "database"])
def store(request, engine, tmp_path):
    return storage.area(request.param, engine, tmp_path / "files", f"area-{os.urandom(4).hex()}")


def test_a_file_of_several_chunks_round_trips(store):
    data = os.urandom(storage.CHUNK * 2 + 12345)
    assert store.save("ab/abcdef", data) == len(data)
    assert store.exists("ab/abcdef")
    with store.open("ab/abcdef") as stream:
        assert stream.read() == data


def test_chunks_given_as_an_iterable_are_written_in_order(store):
    parts = [b"x" * 100_000, b"y" * 300_000, b"", b"z"]
    assert store.save("job-1.xlsx", iter(parts)) == 400_001
    with store.open("job-1.xlsx") as stream:
        assert stream.read() == b"".join(parts)


def test_a_save_replaces_the_file_and_delete_removes_it(store):
    store.save("job-2.csv", b"old" * 1000)
    store.save("job-2.csv", b"new")
    with store.open("job-2.csv") as stream:
        assert stream.read() == b"new"
    store.delete("job-2.csv")
    assert not store.exists("job-2.csv")
    with pytest.raises(NotFound):
        store.open("job-2.csv")
    store.delete("job-2.csv")  # deleting twice is fine


def test_an_empty_file_is_kept(store):
    store.save("empty.pdf", b"")
    with store.open("empty.pdf") as stream:
        assert stream.read() == b""


@pytest.mark.parametrize("key", ["../secret", "/etc/passwd", "a/../../b", "", "a//b", ".hidden", "a b"])
def test_keys_that_are_not_ours_are_refused(store, key):
    with pytest.raises(NotFound):
        store.save(key, b"x")
    with pytest.raises(NotFound):
        store.open(key)


def test_the_database_reader_fetches_one_chunk_at_a_time(engine):
    store = storage.DatabaseStorage(engine, prefix="stream-test/")
    data = os.urandom(storage.CHUNK * 3)
    store.save("big.bin", data)
    stream = store.open("big.bin")
    assert stream.read(10) == data[:10]
    assert stream.raw.seq == 1  # only the first chunk has been read from the database
    assert stream.read(storage.CHUNK) == data[10:storage.CHUNK + 10]
    assert stream.raw.seq == 2
    assert stream.read() == data[storage.CHUNK + 10:]
    stream.close()


def test_areas_of_the_database_do_not_see_each_other(engine):
    first = storage.area("database", engine, "/unused", "first")
    second = storage.area("database", engine, "/unused", "second")
    first.save("same-name.pdf", b"1")
    assert not second.exists("same-name.pdf")


def test_an_unknown_backend_is_a_clear_error(engine, tmp_path):
    with pytest.raises(ValueError, match="FILE_STORAGE"):
        storage.area("s3", engine, tmp_path, "attachments")


def test_a_local_file_is_opened_at_the_first_read_and_closed_at_its_end(tmp_path):
    store = storage.LocalStorage(tmp_path)
    store.save("ab/abc", b"x" * 1000)
    stream = store.open("ab/abc")
    assert stream.raw.file is None  # a download never read holds no open file
    assert stream.read() == b"x" * 1000
    assert stream.raw.file.closed and stream.read() == b""
    stream.close()
