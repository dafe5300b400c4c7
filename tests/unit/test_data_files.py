"""The product's own data files in data/: complete, consistent, sourced."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from catalog.search import userdict
from catalog.seed_catalogue import is_plan_named, load_texts

DATA = Path(__file__).resolve().parents[2] / "data"


def load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def technologies():
    return load("catalogue/technologies.yaml")


@pytest.fixture(scope="module")
def taxonomy():
    return load("taxonomy.yaml")


def test_seventy_five_entries_with_stable_codes(technologies):
    codes = [t["code"] for t in technologies]
    assert len(codes) == 75 == len(set(codes))
    assert all(re.fullmatch(r"(ST|NF|CE|GL|CM|WM|GN)-\d{2}", c) for c in codes)


def test_every_entry_has_portal_texts_in_both_languages(technologies):
    texts = load_texts(DATA / "catalogue" / "texts")
    assert set(texts) == {t["code"] for t in technologies}
    for code, t in texts.items():
        assert re.search(r"[\u4e00-\u9fff]", t["summary_zh"]), code
        assert len(t["description_zh"]) > 200 and len(t["description_en"].split()) > 100, code
        assert not re.search(r"[\u4e00-\u9fff]{4}", t["summary_en"]), code


def test_texts_are_written_not_copied_from_the_research_notes(technologies):
    texts = load_texts(DATA / "catalogue" / "texts")
    for tech in technologies:
        body = texts[tech["code"]]["description_en"]
        for fact in tech["key_facts"]:
            sentence = fact.replace(" [MEM]", "").strip()
            assert sentence not in body, (tech["code"], sentence)


def test_every_figure_keeps_source_and_a_known_flag(technologies, taxonomy):
    for tech in technologies:
        for fig in tech["figures"]:
            assert fig["source"] and fig["unit"] is not None, tech["code"]
            assert fig["flag"] in taxonomy["flag_map"], (tech["code"], fig["flag"])


def test_taxonomy_covers_every_key_the_catalogue_uses(technologies, taxonomy):
    for group, field in [("sectors", "sector"), ("stages", "process_stage"),
                         ("categories", "category"), ("maturity_levels", "maturity")]:
        keys = {item["key"] for item in taxonomy[group]}
        assert {t[field] for t in technologies} <= keys, group
    for item in taxonomy["sectors"] + taxonomy["stages"] + taxonomy["categories"]:
        assert item["name_zh"] and item["name_en"], item["key"]


def test_benchmarks_keep_flags_and_cover_applicable_products(technologies, taxonomy):
    rows = load("benchmarks.yaml")["products"]
    assert len(rows) == 21
    families = {r["family"] for r in rows}
    assert {p for t in technologies for p in t["applicable_to"]} <= families
    for row in rows:
        assert row["flag"] in taxonomy["flag_map"], row["key"]
    clinker = next(r for r in rows if r["family"] == "cement_clinker")
    assert (clinker["benchmark"], clinker["baseline"], clinker["unit"]) == (100, 117, "kgce/t")
    fesi = next(r for r in rows if r["family"] == "ferroalloy_fesi")
    assert (fesi["benchmark"], fesi["baseline"]) == (1770, 1850)  # the 2023 correction


def test_districts_are_the_38_plus_functional_zones():
    rows = load("districts.yaml")["districts"]
    kinds = [r["kind"] for r in rows]
    assert (kinds.count("district"), kinds.count("county"), kinds.count("autonomous_county")) == (26, 8, 4)
    assert kinds.count("functional_zone") >= 2
    assert len({r["key"] for r in rows}) == len(rows)


def test_chongqing_grid_factor_default_is_2023():
    rows = load("factors.yaml")["grid_factors"]
    default = [r for r in rows if r.get("default_for_chongqing")]
    assert [(r["region"], r["year"], r["value"]) for r in default] == [("chongqing", 2023, 0.5581)]


def test_plan_named_ignores_umbrella_only_refs():
    assert is_plan_named(["专栏3 低碳技术"])
    assert not is_plan_named(["三(一)3 (umbrella: 余热余压)"])
    assert not is_plan_named([])


def test_shipped_user_dictionary_is_up_to_date():
    shipped = userdict.USERDICT.read_text(encoding="utf-8")
    assert shipped == userdict.render(userdict.collect_words()), \
        "run `flask --app portal search build-dict` and commit data/search/userdict.txt"
