"""In real Chromium (issue 23): the enterprise sends the metering report of
its third CE-01 project, the bureau verifies it in its queue, and the
technology page changes — the project counts as verified and, with the two
projects verified before (9.0 % and 8.0 % of the fuel), the three agree
within ±30 % of their median 8.5 %, so the effect model's typical value
changes from 10 to 8.5 % with the change kept on the page. The bureau's
dashboard shows the plan's what-if, whose page answers with its tables."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import ACCOUNT_PASSWORD, app_factory
from tests.e2e.conftest import serve
from tests.evidence_world import EMAILS, evidence_db, implemented  # noqa: F401 - fixtures
from tests.supply_world import PDF

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def evidence_server(evidence_db, tmp_path_factory):  # noqa: F811
    for make in app_factory(evidence_db, tmp_path_factory, "evidence-e2e"):
        yield from serve(make())


def sign_in(page, server: str, email: str) -> None:
    page.goto(f"{server}/login")
    page.fill("#email", email)
    page.fill("#password", ACCOUNT_PASSWORD)
    page.get_by_role("button", name="登录").click()


def verified_before(evidence_db) -> int:  # noqa: F811
    """Two projects verified through the services; the third's inquiry id."""
    from catalog.accounts import users
    from catalog.accounts.audit import Actor
    from catalog.evidence import verification
    from catalog.evidence.verification import Decision
    from catalog.pipeline.attachments import FileStore, Upload

    with evidence_db["sessions"]() as db:
        world = evidence_db["world"]
        store = FileStore(evidence_db["index_dir"].parent / "evidence-files", 1 << 20)
        for saving, line in ((15120, "一号熟料线"), (13440, "二号熟料线")):
            record = implemented(db, world, saving, line=line)
            verification.submit(db, world["orgs"]["enterprise"], record.id, "metering",
                                [Upload("计量.pdf", PDF)], store,
                                Actor.of(users.by_email(db, EMAILS["enterprise"])))
            verification.decide(db, Actor.of(users.by_email(db, EMAILS["bureau"])), record.id,
                                Decision("verify", ""))
        return implemented(db, world, 14280).inquiry_id


def test_bureau_verifies_a_project_and_the_technology_page_changes(browser, evidence_server, evidence_db,  # noqa: F811
                                                                   tmp_path):
    inquiry_id = verified_before(evidence_db)
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{evidence_server}/technologies/CE-01#projects")
    verified = visitor.locator(".project-summary .verified").first
    expect(verified).to_contain_text("8.5 % (8–9), n = 2")
    expect(visitor.locator("#effect-revisions")).to_have_count(0)

    ent = browser.new_context(locale="zh-CN").new_page()
    sign_in(ent, evidence_server, EMAILS["enterprise"])
    ent.goto(f"{evidence_server}/inquiries/{inquiry_id}")
    ent.locator("#project-record-link a").click()
    expect(ent.locator("#record-level")).to_have_text("自行申报")
    report = tmp_path / "三号项目计量报告.pdf"
    report.write_bytes(PDF)
    ent.select_option("#kind", "metering")
    ent.set_input_files("#files", str(report))
    ent.get_by_role("button", name="提交主管部门").click()
    expect(ent.locator("#record-level")).to_have_text("已提交证据，待核验")

    bureau = browser.new_context(locale="zh-CN").new_page()
    sign_in(bureau, evidence_server, EMAILS["bureau"])
    bureau.goto(f"{evidence_server}/bureau/projects")
    bureau.locator("#queue tbody a").first.click()
    expect(bureau.locator("#evidence-files")).to_contain_text("三号项目计量报告.pdf")
    bureau.get_by_role("radio", name="核验通过").check()
    bureau.get_by_role("button", name="保存核验结果").click()
    expect(bureau.locator(".alert-info")).to_contain_text("典型值由10改为8.5")

    visitor.reload()
    expect(verified).to_contain_text("8.5 % (8–9), n = 3")
    expect(visitor.locator("#effect-revisions .revision")).to_have_text("10 → 8.5 %")

    bureau.goto(f"{evidence_server}/bureau/dashboard")
    expect(bureau.locator("#whatif")).to_be_visible()
    bureau.locator("#whatif-link").click()
    expect(bureau.locator("#table-whatif-products tr[data-product=cement_clinker]")).to_be_visible()
    expect(bureau.locator("#intensity-change")).to_be_visible()
    for page in (visitor, ent, bureau):
        page.context.close()
