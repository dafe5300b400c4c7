"""The alert scan through the real services, on the supply database and its
index: a saved search's first scan is silent; a product, an offer or a
catalogue entry published afterwards (the index task applies on commit)
makes exactly one notification, and the next scan none; open needs hear of
new matching technologies, suppliers of new fitting needs — an anonymous
need without its enterprise's name; a failing subject does not stop the rest."""
from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.alerts import saved, scan
from catalog.alerts.seen import FIRST_RUN, seen_keys
from catalog.curation import editions
from catalog.enterprise import needs
from catalog.enterprise.needs import NeedInput
from catalog.search.tasks import INDEX_DIR_KEY
from catalog.supply import offers, products
from tests.inquiry_world import ANON_NAME, LEAD_EMAILS
from tests.integration.test_curation_editions import ready
from tests.supply_world import EMAILS, actor_of, offer_input, product_input


@pytest.fixture
def db(supply_db, supply_world):
    with supply_db["sessions"]() as session:
        session.info[INDEX_DIR_KEY] = str(supply_db["index_dir"])  # index tasks apply on commit
        yield session


@pytest.fixture
def run_scan(db, supply_db):
    def run() -> scan.ScanReport:
        report = scan.run(db, supply_db["index_dir"], datetime.now(UTC))
        assert report.failures == 0
        return report
    return run


def last_id(db) -> int:
    return db.scalar(select(func.max(m.Notification.id))) or 0


def made_since(db, since: int, kind: str, **where) -> list[m.Notification]:
    stmt = select(m.Notification).where(m.Notification.id > since, m.Notification.kind == kind)
    for name, value in where.items():
        stmt = stmt.where(getattr(m.Notification, name) == value)
    return list(db.scalars(stmt.order_by(m.Notification.id)))


def user_id(supply_world, key: str) -> int:
    return supply_world["users"][key]["id"]


def test_new_products_and_offers_reach_saved_searches_once(db, run_scan, supply_world):
    me = user_id(supply_world, "curator2")  # no other test saves searches for this user
    v, org = actor_of(db, EMAILS["supplier_admin"]), supply_world["orgs"]["V"]
    older = products.create(db, v, org, product_input(name_zh="告警测试旧款篦冷机"))
    products.publish(db, v, org, older.id)  # there before the search is saved: never announced
    for_products = saved.save(db, me, "search", {"q": "篦冷机", "type": "product"}, "篦冷机产品")
    for_offers = saved.save(db, me, "search", {"q": "篦冷机", "type": "offer"})
    muted = saved.save(db, me, "search", {"q": "篦冷机", "type": "product"}, "静音")
    saved.set_alert(db, me, muted.id, False)
    since = last_id(db)
    report = run_scan()
    assert report.first_runs["saved_search"] >= 2
    assert made_since(db, since, "saved_search", user_id=me) == []
    assert f"product:P-{older.id}" in seen_keys(db, "saved_search", for_products.id)
    assert for_offers.last_checked_at is not None and muted.last_checked_at is None

    product = products.create(db, v, org, product_input(name_zh="告警测试第五代篦冷机"))
    products.publish(db, v, org, product.id)
    offer = offers.create(db, v, org, offer_input(title="告警测试篦冷机节能量保证"))
    offers.publish(db, v, org, offer.id)
    report = run_scan()
    made = made_since(db, since, "saved_search", user_id=me)
    assert [(n.params["name"], n.params["count"], n.params["first"]) for n in made] == [
        ("篦冷机产品", 1, "告警测试第五代篦冷机"), ("篦冷机", 1, "告警测试篦冷机节能量保证")]
    assert [n.link for n in made] == ["/search?q=%E7%AF%A6%E5%86%B7%E6%9C%BA&type=product",
                                      "/search?q=%E7%AF%A6%E5%86%B7%E6%9C%BA&type=offer"]
    assert report.notified["saved_search"] >= 2

    since = last_id(db)
    run_scan()
    assert made_since(db, since, "saved_search", user_id=me) == []


