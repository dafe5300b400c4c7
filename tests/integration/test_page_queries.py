"""The bounded page queries (issue 15) give what the old whole-catalogue ones
gave, on the real seed catalogue: related entries, every page of every order
and filter, facet and sector counts."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog import queries
from catalog.queries import SORTS, CatalogueFilter
from tests.integration.old_queries import old_listing, old_related

T = m.Technology


@pytest.fixture(scope="module")
def published(seeded):
    with seeded["sessions"]() as s:
        return list(s.scalars(select(T.code).where(T.status == "published").order_by(T.code)))


def test_related_entries_equal_the_old_algorithm_for_every_entry(db, published):
    assert len(published) >= 70
    differing = {}
    for code in published:
        tech = queries.get_technology(db, code)
        new = [t.code for t in queries.related_technologies(db, tech)]
        if new != old_related(db, tech):
            differing[code] = (new, old_related(db, tech))
    assert differing == {}


def test_related_entries_of_a_broad_entry_are_ranked_by_shared_products(db):
    broad = max(db.scalars(select(T).where(T.status == "published")).unique(),
                key=lambda t: len(t.applicable_to))
    assert len(broad.applicable_to) >= 5  # the seed has cross-sector entries naming many products
    related = queries.related_technologies(db, broad)
    assert len(related) == 6 and [t.code for t in related] == old_related(db, broad)


PER_PAGE = 5  # small pages: many page borders, one inside the capex order's switch to "no figure"
FILTERS = [
    CatalogueFilter(),
    CatalogueFilter(sector="steel"),
    CatalogueFilter(plan_named=True),
    CatalogueFilter(category="waste_heat_recovery"),
    CatalogueFilter(max_payback=4.0),
    CatalogueFilter(max_capex=2e7, sector="cement"),
]


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("base", FILTERS, ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_every_page_equals_the_old_slicing(db, sort, base):
    flt = replace(base, sort=sort, per_page=PER_PAGE)
    expected = old_listing(db, flt)
    pages = max(1, -(-len(expected) // PER_PAGE))
    for page in range(1, pages + 2):  # and one past the end: empty
        result = queries.list_technologies(db, replace(flt, page=page))
        assert result.total == len(expected)
        assert [t.code for t in result.items] == expected[(page - 1) * PER_PAGE:page * PER_PAGE], (sort, page)


@pytest.mark.parametrize("sort", SORTS)
def test_pages_of_text_search_codes_equal_the_old_slicing(db, published, sort):
    codes = tuple(reversed(published[::3]))  # a search's ranking: not the code order
    flt = CatalogueFilter(sort=sort, per_page=5, codes=codes, sector="steel")
    expected = old_listing(db, flt)
    assert expected
    for page in range(1, len(expected) // 5 + 2):
        items = queries.list_technologies(db, replace(flt, page=page)).items
        assert [t.code for t in items] == expected[(page - 1) * 5:page * 5]


def test_the_capex_order_meets_entries_with_and_without_the_figure(db):
    """So the pages above cross from entries with the figure to entries without
    it inside a page (paybacks: tests/integration/test_count_freshness.py)."""
    with_figure = db.scalar(select(func.count(T.id)).where(T.status == "published",
                                                           T.ref_capex_cny.is_not(None)))
    assert with_figure % PER_PAGE > 0 and with_figure < 10 * PER_PAGE


@pytest.mark.parametrize("base", FILTERS[:4] + [CatalogueFilter(stage="waste_heat", plan_named=True)])
def test_facet_counts_equal_a_count_of_the_rows(db, base):
    rows = db.execute(select(T.sector_key, T.stage_key, T.category_key, T.maturity_key, T.plan_named,
                             T.ref_payback_years).where(T.status == "published")).all()
    facets = queries.facet_counts(db, base)
    names = ("sector", "stage", "category", "maturity")

    def keep(row, flt):
        return (all(getattr(flt, n) in (None, row[i]) for i, n in enumerate(names))
                and (row[4] or not flt.plan_named)
                and (flt.max_payback is None or (row[5] is not None and row[5] <= flt.max_payback)))

    for i, name in enumerate(names):
        expected = Counter(row[i] for row in rows if keep(row, base.without(name)))
        assert {v.key: v.count for v in facets.groups[name] if v.count} == dict(expected)
    assert facets.plan_named == sum(1 for row in rows if keep(row, replace(base, plan_named=True)))
    sectors = dict((s.key, n) for s, n in queries.sectors_with_counts(db) if n)
    assert sectors == dict(Counter(row[0] for row in rows))
