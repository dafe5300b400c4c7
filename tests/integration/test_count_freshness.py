"""Cached counts are never stale: a write through another engine (a second app
server on the same database), an ORM bulk update, a publish and a retirement
all show at once, and a rolled-back write never leaves its counts behind."""
from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import inspect, select, text, update

from catalog import counts, migrate, queries
from catalog import models as m
from catalog.accounts.audit import Actor
from catalog.curation import entries
from catalog.db import make_engine, make_session_factory
from catalog.queries import CatalogueFilter
from tests.conftest import seed_database
from tests.integration.old_queries import old_listing

T = m.Technology


@pytest.fixture(scope="module")
def servers(make_database, tmp_path_factory):
    """Two engines and session factories on one writable seeded database."""
    world = seed_database(make_database(), tmp_path_factory.mktemp("fresh") / "search-index")
    other = make_engine(world["url"])
    yield world["sessions"], make_session_factory(other)
    other.dispose()
    world["engine"].dispose()


def shown(session) -> tuple[dict, dict, int, int]:
    """What the pages show: sector counts, category facet counts, plan-named count, total."""
    facets = queries.facet_counts(session, CatalogueFilter())
    return ({s.key: n for s, n in queries.sectors_with_counts(session) if n},
            {v.key: v.count for v in facets.groups["category"]}, facets.plan_named,
            queries.list_technologies(session, CatalogueFilter()).total)


def counted(session) -> tuple[dict, dict, int, int]:
    """The same figures counted from the rows now."""
    rows = session.execute(select(T.sector_key, T.category_key, T.plan_named)
                           .where(T.status == "published")).all()
    return (dict(Counter(r[0] for r in rows)), dict(Counter(r[1] for r in rows)),
            sum(1 for r in rows if r[2]), len(rows))


def new_entry(sector: str = "glass", prefix: str = "TS", **values) -> T:
    template = dict(name_zh="测试技术", name_en="Test technology", stage_key="glass_melting",
                    category_key="efficiency_equipment", maturity_key="mature", trl=9,
                    status="published", plan_named=True, applicable_to=["flat_glass"],
                    published_at=m.utcnow())
    return T(code=f"{prefix}-{uuid.uuid4().hex[:8]}", sector_key=sector, **{**template, **values})


def test_a_write_through_another_server_shows_at_once(servers):
    mine, other = servers
    with mine() as s:
        before = shown(s)
        assert before == counted(s) and shown(s) == before  # the second read comes from the cache
    with other() as s:
        s.add(new_entry("glass"))
        s.commit()
    with mine() as s:
        after = shown(s)
        assert after == counted(s)
        assert after[0]["glass"] == before[0]["glass"] + 1 and after[3] == before[3] + 1


def test_an_orm_bulk_update_bumps_the_generation(servers):
    mine, other = servers
    with mine() as s:
        before, generation = shown(s), counts.generation(s)
    with other() as s:
        code = s.scalar(select(T.code).where(T.status == "published", T.plan_named.is_(False))
                        .order_by(T.code).limit(1))
        counts.bump(s)  # what every bulk statement on technology does (see the scan below)
        s.execute(update(T).where(T.code == code).values(plan_named=True))
        s.commit()
    with mine() as s:
        assert counts.generation(s) != generation
        assert shown(s) == counted(s) and shown(s)[2] == before[2] + 1


def test_a_text_edit_keeps_the_caches_and_a_counted_change_replaces_them(servers):
    _mine, other = servers
    with other() as s:
        tech = s.scalar(select(T).where(T.code == "CE-01"))
        token = counts.generation(s)
        tech.summary_zh = tech.summary_zh + "（修订）"
        s.commit()
        assert counts.generation(s) == token
        tech.maturity_key = "demonstration" if tech.maturity_key != "demonstration" else "mature"
        s.commit()
        assert counts.generation(s) != token


def test_a_rolled_back_write_leaves_no_counts_behind(servers):
    mine, other = servers
    with other() as s:
        dropped, kept = new_entry("cement"), new_entry("steel")
        s.add_all([dropped, kept])
        s.commit()
    with mine() as s:
        before = shown(s)
    with other() as s:
        s.get(T, dropped.id).status = "retired"
        own = shown(s)  # sees its own uncommitted change: not cached
        assert own[0]["cement"] == before[0]["cement"] - 1
        s.rollback()
    with other() as s:  # another write commits: its counts show, not the rolled-back ones
        s.get(T, kept.id).status = "retired"
        s.commit()
    with mine() as s:
        after = shown(s)
        assert after == counted(s)
        assert after[0]["cement"] == before[0]["cement"] and after[0]["steel"] == before[0]["steel"] - 1


