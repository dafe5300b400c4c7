"""Leads for suppliers on a real database and index: which needs appear,
in which order, what an anonymous need reveals, and follow / dismiss."""
from __future__ import annotations

import pytest

from catalog.errors import NotFound, RuleError
from catalog.pipeline import leads
from catalog.pipeline.lead_scoring import MIN_SCORE, score_supplier


@pytest.fixture
def db(supply_db):
    with supply_db["sessions"]() as session:
        yield session


@pytest.fixture
def supplier(lead_world):
    return lead_world["orgs"]["LS"]


@pytest.fixture
def found(db, supply_db, lead_world):
    """The supplier's leads among this world's needs (other tests add needs to the same database)."""
    ours = set(lead_world["needs"].values())

    def run(org_id, **kwargs):
        return [lead for lead in leads.leads_for(db, org_id, **kwargs) if lead.need.id in ours]
    return run


def test_a_cement_need_with_a_grate_cooler_target_ranks_first(db, found, supplier, lead_world, supply_db):
    rows = found(supplier)
    ids = [lead.need.id for lead in rows]
    assert ids[0] == lead_world["needs"]["grate"]
    assert {lead_world["needs"]["anonymous"], lead_world["needs"]["grinding"]} <= set(ids[1:])
    first = rows[0]
    assert first.technology.code == "CE-01"
    assert first.score >= MIN_SCORE and first.score > max(lead.score for lead in rows[1:])
    assert first.reasons_zh and first.reasons_en
    assert any("熟料烧成" in reason for reason in first.reasons_zh)
    assert [p.id for p in first.products] == [lead_world["product"]]
    assert [o.id for o in first.offers] == [lead_world["offer"]]
    assert first.need.enterprise == "LE 公开需求水泥有限公司" and first.need.facility == "LE 二号熟料线"
    scored = next(x for x in score_supplier(db, supply_db["index_dir"], supplier)
                  if x.need.id == first.need.id)
    assert scored.impact is not None and scored.impact.energy_tce
    assert (scored.score, scored.match.reasons_zh) == (first.score, first.reasons_zh)
    assert ids == sorted(ids, key=lambda i: -next(lead.score for lead in rows if lead.need.id == i))


def test_bureau_only_closed_other_sector_and_own_needs_never_appear(db, found, supplier, lead_world):
    ids = {lead.need.id for lead in found(supplier, include_dismissed=True)}
    assert lead_world["needs"]["anonymous"] in ids
    for key in ("bureau_only", "closed", "glass", "own"):
        assert lead_world["needs"][key] not in ids, key


def test_an_anonymous_need_shows_no_enterprise_line_or_description(db, found, supplier, lead_world):
    lead = next(lead for lead in found(supplier)
                if lead.need.id == lead_world["needs"]["anonymous"])
    need = lead.need
    assert need.anonymous and need.enterprise is None and need.facility is None and need.description == ""
    assert (need.sector_key, need.stage_key, need.place_key, need.place_zh) == (
        "cement", None, "main_metro", "主城都市区")
    f = need.figures
    assert (f.target_saving_pct.low, f.target_saving_pct.high, f.budget_cny.low, f.budget_cny.high) == (
        5, 10, 1e7, 5e7) and need.financing == "any_emc"
    assert not any("tce" in r or "t CO₂" in r for r in lead.reasons_zh + lead.reasons_en)
    shown = repr(lead.need) + " ".join(lead.reasons_zh + lead.reasons_en)
    assert "隐名" not in shown and "秘密" not in shown


def test_a_supplier_without_published_listings_has_no_leads(db, found, supply_world):
    assert found(supply_world["orgs"]["P"]) == []


def test_dismissed_leads_are_hidden_unless_asked_and_followed_come_first(db, found, supplier,
                                                                        lead_world):
    anonymous = lead_world["needs"]["anonymous"]
    try:
        leads.mark(db, supplier, anonymous, "dismissed")
        assert anonymous not in {lead.need.id for lead in found(supplier)}
        shown = {lead.need.id: lead.mark for lead in found(supplier, include_dismissed=True)}
        assert shown[anonymous] == "dismissed"
        leads.mark(db, supplier, anonymous, "followed")
        rows = found(supplier)
        assert (rows[0].need.id, rows[0].mark) == (anonymous, "followed")
    finally:
        leads.mark(db, supplier, anonymous, None)
    assert found(supplier)[0].need.id == lead_world["needs"]["grate"]


def test_marks_are_checked(db, supplier, lead_world):
    with pytest.raises(RuleError):
        leads.mark(db, supplier, lead_world["needs"]["grate"], "loved")
    for key in ("bureau_only", "closed", "own"):
        with pytest.raises(NotFound):
            leads.mark(db, supplier, lead_world["needs"][key], "followed")
    with pytest.raises(NotFound):
        leads.mark(db, supplier, 2**31 - 1, "followed")
