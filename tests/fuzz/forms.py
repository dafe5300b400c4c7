"""What the form fuzz needs: the HTML forms of a page (stdlib parser), the
app's routes with real ids filled in, and random values for a field — valid
choices, blanks, huge and non-finite numbers, long and odd text — from one
seeded ``random.Random``."""
from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser

from sqlalchemy import inspect, select

from catalog import models as m

HUGE_ID = "9223372036854775808"
ODD_TEXT = ["", " ", "0", "-1", "1e400", "NaN", "Infinity", "-0", "9" * 30, "1,5", "x" * 5000, "篦冷机",
            "'; DROP TABLE users; --", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "\x00",
            "2026-02-30", "2026-12-31T25:61", "../../etc/passwd", "%s%s%n", "🙂" * 50, "\u202e",
            "true", "[]", "{}", "null"]
# Table names that a route argument's name does not spell out.
ALIASES = {"org": "organisations", "search": "saved_searches"}


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)   # name → candidate values
    kinds: dict[str, str] = field(default_factory=dict)           # name → input type


class FormParser(HTMLParser):
    """Every <form> with its inputs, selects (their options) and textareas."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self._select = page_url, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(Form(a.get("action") or self.page_url, (a.get("method") or "get").lower()))
        elif not self.forms or not a.get("name"):
            return
        elif tag == "input":
            self._add(a["name"], a.get("type", "text"), a.get("value", ""))
        elif tag in ("select", "textarea"):
            self._add(a["name"], tag, "")
            self._select = a["name"] if tag == "select" else None
        elif tag == "option" and self._select:
            self.forms[-1].fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def _add(self, name: str, kind: str, value: str) -> None:
        form = self.forms[-1]
        form.fields.setdefault(name, [])
        if value:
            form.fields[name].append(value)
        form.kinds.setdefault(name, kind)


def forms_of(page_url: str, html: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


def table_ids(session) -> dict[str, list[int]]:
    """Ids of every table, by table name (for route arguments named after them)."""
    out = {}
    for mapper in m.Base.registry.mappers:
        cls = mapper.class_
        if "id" in inspect(cls).columns:
            out[cls.__tablename__] = list(session.scalars(select(cls.id).order_by(cls.id).limit(50)))
    return out


def values_for_argument(name: str, ids: dict[str, list[int]], codes: list[str]) -> list[str]:
    """Candidates for a route argument: real ids when the name says which
    table (``need_id`` → needs), codes for ``code``, and bad ones too."""
    if name.endswith("_id"):
        stem = name[:-3]
        table = ALIASES.get(stem) or next((t for t in ids if t in (stem + "s", stem + "es", stem)), None)
        real = [str(i) for i in ids.get(table, [])] if table else []
        return real * 4 + ["1", "999999", "2147483647", HUGE_ID]
    if name == "code":
        return codes * 2 + ["XX-99", "x" * 300]
    return ["x", "a-b", "测试", "0" * 100]


def field_value(rng: random.Random, name: str, kind: str, options: list[str]):
    """One value for a field: mostly a real option or the page's own value,
    sometimes something odd; files get a few random bytes."""
    if kind == "file":
        blob = rng.choice([b"", b"PK\x03\x04" + rng.randbytes(64), rng.randbytes(256), b"%PDF-1.4\n"])
        return (io.BytesIO(blob), rng.choice(["a.xlsx", "b.pdf", "c.png", "../d.csv", "e"]))
    roll = rng.random()
    if options and roll < 0.6:
        return rng.choice(options)
    if roll < 0.7:
        return ""
    if roll < 0.85 and kind in ("number", "text", "date", "datetime-local"):
        return str(rng.choice([rng.randint(-10**6, 10**12), rng.uniform(-1e6, 1e12), 10**30, 0]))
    return rng.choice(ODD_TEXT)


def form_data(rng: random.Random, form: Form) -> dict:
    data = {}
    for name, options in form.fields.items():
        kind = form.kinds.get(name, "text")
        if kind in ("submit", "button", "reset", "image"):
            continue
        if kind in ("checkbox", "radio") or form.kinds.get(name) == "select":
            picked = [o for o in options if rng.random() < 0.5] if kind == "checkbox" else []
            data[name] = picked or field_value(rng, name, kind, options)
        else:
            data[name] = field_value(rng, name, kind, options)
        if rng.random() < 0.05:
            data.pop(name)  # a field left out entirely
    return data
