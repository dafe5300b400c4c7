"""The unpacked size of an upload that is a zip archive (an .xlsx is one),
checked before anything parses it.

A 311 KB workbook can hold a 300 MB shared string; openpyxl would inflate it
all (a "zip bomb"). The archive's central directory states each member's
unpacked size, and Python's zipfile never inflates a member beyond that
stated size, so checking the stated sizes bounds what the parser can read."""
from __future__ import annotations

import io
import zipfile

from .problems import FileError

MAX_UNPACKED = 100 * 1024 * 1024  # all members together
MAX_RATIO = 100                   # unpacked : packed, for any member over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024         # small members may compress very well (styles, empty sheets)
MAX_MEMBERS = 1000


def check_zip(data: bytes, max_unpacked: int = MAX_UNPACKED, max_ratio: int = MAX_RATIO) -> None:
    """FileError ``file.not_xlsx``, ``file.unpacked_too_large`` or ``file.compression``."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileError("file.not_xlsx") from exc
    if len(members) > MAX_MEMBERS:
        raise FileError("file.compression")
    if sum(m.file_size for m in members) > max_unpacked:
        raise FileError("file.unpacked_too_large", limit=max_unpacked // (1024 * 1024))
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
            raise FileError("file.compression")
