"""Stored files: where they live (``storage(area)``: the FILE_STORAGE
backend, one per area) and how they are sent (``download``: streamed with
``send_file``, never read whole, as a download the browser never interprets
as a page — product attachments, inquiry message files, job results)."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import abort, current_app, send_file

from catalog import storage as stores
from catalog.errors import NotFound

AREAS = ("attachments", "console-jobs")


def local_root(area: str) -> Path:
    config = current_app.config
    if area == "attachments":
        return Path(config.get("ATTACHMENT_DIR") or Path(config["PORTAL_DATA_DIR"]) / "attachments")
    return Path(config["PORTAL_DATA_DIR"]) / area


def storage(area: str) -> stores.Storage:
    """The storage of ``area`` for this app (made once)."""
    if area not in AREAS:
        raise ValueError(area)
    made = current_app.extensions.setdefault("file_storage", {})
    if area not in made:
        kind = current_app.config.get("FILE_STORAGE") or "local"
        made[area] = stores.area(kind, current_app.extensions["db_engine"], local_root(area), area)
    return made[area]


def download(source: BinaryIO | Path, filename: str, content_type: str):
    """The file's bytes with its original name (UTF-8) and headers that keep
    it from being sniffed, cached or run; 404 when the file is missing."""
    if isinstance(source, Path):
        if not source.is_file():
            abort(404)
        source = source.open("rb")
    response = send_file(source, mimetype=content_type, as_attachment=True, download_name=filename,
                         etag=False, conditional=False, max_age=0)
    ascii_name = "attachment" + Path(filename).suffix
    response.headers.update({
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox"})
    return response


def open_or_404(area: str, key: str) -> BinaryIO:
    try:
        return storage(area).open(key)
    except NotFound:
        abort(404)

