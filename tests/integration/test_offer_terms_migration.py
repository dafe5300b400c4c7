"""Revision 0010 (EMC contract terms, the bureau's discount rate) keeps the
offers and settings saved before it: upgrade leaves their values and adds
empty terms, downgrade drops only the new columns."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from catalog import migrate
from catalog.db import make_engine

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
OLD_OFFER = {
    "id": 7, "organisation_id": 1, "status": "published", "title": "老方案：余热发电节能量保证",
    "model": "guaranteed_savings", "investor": "enterprise", "esco_investment_pct": 0.0,
    "max_investment_cny": None, "enterprise_shares": "[]", "term_years": 6, "guaranteed_saving": 1200.0,
    "guarantee_unit": "tce_per_year", "shortfall_rule": "差额部分按合同能源价格赔付",
    "baseline_method": "改造前 12 个月", "mv_method": "ipmvp_b", "min_project_cny": 3e6,
    "regions": '["chongqing"]', "financing_partner": "", "subsidy_note": "", "description": "",
    "created_at": NOW, "updated_at": NOW, "published_at": NOW,
}
NEW_COLUMNS = {"enterprise_investment_pct", "service_fee_cny", "shortfall_kind", "shortfall_share_pct",
               "shortfall_cap_cny", "hosting_baseline_cny", "hosting_discount_pct", "lease_rate_pct",
               "lease_instalments_per_year", "down_payment_pct"}


def _columns(engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def _seed_old_rows(engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO organisation (id, kind, name, contact_name, contact_mobile, contact_email, status, "
            "status_reason, created_at) VALUES (1, 'bureau', '市经济信息委', '管理员', '13912345678', "
            "'bureau@example.test', 'verified', '', :now)"), {"now": NOW})
        names, values = ", ".join(OLD_OFFER), ", ".join(f":{k}" for k in OLD_OFFER)
        conn.execute(text(f"INSERT INTO emc_offer ({names}) VALUES ({values})"), OLD_OFFER)
        conn.execute(text(
            "INSERT INTO curation_settings (id, publish_min_total, reject_below_total, min_per_criterion, "
            "min_reviewers, notice_days, review_years) VALUES (1, 15, 9, 2, 3, 10, 4)"))


def _old_values(engine) -> dict:
    keep = ("title", "model", "term_years", "guaranteed_saving", "guarantee_unit", "shortfall_rule",
            "min_project_cny", "esco_investment_pct")
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT {', '.join(keep)} FROM emc_offer WHERE id = 7")).mappings().one()
    return dict(row)


def test_existing_offers_and_settings_survive_upgrade_and_downgrade(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine, "0009")
    _seed_old_rows(engine)
    before = _old_values(engine)
    assert before["guaranteed_saving"] == 1200 and before["shortfall_rule"].startswith("差额")

    migrate.upgrade(engine, "0010")
    assert _columns(engine, "emc_offer") >= NEW_COLUMNS
    assert _old_values(engine) == before
    with engine.connect() as conn:
        new = conn.execute(text(f"SELECT {', '.join(sorted(NEW_COLUMNS))} FROM emc_offer WHERE id = 7")).one()
        assert set(new) == {None}                      # terms the old offer never stated stay empty
        settings = conn.execute(text("SELECT notice_days, discount_rate_pct FROM curation_settings")).one()
    assert tuple(settings) == (10, 8)                  # the bureau's rows keep theirs, the rate defaults

    migrate.downgrade(engine, "0009")
    assert not NEW_COLUMNS & _columns(engine, "emc_offer")
    checks = {c["name"] for c in inspect(engine).get_check_constraints("emc_offer")}
    assert "ck_emc_offer_model_known" in checks and "ck_emc_offer_shortfall_kind_known" not in checks
    assert "discount_rate_pct" not in _columns(engine, "curation_settings")
    assert _old_values(engine) == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT notice_days FROM curation_settings")).scalar() == 10
    migrate.upgrade(engine, "0010")
    assert _old_values(engine) == before
    engine.dispose()


def test_new_check_constraints_refuse_unknown_rule_kinds(make_database):
    engine = make_engine(make_database())
    migrate.upgrade(engine, "0010")
    _seed_old_rows(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE emc_offer SET shortfall_kind = 'capped', lease_instalments_per_year = 4"))
    for bad in ("shortfall_kind = 'half'", "lease_instalments_per_year = 3"):
        with pytest.raises(IntegrityError, match="(?i)check"), engine.begin() as conn:
            conn.execute(text(f"UPDATE emc_offer SET {bad}"))
    engine.dispose()
