"""Fixtures of the evidence and what-if tests (issue 23): a database of their
own (verifying projects changes a technology's effect model, which no other
test may see), an enterprise with two clinker lines, a supplier of CE-01
(grate cooler: −10 % of the line's fuel, typical), the bureau; and
``implemented`` to make an implemented inquiry answered by its follow-up.

The clinker lines: 1,500,000 t a year at 112 kgce/t (coal only, so the fuel
share is 1). CE-01's typical 10 % of the fuel is 11.2 kgce/t there,
16,800 tce a year."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import ACCOUNT_PASSWORD, seed_database, valid_uscc

EMAILS = {"enterprise": "admin@evidence-enterprise.test", "supplier": "admin@evidence-supplier.test",
          "bureau": "admin@evidence-bureau.test", "other": "admin@evidence-other.test"}
OUTPUT, UNIT_ENERGY = 1_500_000, 112


def build_world(database: dict) -> dict:
    from catalog.accounts import organisations, registration, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.organisations import Contact
    from catalog.enterprise import facilities
    from catalog.enterprise.facilities import FacilityInput

    out: dict = {"orgs": {}, "lines": {}}
    with database["sessions"]() as db:
        bureau = users.create_bureau_user(db, EMAILS["bureau"], "核验员", "bureau_admin", ACCOUNT_PASSWORD)

        def org(key: str, kind: str, body17: str) -> Actor:
            contact = Contact(name=f"{key} 联系人", mobile="13912345678", email=EMAILS[key],
                              district_key="fuling", province="", sector_keys=("cement",))
            user = registration.register(db, registration.Registration(
                kind, f"{key} 证据测试有限公司", valid_uscc(body17), contact, ACCOUNT_PASSWORD))
            organisations.decide(db, Actor.of(bureau), user.organisation_id, "approve")
            out["orgs"][key] = user.organisation_id
            return Actor.of(user)

        ent = org("enterprise", "enterprise", "91500105MA6100011")
        org("supplier", "supplier", "91500105MA6100022")
        org("other", "enterprise", "91500105MA6100033")
        for name in ("一号熟料线", "二号熟料线"):
            out["lines"][name] = facilities.create(db, out["orgs"]["enterprise"], FacilityInput(
                name=name, product_key="cement_clinker", annual_output=str(OUTPUT), capacity=str(OUTPUT),
                unit_energy=str(UNIT_ENERGY), coal_price="900", electricity_price="0.6",
                district_key="fuling"), ent).id
    return out


def implemented(db, world: dict, measured_tce: float | None, code: str = "CE-01",
                line: str = "一号熟料线", expected_tce: float = 16800):
    """An implemented inquiry about a need on ``line`` for technology
    ``code``, its follow-up answered with ``measured_tce``; its project record."""
    from sqlalchemy import select

    from catalog import models as m
    from catalog.accounts import users
    from catalog.accounts.audit import Actor
    from catalog.enterprise import needs
    from catalog.enterprise.needs import NeedInput
    from catalog.evidence import records
    from catalog.pipeline import followups
    from catalog.pipeline.followups import FollowUpInput

    ent = Actor.of(users.by_email(db, EMAILS["enterprise"]))
    need = needs.create(db, world["orgs"]["enterprise"], NeedInput(
        title="篦冷机改造", description="篦冷机热回收效率低。", facility_id=world["lines"][line],
        stage_key="clinker_burning"), ent, publish=True)
    tech = db.scalar(select(m.Technology).where(m.Technology.code == code))
    now = datetime.now(UTC)
    inquiry = m.Inquiry(enterprise_id=world["orgs"]["enterprise"], supplier_id=world["orgs"]["supplier"],
                        need_id=need.id, technology_id=tech.id, subject="篦冷机改造", status="implemented",
                        expected_saving_tce=expected_tce, implemented_at=now - timedelta(days=200),
                        follow_up_due=(now - timedelta(days=1)).date())
    db.add(inquiry)
    db.commit()
    followups.answer(db, world["orgs"]["enterprise"], inquiry.id,
                     FollowUpInput(None if measured_tce is None else str(measured_tce), "4"), ent)
    return records.record_of(db, inquiry.id)


@pytest.fixture(scope="module")
def evidence_db(make_database, tmp_path_factory):
    world = seed_database(make_database(), tmp_path_factory.mktemp("evidence-index") / "search-index")
    world["world"] = build_world(world)
    yield world
    world["engine"].dispose()
