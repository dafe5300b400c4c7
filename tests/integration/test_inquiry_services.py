"""Inquiry services on a real database: scoping to the two parties, the
pipeline with its figures, events, audit rows and e-mails, limits counted in
the database, and the follow-up six months after implementation."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.errors import NotFound, RuleError
from catalog.pipeline import followups, inquiries
from catalog.pipeline.followups import FollowUpInput
from catalog.pipeline.inquiries import InquiryInput, Limits, StepInput
from tests.inquiry_world import UNVERIFIED
from tests.supply_world import EMAILS, actor_of

OPEN = Limits(daily=10_000, daily_unverified=10_000, hourly_messages=10_000)


@pytest.fixture
def db(supply_db):
    with supply_db["sessions"]() as session:
        yield session


@pytest.fixture
def orgs(supply_world):
    return supply_world["orgs"]


def send(db, orgs, inquiry_world, **overrides):
    """A new inquiry about a need of its own: a second open one for the same
    need and offer is refused (issue 20)."""
    from catalog.enterprise import needs
    from catalog.enterprise.needs import NeedInput

    actor = actor_of(db, EMAILS["enterprise_admin"])
    if "need_id" not in overrides:
        need = NeedInput(title="篦冷机节能改造（服务测试）", description="篦冷机老化，热回收效率低。")
        overrides["need_id"] = needs.create(db, orgs["E"], need, actor, publish=True).id
    data = dict(subject="篦冷机改造咨询", body="请介绍贵公司的篦冷机改造方案。",
                offer_id=inquiry_world["offer"], technology_code="CE-01")
    data.update(overrides)
    return inquiries.create(db, orgs["E"], InquiryInput(**data), actor, OPEN)


def outbox(db, address):
    return db.scalar(select(func.count()).select_from(m.OutboxMessage)
                     .where(m.OutboxMessage.to_addr == address))


def test_an_inquiry_is_seen_by_its_two_parties_only(db, orgs, inquiry_world):
    item = send(db, orgs, inquiry_world)
    assert (item.supplier_id, item.status, len(item.messages), len(item.events)) == (orgs["V"], "sent", 1, 1)
    assert inquiries.get(db, orgs["E"], item.id)[1] == "enterprise"
    assert inquiries.get(db, orgs["V"], item.id)[1] == "supplier"
    for stranger in (orgs["O"], orgs["P"], inquiry_world["unverified_org"]):
        with pytest.raises(NotFound):
            inquiries.get(db, stranger, item.id)
        assert item.id not in {i.id for i in inquiries.list_for(db, stranger)}
    assert item.id in {i.id for i in inquiries.list_for(db, orgs["V"], "sent")}
    assert db.scalar(select(func.count()).select_from(m.AuditEvent).where(
        m.AuditEvent.action == "inquiry.created", m.AuditEvent.object_id == str(item.id))) == 1


def test_bad_subjects_are_refused_and_nothing_is_saved(db, orgs, inquiry_world):
    before = db.scalar(select(func.count()).select_from(m.Inquiry))
    with pytest.raises(RuleError, match="inquiry.no_subject"):
        send(db, orgs, inquiry_world, offer_id=None)
    with pytest.raises(RuleError, match="inquiry.two_suppliers"):
        send(db, orgs, inquiry_world, product_id=inquiry_world["product"],
             offer_id=inquiry_world["other_offer"])
    with pytest.raises(NotFound):
        send(db, orgs, inquiry_world, offer_id=999_999)
    with pytest.raises(RuleError, match="fields.invalid"):
        send(db, orgs, inquiry_world, subject="", body="\x00")
    with pytest.raises(NotFound):  # another enterprise's need
        inquiries.create(db, inquiry_world["unverified_org"], InquiryInput(
            subject="借用别人的需求", body="测试", need_id=inquiry_world["need"],
            offer_id=inquiry_world["offer"]),
            actor_of(db, UNVERIFIED), OPEN)
    db.rollback()
    assert db.scalar(select(func.count()).select_from(m.Inquiry)) == before


def test_the_whole_pipeline_with_figures_events_audit_and_mail(db, orgs, inquiry_world):
    item = send(db, orgs, inquiry_world, product_id=inquiry_world["product"])
    ent, sup = actor_of(db, EMAILS["enterprise_admin"]), actor_of(db, EMAILS["supplier_admin"])
    supplier_mail = outbox(db, db.get(m.Organisation, orgs["V"]).contact_email)
    with pytest.raises(RuleError, match="inquiry.reply_first"):
        inquiries.move(db, orgs["V"], item.id, StepInput("replied"), sup)
    with pytest.raises(RuleError, match="inquiry.transition"):
        inquiries.move(db, orgs["V"], item.id, StepInput("proposal"), sup)
    inquiries.post(db, orgs["E"], item.id, "补充：年产熟料 150 万吨。", ent, OPEN)
    assert item.status == "sent"
    inquiries.post(db, orgs["V"], item.id, "您好，可以安排现场踏勘。", sup, OPEN)
    assert item.status == "replied"
    with pytest.raises(RuleError, match="inquiry.wrong_side"):
        inquiries.move(db, orgs["E"], item.id, StepInput("proposal"), ent)
    inquiries.move(db, orgs["V"], item.id, StepInput("site_survey"), sup)
    inquiries.move(db, orgs["V"], item.id, StepInput("proposal"), sup)
    bad = StepInput("contracted", contract_model="barter", contract_value_cny="-1", expected_saving_tce="")
    with pytest.raises(RuleError) as err:
        inquiries.move(db, orgs["E"], item.id, bad, ent)
    assert {e.field for e in err.value.errors} == {"contract_model", "contract_value_cny",
                                                   "expected_saving_tce", "expected_co2_t"}
    db.rollback()
    assert db.get(m.Inquiry, item.id).status == "proposal"
    inquiries.move(db, orgs["E"], item.id, StepInput(
        "contracted", contract_model="shared_savings", contract_value_cny="8,000,000",
        expected_saving_tce="3200", expected_co2_t="8400"), ent)
    assert (item.contract_value_cny, item.expected_saving_tce, item.expected_co2_t) == (8e6, 3200, 8400)
    inquiries.move(db, orgs["E"], item.id, StepInput("implemented", measured_saving_tce="3050"), ent)
    assert item.follow_up_due == inquiries.months_later(inquiries.today(), 6)
    assert item.measured_saving_tce == 3050
    inquiries.move(db, orgs["E"], item.id, StepInput("closed"), ent)
    assert [e.to_status for e in item.events] == ["sent", "replied", "site_survey", "proposal", "contracted",
                                                  "implemented", "closed"]
    first = {e.to_status: m.as_utc(e.at) for e in item.events}
    for status, column in m.REACHED_AT.items():  # kept on the inquiry for the bureau's funnel
        assert abs((m.as_utc(getattr(item, column)) - first[status]).total_seconds()) < 5, column
    audit = db.scalars(select(m.AuditEvent.action).where(m.AuditEvent.object_type == "inquiry",
                                                         m.AuditEvent.object_id == str(item.id))).all()
    assert audit.count("inquiry.status_changed") == 6 and audit.count("inquiry.message") == 2
    assert outbox(db, db.get(m.Organisation, orgs["V"]).contact_email) == supplier_mail + 4
    with pytest.raises(RuleError, match="inquiry.finished"):
        inquiries.post(db, orgs["V"], item.id, "还在吗？", sup, OPEN)


def test_either_side_may_mark_lost_with_a_reason_from_the_list(db, orgs, inquiry_world):
    item = send(db, orgs, inquiry_world)
    sup = actor_of(db, EMAILS["supplier_admin"])
    with pytest.raises(RuleError):
        inquiries.move(db, orgs["V"], item.id, StepInput("lost", lost_reason="bored"), sup)
    db.rollback()
    inquiries.move(db, orgs["V"], item.id, StepInput("lost", lost_reason="timing"), sup)
    assert (item.status, item.lost_reason) == ("lost", "timing")
    with pytest.raises(RuleError, match="inquiry.transition"):
        inquiries.move(db, orgs["E"], item.id, StepInput("contracted"),
                       actor_of(db, EMAILS["enterprise_admin"]))


def test_follow_up_when_due(db, orgs, inquiry_world):
    item = send(db, orgs, inquiry_world)
    ent = actor_of(db, EMAILS["enterprise_admin"])
    with pytest.raises(RuleError, match="follow_up.not_due"):
        followups.answer(db, orgs["E"], item.id, FollowUpInput("1", "4"), ent)
    item.status, item.follow_up_due = "implemented", date.today() - timedelta(days=1)
    db.commit()
    assert item.id in {i.id for i in followups.due(db, orgs["E"])}
    with pytest.raises(RuleError, match="inquiry.wrong_side"):
        followups.answer(db, orgs["V"], item.id, FollowUpInput("1", "4"),
                         actor_of(db, EMAILS["supplier_admin"]))
    with pytest.raises(RuleError):
        followups.answer(db, orgs["E"], item.id, FollowUpInput("1", "9"), ent)
    db.rollback()
    row = followups.answer(db, orgs["E"], item.id, FollowUpInput("2900", "4", "节能效果\x00良好"), ent)
    assert (row.achieved_saving_tce, row.satisfaction, row.comment) == (2900, 4, "节能效果良好")
    assert item.id not in {i.id for i in followups.due(db, orgs["E"])}


def test_limits_are_counted_in_the_database(db, orgs, inquiry_world):
    sent = db.scalar(select(func.count()).select_from(m.Inquiry).where(m.Inquiry.enterprise_id == orgs["E"]))
    ent = actor_of(db, EMAILS["enterprise_admin"])
    tight = Limits(daily=sent + 1, daily_unverified=0, hourly_messages=10_000)
    data = InquiryInput(subject="限额测试", body="限额测试", offer_id=inquiry_world["offer"])
    inquiries.create(db, orgs["E"], data, ent, tight)
    with pytest.raises(RuleError, match="inquiry.daily_limit") as err:
        inquiries.create(db, orgs["E"], data, ent, tight)
    assert err.value.params == {"limit": sent + 1}
    db.rollback()
    with pytest.raises(RuleError, match="inquiry.daily_limit"):  # unverified: its own, lower limit
        inquiries.create(db, inquiry_world["unverified_org"], data, actor_of(db, UNVERIFIED),
                         Limits(daily=100, daily_unverified=0))
    db.rollback()
    item = send(db, orgs, inquiry_world)
    with pytest.raises(RuleError, match="inquiry.hourly_limit"):
        inquiries.post(db, orgs["V"], item.id, "您好", actor_of(db, EMAILS["supplier_admin"]),
                       Limits(hourly_messages=0))
    db.rollback()
    assert len(db.get(m.Inquiry, item.id).messages) == 1
