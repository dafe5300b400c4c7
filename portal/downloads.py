"""A stored file sent as a download the browser never interprets as a page
(product attachments, inquiry message files)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from flask import abort


def download(path: Path, filename: str, content_type: str):
    """The file's bytes with its original name (UTF-8) and headers that keep
    it from being sniffed, cached or run; 404 when the file is missing."""
    if not path.is_file():
        abort(404)
    ascii_name = "attachment" + Path(filename).suffix
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return path.read_bytes(), 200, {
        "Content-Type": content_type, "Content-Disposition": disposition,
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox"}
