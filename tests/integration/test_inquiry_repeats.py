"""One open inquiry per need and listing (issue 20, defect 7) on a real
database: a second one is refused with the first one's id, also when two
requests (a double-click) arrive at the same moment; a finished inquiry
does not block a new one."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.accounts.audit import Actor
from catalog.demo import world
from catalog.errors import RuleError
from catalog.pipeline import inquiries
from catalog.pipeline.inquiries import InquiryInput, Limits
from tests.conftest import seed_database

OPEN = Limits(daily=10_000, daily_unverified=10_000, hourly_messages=10_000)


@pytest.fixture(scope="module")
def demo_db(make_database, tmp_path_factory):
    built = seed_database(make_database(), tmp_path_factory.mktemp("repeats") / "search-index")
    with built["sessions"]() as session:
        world.build(session)
    yield built
    built["engine"].dispose()


def ask(session, email: str, product: str) -> int:
    user = session.scalars(select(m.User).where(m.User.email == email)).one()
    product_id = session.scalar(select(m.Product.id).where(m.Product.name_zh == product))
    return inquiries.create(session, user.organisation_id, InquiryInput(
        subject="同一产品的咨询", body="请介绍方案。", product_id=str(product_id)), Actor.of(user), OPEN).id


def count(session, email: str, subject: str) -> int:
    org = session.scalar(select(m.User.organisation_id).where(m.User.email == email))
    return session.scalar(select(func.count()).select_from(m.Inquiry).where(
        m.Inquiry.enterprise_id == org, m.Inquiry.subject == subject))


def test_a_second_one_is_refused_with_the_first_ones_id_until_it_is_finished(demo_db):
    with demo_db["sessions"]() as session:
        first = ask(session, "glass@demo.example", "高效永磁电机与变频调速改造")
        with pytest.raises(RuleError) as refused:
            ask(session, "glass@demo.example", "高效永磁电机与变频调速改造")
        assert refused.value.code == "inquiry.duplicate" and refused.value.params["inquiry_id"] == first
        session.get(m.Inquiry, first).status = "lost"
        session.commit()
        assert ask(session, "glass@demo.example", "高效永磁电机与变频调速改造") != first


def test_two_requests_at_the_same_moment_make_one_inquiry(demo_db):
    barrier, outcomes = threading.Barrier(2), []

    def send():
        with demo_db["sessions"]() as session:
            session.scalar(select(m.User.id))  # connected before the race starts
            barrier.wait()
            try:
                outcomes.append(ask(session, "steel@demo.example", "第四代步进式篦冷机改造成套方案"))
            except RuleError as exc:
                outcomes.append(exc.code)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made, refused = sorted(outcomes, key=str)
    assert isinstance(made, int) and refused == "inquiry.duplicate"
    with demo_db["sessions"]() as session:
        assert count(session, "steel@demo.example", "同一产品的咨询") == 1
