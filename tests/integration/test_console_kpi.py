"""Every dashboard figure against a direct SQL count on the seeded catalogue
plus a synthetic world (tests/console_world.py), without and with filters."""
from __future__ import annotations

import statistics
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from catalog import models as m
from catalog.console import capacity, catalogue_stats, coverage, funnel, results
from catalog.console.filters import Filters, parse
from catalog.errors import InvalidInput
from catalog.models.base import as_utc
from tests.console_world import console_db  # noqa: F401 - the fixture

NEED_FROM = """FROM need n JOIN organisation o ON o.id = n.organisation_id
  LEFT JOIN facility f ON f.id = n.facility_id LEFT JOIN benchmark_product bp ON bp.key = f.product_key
  LEFT JOIN process_stage ps ON ps.key = n.stage_key"""
NEED_SECTOR = "COALESCE(bp.sector_key, ps.sector_key)"
NEED_DISTRICT = "COALESCE(f.district_key, o.district_key)"
REACHED = ("(EXISTS (SELECT 1 FROM inquiry_event e WHERE e.inquiry_id = i.id AND e.to_status = '{step}') "
           "OR i.status IN ({implied}))")


@pytest.fixture
def db(console_db):  # noqa: F811 - the imported fixture
    with console_db["sessions"]() as session:
        yield session


def busiest(db, column: str) -> str:
    """The sector or district with the most needs (so the filtered figures are not empty)."""
    expr = NEED_SECTOR if column == "sector" else NEED_DISTRICT
    return db.execute(text(f"SELECT {expr} AS k {NEED_FROM} WHERE {expr} IS NOT NULL "
                           "GROUP BY k ORDER BY COUNT(*) DESC, k LIMIT 1")).scalar()


def filters(db) -> list[Filters]:
    today = date.today()
    return [Filters(), Filters(sector="cement"), Filters(district=busiest(db, "district")),
            Filters(since=today - timedelta(days=300), until=today - timedelta(days=60)),
            Filters(sector=busiest(db, "sector"), since=today - timedelta(days=400))]


def where(flt: Filters, sector: str, district: str, created: str, first: str = "1 = 1") -> tuple[str, dict]:
    """The SQL condition of the filters on the given expressions, and its parameters."""
    clauses, params = [first], {}
    for value, expr, name in ((flt.sector, sector, "sector"), (flt.district, district, "district"),
                              (flt.start(), created, "start"), (flt.end(), created, "end")):
        if value is not None:
            op = ">=" if name == "start" else "<" if name == "end" else "="
            clauses.append(f"{expr} {op} :{name}")
            params[name] = value
    return " AND ".join(clauses), params


def need_where(flt: Filters) -> tuple[str, dict]:
    return where(flt, NEED_SECTOR, NEED_DISTRICT, "n.created_at", "n.status != 'draft'")


def reached(step: str) -> str:
    return REACHED.format(step=step, implied=", ".join(f"'{s}'" for s in funnel.IMPLIED[step]))


def test_the_world_is_not_trivial(db):
    assert db.scalar(text("SELECT COUNT(*) FROM inquiry")) == 1500
    assert db.scalar(text("SELECT COUNT(*) FROM inquiry WHERE status = 'implemented'")) > 10


def test_funnel_needs_unit_equals_sql(db):
    for flt in filters(db):
        condition, params = need_where(flt)
        data = funnel.totals(db, flt)
        sql = {"posted": f"SELECT COUNT(*) {NEED_FROM} WHERE {condition}",
               "matched": f"SELECT COUNT(*) {NEED_FROM} WHERE {condition} AND n.best_score >= 0.35",
               "inquiry": f"SELECT COUNT(DISTINCT i.need_id) {NEED_FROM} JOIN inquiry i ON i.need_id = n.id "
                          f"WHERE {condition}"}
        for step in funnel.INQUIRY_STEPS:
            sql[step] = sql["inquiry"] + f" AND {reached(step)}"
        expected = {k: db.execute(text(q), params).scalar() for k, q in sql.items()}
        assert data.needs == expected, flt
        assert expected["posted"] > 0, flt
        grouped = funnel.breakdown(db, flt)
        assert grouped.needs == expected
        assert sum(r["posted"] for r in grouped.by_sector.values()) == expected["posted"]
        assert sum(r["contracted"] for r in grouped.by_district.values()) == expected["contracted"]


def test_funnel_by_sector_equals_sql(db):
    data = funnel.breakdown(db, Filters())
    rows = db.execute(text(f"SELECT {NEED_SECTOR}, COUNT(*) {NEED_FROM} WHERE n.status != 'draft' "
                           f"GROUP BY {NEED_SECTOR}")).all()
    assert {k: v["posted"] for k, v in data.by_sector.items()} == dict(rows)