def test_counts_follow_publish_and_retire(servers):
    mine, _other = servers
    with mine() as s:
        before = shown(s)
        entry = new_entry("ceramics", plan_named=False, status="draft")
        s.add(entry)
        s.commit()
        assert shown(s) == before  # a draft is not counted
        entry.status = "published"
        s.commit()
        published = shown(s)
        assert published == counted(s) and published[0]["ceramics"] == before[0]["ceramics"] + 1
        entries.retire(s, Actor(label="count-test"), entry.code, "技术已被更高效的同类技术替代。")
        assert shown(s) == counted(s) == before
        listed = queries.list_technologies(s, CatalogueFilter(sector="ceramics", per_page=100))
        assert entry.code not in {t.code for t in listed.items}


def test_related_entries_follow_a_retirement(servers):
    mine, other = servers
    with mine() as s:
        base = s.scalar(select(T).where(T.code == "GL-01"))
        # the same stage, category, sector and products, and a code that sorts first
        twin = new_entry(base.sector_key, "AA", stage_key=base.stage_key, category_key=base.category_key,
                         applicable_to=list(base.applicable_to))
        s.add(twin)
        s.commit()
        assert queries.related_technologies(s, base)[0].code == twin.code
    with other() as s:
        entries.retire(s, Actor(label="count-test"), twin.code, "测试用条目退出目录。")
    with mine() as s:
        base = s.scalar(select(T).where(T.code == "GL-01"))
        assert twin.code not in {t.code for t in queries.related_technologies(s, base)}


def test_payback_pages_equal_the_old_slicing_across_ties_and_missing_figures(servers):
    mine, other = servers
    with other() as s:
        codes = s.scalars(select(T.code).where(T.status == "published").order_by(T.code)).all()
        for i, code in enumerate(codes[:40:2]):  # twenty paybacks, in ties of three
            s.execute(update(T).where(T.code == code).values(ref_payback_years=1.5 + i // 3))
        s.commit()
    with mine() as s:
        for flt in (CatalogueFilter(sort="payback", per_page=7),
                    CatalogueFilter(sort="payback", per_page=7, max_payback=4.0),
                    CatalogueFilter(sort="payback", per_page=3, sector="steel")):
            expected = old_listing(s, flt)
            for page in range(1, len(expected) // flt.per_page + 2):
                result = queries.list_technologies(s, replace(flt, page=page))
                assert result.total == len(expected)
                assert [t.code for t in result.items] == \
                    expected[(page - 1) * flt.per_page:page * flt.per_page]


def test_0012_keeps_entries_on_downgrade_and_upgrade(make_database, tmp_path):
    world = seed_database(make_database(), tmp_path / "search-index")
    engine = world["engine"]

    def state():
        with engine.connect() as conn:
            entries_now = conn.execute(text("SELECT count(*) FROM technology")).scalar()
        names = {ix["name"] for ix in inspect(engine).get_indexes("technology")}
        return entries_now, "catalogue_generation" in inspect(engine).get_table_names(), \
            "ix_technology_status_sector_code" in names

    entries_at_head = state()[0]
    assert entries_at_head >= 70 and state()[1:] == (True, True)
    with world["sessions"]() as s:
        seeded_token = counts.generation(s)
    migrate.downgrade(engine, "0011")
    assert state() == (entries_at_head, False, False)
    migrate.upgrade(engine)
    assert state() == (entries_at_head, True, True)
    with world["sessions"]() as s:
        assert len(counts.generation(s)) == 32 and counts.generation(s) != seeded_token
    engine.dispose()


def test_every_bulk_statement_on_technology_sits_beside_a_bump():
    """ORM flushes bump by themselves; a bulk UPDATE/DELETE/INSERT does not,
    so every module that writes one must call ``counts.bump``."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bulk = re.compile(r"\b(update|delete|insert)\((m\.)?Technology\b")
    offenders = [str(path.relative_to(root)) for package in ("catalog", "portal")
                 for path in (root / package).rglob("*.py")
                 if bulk.search(text := path.read_text("utf-8")) and "counts.bump(" not in text
                 and path.name != "counts.py"]
    assert offenders == []