def test_a_new_catalogue_entry_reaches_saved_searches_and_needs(db, run_scan, supply_world, tmp_path):
    me = user_id(supply_world, "curator2")  # no other test saves searches for this user
    watch = saved.save(db, me, "catalogue", {"q": "富氧燃烧", "sector": "cement"})
    need = needs.create(db, supply_world["orgs"]["E"], NeedInput(
        title="水泥窑富氧燃烧改造", stage_key="clinker_burning",
        description="回转窑燃烧不充分，熟料标准煤耗偏高，希望采用富氧燃烧和智能燃烧控制。"),
        actor_of(db, EMAILS["enterprise_admin"]), publish=True)
    since = last_id(db)
    run_scan()
    assert FIRST_RUN in seen_keys(db, "need", need.id)
    assert made_since(db, since, "need_matches", link=f"/enterprise/needs/{need.id}") == []

    fresh = ready(db, supply_world, tmp_path, name_zh="水泥窑富氧燃烧智能调控技术",
                  keywords_zh="富氧燃烧，智能燃烧")
    bureau = actor_of(db, EMAILS["bureau_admin"])
    editions.create(db, bureau, "2031-01", "告警测试版本（2031年第一批）")
    editions.assign(db, bureau, "2031-01", fresh.id, True)
    editions.publish(db, bureau, "2031-01")
    db.refresh(fresh)
    code = fresh.technology.code

    run_scan()
    found = made_since(db, since, "saved_search", user_id=me)
    assert [(n.params["count"], n.params["first"], n.link) for n in found] == [
        (1, "水泥窑富氧燃烧智能调控技术", saved.url_of(watch))]
    told = made_since(db, since, "need_matches", link=f"/enterprise/needs/{need.id}")
    members = {u.id for u in db.scalars(select(m.User).where(
        m.User.organisation_id == supply_world["orgs"]["E"], m.User.active.is_(True)))}
    assert {n.user_id for n in told} == members
    assert told[0].params["need"] == "水泥窑富氧燃烧改造" and told[0].params["count"] >= 1
    assert code in seen_keys(db, "need", need.id)

    since = last_id(db)
    run_scan()
    assert made_since(db, since, "need_matches", link=f"/enterprise/needs/{need.id}") == []
    assert made_since(db, since, "saved_search", user_id=me) == []


def test_suppliers_hear_of_new_fitting_needs_without_anonymous_names(db, run_scan, supply_world,
                                                                     lead_world):
    supplier = lead_world["orgs"]["LS"]
    run_scan()  # the baseline: what other tests posted before is told now, if ever, not below
    assert FIRST_RUN in seen_keys(db, "supplier", supplier)
    since = last_id(db)
    ls_user = db.scalars(select(m.User.id).where(m.User.email == LEAD_EMAILS["lead_supplier"])).one()

    grate = dict(stage_key="clinker_burning", target_saving_pct="5", budget_cny="20000000",
                 financing="any_emc")
    public = needs.create(db, lead_world["orgs"]["LE"], NeedInput(
        title="三号线篦冷机升级", description="篦冷机热回收效率低，二次风温偏低，熟料热耗偏高。", **grate),
        actor_of(db, LEAD_EMAILS["lead_enterprise"]), publish=True)
    run_scan()
    told = made_since(db, since, "leads", user_id=ls_user)
    assert [(n.params["count"], n.params["first"], n.link) for n in told] == [
        (1, "三号线篦冷机升级", "/supplier/leads")]
    assert str(public.id) in seen_keys(db, "supplier", supplier)

    since = last_id(db)
    hidden = needs.create(db, lead_world["orgs"]["LA"], NeedInput(
        title="篦冷机余热回收改造", confidentiality="anonymous",
        description=f"{ANON_NAME}熟料线篦冷机热回收效率低，熟料烧成热耗偏高。", **grate),
        actor_of(db, LEAD_EMAILS["anon_enterprise"]), publish=True)
    run_scan()
    told = made_since(db, since, "leads")
    assert [(n.user_id, n.params["first"]) for n in told if n.user_id == ls_user] == [
        (ls_user, "篦冷机余热回收改造")]
    for notice in told:
        assert ANON_NAME not in repr(notice.params) + notice.link
    assert str(hidden.id) in seen_keys(db, "supplier", supplier)

    since = last_id(db)
    run_scan()
    assert made_since(db, since, "leads", user_id=ls_user) == []


class Remember(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_failing_subject_is_logged_and_the_others_go_on(db, supply_db, supply_world):
    me = user_id(supply_world, "curator2")  # no other test saves searches for this user
    broken = saved.save(db, me, "search", {"q": "余热发电"})
    fine = saved.save(db, me, "search", {"q": "余热发电", "type": "product"})
    broken.params = {"q": "余热发电", "sector": "no_such_sector"}  # the taxonomy changed since
    db.commit()
    log, handler = logging.getLogger("catalog.alerts.scan"), Remember()
    log.addHandler(handler)
    try:
        report = scan.run(db, supply_db["index_dir"], datetime.now(UTC))
    finally:
        log.removeHandler(handler)
    assert report.failures == 1
    assert handler.messages == [f"alert scan: saved_search {broken.id} failed"]
    db.refresh(fine)
    assert fine.last_checked_at is not None and broken.last_checked_at is None
    saved.delete(db, me, broken.id)
    assert seen_keys(db, "saved_search", broken.id) == set()
