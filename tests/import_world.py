"""Fixtures of the import and announcement tests (issue 8): their own
migrated, seeded database and index (imports create catalogue entries and
organisations that other tests must not see), a bureau admin, a verified
enterprise and a verified supplier, and helpers that build workbooks.
tests/conftest.py loads this module as a plugin."""
from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from catalog.console.columns import Sheet
from tests.conftest import ACCOUNT_PASSWORD, app_factory, seed_database, valid_uscc

EMAILS = {"bureau": "admin@bureau.import.test", "curator": "curator@bureau.import.test",
          "enterprise": "admin@enterprise.import.test", "enterprise_member": "member@enterprise.import.test",
          "supplier": "admin@supplier.import.test"}


@pytest.fixture(scope="session")
def console_db(make_database, tmp_path_factory):
    world = seed_database(make_database(), tmp_path_factory.mktemp("console-index") / "search-index")
    yield world
    world["engine"].dispose()


@pytest.fixture(scope="session")
def console_world(console_db):
    """Ids of the bureau admin and curator, enterprise E (verified; admin and
    member), supplier S (verified)."""
    from catalog.accounts import members, organisations, registration, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.organisations import Contact
    from catalog.accounts.tokens import TokenSigner

    out: dict[str, Any] = {"orgs": {}, "users": {}}
    with console_db["sessions"]() as db:
        bureau = users.create_bureau_user(db, EMAILS["bureau"], "主管", "bureau_admin", ACCOUNT_PASSWORD)
        users.create_bureau_user(db, EMAILS["curator"], "审核员", "bureau_curator", ACCOUNT_PASSWORD)
        for key, kind, body in (("enterprise", "enterprise", "91500105MA7000011"),
                                ("supplier", "supplier", "91500105MA7000022")):
            contact = Contact(name=f"{key} 联系人", mobile="13912345678", email=EMAILS[key],
                              district_key="jiangbei", province="", sector_keys=("cement",))
            user = registration.register(db, registration.Registration(
                kind, f"{key} 导入测试有限公司", valid_uscc(body), contact, ACCOUNT_PASSWORD))
            organisations.decide(db, Actor.of(bureau), user.organisation_id, "approve")
            out["orgs"][key] = user.organisation_id
            out["users"][key] = user.id
        signer = TokenSigner("import-test")
        admin = users.by_email(db, EMAILS["enterprise"])
        inv = members.invite(db, Actor.of(admin), admin.organisation_id, EMAILS["enterprise_member"],
                             "enterprise_member", signer, lambda t: t)
        members.accept(db, signer, signer.dumps("invitation", inv.id, inv.nonce), "成员", ACCOUNT_PASSWORD)
        out["users"]["bureau"] = bureau.id
        out["orgs"]["bureau"] = bureau.organisation_id
    return out


@pytest.fixture(scope="session")
def make_console_app(console_db, console_world, tmp_path_factory):
    yield from app_factory(console_db, tmp_path_factory, "console")


def workbook(sheets: list[tuple[Sheet | str, list[list[Any]]]], headers: bool = True) -> bytes:
    """An .xlsx with one sheet per (sheet, rows); the template's headers first."""
    book = Workbook()
    book.remove(book.active)
    for sheet, rows in sheets:
        ws = book.create_sheet(sheet if isinstance(sheet, str) else sheet.name)
        if headers and not isinstance(sheet, str):
            ws.append(sheet.headers)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(sheet: Sheet, **values: Any) -> list[Any]:
    """A row in the sheet's column order from keyword values."""
    return [values.get(c.key, "") for c in sheet.columns]
