"""The one guard every CSV and XLSX writer puts its cells through.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
formula (and a leading tab or carriage return hides such a start), so an
organisation named ``=HYPERLINK(...)`` would become a live link in the
bureau's exports (CSV/formula injection, OWASP). Such text gets a leading
apostrophe, which Excel and WPS show as plain text. Numbers, dates and None
pass unchanged: only text typed by someone can carry a formula."""
from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, or for text a spreadsheet would run, the text after an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def unguarded(value: object) -> object:
    """The inverse of ``safe_cell`` for imports, so an exported list re-imports unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
