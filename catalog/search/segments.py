"""Decoded segments: each Whoosh segment's posting lists, field lengths, facet
values and sort keys, decoded once into a flat file beside the index and
memory-mapped by every reader.

Whoosh stores postings as pickled, zlib-compressed blocks of 128; decoding
them in Python was most of a search's time, and every worker redid it after
every write. A segment never changes once written (only its deletions grow,
and readers apply those), so its decoded file stays valid as long as the
segment lives: a write leaves the other segments' files alone, and every
worker maps the same pages of the page cache instead of holding a copy.

The file is ``<segment id>.dec``: Whoosh's clean-up matches it to its segment
and deletes it with the segment. Layout: 8-byte magic, 8-byte header length,
a JSON header of section offsets, then the sections, 8-byte aligned, in the
machine's byte order (the header records it; another order is rebuilt).
"""
from __future__ import annotations

import io
import json
import mmap
import os
import pickle
import struct
import sys
import uuid
import zlib
from array import array
from bisect import bisect_left
from datetime import datetime, timedelta
from itertools import accumulate, repeat
from pathlib import Path

from whoosh.util.numeric import length_to_byte

from .index import FACET_FIELDS, FIELD_BOOSTS, write_lock

MAGIC = b"CSDEC002"
SUFFIX = ".dec"
SORT_FIELDS = ("published", "saving")
_HEAD = struct.Struct("<Q")
_BLOCK_LENGTH = struct.Struct("!i")
_W3_MAGIC = b"W3Bl"
EPOCH = datetime(1970, 1, 1)


def path_for(index_dir: Path, segment_id: str) -> Path:
    return Path(index_dir) / f"{segment_id}{SUFFIX}"


# -- writing ---------------------------------------------------------------------------------


def _w3_postings(postfile, terminfo) -> tuple[list[int], list[float]]:
    """One posting list straight from Whoosh's W3 blocks: no matcher, one
    unpickle per block of 128 (Whoosh-Reloaded 2.7's format)."""
    if terminfo.is_inlined():
        ids, weights, _values = terminfo.inlined_postings()
        return list(ids), list(weights)
    offset, length = terminfo.extent()
    length = length[0] if isinstance(length, tuple) else length  # Whoosh returns unpack()'s tuple
    data = postfile.get(offset, length)
    if data[:4] != _W3_MAGIC:
        raise ValueError("not a Whoosh 3 posting list")
    ids: list[int] = []
    weights: list[float] = []
    pos = 4
    while pos < len(data):
        (size,) = _BLOCK_LENGTH.unpack_from(data, pos)
        pos += 4
        stream = io.BytesIO(data[pos:pos + abs(size)])
        count, _max_id, _max_weight, compression = pickle.load(stream)[:4]
        raw = stream.read()
        deltas, block_weights, _values = pickle.loads(zlib.decompress(raw) if compression else raw)
        ids.extend(accumulate(deltas))
        if block_weights is None or isinstance(block_weights, float):
            weights.extend(repeat(1.0 if block_weights is None else block_weights, count))
        else:
            weights.extend(block_weights)
        pos += abs(size)
        if size < 0:
            break
    return ids, weights


def _field_terms(reader, field: str):
    """(term bytes, ids, weights) of ``field`` in term order (``Field.postings``
    bisects on it), decoded from the blocks, or through Whoosh's matcher when
    a list is not in the format read here."""
    terms = reader._terms  # the segment's own terms reader: raw postings, deletions not applied
    previous = None
    for (name, tbytes), terminfo in terms.items_from(field, b""):
        if name != field:
            break
        if previous is not None and tbytes <= previous:
            raise ValueError(f"terms of {field} out of order")
        previous = tbytes
        try:
            ids, weights = _w3_postings(terms._postfile, terminfo)
        except (ValueError, AttributeError, pickle.UnpicklingError, zlib.error):
            ids = None
        if ids is None or len(ids) != terminfo.doc_frequency():
            pairs = list(terms.matcher(field, tbytes, reader.schema[field].format).items_as("weight"))
            ids, weights = [d for d, _w in pairs], [w for _d, w in pairs]
        yield tbytes, ids, weights


