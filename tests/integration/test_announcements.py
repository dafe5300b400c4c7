"""Announcements against a real database: validation, the publish/cancel
steps, upcoming vs archive, registering once per organisation while open,
capacity, withdrawing, and the CSV of registrations."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog.accounts.audit import Actor
from catalog.accounts.checks import InvalidFields
from catalog.console import announcements as ann
from catalog.errors import NotFound, RuleError

BUREAU = Actor(label="bureau-test")


def beijing(moment: datetime) -> str:
    return (moment + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M")


SOON = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=10)
EVENT = ann.AnnouncementInput(kind="event", title_zh="水泥行业低碳技术对接会", title_en="Cement matchmaking",
                              body_zh="议程：技术推介与洽谈。", starts_at=beijing(SOON),
                              ends_at=beijing(SOON + timedelta(hours=3)), place="渝北区会议中心",
                              capacity="5", sectors=("cement",), technologies="CE-01, ce-02")


@pytest.fixture
def db(console_db):
    with console_db["sessions"]() as session:
        yield session


def user(db, world, key) -> m.User:
    return db.get(m.User, world["users"][key])


def published(db, data=EVENT) -> m.Announcement:
    item = ann.create(db, BUREAU, data)
    return ann.publish(db, BUREAU, item.id)


def test_fields_are_checked_together(db):
    bad = replace(EVENT, title_zh="", starts_at="next week", capacity="0", technologies="XX-99",
                  sectors=("nope",))
    with pytest.raises(InvalidFields) as caught:
        ann.create(db, BUREAU, bad)
    assert {(e.code, e.field) for e in caught.value.errors} == {
        ("text.required", "title_zh"), ("field.datetime", "starts_at"), ("field.range", "capacity"),
        ("technologies.invalid", "technologies"), ("sectors.invalid", "sectors")}
    with pytest.raises(InvalidFields) as caught:
        ann.create(db, BUREAU, replace(EVENT, ends_at=beijing(SOON - timedelta(days=1)),
                                       registration_deadline=beijing(SOON + timedelta(days=1))))
    assert {e.code for e in caught.value.errors} == {"ends.before_start", "deadline.after_start"}


def test_an_event_is_drafted_published_and_stored_in_utc(db):
    item = ann.create(db, BUREAU, EVENT)
    assert item.status == "draft" and [t.code for t in item.technologies] == ["CE-01", "CE-02"]
    assert m.as_utc(item.starts_at) == SOON
    assert item.id not in [a.id for a in ann.upcoming(db)]
    ann.publish(db, BUREAU, item.id)
    assert item.id in [a.id for a in ann.upcoming(db)]
    soonest = ann.upcoming(db, limit=3)
    starts = [m.as_utc(a.starts_at) for a in soonest]
    assert len(soonest) <= 3 and starts == sorted(starts)
    with pytest.raises(RuleError):
        ann.publish(db, BUREAU, item.id)
    actions = db.scalars(select(m.AuditEvent.action).where(m.AuditEvent.object_type == "announcement",
                                                           m.AuditEvent.object_id == str(item.id))
                         .order_by(m.AuditEvent.id))
    assert list(actions) == ["announcement.created", "announcement.published"]


def test_past_and_cancelled_ones_go_to_the_archive(db):
    past = published(db, replace(EVENT, starts_at=beijing(SOON - timedelta(days=40)), ends_at=""))
    cancelled = ann.cancel(db, BUREAU, published(db).id)
    listing = ann.listing(db)
    upcoming = [a.id for a in listing.upcoming]
    archive = [a.id for a in listing.archive]
    assert past.id in archive and cancelled.id in archive and past.id not in upcoming
    assert ann.get_public(db, cancelled.id).status == "cancelled"
    draft = ann.create(db, BUREAU, EVENT)
    with pytest.raises(NotFound):
        ann.get_public(db, draft.id)


def test_registration_once_per_organisation_with_capacity_and_withdrawal(db, console_world):
    item = published(db)
    enterprise, supplier = user(db, console_world, "enterprise"), user(db, console_world, "supplier")
    ann.register(db, BUREAU, enterprise, item.id, "3", "两人参会")
    with pytest.raises(RuleError) as caught:
        ann.register(db, BUREAU, enterprise, item.id, "1", "")
    assert caught.value.code == "registration.taken"
    with pytest.raises(RuleError) as caught:
        ann.register(db, BUREAU, supplier, item.id, "3", "")
    assert caught.value.code == "registration.seats"
    ann.register(db, BUREAU, supplier, item.id, "2", "")
    assert ann.registration_state(item) == "full"
    ann.withdraw(db, BUREAU, supplier, item.id)
    assert ann.registration_state(item) == "open" and ann.seats_taken(item) == 3
    csv_text = ann.registrations_csv(db, item.id)
    assert csv_text.startswith("\ufeff单位名称,统一社会信用代码") and "两人参会" in csv_text


def test_registration_closes_after_the_deadline_and_not_for_the_bureau(db, console_world):
    item = published(db, replace(EVENT, registration_deadline=beijing(SOON - timedelta(days=5))))
    later = SOON - timedelta(days=4)
    with pytest.raises(RuleError) as caught:
        ann.register(db, BUREAU, user(db, console_world, "enterprise"), item.id, "1", "", now=later)
    assert caught.value.code == "registration.closed"
    with pytest.raises(RuleError) as caught:
        ann.register(db, BUREAU, user(db, console_world, "bureau"), item.id, "1", "")
    assert caught.value.code == "registration.party"