def test_funnel_inquiries_unit_equals_sql(db):
    inquiry_sector = (f"CASE WHEN i.need_id IS NOT NULL THEN {NEED_SECTOR} ELSE t.sector_key END")
    base = ("FROM inquiry i LEFT JOIN need n ON n.id = i.need_id "
            "LEFT JOIN facility f ON f.id = n.facility_id "
            "LEFT JOIN benchmark_product bp ON bp.key = f.product_key "
            "LEFT JOIN process_stage ps ON ps.key = n.stage_key "
            "LEFT JOIN technology t ON t.id = i.technology_id")
    for flt in filters(db):
        district = ("COALESCE(f.district_key, "
                    "(SELECT district_key FROM organisation WHERE id = i.enterprise_id))")
        condition, params = where(flt, inquiry_sector, district, "i.created_at")
        expected = {"sent": db.execute(text(f"SELECT COUNT(*) {base} WHERE {condition}"), params).scalar()}
        for step in funnel.INQUIRY_STEPS:
            expected[step] = db.execute(text(f"SELECT COUNT(*) {base} WHERE {condition} AND {reached(step)}"),
                                        params).scalar()
        assert funnel.totals(db, flt).inquiries == expected, flt


def test_median_days_equal_python_medians(db):
    first: dict[tuple[int, str], object] = {}
    for inquiry_id, step, at in db.execute(select(m.InquiryEvent.inquiry_id, m.InquiryEvent.to_status,
                                                  m.InquiryEvent.at)):
        key = (inquiry_id, step)
        if key not in first or as_utc(at) < first[key]:
            first[key] = as_utc(at)
    days: dict[tuple[str, str], list[float]] = {pair: [] for pair in funnel.MEDIAN_PAIRS}
    rows = db.execute(select(m.Inquiry.id, m.Inquiry.created_at, m.Need.created_at)
                      .outerjoin(m.Need, m.Need.id == m.Inquiry.need_id))
    for ident, created, posted in rows:
        at = {"sent": as_utc(created), "posted": as_utc(posted) if posted else None,
              **{s: first.get((ident, s)) for s in funnel.INQUIRY_STEPS}}
        for a, b in funnel.MEDIAN_PAIRS:
            if at[a] is not None and at[b] is not None:
                days[(a, b)].append((at[b] - at[a]).total_seconds() / 86400)
    got = funnel.medians(db, Filters())
    for pair, values in days.items():
        assert values, pair
        assert got[pair] == pytest.approx(statistics.median(values), abs=0.06), pair


def test_capacity_split_equals_sql(db):
    standing = """CASE WHEN f.unit_energy IS NULL OR bp.benchmark IS NULL OR bp.baseline IS NULL
        THEN 'unknown'
      WHEN (bp.lower_is_better AND f.unit_energy <= bp.benchmark)
        OR (NOT bp.lower_is_better AND f.unit_energy >= bp.benchmark) THEN 'benchmark'
      WHEN (bp.lower_is_better AND f.unit_energy <= bp.baseline)
        OR (NOT bp.lower_is_better AND f.unit_energy >= bp.baseline) THEN 'between'
      ELSE 'below_baseline' END"""
    for flt in (Filters(), Filters(sector="cement")):
        where = "WHERE bp.sector_key = :sector" if flt.sector else ""
        rows = db.execute(text(f"SELECT bp.key, {standing} AS s, SUM(COALESCE(f.capacity, 0)), COUNT(*) "
                               f"FROM facility f JOIN benchmark_product bp ON bp.key = f.product_key {where} "
                               "GROUP BY bp.key, s"), {"sector": flt.sector}).all()
        expected: dict[str, dict[str, float]] = {}
        for key, s, cap, _n in rows:
            expected.setdefault(key, dict.fromkeys(capacity.STANDINGS, 0.0))[s] += float(cap)
        got = {r.key: r.capacity for r in capacity.by_product(db, flt)}
        assert got.keys() == expected.keys()
        for key, split in expected.items():
            assert got[key] == pytest.approx(split), key
        below = db.execute(text(f"SELECT COUNT(*) FROM facility f JOIN benchmark_product bp "
                                f"ON bp.key = f.product_key {where} {'AND' if where else 'WHERE'} "
                                f"{standing} = 'below_baseline'"), {"sector": flt.sector}).scalar()
        assert len(capacity.below_baseline(db, flt)) == below > 0


