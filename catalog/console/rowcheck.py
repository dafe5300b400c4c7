"""Checking the cells of one import row: each check returns the clean value
or records a Problem (row, column header, code) and returns a placeholder,
so every problem of every row is reported together."""
from __future__ import annotations

import re
from typing import Any

from .columns import Sheet, split_list
from .problems import Problem, problem

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def as_text(value: Any) -> str:
    """A cell as text: whole floats lose their ``.0``, line ends become \\n,
    control characters go."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text).strip()


def labels_map(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """{key, Chinese label, lower-case English label → key}."""
    out: dict[str, str] = {}
    for key, zh, en in rows:
        out[key.lower()] = key
        out[zh] = key
        out[en.lower()] = key
    return out


def load_by(session, model, column, keys: list[str], *options) -> list:
    """Rows of ``model`` whose ``column`` is one of ``keys``, 500 keys a query."""
    from sqlalchemy import select

    out: list = []
    for start in range(0, len(keys), 500):
        stmt = select(model).where(column.in_(keys[start:start + 500])).options(*options)
        out.extend(session.scalars(stmt).unique())
    return out


class RowCheck:
    def __init__(self, sheet: Sheet, number: int, values: dict[str, Any], problems: list[Problem],
                 prefix: str = ""):
        self.number, self.values, self.problems = number, values, problems
        self.headers = {c.key: prefix + c.header for c in sheet.columns}
        self.required = {c.key for c in sheet.columns if c.required}

    def add(self, key: str, code: str, **params: Any) -> None:
        self.problems.append(problem(self.number, self.headers[key], code, **params))

    def text(self, key: str, maximum: int = 200, minimum: int = 0) -> str:
        value = as_text(self.values.get(key))
        if not value and key in self.required:
            self.add(key, "required")
        elif len(value) > maximum:
            self.add(key, "too_long", maximum=maximum)
        elif value and len(value) < minimum:
            self.add(key, "too_short", minimum=minimum)
        return value

    def choice(self, key: str, known: dict[str, str]) -> str | None:
        value = self.text(key, 300)
        if not value:
            return None
        found = known.get(value) or known.get(value.lower())
        if found is None:
            self.add(key, "unknown", value=value)
        return found

    def items(self, key: str, known: dict[str, str] | None = None, maximum: int = 100) -> list[str]:
        out = []
        for item in split_list(as_text(self.values.get(key))):
            if known is not None:
                found = known.get(item) or known.get(item.lower())
                if found is None:
                    self.add(key, "unknown", value=item)
                    continue
                item = found
            elif len(item) > maximum:
                self.add(key, "too_long", maximum=maximum)
                continue
            out.append(item)
        return list(dict.fromkeys(out))

    def integer(self, key: str, minimum: int, maximum: int) -> int | None:
        raw = self.values.get(key)
        text = as_text(raw)
        if text == "":
            if key in self.required:
                self.add(key, "required")
            return None
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if not number.is_integer() or not minimum <= number <= maximum:
            self.add(key, "integer", minimum=minimum, maximum=maximum)
            return None
        return int(number)
