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
from catalog.pipeline import anonymity, lead_scoring, lead_stock, leads
from catalog.pipeline.anonymity import Band
from matching.scoring import Candidate, Need

ROOT = Path(__file__).resolve().parents[2]
LINE = "三号熟料线（厂内代号 X-7）"
WHERE = anonymity.Places({"fuling": "main_metro", "yubei": "main_metro"},
                         {"fuling": ("涪陵区", "Fuling District"), "yubei": ("渝北区", "Yubei District"),
                          "main_metro": ("主城都市区", "Chongqing Main Metropolitan Area")})


def need(confidentiality: str, with_line: bool = True) -> m.Need:
    line = m.Facility(name=LINE, product_key="cement_clinker", district_key="fuling") if with_line else None
    return m.Need(id=5, organisation_id=9, title="篦冷机改造", description="本厂位于某某镇，联系人张工。",
                  stage_key="clinker_burning", problem_type="energy_efficiency", target_saving_pct=5.0,
                  target_saving_tce=3000.0, budget_cny=2e7, financing="any_emc",
                  confidentiality=confidentiality, status="open", created_at=datetime(2026, 1, 1),
                  facility=line)


def test_a_public_need_shows_its_enterprise_line_description_district_and_figures():
    shown = leads.lead_need(need("public"), "甲水泥有限公司", "cement", "yubei", WHERE)
    assert (shown.anonymous, shown.enterprise, shown.facility) == (False, "甲水泥有限公司", LINE)
    assert shown.description and (shown.place_key, shown.place_zh) == ("fuling", "涪陵区")
    f = shown.figures
    assert not f.place_is_region and (f.budget_cny, f.target_saving_pct, f.target_saving_tce) == (
        Band(2e7, 2e7), Band(5.0, 5.0), Band(3000.0, 3000.0))


@pytest.mark.parametrize("confidentiality", ["anonymous", "bureau_only"])
def test_an_anonymous_need_shows_only_sector_and_region_level_facts_and_bands(confidentiality):
    shown = leads.lead_need(need(confidentiality), "甲水泥有限公司", "cement", "yubei", WHERE)
    assert shown.anonymous and shown.enterprise is None and shown.facility is None and shown.description == ""
    secrets = ("甲水泥", "X-7", "张工", "fuling", "涪陵", "20000000", "3000.0")
    assert [w for w in secrets if w in repr(shown)] == []
    assert (shown.sector_key, shown.stage_key, shown.place_key, shown.place_zh, shown.product_key) == (
        "cement", "clinker_burning", "main_metro", "主城都市区", "cement_clinker")
    f = shown.figures
    # 2,000 万元 lies in 1,000–5,000 万元; 5 % in 5–10 %; 3,000 tce/a in 2,000–5,000
    assert (f.budget_cny, f.target_saving_pct, f.target_saving_tce) == (
        Band(1e7, 5e7), Band(5.0, 10.0), Band(2000.0, 5000.0))
    assert shown.financing == "any_emc"


def test_without_a_line_the_place_is_the_enterprises_district_or_its_region():
    assert leads.lead_need(need("public", with_line=False), "甲", None, "yubei", WHERE).place_key == "yubei"
    assert leads.lead_need(need("anonymous", with_line=False), "甲", None, "yubei", WHERE).place_key == (
        "main_metro")


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
