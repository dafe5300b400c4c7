"""Measured outcomes as evidence (issue 23): project records from follow-ups,
metering / M&V evidence, the bureau's verification and the rule that lets
agreeing verified projects set a technology's typical effect value.

Worked example (CE-01, grate cooler: typical −10 % of the line's fuel, low 8,
high 12). Each project is on a clinker line making 1,500,000 t a year at
112 kgce/t, coal only (fuel share 1), so a saving of S tce a year is
S × 1000 / 1,500,000 kgce/t and (S × 1000 / 1,500,000) / 112 × 100 % of the fuel:

    15,120 tce → 10.08 kgce/t → 9.0 %
    13,440 tce →  8.96 kgce/t → 8.0 %
    14,280 tce →  9.52 kgce/t → 8.5 %

Two verified projects (9.0, 8.0): verified median 8.5, range 8.0–9.0, n 2;
the typical value stays 10 (the rule needs 3). With the third (8.5): all
three within ±30 % of their median 8.5 (5.95–11.05), so the typical value
becomes 8.5, kept with the history (10 → 8.5, n 3)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.accounts import users
from catalog.accounts.audit import Actor
from catalog.errors import NotFound, RuleError
from catalog.evidence import adoption, records, verification
from catalog.evidence.verification import Decision
from catalog.pipeline.attachments import FileStore, Upload
from catalog.seed import load_all
from tests.evidence_world import EMAILS, evidence_db, implemented  # noqa: F401
from tests.supply_world import PDF

pytestmark = pytest.mark.usefixtures("evidence_db")


@pytest.fixture
def db(evidence_db):  # noqa: F811
    with evidence_db["sessions"]() as session:
        yield session


@pytest.fixture
def store(tmp_path):
    return FileStore(tmp_path, 1024 * 1024)


def actor(db, key: str) -> Actor:
    return Actor.of(users.by_email(db, EMAILS[key]))


def submit_and_verify(db, world, store, record, saving=None):
    verification.submit(db, world["orgs"]["enterprise"], record.id, "metering",
                        [Upload("计量报告.pdf", PDF)], store, actor(db, "enterprise"))
    return verification.decide(db, actor(db, "bureau"), record.id,
                               Decision("verify", "", None if saving is None else str(saving)))


def ce01(db) -> m.Technology:
    return db.scalar(select(m.Technology).where(m.Technology.code == "CE-01"))


def group(db, unit="%"):
    found = records.evidence_for(db, ce01(db))
    return next(g for g in found.groups if g.unit == unit), found


@pytest.fixture
def fresh(make_database, tmp_path):
    """A database of its own: the worked example starts with no CE-01 project."""
    from tests.conftest import seed_database
    from tests.evidence_world import build_world

    database = seed_database(make_database(), tmp_path / "search-index")
    database["world"] = build_world(database)
    with database["sessions"]() as session:
        yield session, database["world"]
    database["engine"].dispose()


def test_worked_example(fresh, store):
    db, world = fresh
    tech = ce01(db)
    assert (tech.effect["low"], tech.effect["typical"], tech.effect["high"]) == (8, 10, 12)
    ref_before = tech.ref_saving_tce
    first = implemented(db, world, 15120)
    assert first.level == "self_declared" and first.annual_output == 1_500_000 and first.fuel_share == 1.0
    second = implemented(db, world, 13440, line="二号熟料线")
    g, _found = group(db)
    assert g.spread("measured").n == 2 and g.spread("measured", ("verified",)).n == 0
    assert g.spread("claimed").median == pytest.approx(10.0)  # 16,800 tce → 11.2 kgce/t → 10 %
    submit_and_verify(db, world, store, first)
    _record, revision = submit_and_verify(db, world, store, second)
    assert revision is None
    g, found = group(db)
    verified = g.spread("measured", ("verified",))
    assert (verified.n, verified.median, verified.low, verified.high) == (
        2, pytest.approx(8.5), pytest.approx(8.0), pytest.approx(9.0))
    db.refresh(tech)
    assert tech.effect["typical"] == 10 and found.revisions == []
    third = implemented(db, world, 14280)
    _record, revision = submit_and_verify(db, world, store, third)
    assert revision is not None
    assert (revision.old_typical, revision.new_typical, revision.n) == (10, pytest.approx(8.5), 3)
    assert revision.project_ids == sorted([first.id, second.id, third.id])
    db.refresh(tech)
    assert tech.effect["typical"] == pytest.approx(8.5) and tech.effect["low"] == 8
    assert tech.effect["typical_from"]["catalogue_typical"] == 10
    assert tech.ref_saving_tce != ref_before  # the reference plant is recomputed with the new value
    assert adoption.apply(db, tech) is None   # the same projects make no second revision
    tech.effect = {**tech.effect, "typical": 10, "low": 8}  # as a seed load writes the catalogue's model
    db.flush()
    assert adoption.reapply(db) == 1 and tech.effect["typical"] == pytest.approx(8.5)
    assert tech.effect["typical_from"]["catalogue_typical"] == 10
    db.commit()
    report = load_all(db)  # `flask setup` again: the seed writes the model, the adopted value stays
    db.refresh(tech)
    assert tech.effect["typical"] == pytest.approx(8.5)
    assert "typical value kept from verified projects" in "\n".join(report.lines())
    actions = db.scalars(select(m.AuditEvent.action)
                         .where(m.AuditEvent.action.like("project_record.%"))).all()
    assert actions.count("project_record.verified") == 3 and actions.count("project_record.submitted") == 3
    assert db.scalar(select(func.count()).select_from(m.AuditEvent)
                     .where(m.AuditEvent.action == "technology.effect_revised")) == 1


def test_rule_needs_agreement():
    assert adoption.agreeing([9.0, 8.0]) is None
    assert adoption.agreeing([9.0, 8.0, 8.5]) == 8.5
    assert adoption.agreeing([9.0, 8.0, 12.0]) is None  # 12 is 33 % above the median 9
    assert adoption.agreeing([10.0, 10.0, 13.0]) == 10.0  # 13 is exactly 30 % above


def test_bad_input_changes_nothing(db, evidence_db, store):  # noqa: F811
    world = evidence_db["world"]
    record = implemented(db, world, 15000)
    ent = actor(db, "enterprise")
    with pytest.raises(RuleError):
        verification.submit(db, world["orgs"]["enterprise"], record.id, "metering",
                            [Upload("report.pdf", b"not a pdf")], store, ent)
    with pytest.raises(RuleError):
        verification.submit(db, world["orgs"]["enterprise"], record.id, "photos",
                            [Upload("report.pdf", PDF)], store, ent)
    with pytest.raises(NotFound):
        verification.submit(db, world["orgs"]["other"], record.id, "metering", [Upload("r.pdf", PDF)], store,
                            actor(db, "other"))
    db.rollback()
    db.refresh(record)
    assert record.level == "self_declared" and record.files == [] and not list(store.base_dir.rglob("*.pdf"))
    with pytest.raises(RuleError, match="project.not_submitted"):
        verification.decide(db, actor(db, "bureau"), record.id, Decision("verify", ""))
    verification.submit(db, world["orgs"]["enterprise"], record.id, "m_and_v", [Upload("r.pdf", PDF)], store,
                        ent)
    with pytest.raises(RuleError):   # a rejection needs its reason
        verification.decide(db, actor(db, "bureau"), record.id, Decision("reject", "  "))
    with pytest.raises(RuleError):
        verification.decide(db, actor(db, "bureau"), record.id, Decision("verify", "", "-5"))
    db.rollback()
    record, _rev = verification.decide(db, actor(db, "bureau"), record.id, Decision("reject", "计量表未校准"))
    assert record.level == "rejected" and record.review_note == "计量表未校准"
    g = next(g for g in records.evidence_for(db, ce01(db)).groups if g.unit == "%")
    assert record.id not in {r.record.id for r in g.rows if r.record.level in records.COUNTED}


def test_record_needs_a_technology(db, evidence_db):  # noqa: F811
    """An inquiry about an offer of several technologies: the enterprise names one."""
    world = evidence_db["world"]
    record = implemented(db, world, 15000)
    inquiry = db.get(m.Inquiry, record.inquiry_id)
    with pytest.raises(RuleError, match="project.exists"):
        records.create(db, world["orgs"]["enterprise"], inquiry.id, "CE-01", None, actor(db, "enterprise"))
    with pytest.raises(NotFound):
        records.create(db, world["orgs"]["other"], inquiry.id, "CE-01", None, actor(db, "other"))


def test_offer_of_several_technologies_the_enterprise_names_one(db, evidence_db):  # noqa: F811
    """No record is made by the follow-up; the enterprise names one of the
    offer's technologies (another one, or another organisation's line, is refused)."""
    from datetime import UTC, datetime, timedelta

    from catalog.enterprise import facilities
    from catalog.enterprise.facilities import FacilityInput
    from catalog.pipeline import followups
    from catalog.pipeline.followups import FollowUpInput
    from catalog.supply import offers
    from tests.supply_world import offer_input

    world = evidence_db["world"]
    supplier = actor(db, "supplier")
    offer = offers.create(db, supplier, world["orgs"]["supplier"],
                          offer_input(title="熟料线节能组合方案", technologies=("CE-01", "CE-03")))
    now = datetime.now(UTC)
    inquiry = m.Inquiry(enterprise_id=world["orgs"]["enterprise"], supplier_id=world["orgs"]["supplier"],
                        offer_id=offer.id, subject="组合方案", status="implemented", expected_saving_tce=9000,
                        implemented_at=now - timedelta(days=190),
                        follow_up_due=(now - timedelta(days=1)).date())
    db.add(inquiry)
    db.commit()
    followups.answer(db, world["orgs"]["enterprise"], inquiry.id, FollowUpInput("8000", "5"),
                     actor(db, "enterprise"))
    assert records.record_of(db, inquiry.id) is None
    assert [t.code for t in records.technologies_of(inquiry)] == ["CE-01", "CE-03"]
    ent = actor(db, "enterprise")
    with pytest.raises(RuleError):
        records.create(db, world["orgs"]["enterprise"], inquiry.id, "GL-02", None, ent)
    other_line = facilities.create(db, world["orgs"]["other"], FacilityInput(
        name="别家熟料线", product_key="cement_clinker", annual_output="1000000", unit_energy="110"),
        actor(db, "other")).id
    with pytest.raises(RuleError):
        records.create(db, world["orgs"]["enterprise"], inquiry.id, "CE-01", str(other_line), ent)
    line = world["lines"]["二号熟料线"]
    record = records.create(db, world["orgs"]["enterprise"], inquiry.id, "CE-01", str(line), ent)
    assert (record.technology.code, record.facility_id, record.measured_saving_tce) == ("CE-01", line, 8000)
    assert record.claimed_saving_tce == 9000 and record.annual_output == 1_500_000

