"""The shipped effect models, figures and citations keep their contracts
(data/catalogue/effects/README.md, data/sources/README.md) — checked on the
files themselves, so a data change is caught before any database sees it."""
from __future__ import annotations

import re

import pytest

from catalog.effect_models import check, cited_keys, read_effects, to_effect
from catalog.seed import DATA_DIR, read_sources, read_yaml

FORBIDDEN = re.compile(r"data_facts|facts-benchmarks|benchmarks-verified|domain knowledge", re.I)


@pytest.fixture(scope="module")
def sources():
    return read_sources(DATA_DIR / "sources")


@pytest.fixture(scope="module")
def catalogue():
    return read_yaml(DATA_DIR / "catalogue" / "technologies.yaml")


@pytest.fixture(scope="module")
def flags():
    return set(read_yaml(DATA_DIR / "taxonomy.yaml")["flag_map"])


@pytest.fixture(scope="module")
def output_units():
    rows = read_yaml(DATA_DIR / "benchmarks.yaml")["products"]
    return {r["family"]: r["unit"].split("/", 1)[1] for r in rows}


def test_every_catalogue_entry_has_a_valid_effect_model(catalogue, sources, flags, output_units):
    effects = read_effects(DATA_DIR / "catalogue" / "effects")
    codes = [e["code"] for e in catalogue]
    assert sorted(set(codes) - set(effects)) == []
    assert sorted(set(effects) - set(codes)) == []
    for code, effect in effects.items():
        check(code, effect, output_units, set(sources), flags)
        to_effect(code, effect)  # the engine can read it
        assert cited_keys(effect) <= set(sources), code


def test_every_figure_is_bilingual_and_cites_a_registered_source(catalogue, sources, flags):
    for entry in catalogue:
        for fig in entry.get("figures") or []:
            where = f"{entry['code']} {fig['metric']} {fig['value']}"
            assert fig.get("basis_zh") and fig.get("basis_en"), where
            assert fig.get("source") in sources, where
            assert fig.get("flag") in flags, where


def test_factors_and_benchmarks_cite_registered_sources(sources):
    factors = read_yaml(DATA_DIR / "factors.yaml")
    for row in factors["grid_factors"] + factors["conversions"] + factors["fuels"]:
        assert row.get("source") in sources, row
        if row.get("co2_source"):
            assert row["co2_source"] in sources, row
    for row in read_yaml(DATA_DIR / "benchmarks.yaml")["products"]:
        for name in ("annex_source", "standard_source"):
            assert row.get(name) in (None, *sources), (row["key"], name)


DATA_FILES = ["catalogue/technologies.yaml", "factors.yaml", "benchmarks.yaml", "glossary.yaml",
              "districts.yaml", "taxonomy.yaml", "catalogue/edition.yaml"]


@pytest.mark.parametrize("name", DATA_FILES)
def test_no_working_note_reaches_the_data(name):
    assert not FORBIDDEN.search((DATA_DIR / name).read_text(encoding="utf-8"))


def test_no_working_note_in_effects_or_sources():
    for folder in ("catalogue/effects", "sources"):
        for path in (DATA_DIR / folder).glob("*.yaml"):
            assert not FORBIDDEN.search(path.read_text(encoding="utf-8")), path.name


def test_sources_are_documents_a_reader_can_look_up(sources):
    for key, s in sources.items():
        assert s["title"] and (s["publisher_zh"] or s["publisher_en"]), key
        assert s["date"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s["date"]), key
        assert s["url"] is None or s["url"].startswith(("http://", "https://")), key
        assert not re.search(r"\.(py|json|csv|md|js)\b", s["title"]), key  # no file names