def test_catalogue_counts_equal_sql(db):
    for flt in (Filters(), Filters(sector="cement")):
        where = "WHERE sector_key = :sector" if flt.sector else ""
        for column, fn in (("sector_key", catalogue_stats.by_sector),
                           ("category_key", catalogue_stats.by_category),
                           ("maturity_key", catalogue_stats.by_maturity),
                           ("status", catalogue_stats.by_status)):
            sql = f"SELECT {column}, COUNT(*) FROM technology {where} GROUP BY {column}"
            rows = dict(db.execute(text(sql), {"sector": flt.sector}).all())
            got = {c.key: c.count for c in fn(db, flt) if c.count}
            assert got == rows, column


def test_results_equal_sql(db):
    for flt in (Filters(), Filters(sector="cement")):
        sector = ("AND CASE WHEN i.need_id IS NOT NULL THEN (SELECT COALESCE(bp.sector_key, ps.sector_key) "
                  "FROM need n LEFT JOIN facility f ON f.id = n.facility_id LEFT JOIN benchmark_product bp "
                  "ON bp.key = f.product_key LEFT JOIN process_stage ps ON ps.key = n.stage_key "
                  "WHERE n.id = i.need_id) "
                  "ELSE (SELECT sector_key FROM technology WHERE id = i.technology_id) "
                  "END = :sector") if flt.sector else ""
        got = {t.stage: t for t in results.totals(db, flt)}
        for stage, statuses in results.STAGES.items():
            listed = ", ".join(f"'{s}'" for s in statuses)
            row = db.execute(text(
                "SELECT COUNT(*), COALESCE(SUM(contract_value_cny), 0), "
                "COALESCE(SUM(expected_saving_tce), 0), COALESCE(SUM(measured_saving_tce), 0), "
                "COALESCE(SUM(fu.achieved_saving_tce), 0) FROM inquiry i "
                f"LEFT JOIN follow_up fu ON fu.inquiry_id = i.id WHERE i.status IN ({listed}) {sector}"),
                {"sector": flt.sector}).one()
            t = got[stage]
            assert (t.deals, t.value_cny, t.claimed_tce, t.measured_tce, t.followed_up_tce) == \
                pytest.approx(tuple(float(v) for v in row)), stage
        shares = results.by_model(db, flt)
        assert sum(s.deals for s in shares) == sum(t.deals for t in got.values())
        assert sum(s.share_deals for s in shares) == pytest.approx(1.0)


def test_coverage_gaps_equal_sql(db):
    rows = db.execute(text("SELECT stage_key, problem_type, COUNT(*) FROM need "
                           "WHERE status IN ('open', 'in_negotiation') "
                           "AND (best_score IS NULL OR best_score < 0.35) "
                           "GROUP BY stage_key, problem_type")).all()
    got = {(g.stage_key, g.problem_type): g.needs for g in coverage.gaps(db, Filters())}
    assert got == {(s, p): n for s, p, n in rows}
    assert sum(g.unscored for g in coverage.gaps(db, Filters())) == db.scalar(text(
        "SELECT COUNT(*) FROM need WHERE status IN ('open', 'in_negotiation') AND best_score IS NULL"))


def test_score_needs_scores_the_stale_open_needs_once(db, console_db):  # noqa: F811
    stale = db.scalar(text("SELECT COUNT(*) FROM need WHERE status IN ('open', 'in_negotiation') "
                           "AND (scored_at IS NULL OR scored_at < updated_at)"))
    before = dict(db.execute(text("SELECT id, updated_at FROM need")).all())
    assert stale > 0
    assert coverage.score_needs(db, console_db["index_dir"]) == stale
    assert coverage.score_needs(db, console_db["index_dir"]) == 0
    assert db.scalar(text("SELECT COUNT(*) FROM need WHERE status IN ('open', 'in_negotiation') "
                          "AND best_score IS NULL")) == 0
    assert dict(db.execute(text("SELECT id, updated_at FROM need")).all()) == before


@pytest.mark.parametrize("raw, field, reason", [
    ({"sector": "shipbuilding"}, "sector", "unknown"), ({"district": "atlantis"}, "district", "unknown"),
    ({"from": "2026-13-01"}, "from", "date"), ({"from": "2026-02-01", "to": "2026-01-01"}, "to", "order")])
def test_bad_filters_are_refused(db, raw, field, reason):
    with pytest.raises(InvalidInput) as info:
        parse(db, raw)
    assert (info.value.field, info.value.reason) == (field, reason)


def test_filters_parse_and_round_trip(db):
    flt = parse(db, {"sector": "cement", "district": busiest(db, "district"), "from": "2025-01-01", "to": ""})
    assert flt.sector == "cement" and flt.since == date(2025, 1, 1) and flt.until is None
    assert parse(db, flt.as_params()) == flt