class _Sections:
    """Byte sections of the file and their (offset, length) in it."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> list[int]:
        where = [self.size, len(data)]
        pad = -len(data) % 8
        self.parts += [data, b"\0" * pad]
        self.size += len(data) + pad
        return where


def _searched_field(reader, field: str, docs: int, out: _Sections) -> dict:
    keys, key_offsets, starts = bytearray(), array("I", [0]), array("I", [0])
    ids, weights = array("i"), array("f")
    for tbytes, term_ids, term_weights in _field_terms(reader, field):
        keys += tbytes
        key_offsets.append(len(keys))
        ids.extend(term_ids)
        weights.extend(term_weights)
        starts.append(len(ids))
    lengths = bytes(length_to_byte(reader.doc_field_length(d, field, 0) or 0) for d in range(docs))
    return {"keys": out.add(bytes(keys)), "key_offsets": out.add(key_offsets.tobytes()),
            "starts": out.add(starts.tobytes()), "ids": out.add(ids.tobytes()),
            "weights": out.add(weights.tobytes()), "lengths": out.add(lengths),
            "total": int(reader.field_length(field) or 0)}


def _facet_field(reader, field: str, docs: int, out: _Sections) -> dict:
    """Per document the number of its value (0: none), and per value a bitmap."""
    values: list[str] = []
    codes = array("H", bytes(2 * docs))
    bitmaps = []
    for tbytes, ids, _weights in _field_terms(reader, field):
        values.append(tbytes.decode("utf-8"))
        marks = bytearray((docs + 7) // 8)
        for d in ids:
            codes[d] = len(values)
            marks[d >> 3] |= 1 << (d & 7)
        bitmaps.append(out.add(bytes(marks)))
    return {"values": values, "codes": out.add(codes.tobytes()), "bitmaps": bitmaps}


def _sort_key(value) -> int:
    if isinstance(value, datetime):
        return (value - EPOCH) // timedelta(microseconds=1)
    return int(value or 0)


def write(reader, path: Path) -> None:
    """Decode the segment behind ``reader`` (a Whoosh SegmentReader) into
    ``path``, atomically: a reader never maps half a file."""
    docs = reader.doc_count_all()
    out = _Sections()
    header: dict = {"docs": docs, "byteorder": sys.byteorder, "fields": {}, "facets": {}, "sorts": {}}
    for field in FIELD_BOOSTS:
        header["fields"][field] = _searched_field(reader, field, docs, out)
    for field in FACET_FIELDS:
        header["facets"][field] = _facet_field(reader, field, docs, out)
    for field in SORT_FIELDS:
        column = reader.column_reader(field)
        header["sorts"][field] = out.add(array("q", (_sort_key(column[d]) for d in range(docs))).tobytes())
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    head += b" " * (-len(head) % 8)
    # A dot-name: Whoosh's clean-up skips it, and a crash leaves no file it would take for a segment's.
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    with open(temp, "wb") as fh:
        fh.write(MAGIC + _HEAD.pack(len(head)) + head)
        for part in out.parts:
            fh.write(part)
    os.replace(temp, path)


# -- reading ---------------------------------------------------------------------------------


class _Keys:
    """The sorted term bytes of one field, as a sequence ``bisect`` can search."""

    def __init__(self, data: mmap.mmap, start: int, offsets: memoryview):
        self.data, self.start, self.offsets = data, start, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        return self.data[self.start + self.offsets[i]:self.start + self.offsets[i + 1]]


class Field:
    def __init__(self, data: mmap.mmap, view: memoryview, base: int, info: dict):
        def part(name: str, code: str | None = None) -> memoryview:
            offset, length = info[name]
            section = view[base + offset:base + offset + length]
            return section.cast(code) if code else section

        self.keys = _Keys(data, base + info["keys"][0], part("key_offsets", "I"))
        self.starts, self.ids, self.weights = part("starts", "I"), part("ids", "i"), part("weights", "f")
        self.lengths = part("lengths")
        self.total: int = info["total"]

    def postings(self, term: bytes) -> tuple[memoryview, memoryview] | None:
        keys = self.keys
        i = bisect_left(keys, term)
        if i == len(keys) or keys[i] != term:
            return None
        start, end = self.starts[i], self.starts[i + 1]
        return self.ids[start:end], self.weights[start:end]


class Segment:
    """One decoded segment, mapped read-only; ``docs`` counts deleted documents too."""

    def __init__(self, path: Path):
        with open(path, "rb") as fh:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if data[:8] != MAGIC:
            raise ValueError(f"{path} is not a decoded segment")
        (size,) = _HEAD.unpack(data[8:16])
        header = json.loads(data[16:16 + size])
        if header["byteorder"] != sys.byteorder:
            raise ValueError(f"{path} was written on another byte order")
        base = 16 + size
        view = memoryview(data)
        self.name = path.name.removesuffix(SUFFIX)  # the segment id
        self.docs: int = header["docs"]
        self.fields = {name: Field(data, view, base, info) for name, info in header["fields"].items()}
        self.facets: dict[str, tuple[list[str], memoryview, list[int]]] = {}
        for name, info in header["facets"].items():
            offset, length = info["codes"]
            codes = view[base + offset:base + offset + length].cast("H")
            bitmaps = [int.from_bytes(view[base + o:base + o + n], "little") for o, n in info["bitmaps"]]
            self.facets[name] = (info["values"], codes, bitmaps)
        self.sorts = {name: view[base + o:base + o + n].cast("q") for name, (o, n) in header["sorts"].items()}


def load(index_dir: Path, reader) -> Segment:
    """The decoded file of ``reader``'s segment, written first if missing or unreadable.

    A missing file is usually being written by the writer that committed the
    segment (it holds the index lock until done): wait for it, then write the
    file here only if it is still missing."""
    path = path_for(index_dir, reader.segment().segment_id())
    try:
        return Segment(path)
    except FileNotFoundError:
        try:
            with write_lock(index_dir):
                pass
        except TimeoutError:
            pass
    except (ValueError, KeyError, json.JSONDecodeError):
        write(reader, path)  # damaged or from another version: replace it
    try:
        return Segment(path)
    except FileNotFoundError:
        write(reader, path)
        return Segment(path)


def ensure(index_dir: Path, ix) -> int:
    """Decode every segment of ``ix`` that has no file yet (after a commit);
    returns how many were written."""
    written = 0
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            if leaf.segment() is None:  # an empty index
                continue
            path = path_for(index_dir, leaf.segment().segment_id())
            if not path.exists():
                write(leaf, path)
                written += 1
    return written
