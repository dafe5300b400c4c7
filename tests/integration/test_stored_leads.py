"""Stored leads (issue 15) on a real database and index: a need posted or
edited through the service gets its rows at once, the same rows the scan
stores; closing or withdrawing it deletes them with the status change;
reading re-checks the supplier's listings; the order and paging are SQL's."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog.enterprise import needs
from catalog.enterprise.needs import NeedInput
from catalog.pipeline import lead_scoring, lead_store, leads
from catalog.search.tasks import INDEX_DIR_KEY
from catalog.supply import products
from tests.inquiry_world import LEAD_EMAILS
from tests.supply_world import actor_of

GRATE = dict(stage_key="clinker_burning", target_saving_pct="5", budget_cny="20000000", financing="any_emc")
TEXT = "篦冷机热回收效率低，二次风温偏低，熟料热耗偏高。"


@pytest.fixture
def db(supply_db):
    with supply_db["sessions"]() as session:
        session.info[INDEX_DIR_KEY] = str(supply_db["index_dir"])  # as the web layer does
        yield session


@pytest.fixture
def post(db, lead_world):
    """Post needs of enterprise LE; each is withdrawn again after the test."""
    made = []

    def make(title: str, **values) -> m.Need:
        need = needs.create(db, lead_world["orgs"]["LE"], NeedInput(title=title, description=TEXT,
                                                                    **(GRATE | values)),
                            actor_of(db, LEAD_EMAILS["lead_enterprise"]), publish=True)
        made.append(need.id)
        return need
    yield make
    for need_id in made:
        if db.get(m.Need, need_id).status in ("open", "in_negotiation"):
            needs.move(db, lead_world["orgs"]["LE"], need_id, "withdrawn",
                       actor_of(db, LEAD_EMAILS["lead_enterprise"]))


def stored(db, need_id: int) -> dict[int, tuple]:
    db.expire_all()
    return {row.organisation_id: (row.technology_id, round(row.score, 6), tuple(row.reasons_zh))
            for row in db.scalars(select(m.StoredLead).where(m.StoredLead.need_id == need_id))}


def test_a_posted_need_is_a_lead_at_once_and_the_scan_stores_the_same(db, post, lead_world, supply_db):
    supplier = lead_world["orgs"]["LS"]
    need = post("四号线篦冷机升级")
    rows = stored(db, need.id)
    assert supplier in rows
    assert need.id in {lead.need.id for lead in leads.leads_for(db, supplier)}
    # what the scan computes for the supplier is what the need's own save stored
    again = {x.need.id: x for x in lead_scoring.score_supplier(db, supply_db["index_dir"], supplier)}
    assert rows[supplier] == (again[need.id].technology.id, round(again[need.id].score, 6),
                              again[need.id].match.reasons_zh)


def test_every_open_need_scores_the_same_from_either_side(db, lead_world, supply_db):
    """``score_need`` (one need, every supplier) and ``score_supplier`` (one
    supplier, every need) apply the same plausibility rule and scoring."""
    index = supply_db["index_dir"]
    suppliers = set(db.scalars(select(m.Organisation.id).where(m.Organisation.kind == "supplier")))
    by_supplier = {(x.supplier_id, x.need.id, x.technology.id, round(x.score, 6))
                   for org in suppliers for x in lead_scoring.score_supplier(db, index, org)}
    open_needs = db.scalars(select(m.Need.id).where(m.Need.status.in_(lead_scoring.OPEN_NEEDS)))
    by_need = {(x.supplier_id, x.need.id, x.technology.id, round(x.score, 6))
               for need_id in open_needs for x in lead_scoring.score_need(db, index, need_id)}
    assert by_need == by_supplier and len(by_need) >= 3


@pytest.mark.parametrize("status", ["closed", "withdrawn"])
def test_a_closed_or_withdrawn_need_leaves_the_leads_with_its_status_change(db, post, lead_world, status):
    supplier, owner = lead_world["orgs"]["LS"], lead_world["orgs"]["LE"]
    need = post(f"篦冷机改造（将{status}）")
    assert stored(db, need.id)
    actor = actor_of(db, LEAD_EMAILS["lead_enterprise"])
    if status == "closed":
        needs.move(db, owner, need.id, "in_negotiation", actor)
        needs.move(db, owner, need.id, "contracted", actor)
        assert stored(db, need.id) == {}  # contracted is not open either
        needs.move(db, owner, need.id, "closed", actor)
    else:
        needs.move(db, owner, need.id, status, actor)
    assert stored(db, need.id) == {}
    assert need.id not in {lead.need.id for lead in leads.leads_for(db, supplier, include_dismissed=True)}


def test_an_edit_to_bureau_only_removes_the_rows_and_back_to_public_restores_them(db, post, lead_world):
    owner, actor = lead_world["orgs"]["LE"], actor_of(db, LEAD_EMAILS["lead_enterprise"])
    need = post("篦冷机改造（保密性调整）")
    values = dict(title=need.title, description=TEXT, **GRATE)
    needs.update(db, owner, need.id, NeedInput(confidentiality="bureau_only", **values), actor)
    assert stored(db, need.id) == {}
    needs.update(db, owner, need.id, NeedInput(confidentiality="public", **values), actor)
    assert lead_world["orgs"]["LS"] in stored(db, need.id)


def test_a_withdrawn_listing_hides_its_leads_before_the_next_scan(db, lead_world):
    supplier = lead_world["orgs"]["LS"]
    actor = actor_of(db, LEAD_EMAILS["lead_supplier"])
    ours = set(lead_world["needs"].values())
    assert {lead.need.id for lead in leads.leads_for(db, supplier)} & ours
    products.withdraw(db, actor, supplier, lead_world["product"])
    from catalog.supply import offers
    offers.withdraw(db, actor, supplier, lead_world["offer"])
    try:
        assert {lead.need.id for lead in leads.leads_for(db, supplier)} & ours == set()
        assert db.scalar(select(m.StoredLead.need_id).where(m.StoredLead.organisation_id == supplier)
                         .limit(1)) is not None  # the rows wait for the scan
    finally:
        products.publish(db, actor, supplier, lead_world["product"])
        offers.publish(db, actor, supplier, lead_world["offer"])
    assert {lead.need.id for lead in leads.leads_for(db, supplier)} & ours


def test_order_and_pages_come_from_sql(db, post, lead_world):
    supplier = lead_world["orgs"]["LS"]
    post("篦冷机改造（分页一）")
    post("篦冷机改造（分页二）")
    everything = leads.leads_for(db, supplier)
    scores = [lead.score for lead in everything]
    assert scores == sorted(scores, reverse=True) and len(everything) >= 4
    for a, b in zip(everything, everything[1:], strict=False):
        assert a.score > b.score or a.need.id > b.need.id  # newest first among equals
    first, total = leads.leads_page(db, supplier, page=1, per_page=2)
    second, _ = leads.leads_page(db, supplier, page=2, per_page=2)
    assert total == len(everything)
    assert [x.need.id for x in first + second] == [x.need.id for x in everything[:4]]
    last = everything[-1].need.id
    leads.mark(db, supplier, last, "followed")
    try:
        assert leads.leads_for(db, supplier)[0].need.id == last
    finally:
        leads.mark(db, supplier, last, None)


def test_refresh_all_replaces_what_is_stored(db, lead_world, supply_db):
    supplier = lead_world["orgs"]["LS"]
    stale = lead_world["needs"]["bureau_only"]  # never a lead: a row for it must go
    db.add(m.StoredLead(organisation_id=supplier, need_id=stale, technology_id=db.scalar(
        select(m.Technology.id).where(m.Technology.code == "CE-01")), score=0.99))
    db.commit()
    assert stale not in {lead.need.id for lead in leads.leads_for(db, supplier)}  # invisible needs never show
    lead_store.refresh_all(db, supply_db["index_dir"])
    assert stored(db, stale) == {}


def test_the_scan_stores_needs_saved_outside_the_web_and_rescores_only_stale_suppliers(
        db, lead_world, supply_db):
    from datetime import UTC, datetime, timedelta

    from catalog.alerts import scan

    supplier, index = lead_world["orgs"]["LS"], supply_db["index_dir"]
    with supply_db["sessions"]() as plain:  # no index known: the save cannot score
        data = NeedInput(title="篦冷机改造（命令行导入）", description=TEXT, **GRATE)
        owner = actor_of(plain, LEAD_EMAILS["lead_enterprise"])
        need = needs.create(plain, lead_world["orgs"]["LE"], data, owner, publish=True)
    try:
        assert stored(db, need.id) == {} and need.id in lead_store.pending_needs(db, datetime.now(UTC))
        assert scan.run(db, index, datetime.now(UTC)).failures == 0
        assert supplier in stored(db, need.id)
        assert need.id not in lead_store.pending_needs(db, datetime.now(UTC))
        now = datetime.now(UTC)
        assert not lead_store.stale(db, supplier, now)
        assert lead_store.stale(db, supplier, now + lead_store.MAX_AGE + timedelta(minutes=1))
        actor = actor_of(db, LEAD_EMAILS["lead_supplier"])
        products.withdraw(db, actor, supplier, lead_world["product"])
        products.publish(db, actor, supplier, lead_world["product"])
        assert lead_store.stale(db, supplier, datetime.now(UTC))
        assert lead_store.refresh_if_stale(db, index, supplier, datetime.now(UTC))
        db.commit()
        assert not lead_store.stale(db, supplier, datetime.now(UTC))
    finally:
        owner = actor_of(db, LEAD_EMAILS["lead_enterprise"])
        needs.move(db, lead_world["orgs"]["LE"], need.id, "withdrawn", owner)
