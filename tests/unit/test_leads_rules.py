"""Leads' pure rules, without a database: what a supplier may see of a need,
which technologies a need's match page would consider, which needs are
plausible for a technology, and the cross-cutting table against the taxonomy.
(The order of leads is SQL's: tests/integration/test_stored_leads.py.)"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml

from catalog import models as m
from catalog.pipeline import lead_scoring, lead_stock, leads
from matching.scoring import Candidate, Need

ROOT = Path(__file__).resolve().parents[2]
LINE = "三号熟料线（厂内代号 X-7）"


def need(confidentiality: str, with_line: bool = True) -> m.Need:
    line = m.Facility(name=LINE, product_key="cement_clinker", district_key="fuling") if with_line else None
    return m.Need(id=5, organisation_id=9, title="篦冷机改造", description="本厂位于某某镇，联系人张工。",
                  stage_key="clinker_burning", problem_type="energy_efficiency", target_saving_pct=5.0,
                  target_saving_tce=3000.0, budget_cny=2e7, financing="any_emc",
                  confidentiality=confidentiality, status="open", created_at=datetime(2026, 1, 1),
                  facility=line)


def test_a_public_need_shows_its_enterprise_line_and_description():
    shown = leads.lead_need(need("public"), "甲水泥有限公司", "cement", "yubei")
    assert (shown.anonymous, shown.enterprise, shown.facility) == (False, "甲水泥有限公司", LINE)
    assert shown.description and shown.district_key == "fuling"


@pytest.mark.parametrize("confidentiality", ["anonymous", "bureau_only"])
def test_an_anonymous_need_shows_only_sector_and_district_level_facts(confidentiality):
    shown = leads.lead_need(need(confidentiality), "甲水泥有限公司", "cement", "yubei")
    assert shown.anonymous and shown.enterprise is None and shown.facility is None and shown.description == ""
    assert "甲水泥" not in repr(shown) and "X-7" not in repr(shown) and "张工" not in repr(shown)
    assert (shown.sector_key, shown.stage_key, shown.district_key, shown.product_key) == (
        "cement", "clinker_burning", "fuling", "cement_clinker")
    assert (shown.target_saving_pct, shown.budget_cny, shown.financing) == (5.0, 2e7, "any_emc")


def test_without_a_line_the_district_is_the_enterprises():
    assert leads.lead_need(need("anonymous", with_line=False), "甲", None, "yubei").district_key == "yubei"


def cand(code: str, stage: str, applicable: tuple[str, ...] = (), text: float = 0.0) -> Candidate:
    return Candidate(code, "", "", "cement", stage, 9, applicable, text)


def test_a_technology_is_considered_as_the_match_page_would():
    want = Need(sector="cement", stage="clinker_burning", product="cement_clinker")
    assert lead_stock.in_pool(want, cand("A", "clinker_burning"))
    assert lead_stock.in_pool(want, cand("B", "cement_grinding", ("cement_clinker",)))
    assert lead_stock.in_pool(want, cand("C", "cement_grinding", text=0.2))
    assert not lead_stock.in_pool(want, cand("D", "cement_grinding", ("flat_glass",)))
    assert not lead_stock.in_pool(Need(sector="cement"), cand("E", "cement_grinding"))


def test_cross_cutting_problems_name_real_stages_and_problem_types():
    taxonomy = yaml.safe_load((ROOT / "data/taxonomy.yaml").read_text("utf-8"))
    cross = {s["key"] for s in taxonomy["stages"] if s["sector"] == "cross_cutting"}
    assert set(lead_scoring.CROSS_CUTTING_PROBLEMS) == cross
    assert {p for ps in lead_scoring.CROSS_CUTTING_PROBLEMS.values() for p in ps} <= set(m.PROBLEM_TYPES)


def facts(stage=None, problem="energy_efficiency", family=None, line_sector=None, org_sectors=()):
    return lead_scoring.NeedFacts(stage, problem, family, line_sector, frozenset(org_sectors))


def test_a_need_is_plausible_by_stage_product_sector_or_cross_cutting_problem():
    plausible = lead_scoring.plausible
    assert plausible(facts("clinker_burning"), "clinker_burning", "cement", ())
    assert plausible(facts("cement_grinding", family="cement_clinker"), "clinker_burning", "cement",
                     ("cement_clinker",))
    assert not plausible(facts("cement_grinding", family="flat_glass"), "clinker_burning", "cement",
                         ("cement_clinker",))
    # without a stage: the line's sector, else (no line) the enterprise's sectors
    assert plausible(facts(line_sector="cement"), "clinker_burning", "cement", ())
    assert not plausible(facts(line_sector="glass", org_sectors=("cement",)), "clinker_burning", "cement", ())
    assert plausible(facts(org_sectors=("cement",)), "clinker_burning", "cement", ())
    assert not plausible(facts("glass_melting", org_sectors=("cement",)), "clinker_burning", "cement", ())
    # a cross-cutting entry answers its problem types in any sector
    assert plausible(facts("glass_melting", problem="waste_heat"), "waste_heat", "cross_cutting", ())
    assert not plausible(facts(problem="digital", org_sectors=("cement",)), "waste_heat", "cross_cutting", ())
