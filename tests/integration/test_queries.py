"""Catalogue queries and facet counts against the seeded database."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog import queries
from catalog.errors import InvalidInput, NotFound
from catalog.queries import CatalogueFilter


@pytest.fixture(scope="module")
def all_techs(seeded):
    with seeded["sessions"]() as s:
        return [(t.code, t.sector_key, t.stage_key, t.category_key, t.maturity_key, t.plan_named)
                for t in s.scalars(select(m.Technology)).unique()]


def test_facet_counts_equal_a_manual_count(db, all_techs):
    facets = queries.facet_counts(db, CatalogueFilter())
    sectors = {v.key: v.count for v in facets.groups["sector"]}
    assert sectors == dict(Counter(t[1] for t in all_techs))
    assert facets.plan_named == sum(t[5] for t in all_techs)


def test_facet_counts_apply_the_other_filters_but_not_their_own(db, all_techs):
    flt = CatalogueFilter(sector="cement", category="waste_heat_recovery")
    facets = queries.facet_counts(db, flt)
    # category counts: within cement, every category (own filter not applied)
    cats = {v.key: v.count for v in facets.groups["category"]}
    assert cats == dict(Counter(t[3] for t in all_techs if t[1] == "cement"))
    # sector counts: within waste-heat recovery, every sector
    secs = {v.key: v.count for v in facets.groups["sector"]}
    assert secs == dict(Counter(t[1] for t in all_techs if t[3] == "waste_heat_recovery"))


def test_list_filters_sorts_and_pages(db, all_techs):
    page = queries.list_technologies(db, CatalogueFilter(sector="steel", per_page=5, page=2))
    steel = sorted(t[0] for t in all_techs if t[1] == "steel")
    assert page.total == len(steel) and page.pages == 4
    assert [t.code for t in page.items] == steel[5:10]
    newest = queries.list_technologies(db, CatalogueFilter(sort="trl", per_page=100))
    assert [t.trl for t in newest.items] == sorted((t.trl for t in newest.items), reverse=True)


def test_default_order_follows_the_sector_order(db):
    page = queries.list_technologies(db, CatalogueFilter(per_page=100))
    assert page.items[0].code == "ST-01" and page.items[-1].code.startswith("GN-")


def test_unknown_values_are_rejected(db):
    with pytest.raises(InvalidInput):
        queries.list_technologies(db, CatalogueFilter(sector="plastics"))
    with pytest.raises(InvalidInput):
        queries.list_technologies(db, CatalogueFilter(sort="price"))
    with pytest.raises(NotFound):
        queries.get_technology(db, "XX-01")


def test_related_technologies_share_stage_or_products(db):
    ce01 = queries.get_technology(db, "CE-01")
    related = queries.related_technologies(db, ce01)
    assert related and all(r.code != "CE-01" for r in related)
    assert all(r.stage_key == ce01.stage_key or set(r.applicable_to) & set(ce01.applicable_to)
               for r in related)


def test_benchmarks_for_a_family_include_every_size_class(db):
    rows = queries.benchmarks_for(db, ["flat_glass"])
    assert len(rows) == 2 and {r.unit for r in rows} == {"kgce/重量箱"}
