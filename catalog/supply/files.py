"""Uploaded files: product attachments and submission evidence.

Only PDF, PNG and JPEG are accepted, recognised by their first bytes (the
extension must agree), up to a size limit. Files live under the data folder
(never the web root) under a random name; the database row keeps the
original name, type, size and SHA-256. Where the bytes live is a
``catalog.storage`` (a local folder, or the database for several servers);
a folder given as a path is a local storage. Who may read a file is decided here:
a published product's files are public while its supplier is verified;
everything else only for the owning organisation and the bureau."""
from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..errors import NotFound, RuleError
from ..storage import Storage, as_storage
from .listing import get, visible

SIGNATURES = (  # content type, leading bytes, extensions
    ("application/pdf", b"%PDF-", (".pdf",)),
    ("image/png", b"\x89PNG\r\n\x1a\n", (".png",)),
    ("image/jpeg", b"\xff\xd8\xff", (".jpg", ".jpeg")),
)
MAX_FILES = 10
EDITABLE_SUBMISSION = ("draft", "returned")


@dataclass(frozen=True)
class Viewer:
    """Who asks to read a file: their organisation and whether they are the bureau."""

    organisation_id: int | None = None
    bureau: bool = False


def content_type(data: bytes, filename: str) -> str:
    """The type the bytes really are, if allowed and the extension agrees."""
    suffix = Path(filename).suffix.lower()
    for kind, magic, suffixes in SIGNATURES:
        if data.startswith(magic):
            if suffix not in suffixes:
                raise RuleError("file.extension", "file")
            return kind
    raise RuleError("file.type", "file")


def clean_name(filename: str) -> str:
    """The file's own name, without folders or control characters."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", name).strip(" .")
    if not name or not Path(name).suffix:
        raise RuleError("file.name", "file")
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    return stem[:120 - len(suffix)] + suffix


def location(base_dir: Path, stored_name: str) -> Path:
    """Where a local storage rooted at ``base_dir`` keeps the file."""
    return Path(base_dir) / key_of(stored_name)


def key_of(stored_name: str) -> str:
    return f"{stored_name[:2]}/{stored_name}"


def check_file(data: bytes, filename: str, max_bytes: int, field: str = "file") -> tuple[str, str]:
    """The clean name and the real type of an upload; RuleError (on
    ``field``) when it is empty, too large, of another type or badly named."""
    if not data:
        raise RuleError("file.empty", field)
    if len(data) > max_bytes:
        raise RuleError("file.too_large", field, maximum=max_bytes // (1024 * 1024))
    try:
        name = clean_name(filename)
        return name, content_type(data, name)
    except RuleError as exc:
        raise RuleError(exc.code, field, **exc.params) from None


def _check(data: bytes, filename: str, max_bytes: int, existing: int) -> tuple[str, str]:
    if data and len(data) <= max_bytes and existing >= MAX_FILES:
        raise RuleError("file.too_many", "file", maximum=MAX_FILES)
    return check_file(data, filename, max_bytes)


def stored_fields(actor: Actor, org_id: int, name: str, kind: str, data: bytes) -> dict:
    """The columns every stored-file row has (``Attachment``, ``MessageAttachment``)."""
    return {"organisation_id": org_id, "filename": name, "content_type": kind, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "stored_name": uuid.uuid4().hex,
            "uploaded_by_id": actor.user_id}


def write(store: Storage | Path, stored_name: str, data: bytes) -> str:
    """Write a file whole (a partial write is never seen); returns its key."""
    key = key_of(stored_name)
    as_storage(store).save(key, data)
    return key


def discard(store: Storage | Path, stored_name: str) -> None:
    as_storage(store).delete(key_of(stored_name))


def _save(session: Session, actor: Actor, store: Storage | Path, row: m.Attachment,
          data: bytes) -> m.Attachment:
    """Write the file, then commit the row; a failed commit removes the file."""
    write(store, row.stored_name, data)
    try:
        session.flush()
        audit.record(session, actor, "attachment.added", "attachment", row.id,
                     {"filename": row.filename, "size": row.size,
                      "product": row.product_id, "submission": row.submission_id})
        session.commit()
    except BaseException:
        session.rollback()
        discard(store, row.stored_name)
        raise
    return row


def _row(actor: Actor, org_id: int, name: str, kind: str, data: bytes) -> m.Attachment:
    return m.Attachment(**stored_fields(actor, org_id, name, kind, data))


def attach_to_product(session: Session, actor: Actor, org_id: int, product_id: int, filename: str,
                      data: bytes, base_dir: Storage | Path, max_bytes: int) -> m.Attachment:
    from .products import get_own

    product = get_own(session, org_id, product_id)
    name, kind = _check(data, filename, max_bytes, len(product.attachments))
    row = _row(actor, org_id, name, kind, data)
    product.attachments.append(row)
    product.updated_at = m.utcnow()  # the public page and the search document change
    return _save(session, actor, base_dir, row, data)


def attach_evidence(session: Session, actor: Actor, org_id: int, submission_id: int, filename: str,
                    data: bytes, base_dir: Storage | Path, max_bytes: int) -> m.Attachment:
    submission = _own_submission(session, org_id, submission_id)
    if submission.status not in EDITABLE_SUBMISSION:
        raise RuleError("submission.locked", status=submission.status)
    name, kind = _check(data, filename, max_bytes, len(submission.evidence))
    row = _row(actor, org_id, name, kind, data)
    submission.evidence.append(row)
    return _save(session, actor, base_dir, row, data)


def _own_submission(session: Session, org_id: int, submission_id: int) -> m.Submission:
    return get(session, m.Submission, submission_id, org_id)


def remove(session: Session, actor: Actor, org_id: int, attachment_id: int,
           base_dir: Storage | Path) -> None:
    row = session.get(m.Attachment, attachment_id)
    if row is None or row.organisation_id != org_id:
        raise NotFound("attachment", attachment_id)
    submission = session.get(m.Submission, row.submission_id) if row.submission_id else None
    if submission is not None and submission.status not in EDITABLE_SUBMISSION:
        raise RuleError("submission.locked", status=submission.status)
    stored_name = row.stored_name
    audit.record(session, actor, "attachment.removed", "attachment", row.id, {"filename": row.filename})
    if row.product is not None:  # the owner's list drops it, and delete-orphan deletes the row
        row.product.updated_at = m.utcnow()
        row.product.attachments.remove(row)
    elif submission is not None:
        submission.evidence.remove(row)
    session.commit()
    discard(base_dir, stored_name)


def readable(session: Session, attachment_id: int, viewer: Viewer) -> m.Attachment:
    """The attachment if ``viewer`` may read it; NotFound otherwise (ids reveal nothing)."""
    row = session.get(m.Attachment, attachment_id)
    if row is None:
        raise NotFound("attachment", attachment_id)
    if viewer.bureau or viewer.organisation_id == row.organisation_id:
        return row
    product = row.product
    if product is not None and product.status == "published" and visible(product.organisation):
        return row
    raise NotFound("attachment", attachment_id)
