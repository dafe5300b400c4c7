"""The plan's what-if (issue 23): the figures equal a direct recomputation —
each open need's top match taken from the matching engine, the lines' unit
energies lowered in the database, and the dashboard's capacity table
(``capacity.by_product``) computed again."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog.accounts import users
from catalog.accounts.audit import Actor
from catalog.console import capacity, plan_baseline, whatif
from catalog.console.filters import Filters
from catalog.enterprise import facilities, needs
from catalog.enterprise.facilities import FacilityInput
from catalog.enterprise.matches import match, need_query
from catalog.enterprise.needs import NeedInput
from catalog.errors import RuleError
from tests.evidence_world import EMAILS, evidence_db  # noqa: F401


@pytest.fixture
def db(evidence_db):  # noqa: F811
    with evidence_db["sessions"]() as session:
        yield session


@pytest.fixture(scope="module")
def needs_world(evidence_db):  # noqa: F811
    """Two more clinker lines near the benchmark (101, 104 kgce/t; benchmark
    100) in another district, with open needs; one line without a need."""
    world = evidence_db["world"]
    with evidence_db["sessions"]() as db:
        ent = Actor.of(users.by_email(db, EMAILS["enterprise"]))
        org = world["orgs"]["enterprise"]
        for name, value, district in (("三号熟料线", "101", "yubei"), ("四号熟料线", "104", "yubei"),
                                      ("五号熟料线", "130", "yubei")):
            line = facilities.create(db, org, FacilityInput(
                name=name, product_key="cement_clinker", annual_output="1000000", capacity="1200000",
                unit_energy=value, coal_price="900", electricity_price="0.6", district_key=district), ent)
            if name != "五号熟料线":
                needs.create(db, org, NeedInput(
                    title="篦冷机节能改造", description="篦冷机热回收效率低，熟料热耗高。",
                    facility_id=line.id, stage_key="clinker_burning"), ent, publish=True)
    return world


def test_whatif_equals_direct_recomputation(db, evidence_db, needs_world):  # noqa: F811
    index = evidence_db["index_dir"]
    flt = Filters()
    found = whatif.compute(db, index, flt)
    before = {p.key: p for p in capacity.by_product(db, flt)}
    # direct: every open need with a line, its top match's typical saving per unit of output
    open_needs = db.scalars(select(m.Need).where(m.Need.status.in_(("open", "in_negotiation")),
                                                 m.Need.facility_id.is_not(None))).unique().all()
    lowered: dict[int, dict[str, float]] = {}
    for need in open_needs:
        top = match(db, index, need_query(need), limit=1).views[0]
        if top.impact and top.impact.status == "ok" and top.impact.mechanism in (
                "indicator_share", "indicator_amount", "enabling"):
            per_t = top.impact.energy_tce.typical * 1000 / need.facility.annual_output
            lowered.setdefault(need.facility_id, {}).setdefault(top.technology.code, per_t)
    assert lowered, "some needs must have a match that lowers their line's unit energy"
    originals = {}
    for line_id, drops in lowered.items():
        line = db.get(m.Facility, line_id)
        originals[line_id] = line.unit_energy
        line.unit_energy -= sum(drops.values())
    db.flush()
    after = {p.key: p for p in capacity.by_product(db, flt)}
    db.rollback()
    for share in found.products:
        assert share.today == pytest.approx(before[share.product_key].benchmark_share)
        assert share.after == pytest.approx(after[share.product_key].benchmark_share)
    clinker = next(s for s in found.products if s.product_key == "cement_clinker")
    assert clinker.after > clinker.today  # lines at 101 and 104 reach the benchmark (100)
    movers = [mv for mv in found.needs if mv.crosses]
    assert movers and movers[0].share_points == pytest.approx(100 * 1_200_000 / clinker.classified)
    # the per-district rows add up to the product's
    rows = [s for s in found.districts if s.product_key == "cement_clinker"]
    assert sum(s.classified for s in rows) == pytest.approx(clinker.classified)
    assert sum(s.benchmark_after for s in rows) == pytest.approx(clinker.benchmark_after)
    # clinker intensity: output-weighted, today and after
    lines = db.scalars(select(m.Facility).where(m.Facility.product_key == "cement_clinker")).all()
    output = sum(ln.annual_output for ln in lines)
    today = sum(ln.unit_energy * ln.annual_output for ln in lines) / output
    assert found.intensity.today == pytest.approx(today)
    after_value = sum((ln.unit_energy - sum(lowered.get(ln.id, {}).values())) * ln.annual_output
                      for ln in lines) / output
    assert found.intensity.after == pytest.approx(after_value)
    assert found.intensity.change_pct == pytest.approx(100 * (after_value - today) / today)


def test_district_filter(db, evidence_db, needs_world):  # noqa: F811
    found = whatif.compute(db, evidence_db["index_dir"], Filters(district="yubei"))
    assert {s.district for s in found.districts} == {"yubei"}
    assert next(s for s in found.products if s.product_key == "cement_clinker").lines == 3


def test_baseline_with_source(db, evidence_db, needs_world):  # noqa: F811
    bureau = Actor.of(users.by_email(db, EMAILS["bureau"]))
    with pytest.raises(RuleError):
        plan_baseline.enter(db, bureau, plan_baseline.BaselineInput("abc", "kgce/t", "2020", None, "", "t"),
                            "kgce/t")
    with pytest.raises(RuleError):  # another unit cannot be compared
        plan_baseline.enter(db, bureau, plan_baseline.BaselineInput(
            "110", "kWh/t", "2020", "-3", "重庆市经信委", "方案"), "kgce/t")
    db.rollback()
    row = plan_baseline.enter(db, bureau, plan_baseline.BaselineInput(
        "110", "kgce/t", "2020", "-3", "重庆市经济和信息化委员会", "建材行业碳达峰实施方案", "2022-11-01"),
        "kgce/t")
    assert row.published_on == date(2022, 11, 1)
    found = whatif.compute(db, evidence_db["index_dir"], Filters(), plan_baseline.latest(db))
    assert found.intensity.baseline.id == row.id
    assert found.intensity.after_vs_baseline_pct == pytest.approx(100 * (found.intensity.after - 110) / 110)
