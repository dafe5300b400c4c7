"""Expressions of interest on a real database: public needs reach the
enterprise at once, anonymous ones wait for the bureau, which forwards or
declines them; the enterprise accepts or declines; the enterprise's name is
hidden from the supplier until it accepts. Message attachments are saved
with their message or not at all."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.errors import NotFound, RuleError
from catalog.pipeline import attachments, inquiries, interest, overview
from catalog.pipeline.attachments import FileStore, Upload
from catalog.pipeline.inquiries import Limits, StepInput
from catalog.pipeline.interest import InterestInput
from tests.inquiry_world import ANON_NAME, LEAD_EMAILS
from tests.supply_world import EMAILS, PDF, actor_of, png_bytes

OPEN = Limits(daily=10_000, daily_unverified=10_000, hourly_messages=10_000)


@pytest.fixture
def db(supply_db):
    with supply_db["sessions"]() as session:
        yield session


@pytest.fixture
def w(lead_world):
    return lead_world


def actors(db):
    return {key: actor_of(db, email) for key, email in (*LEAD_EMAILS.items(),
                                                         ("bureau", EMAILS["bureau_admin"]))}


def express(db, w, need="grate", limits=OPEN, **overrides):
    data = dict(subject="篦冷机改造合作意向", body="我司可提供第四代篦冷机改造及效益分享方案。",
                product_id=w["product"], offer_id=w["offer"], technology_code="CE-01")
    data.update(overrides)
    return interest.express(db, w["orgs"]["LS"], w["needs"][need], InterestInput(**data),
                            actor_of(db, LEAD_EMAILS["lead_supplier"]), limits)


def finish(db, w, item):
    """Lose the inquiry so the next test may express interest in the need again."""
    if db.get(m.Inquiry, item.id).status not in ("closed", "lost"):
        inquiries.move(db, w["orgs"]["LS"], item.id, StepInput("lost", lost_reason="timing"),
                       actor_of(db, LEAD_EMAILS["lead_supplier"]))


def marker(db) -> tuple[int, int]:
    """The last e-mail and notification so far: a test reads only what came after."""
    return (db.scalar(select(func.max(m.OutboxMessage.id))) or 0,
            db.scalar(select(func.max(m.Notification.id))) or 0)


def told_supplier(db, since: tuple[int, int]) -> str:
    """Every e-mail and in-app notice the lead supplier got since ``since``."""
    user = db.scalars(select(m.User).where(m.User.email == LEAD_EMAILS["lead_supplier"])).one()
    mails = db.scalars(select(m.OutboxMessage).where(m.OutboxMessage.to_addr == user.email,
                                                     m.OutboxMessage.id > since[0]))
    notices = db.scalars(select(m.Notification).where(m.Notification.user_id == user.id,
                                                      m.Notification.id > since[1]))
    return "\n".join([*(f"{r.subject}\n{r.body}" for r in mails), *(f"{n.params} {n.link}" for n in notices)])


def test_interest_in_a_public_need_reaches_the_enterprise_at_once(db, w):
    item = express(db, w)
    a = actors(db)
    try:
        assert (item.origin, item.forward_status, item.identity_revealed, item.status) == (
            "supplier", None, True, "sent")
        assert (item.enterprise_id, item.supplier_id, item.need_id, item.technology.code) == (
            w["orgs"]["LE"], w["orgs"]["LS"], w["needs"]["grate"], "CE-01")
        assert inquiries.get(db, w["orgs"]["LE"], item.id)[1] == "enterprise"
        assert item.id in {i.id for i in inquiries.list_for(db, w["orgs"]["LE"])}
        assert interest.enterprise_name(item, "supplier") == "LE 公开需求水泥有限公司"
        with pytest.raises(RuleError, match="interest.duplicate"):
            express(db, w)
        with pytest.raises(RuleError, match="inquiry.reply_first"):
            inquiries.move(db, w["orgs"]["LE"], item.id, StepInput("replied"), a["lead_enterprise"])
        with pytest.raises(RuleError, match="inquiry.wrong_side"):
            interest.accept(db, w["orgs"]["LS"], item.id, a["lead_supplier"])
        inquiries.post(db, w["orgs"]["LS"], item.id, "补充：可先做现场踏勘。", a["lead_supplier"], OPEN)
        assert item.status == "sent"  # the supplier's own messages do not answer it
        inquiries.post(db, w["orgs"]["LE"], item.id, "欢迎来厂踏勘。", a["lead_enterprise"], OPEN)
        assert item.status == "replied"
        inquiries.move(db, w["orgs"]["LS"], item.id, StepInput("site_survey"), a["lead_supplier"])
        assert [e.to_status for e in item.events] == ["sent", "replied", "site_survey"]
        assert [e.side for e in item.events] == ["supplier", "enterprise", "supplier"]
    finally:
        finish(db, w, item)
    item = express(db, w)  # a finished one does not block a new one
    finish(db, w, item)


def test_interest_in_an_anonymous_need_waits_for_the_bureau(db, w):
    a = actors(db)
    since = marker(db)
    item = express(db, w, "anonymous")
    try:
        assert (item.forward_status, item.identity_revealed) == ("awaiting_bureau", False)
        with pytest.raises(NotFound):
            inquiries.get(db, w["orgs"]["LA"], item.id)
        assert item.id not in {i.id for i in inquiries.list_for(db, w["orgs"]["LA"])}
        assert item.id in {i.id for i in interest.awaiting(db)}
        assert overview.interest_text(item) == "我司可提供第四代篦冷机改造及效益分享方案。"
        assert interest.enterprise_name(item, "supplier") is None
        assert interest.enterprise_name(item, "enterprise") == ANON_NAME
        with pytest.raises(RuleError, match="interest.awaiting_bureau"):
            inquiries.post(db, w["orgs"]["LS"], item.id, "还有补充。", a["lead_supplier"], OPEN)
        interest.forward(db, item.id, a["bureau"])
        assert item.forward_status == "forwarded" and overview.interest_text(item) is None
        assert item.id not in {i.id for i in interest.awaiting(db)}
        with pytest.raises(RuleError, match="interest.not_awaiting"):
            interest.forward(db, item.id, a["bureau"])
        assert inquiries.get(db, w["orgs"]["LA"], item.id)[1] == "enterprise"
        assert interest.enterprise_name(item, "supplier") is None
        inquiries.post(db, w["orgs"]["LS"], item.id, "可提供案例。", a["lead_supplier"], OPEN)
        hidden = told_supplier(db, since)
        assert ANON_NAME not in hidden and "秘密" not in hidden
        interest.accept(db, w["orgs"]["LA"], item.id, a["anon_enterprise"])
        assert (item.status, item.identity_revealed) == ("replied", True)
        assert interest.enterprise_name(item, "supplier") == ANON_NAME
        with pytest.raises(RuleError, match="interest.answered"):
            interest.decline(db, w["orgs"]["LA"], item.id, a["anon_enterprise"])
        assert db.scalar(select(func.count()).select_from(m.AuditEvent).where(
            m.AuditEvent.action == "inquiry.forwarded", m.AuditEvent.object_id == str(item.id))) == 1
    finally:
        finish(db, w, item)


def test_the_bureau_declines_with_a_reason_and_the_enterprise_never_sees_it(db, w):
    a = actors(db)
    since = marker(db)
    item = express(db, w, "anonymous")
    with pytest.raises(RuleError):
        interest.decline_forward(db, item.id, " ", a["bureau"])
    db.rollback()
    interest.decline_forward(db, item.id, "意向内容与需求不符。", a["bureau"])
    assert (item.status, item.lost_reason, item.forward_status) == ("lost", "not_forwarded", "not_forwarded")
    assert item.events[-1].detail == {"forward": "not_forwarded", "reason": "意向内容与需求不符。"}
    with pytest.raises(NotFound):
        inquiries.get(db, w["orgs"]["LA"], item.id)
    with pytest.raises(RuleError, match="interest.not_awaiting"):
        interest.forward(db, item.id, a["bureau"])
    hidden = told_supplier(db, since)
    assert hidden and ANON_NAME not in hidden


def test_the_enterprise_declines_and_stays_anonymous(db, w):
    a = actors(db)
    since = marker(db)
    item = express(db, w, "anonymous")
    interest.forward(db, item.id, a["bureau"])
    with pytest.raises(RuleError, match="inquiry.wrong_side"):
        interest.decline(db, w["orgs"]["LS"], item.id, a["lead_supplier"])
    interest.decline(db, w["orgs"]["LA"], item.id, a["anon_enterprise"])
    assert (item.status, item.lost_reason, item.identity_revealed) == ("lost", "not_interested", False)
    assert interest.enterprise_name(item, "supplier") is None
    hidden = told_supplier(db, since)
    assert hidden and ANON_NAME not in hidden


def test_the_enterprises_first_message_accepts_and_reveals(db, w):
    a = actors(db)
    item = express(db, w, "anonymous")
    interest.forward(db, item.id, a["bureau"])
    inquiries.post(db, w["orgs"]["LA"], item.id, "请来电详谈。", a["anon_enterprise"], OPEN)
    assert (item.status, item.identity_revealed) == ("replied", True)
    finish(db, w, item)


def test_needs_a_supplier_may_not_see_and_others_listings_are_refused(db, w, inquiry_world):
    before = db.scalar(select(func.count()).select_from(m.Inquiry))
    for key in ("bureau_only", "closed", "own"):
        with pytest.raises(NotFound):
            express(db, w, key)
    with pytest.raises(NotFound):  # another supplier's product
        express(db, w, product_id=inquiry_world["product"])
    with pytest.raises(RuleError, match="fields.invalid"):
        express(db, w, subject="", body="\x00")
    db.rollback()
    with pytest.raises(NotFound):  # an enterprise cannot express interest
        interest.express(db, w["orgs"]["LE"], w["needs"]["anonymous"], InterestInput("主题测试", "正文"),
                         actor_of(db, LEAD_EMAILS["lead_enterprise"]), OPEN)
    assert db.scalar(select(func.count()).select_from(m.Inquiry)) == before


def test_supplier_limits_count_its_expressions_of_interest(db, w):
    sent = db.scalar(select(func.count()).select_from(m.Inquiry).where(
        m.Inquiry.origin == "supplier", m.Inquiry.supplier_id == w["orgs"]["LS"]))
    with pytest.raises(RuleError, match="inquiry.daily_limit"):
        express(db, w, limits=Limits(daily=sent, daily_unverified=0))
    db.rollback()
    with pytest.raises(RuleError, match="inquiry.hourly_limit"):
        express(db, w, limits=Limits(daily=10_000, hourly_messages=0))
    db.rollback()
    assert db.scalar(select(func.count()).select_from(m.Inquiry).where(
        m.Inquiry.origin == "supplier", m.Inquiry.supplier_id == w["orgs"]["LS"])) == sent


@pytest.fixture
def item(db, w):
    """LS's new expression of interest in LE's public need (lost afterwards)."""
    made = express(db, w)
    yield made
    db.rollback()
    finish(db, w, made)


def test_message_files_are_saved_with_the_message_or_not_at_all(db, w, tmp_path, item):
    a = actors(db)
    store = FileStore(tmp_path, 1024 * 1024)
    message = inquiries.post(db, w["orgs"]["LS"], item.id, "附方案与照片。", a["lead_supplier"], OPEN,
                             [Upload("方案.pdf", PDF), Upload("现场.png", png_bytes())], store)
    assert [(f.filename, f.content_type) for f in message.attachments] == [
        ("方案.pdf", "application/pdf"), ("现场.png", "image/png")]
    for row in message.attachments:
        assert attachments.path_of(store, row).read_bytes() in (PDF, png_bytes())
        assert attachments.readable(db, w["orgs"]["LE"], row.id)[0] is row
        for stranger in (w["orgs"]["LA"], w["orgs"]["LE"] + 10_000):
            with pytest.raises(NotFound):
                attachments.readable(db, stranger, row.id)
    files_before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    count = len(db.get(m.Inquiry, item.id).messages)
    bad = [
        ([Upload("a.pdf", PDF), Upload("evil.pdf", b"MZ\x90\x00")], "file.type"),
        ([Upload("a.pdf", PDF)] * 4, "file.too_many"),
        ([Upload("big.pdf", PDF + b"0" * 1024 * 1024)], "file.too_large"),
        ([Upload("photo.pdf", png_bytes())], "file.extension"),
        ([Upload("empty.pdf", b"")], "file.empty"),
    ]
    for uploads, code in bad:
        with pytest.raises(RuleError, match=code) as err:
            inquiries.post(db, w["orgs"]["LS"], item.id, "坏文件", a["lead_supplier"], OPEN, uploads,
                           store)
        assert err.value.field == "files"
        db.rollback()
    assert len(db.get(m.Inquiry, item.id).messages) == count
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files_before


def test_a_failed_commit_removes_the_files_it_wrote(db, w, tmp_path, item):
    a = actors(db)
    store = FileStore(tmp_path, 1024 * 1024)
    message = inquiries.post(db, w["orgs"]["LS"], item.id, "附件", a["lead_supplier"], OPEN,
                             [Upload("a.pdf", PDF)], store)
    files = attachments.prepare([Upload("b.pdf", PDF)], store, a["lead_supplier"], w["orgs"]["LS"])
    row = files[0][0]
    row.content_type = "text/html"  # the check constraint fails the commit after the file was written
    message.attachments.append(row)
    with pytest.raises(Exception):  # noqa: B017 - the database's integrity error, whatever its class
        attachments.save(db, store, files)
    assert not attachments.path_of(store, row).exists()
    assert [p.name for p in tmp_path.rglob("*.*")] == []  # no partial file either
    assert len(db.get(m.InquiryMessage, message.id).attachments) == 1
