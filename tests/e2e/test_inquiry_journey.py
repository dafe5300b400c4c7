"""In real Chromium (issue 7): the enterprise starts an inquiry from a match
on its need page, the supplier replies and sends a proposal, the enterprise
marks it contracted with figures and later implemented, both see the
pipeline; each step reaches the other side in the portal (the bell's unread
count and the notification list) and by e-mail through the outbox to the test
SMTP server."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from catalog import models as m
from catalog.accounts import outbox
from tests.e2e.test_supply_journeys import signed_in, supply_server  # noqa: F401 - fixtures
from tests.supply_world import EMAILS, actor_of

pytestmark = pytest.mark.e2e
SUBJECT = "浏览器测试：篦冷机改造对接"


def current_step(page) -> str:
    return page.locator("#pipeline [aria-current=step]").inner_text()


def unread(page) -> int:
    # after a click that navigates, the new page may still be loading: count() does not wait,
    # and an absent badge reads as 0 (seen once under a full suite's load)
    page.wait_for_load_state("load")
    badge = page.locator("#bell-count")
    return int(badge.inner_text()) if badge.count() else 0


def open_notification(page, text: str) -> None:
    """From the bell to the notification list, then through the notice."""
    page.locator("#bell").click()
    page.locator("#notifications button", has_text=text).first.click()


@pytest.fixture
def own_need(supply_db, supply_world, inquiry_world) -> int:
    """A need like the world's, for this journey alone: one open inquiry per
    need and offer (issue 20), and other tests may have started theirs."""
    from catalog.enterprise import needs
    from catalog.enterprise.needs import NeedInput

    with supply_db["sessions"]() as db:
        need_id = needs.create(db, supply_world["orgs"]["E"], NeedInput(
            title="篦冷机节能改造", description="篦冷机老化，热回收效率低。"),
            actor_of(db, EMAILS["enterprise_admin"]), publish=True).id
        # the bell counts below are this journey's: what other tests told these users is read
        emails = [EMAILS["enterprise_admin"], EMAILS["supplier_admin"]]
        users = select(m.User.id).where(m.User.email.in_(emails))
        db.execute(update(m.Notification).values(read_at=m.utcnow())
                   .where(m.Notification.user_id.in_(users), m.Notification.read_at.is_(None)))
        db.commit()
    return need_id


def test_inquiry_from_match_to_contract(signed_in, supply_server, supply_db, inquiry_world,  # noqa: F811
                                        own_need, smtp_server):
    enterprise = signed_in("enterprise_admin")
    enterprise.goto(f"{supply_server}/enterprise/needs/{own_need}")
    # one button per supplier, linking its best-fitting offer: other tests may have published more of
    # supplier V's offers, so the button is found by the supplier, not by one offer's id
    enterprise.locator("p.inquire a.btn", has_text="V 节能科技有限公司").first.click()
    enterprise.fill("#subject", SUBJECT)
    enterprise.fill("#body", "我厂 5000 t/d 熟料线篦冷机老化，想了解贵公司的效益分享方案。")
    enterprise.get_by_role("button", name="发送对接请求").click()
    assert current_step(enterprise) == "已发送"
    thread = enterprise.url

    supplier = signed_in("supplier_admin")
    supplier.goto(f"{supply_server}/supplier/")
    assert unread(supplier) == 1
    open_notification(supplier, SUBJECT)
    assert supplier.url == thread and unread(supplier) == 0
    supplier.fill("#body", "您好，我们可在下周安排现场踏勘并提交方案。")
    supplier.get_by_role("button", name="发送", exact=True).click()
    assert current_step(supplier) == "已回复"
    supplier.get_by_role("button", name="提交方案报价").click()
    assert current_step(supplier) == "方案报价"

    enterprise.goto(f"{supply_server}/enterprise/")
    assert unread(enterprise) == 2  # the reply (also the "replied" step: one notice, issue 20), "proposal"
    open_notification(enterprise, "方案报价")
    assert enterprise.url == thread and unread(enterprise) == 1
    form = enterprise.locator("form.step[data-step=contracted]")
    form.locator("#contract_model").select_option("shared_savings")
    form.locator("#contract_value_cny").fill("8000000")
    form.locator("#expected_saving_tce").fill("3200")
    form.locator("#expected_co2_t").fill("8400")
    form.get_by_role("button", name="标记为已签约").click()
    for page in (enterprise, supplier):
        page.goto(thread)
        assert current_step(page) == "已签约"
        assert "8,000,000" in page.locator("#contract").inner_text()
        assert len(page.locator("#events li").all()) == 4
    supplier.goto(f"{supply_server}/notifications/?unread=1")
    assert unread(supplier) == 1 and "已签约" in supplier.locator("#notifications").inner_text()

    enterprise.goto(thread)
    form = enterprise.locator("form.step[data-step=implemented]")
    form.locator("#measured_saving_tce").fill("3050")
    form.get_by_role("button", name="标记为已实施").click()
    assert current_step(enterprise) == "已实施"
    supplier.goto(thread)
    assert current_step(supplier) == "已实施" and unread(supplier) == 2

    with supply_db["sessions"]() as db:
        ids = list(db.scalars(select(m.OutboxMessage.id).where(m.OutboxMessage.subject.contains(SUBJECT))))
        report = outbox.send_due(db, outbox.SmtpSettings(smtp_server.host, smtp_server.port), ids=ids)
    assert len(report.sent) == len(ids) >= 4
    subjects = [str(msg["Subject"]) for msg in smtp_server.messages]
    assert any("发来对接请求" in s for s in subjects) and any("已签约" in s for s in subjects)
    assert any("已实施" in s for s in subjects)
