"""Formula injection (issue 16): text typed by a user that a spreadsheet
would run (= + - @, tab, CR) comes out of every CSV and XLSX export as plain
text, and a guarded cell re-imports as typed."""
from __future__ import annotations

import ast
import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog import models as m
from catalog.accounts.audit import Actor
from catalog.console import announcements as ann
from catalog.console import exports, sheets
from catalog.console.cells import FORMULA_STARTS, safe_cell
from catalog.console.columns import ORGANISATIONS
from tests.conftest import sign_in, valid_uscc
from tests.import_world import EMAILS, workbook

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = '=HYPERLINK("http://evil.example/","点击领取补贴")'


@pytest.fixture(scope="module")
def app(make_console_app):
    return make_console_app(WTF_CSRF_ENABLED=False, EXPORT_XLSX_JOB_ROWS=100_000)


@pytest.fixture(scope="module")
def planted(console_db, console_world):
    """An organisation and an announcement registration carrying formulas; the
    announcement id. The organisation goes at the end: its contact cells are
    not valid for an import, and the import tests share this database."""
    with console_db["sessions"]() as db:
        org = m.Organisation(kind="enterprise", name=PAYLOAD, uscc=valid_uscc("91500105MA7F0RM01"),
                              status="pending", district_key="jiangbei", contact_name="+SUM(1,2)",
                              contact_mobile="-2+3", contact_email="@x.test")
        db.add(org)
        db.commit()
        soon = datetime.now(UTC) + timedelta(days=20)
        item = ann.create(db, Actor(label="t"), ann.AnnouncementInput(
            kind="event", title_zh="公式测试对接会", title_en="", body_zh="测试",
            starts_at=(soon + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"), place="渝北",
            capacity="5", sectors=("cement",)))
        ann.publish(db, Actor(label="t"), item.id)
        ann.register(db, Actor(label="t"), db.get(m.User, console_world["users"]["enterprise"]), item.id,
                     "1", "=cmd|' /C calc'!A0")
        announcement_id, org_id = item.id, org.id
    yield announcement_id
    with console_db["sessions"]() as db:
        db.delete(db.get(m.Organisation, org_id))
        db.commit()


@pytest.fixture(scope="module")
def bureau(app, planted):
    client = app.test_client()
    assert sign_in(client, EMAILS["bureau"]).status_code == 302
    return client


def cells(response) -> list[str]:
    assert response.status_code == 200, response.request.path
    data = response.get_data()
    response.close()  # ends a streamed CSV's request context now, not at garbage collection
    if response.mimetype == "text/csv":
        assert response.headers["Content-Type"].count("charset") == 1
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    else:
        book = load_workbook(io.BytesIO(data), read_only=True)
        rows = (row for ws in book.worksheets for row in ws.iter_rows(values_only=True))
    return [v for row in rows for v in row if isinstance(v, str)]


def unguarded(values: list[str]) -> list[str]:
    return [v for v in values if v.startswith(FORMULA_STARTS)]


def test_every_list_and_table_export_guards_its_cells(bureau):
    seen = set()
    for name in exports.names():
        for fmt in ("csv", "xlsx"):
            values = cells(bureau.get(f"/bureau/exports/{name}.{fmt}"))
            assert unguarded(values) == [], (name, fmt)
            seen.update(values)
    assert "'" + PAYLOAD in seen and "'+SUM(1,2)" in seen and "'-2+3" in seen


def test_the_import_workbook_and_registrations_csv_guard_their_cells(bureau, planted):
    current = cells(bureau.get("/bureau/imports/organisations/current.xlsx"))
    assert unguarded(current) == [] and "'" + PAYLOAD in current
    registrations = cells(bureau.get(f"/bureau/announcements/{planted}/registrations.csv"))
    assert unguarded(registrations) == [] and "'=cmd|' /C calc'!A0" in registrations


def test_a_guarded_cell_reimports_as_typed():
    row = [valid_uscc("91500105MA7F0RM02"), PAYLOAD] + [""] * (len(ORGANISATIONS.columns) - 2)
    parsed = sheets.read(workbook([(ORGANISATIONS, [[safe_cell(v) for v in row]])]), ORGANISATIONS)
    assert parsed[ORGANISATIONS.name].items[0][1]["name"] == PAYLOAD
    assert safe_cell("\t=1+1") == "'\t=1+1" and safe_cell("\r@A1") == "'\r@A1"
    assert safe_cell(-5) == -5 and safe_cell(None) is None and safe_cell("减碳 -5%") == "减碳 -5%"


def test_every_module_that_writes_a_spreadsheet_uses_the_guard():
    """A new CSV or XLSX writer must go through catalog.console.cells."""
    writers = []
    for path in [*ROOT.joinpath("catalog").rglob("*.py"), *ROOT.joinpath("portal").rglob("*.py")]:
        source = path.read_text("utf-8")
        if "csv" not in source and "Workbook" not in source:
            continue
        calls = {ast.unparse(node.func) for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)}
        if calls & {"csv.writer", "csv.DictWriter", "Workbook"}:
            writers.append(path.relative_to(ROOT).as_posix())
            guarded = ("safe_row", "safe_cell", "sheets.add_sheet")  # add_sheet guards its rows
            assert any(name in source for name in guarded), path
    assert len(writers) >= 4, writers
