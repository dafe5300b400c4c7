"""Files sent with inquiry messages: up to three per message, checked like
product files (``catalog.supply.files``: PDF/PNG/JPEG by their first bytes,
a size limit), stored under the data folder and readable only by the
inquiry's two parties. A message and its files are saved together: a bad
file refuses the whole message, and a failed commit removes the files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts.audit import Actor
from catalog.errors import NotFound, RuleError
from catalog.storage import Storage
from catalog.supply.files import check_file, discard, location, stored_fields, write

MAX_PER_MESSAGE = 3
FIELD = "files"


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class FileStore:
    """Where files go (a ``catalog.storage``, or a local folder) and how
    large one may be."""

    base_dir: Storage | Path
    max_bytes: int


def prepare(uploads, store: FileStore | None, actor: Actor,
            org_id: int) -> list[tuple[m.MessageAttachment, bytes]]:
    """Unsaved rows for every upload, each checked; RuleError (field
    ``files``) for the first bad one, before anything is written."""
    uploads = list(uploads or ())
    if not uploads:
        return []
    if store is None:
        raise ValueError("a FileStore is needed to keep files")
    if len(uploads) > MAX_PER_MESSAGE:
        raise RuleError("file.too_many", FIELD, maximum=MAX_PER_MESSAGE)
    rows = []
    for upload in uploads:
        name, kind = check_file(upload.data, upload.filename, store.max_bytes, FIELD)
        rows.append((m.MessageAttachment(**stored_fields(actor, org_id, name, kind, upload.data)),
                     upload.data))
    return rows


def save(session: Session, store: FileStore | None, files: list[tuple[m.MessageAttachment, bytes]]) -> None:
    """Write the files, then commit; on any failure roll back and remove them."""
    written: list[str] = []
    try:
        for row, data in files:
            write(store.base_dir, row.stored_name, data)
            written.append(row.stored_name)
        session.commit()
    except BaseException:
        session.rollback()
        for stored_name in written:
            discard(store.base_dir, stored_name)
        raise


def readable(session: Session, org_id: int, attachment_id: int) -> tuple[m.MessageAttachment, m.Inquiry]:
    """The file and its inquiry, when ``org_id`` is a party that may see the
    inquiry; NotFound otherwise (the bureau included)."""
    from .inquiries import get

    row = session.get(m.MessageAttachment, attachment_id)
    message = session.get(m.InquiryMessage, row.message_id) if row is not None else None
    if message is None:
        raise NotFound("attachment", attachment_id)
    try:
        inquiry, _side = get(session, org_id, message.inquiry_id)
    except NotFound:
        raise NotFound("attachment", attachment_id) from None
    return row, inquiry


def path_of(store: FileStore, row: m.MessageAttachment) -> Path:
    """Where a local store keeps the file."""
    return location(Path(store.base_dir), row.stored_name)
