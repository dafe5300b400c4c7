"""The submission state machine through the services: every step from the
right status by the right side only, audited, shown to the submitter and
e-mailed; completeness rules; reviews, thresholds and conflicts of interest;
objections during the public notice."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog.accounts.checks import InvalidFields
from catalog.curation import notice, review, submissions, workflow
from catalog.errors import NotFound, RuleError
from catalog.supply import files
from tests.supply_world import (
    EMAILS,
    PDF,
    actor_of,
    submission_input,
)

TODAY = date.today()
GOOD = {"advancement": "4", "effect": "4", "economics": "4", "maturity": "4"}
POOR = {"advancement": "1", "effect": "2", "economics": "2", "maturity": "2"}


@pytest.fixture
def db(supply_db, supply_world):
    with supply_db["sessions"]() as session:
        yield session


@pytest.fixture
def supplier(db, supply_world):
    return supply_world["orgs"]["V"], actor_of(db, EMAILS["supplier_admin"])


def bureau(db, key="curator1"):
    return actor_of(db, EMAILS[key])


def draft_with_evidence(db, supplier, tmp_path, **overrides) -> m.Submission:
    org, actor = supplier
    item = submissions.create(db, actor, org, submission_input(**overrides))
    files.attach_evidence(db, actor, org, item.id, "检测报告.pdf", PDF, tmp_path, 1 << 20)
    return item


def step(db, item, action, side="bureau", actor=None, comment="", **kw):
    org = item.organisation_id
    return workflow.transition(db, actor or bureau(db), item.id, action, comment, side=side,
                               org_id=org if side == "submitter" else None, **kw)


def submit(db, item, supplier):
    return workflow.transition(db, supplier[1], item.id, "submit", side="submitter", org_id=supplier[0])


def scored(db, item, scores=GOOD, reviewers=("curator1", "curator2")):
    for key in reviewers:
        review.record_review(db, bureau(db, key), item.id, False, "", scores, "")


def test_full_cycle_with_return_and_revision(db, supplier, tmp_path):
    item = draft_with_evidence(db, supplier, tmp_path)
    submit(db, item, supplier)
    assert (item.status, item.round) == ("submitted", 1)
    step(db, item, "start_review")
    step(db, item, "return", comment="请补充第三方检测报告原件。")
    assert item.status == "returned" and item.decision_reason == "请补充第三方检测报告原件。"
    revised = submission_input(summary_zh="修订后的摘要：补充了第三方检测结论和适用条件。")
    submissions.update(db, supplier[1], supplier[0], item.id, revised)
    submit(db, item, supplier)
    assert item.round == 2
    step(db, item, "start_review")
    scored(db, item)
    assert review.outcome(db, item).recommendation == "publish"
    step(db, item, "approve", comment="两位评审一致建议入选。")
    step(db, item, "start_notice", today=TODAY)
    assert item.notice_ends_on == TODAY + timedelta(days=review.settings(db).notice_days)
    events = [(e.action, e.to_status) for e in item.events]
    assert events == [("created", "draft"), ("submit", "submitted"), ("start_review", "under_review"),
                      ("return", "returned"), ("submit", "submitted"), ("start_review", "under_review"),
                      ("approve", "approved"), ("start_notice", "public_notice")]
    audited = list(db.scalars(select(m.AuditEvent.action).where(
        m.AuditEvent.object_type == "submission", m.AuditEvent.object_id == str(item.id))
        .order_by(m.AuditEvent.id)))
    assert audited.count("submission.submit") == 2 and "submission.approve" in audited
    # every step reaches the supplier's members in the portal and, by default, by e-mail
    mails = list(db.scalars(select(m.OutboxMessage).where(
        m.OutboxMessage.kind == "notify_submission_review",
        m.OutboxMessage.body.contains(f"（编号 {item.id}）"),
        m.OutboxMessage.to_addr == EMAILS["supplier_admin"])))
    notes = list(db.scalars(select(m.Notification).where(m.Notification.kind == "submission_review")
                            .where(m.Notification.params["number"].as_integer() == item.id)))
    assert len(mails) == 7 and len({n.user_id for n in notes}) >= 1 and len(notes) % 7 == 0
    assert any("请补充第三方检测报告原件" in mail.body for mail in mails)


@pytest.mark.parametrize(("action", "side"), [
    ("start_review", "bureau"), ("approve", "bureau"), ("start_notice", "bureau"), ("submit", "bureau")])
def test_steps_from_the_wrong_status_or_side_change_nothing(db, supplier, tmp_path, action, side):
    item = draft_with_evidence(db, supplier, tmp_path)
    events = len(item.events)
    with pytest.raises(RuleError) as caught:
        step(db, item, action, side=side, comment="理由充分")
    assert caught.value.code in ("submission.transition", "submission.step_unknown")
    db.refresh(item)
    assert item.status == "draft" and len(item.events) == events


def test_the_submitter_cannot_take_bureau_steps_nor_others_submit(db, supplier, supply_world, tmp_path):
    item = draft_with_evidence(db, supplier, tmp_path)
    submit(db, item, supplier)
    with pytest.raises(RuleError):
        workflow.transition(db, supplier[1], item.id, "approve", "自己批准", side="submitter",
                            org_id=supplier[0])
    other = actor_of(db, EMAILS["other_admin"])
    with pytest.raises(NotFound):
        workflow.transition(db, other, item.id, "submit", side="submitter", org_id=supply_world["orgs"]["O"])


def test_submitting_needs_cases_in_use_a_year_and_evidence(db, supplier):
    org, actor = supplier
    recent = (TODAY - timedelta(days=200)).isoformat()
    item = submissions.create(db, actor, org, submission_input(
        cases=(("重庆某水泥公司", recent, "煤耗下降 2%", True),), figures=(), stage=""))
    with pytest.raises(InvalidFields) as caught:
        submit(db, item, supplier)
    found = {(e.field, e.code) for e in caught.value.errors}
    assert found == {("stage", "text.required"), ("figures", "figures.required"), ("cases", "cases.too_few"),
                     ("cases.0", "case.too_recent"), ("evidence", "evidence.required")}
    db.refresh(item)
    assert item.status == "draft" and item.round == 0


def test_saving_checks_every_value(db, supplier):
    with pytest.raises(InvalidFields) as caught:
        submissions.create(db, supplier[1], supplier[0], submission_input(
            sector="cement", stage="sintering", trl="12", category="nope",
            cases=(("某厂", "2030-01-01", "结果", False), ("某厂二", "昨天", "结果", False))))
    found = {(e.field, e.code) for e in caught.value.errors}
    assert found == {("stage", "stage.sector"), ("trl", "field.range"), ("category", "category.invalid"),
                     ("cases.0", "case.future"), ("cases.1", "field.date")}


def test_thresholds_decide_and_reasons_are_required(db, supplier, tmp_path):
    item = draft_with_evidence(db, supplier, tmp_path)
    submit(db, item, supplier)
    step(db, item, "start_review")
    review.record_review(db, bureau(db, "curator1"), item.id, False, "", GOOD, "")
    with pytest.raises(RuleError) as caught:  # one review of the two needed
        step(db, item, "approve", comment="同意")
    assert caught.value.code == "decision.threshold"
    review.record_review(db, bureau(db, "curator2"), item.id, False, "", POOR, "")
    outcome = review.outcome(db, item)
    assert outcome.total == 11.5 and outcome.recommendation == "hold"
    for action in ("approve", "reject"):
        with pytest.raises(RuleError):
            step(db, item, action, comment="理由")
    with pytest.raises(RuleError) as caught:
        step(db, item, "return", comment=" ")
    assert caught.value.code == "reason.required"
    review.record_review(db, bureau(db, "curator1"), item.id, False, "", POOR, "改为低分")
    assert review.outcome(db, item).recommendation == "reject"
    step(db, item, "reject", comment="节能效果证据不足。")
    assert item.status == "rejected"


def test_scores_outside_0_to_5_and_missing_scores_are_refused(db, supplier, tmp_path):
    item = draft_with_evidence(db, supplier, tmp_path)
    submit(db, item, supplier)
    step(db, item, "start_review")
    with pytest.raises(InvalidFields) as caught:
        review.record_review(db, bureau(db), item.id, False, "", {**GOOD, "effect": "6", "economics": ""}, "")
    assert {(e.field, e.code) for e in caught.value.errors} == {("score_effect", "field.range"),
                                                                 ("score_economics", "text.required")}
    assert item.reviews == []


def test_a_conflicted_reviewer_neither_scores_nor_decides(db, supplier, tmp_path):
    item = draft_with_evidence(db, supplier, tmp_path)
    submit(db, item, supplier)
    step(db, item, "start_review")
    with pytest.raises(InvalidFields):
        review.record_review(db, bureau(db, "bureau_admin"), item.id, True, "", {}, "")  # no note
    review.record_review(db, bureau(db, "bureau_admin"), item.id, True, "曾为该公司提供咨询服务", GOOD, "")
    scored(db, item)
    assert review.outcome(db, item).reviews == 2  # the conflicted review does not count
    with pytest.raises(RuleError) as caught:
        step(db, item, "approve", actor=bureau(db, "bureau_admin"), comment="同意")
    assert caught.value.code == "review.conflict"
    step(db, item, "approve", actor=bureau(db, "curator1"), comment="同意")


def approved_in_notice(db, supplier, tmp_path, started: date, **overrides) -> m.Submission:
    item = draft_with_evidence(db, supplier, tmp_path, **overrides)
    submit(db, item, supplier)
    step(db, item, "start_review")
    scored(db, item)
    step(db, item, "approve", comment="同意")
    step(db, item, "start_notice", today=started)
    return item


def test_objections_during_the_notice(db, supplier, supply_world, tmp_path):
    item = approved_in_notice(db, supplier, tmp_path, TODAY)
    assert item in notice.listed(db) and notice.running(item, TODAY)
    enterprise = actor_of(db, EMAILS["enterprise_admin"])
    with pytest.raises(RuleError):
        notice.file_objection(db, enterprise, item.id, "太短")
    objection = notice.file_objection(db, enterprise, item.id, "案例二的企业并未使用该技术满一年，请核实。")
    assert objection.status == "open" and objection.organisation_id == supply_world["orgs"]["E"]
    later = TODAY + timedelta(days=30)
    assert not notice.ready_for_edition(item, later)  # an open objection holds it
    with pytest.raises(RuleError) as caught:
        step(db, item, "return", comment="异议成立")
    assert caught.value.code == "objection.none_upheld"
    notice.resolve(db, bureau(db), objection.id, "upheld", "经核实，案例二投运不满一年。")
    with pytest.raises(RuleError):
        notice.resolve(db, bureau(db), objection.id, "dismissed", "再次处理")
    step(db, item, "return", comment="异议成立：请更换案例二。")
    assert item.status == "returned" and item not in notice.listed(db)
    with pytest.raises(NotFound):  # no longer publicly listed
        notice.file_objection(db, enterprise, item.id, "撤出公示后的异议应被拒绝。")


def test_no_objection_after_the_notice(db, supplier, tmp_path):
    item = approved_in_notice(db, supplier, tmp_path, TODAY - timedelta(days=30))
    with pytest.raises(RuleError) as caught:
        notice.file_objection(db, actor_of(db, EMAILS["enterprise_admin"]), item.id,
                              "公示期已过，异议不应受理。")
    assert caught.value.code == "notice.closed"
    assert notice.ready_for_edition(item, TODAY)
