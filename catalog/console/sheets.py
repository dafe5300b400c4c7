"""Reading an import workbook into plain rows, and writing the templates.

``read`` refuses a file that is not an .xlsx workbook, is too large, has
other headers than the template, no data rows or too many (``FileError``).
Headers may come in any order; the template's second row (the hints) and
empty rows are skipped. Cells come back trimmed, empty ones as ""."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .archive import check_zip
from .cells import safe_row, unguarded
from .columns import Sheet
from .problems import FileError

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
NOTES = "说明"
HINT_FONT = Font(italic=True, color="666666")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass
class Rows:
    """The data rows of one sheet: (Excel row number, {column key: value})."""

    sheet: Sheet
    items: list[tuple[int, dict[str, Any]]]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return str(unguarded(value)).strip()
    return value


def open_workbook(data: bytes, max_bytes: int = MAX_BYTES):
    if len(data) > max_bytes:
        raise FileError("file.too_large", limit=max_bytes // (1024 * 1024))
    if not data.startswith(b"PK\x03\x04"):
        raise FileError("file.not_xlsx")
    check_zip(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a bad archive
        raise FileError("file.not_xlsx") from exc


def read(data: bytes, main: Sheet, extra: tuple[Sheet, ...] = (), max_rows: int = MAX_ROWS,
         max_bytes: int = MAX_BYTES) -> dict[str, Rows | None]:
    """{sheet name: Rows}; the main sheet is found by name or else is the
    first one; an extra sheet that is missing reads as None."""
    book = open_workbook(data, max_bytes)
    try:
        names = book.sheetnames
        out: dict[str, Rows | None] = {main.name: _rows(book[main.name if main.name in names else names[0]],
                                                         main, max_rows, required=True)}
        for sheet in extra:
            out[sheet.name] = _rows(book[sheet.name], sheet, max_rows, False) if sheet.name in names else None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileError("file.not_xlsx") from exc
    finally:
        book.close()
    return out


def _rows(ws, sheet: Sheet, max_rows: int, required: bool) -> Rows:
    lines = ws.iter_rows(values_only=True)
    header = [str(_cell(v)) for v in next(lines, ())]
    while header and header[-1] == "":
        header.pop()
    _check_headers(sheet, header)
    keys = {c.header: c.key for c in sheet.columns}
    hints = [c.hint_zh for c in sheet.columns]
    positions = [(i, keys[h]) for i, h in enumerate(header) if h in keys]
    items: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=2):
        values = {key: _cell(line[i]) if i < len(line) else "" for i, key in positions}
        if all(v == "" for v in values.values()):
            continue
        if number == 2 and [values[c.key] for c in sheet.columns] == hints:
            continue
        items.append((number, values))
        if len(items) > max_rows:
            raise FileError("file.too_many_rows", limit=max_rows)
    if required and not items:
        raise FileError("file.empty", sheet=sheet.name)
    return Rows(sheet, items)


# Columns the console's list exports add after the import layout (so an
# exported list re-imports); an import reads past them.
INFORMATIONAL = ("状态", "方案点名", "复审日期", "发布时间", "注册时间")


def _check_headers(sheet: Sheet, header: list[str]) -> None:
    expected = sheet.headers
    missing = [h for h in expected if h not in header]
    extra = [h or "（空）" for h in header if h not in expected and h not in INFORMATIONAL]
    repeated = {h for h in header if header.count(h) > 1}
    if missing or extra or repeated:
        raise FileError("file.headers", sheet=sheet.name, missing="、".join(missing) or "—",
                        extra="、".join(extra + sorted(repeated)) or "—")


def add_sheet(book: Workbook, sheet: Sheet, rows: list[list[Any]], hints: bool = False) -> None:
    """A data sheet: bold headers, widths, frozen header (and the hint row)."""
    ws = book.create_sheet(sheet.name)
    ws.append(sheet.headers)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
    if hints:
        ws.append([c.hint_zh for c in sheet.columns])
        for cell in ws[2]:
            cell.font, cell.alignment = HINT_FONT, Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(safe_row(row))
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.freeze_panes = "A3" if hints else "A2"


def add_notes(book: Workbook, sheets: tuple[Sheet, ...], vocab: list[tuple[str, list[tuple]]]) -> None:
    """The 说明 sheet: every column explained, then the allowed values."""
    ws = book.create_sheet(NOTES)
    ws.append(["工作表", "列", "必填", "说明", "Explanation", "示例"])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
    for sheet in sheets:
        for c in sheet.columns:
            ws.append([sheet.name, c.header, "是" if c.required else "", c.hint_zh,
                       f"{c.header_en}: {c.hint_en}".rstrip(": "), c.example])
    ws.append([])
    ws.append(["导入规则 / Rules",
               "第 1 行为表头，第 2 行为填写提示（导入时跳过）；"
               "有任何一行不合格时不导入任何数据，并列出每个问题所在的行和列。",
               "", "", "Row 1 holds the headers, row 2 the hints (skipped). If any row is invalid nothing is "
               "imported and every problem is listed with its row and column."])
    for title, values in vocab:
        ws.append([])
        ws.append([title])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for value in values:
            ws.append(["", *value])
    for letter, width in zip("ABCDEF", (14, 22, 8, 48, 48, 22), strict=True):
        ws.column_dimensions[letter].width = width


def workbook_bytes(book: Workbook) -> bytes:
    if "Sheet" in book.sheetnames and len(book.sheetnames) > 1:
        del book["Sheet"]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
