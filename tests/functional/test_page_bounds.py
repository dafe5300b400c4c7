"""The public pages built on the bounded queries (issue 15) show what the old
whole-catalogue queries showed: the last catalogue page, related entries on a
technology sheet, a sector's entries and counts."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.queries import CatalogueFilter
from tests.integration.old_queries import old_listing, old_related

CODE = re.compile(r'<span class="tech-code">([A-Z]{2}-[0-9A-Z]+)</span>')


def codes_on(html: str) -> list[str]:
    return CODE.findall(html)


@pytest.mark.parametrize("query", ["", "&sort=name", "&sort=capex", "&sector=steel&sort=newest"])
def test_the_last_catalogue_page_shows_the_old_last_slice(client, db, app, query):
    per_page = app.config["CATALOGUE_PAGE_SIZE"]
    args = dict(part.split("=") for part in query.strip("&").split("&") if part)
    expected = old_listing(db, CatalogueFilter(**args))
    last = -(-len(expected) // per_page)
    html = client.get(f"/catalogue?page={last}{query}").get_data(as_text=True)
    assert codes_on(html)[:len(expected[(last - 1) * per_page:])] == expected[(last - 1) * per_page:]
    assert client.get(f"/catalogue?page={last + 1}{query}").status_code == 404


@pytest.mark.parametrize("code", ["CE-01", "ST-01", "GN-01"])
def test_the_sheet_lists_the_old_related_entries(client, db, code):
    tech = db.scalar(select(m.Technology).where(m.Technology.code == code))
    html = client.get(f"/technologies/{code}").get_data(as_text=True)
    section = html[html.index('id="rel-h"'):]
    assert codes_on(section[:section.index("</section>")]) == old_related(db, tech)


def test_a_sector_page_counts_and_lists_its_entries(client, db):
    steel = db.scalar(select(func.count(m.Technology.id)).where(
        m.Technology.status == "published", m.Technology.sector_key == "steel"))
    html = client.get("/sectors/steel").get_data(as_text=True)
    assert sorted(codes_on(html)) == sorted(old_listing(db, CatalogueFilter(sector="steel")))
    assert f"{steel} 项技术" in html or f"{steel} technologies" in html
