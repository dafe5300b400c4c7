"""The demo data builders on a real database and index: the demo world
(named 示例, idempotent, accounts that sign in, complete EMC offers that
the services would accept, a need whose matches carry an EMC comparison,
inquiries at every pipeline step, leads for its supplier) and the scale
profile (sizes, statuses, replaced on a second run)."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from catalog import models as m
from catalog.accounts import users
from catalog.accounts.passwords import check_policy
from catalog.demo import parties, scale, world
from catalog.enterprise.matches import match, need_query
from catalog.pipeline import lead_store, leads
from catalog.supply import contract, offers, products
from catalog.supply.offers import OfferInput
from catalog.supply.products import ProductInput
from tests.conftest import seed_database

CONTRACT = ("model", "investor", "esco_investment_pct", "enterprise_investment_pct", "enterprise_shares",
            "term_years", "guaranteed_saving", "guarantee_unit", "shortfall_kind", "shortfall_share_pct",
            "shortfall_cap_cny", "service_fee_cny", "hosting_discount_pct", "lease_rate_pct",
            "lease_instalments_per_year", "down_payment_pct", "min_project_cny", "max_investment_cny")


@pytest.fixture(scope="module")
def demo_db(make_database, tmp_path_factory):
    built = seed_database(make_database(), tmp_path_factory.mktemp("demo-index") / "search-index")
    with built["sessions"]() as db:
        built["report"] = world.build(db)
        lead_store.refresh_all(db, built["index_dir"])
    yield built
    built["engine"].dispose()


@pytest.fixture
def db(demo_db):
    with demo_db["sessions"]() as session:
        yield session


def wan(value: float | None) -> str:
    return "" if value is None else f"{value / 10_000:g}"


def num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def as_input(o: m.EmcOffer) -> OfferInput:
    """The offer as its form would send it."""
    return OfferInput(
        title=o.title, model=o.model, technologies=tuple(t.code for t in o.technologies),
        products=tuple(str(p.id) for p in o.products), investor=o.investor,
        esco_investment_pct=num(o.esco_investment_pct), max_investment_wan=wan(o.max_investment_cny),
        enterprise_shares=", ".join(f"{s:g}" for s in o.enterprise_shares), term_years=str(o.term_years),
        guaranteed_saving=num(o.guaranteed_saving), guarantee_unit=o.guarantee_unit,
        shortfall_rule=o.shortfall_rule, shortfall_kind=o.shortfall_kind or "",
        shortfall_share_pct=num(o.shortfall_share_pct), shortfall_cap_wan=wan(o.shortfall_cap_cny),
        service_fee_wan=wan(o.service_fee_cny), enterprise_investment_pct=num(o.enterprise_investment_pct),
        hosting_baseline_wan=wan(o.hosting_baseline_cny), hosting_discount_pct=num(o.hosting_discount_pct),
        lease_rate_pct=num(o.lease_rate_pct), lease_instalments=num(o.lease_instalments_per_year),
        down_payment_pct=num(o.down_payment_pct), baseline_method=o.baseline_method, mv_method=o.mv_method,
        min_project_wan=wan(o.min_project_cny), regions=tuple(o.regions),
        financing_partner=o.financing_partner, subsidy_note=o.subsidy_note, description=o.description)


def product_input(p: m.Product) -> ProductInput:
    return ProductInput(
        name_zh=p.name_zh, name_en=p.name_en, description=p.description,
        technologies=tuple(t.code for t in p.technologies),
        specs=tuple((s["name"], s["value"], s["unit"]) for s in p.specs), stages=tuple(p.stage_keys),
        capacity_note=p.capacity_note, price_min_wan=wan(p.price_min_cny), price_max_wan=wan(p.price_max_cny),
        regions=tuple(p.regions))


def assert_services_accept(db, offer_rows, product_rows) -> None:
    """What the builders stored is what the supplier's forms would store."""
    for o in offer_rows:
        assert contract.missing(o) == (), o.title
        values = offers.validate(db, o.organisation_id, as_input(o))
        assert {k: values[k] for k in CONTRACT} == {k: getattr(o, k) for k in CONTRACT}, o.title
    for p in product_rows:
        values = products.validate(db, product_input(p))
        assert (values["price_min_cny"], values["price_max_cny"]) == (p.price_min_cny, p.price_max_cny)
        assert p.price_min_cny < p.price_max_cny


def test_the_world_is_fictional_and_a_second_build_changes_nothing(db, demo_db):
    report = demo_db["report"]
    assert report.created and report.counts["EMC offers"] >= 8 and report.counts["inquiries"] >= 8
    orgs = list(db.scalars(select(m.Organisation).where(m.Organisation.kind != "bureau")))
    assert orgs and all(o.name.startswith("示例") for o in orgs)
    assert all(o.uscc.startswith(world.WORLD_USCC) and o.status == "verified" for o in orgs)
    tables = (m.Organisation, m.User, m.Facility, m.Need, m.Product, m.EmcOffer, m.Inquiry, m.InquiryEvent,
              m.Submission, m.Announcement, m.Edition)
    before = [db.scalar(select(func.count()).select_from(t)) for t in tables]
    again = world.build(db)
    assert not again.created and again.accounts == report.accounts
    assert [db.scalar(select(func.count()).select_from(t)) for t in tables] == before


def test_a_published_edition_and_the_next_one_in_preparation(db, demo_db):
    states = dict(db.execute(select(m.Edition.code, m.Edition.status)).all())
    assert "published" in states.values()
    assert states[world.load()["draft_edition"]["code"]] == "draft"


def test_a_run_cut_short_is_finished_by_the_next(db, demo_db):
    """The parts made through the services after the first commit (here the
    draft edition) are made by the next run when they are missing."""
    code = world.load()["draft_edition"]["code"]
    db.delete(db.scalars(select(m.Edition).where(m.Edition.code == code)).one())
    db.commit()
    again = world.build(db)
    assert again.created and again.counts == {"draft edition": 1}
    assert db.scalar(select(m.Edition.status).where(m.Edition.code == code)) == "draft"


def test_every_printed_account_signs_in_with_the_documented_password(db, demo_db):
    accounts = demo_db["report"].accounts
    roles = {role for _email, role, _org in accounts}
    assert {"enterprise_admin", "supplier_admin", "bureau_admin", "bureau_curator"} <= roles
    for email, role, _org in accounts:
        check_policy(world.DEMO_PASSWORD, email)
        assert users.authenticate(db, email, world.DEMO_PASSWORD).role == role


def test_offers_of_every_model_have_complete_terms_the_forms_accept(db):
    rows = list(db.scalars(select(m.EmcOffer)).unique())
    assert {o.model for o in rows} == set(m.EMC_MODELS)
    assert_services_accept(db, rows, list(db.scalars(select(m.Product)).unique()))


def test_the_cement_need_matches_with_an_emc_comparison(db, demo_db):
    need = db.scalars(select(m.Need).where(m.Need.title.like("2号线篦冷机%"))).unique().one()
    views = match(db, demo_db["index_dir"], need_query(need), 10).views
    first = views[0]
    assert first.technology.code == "CE-01"
    assert len(first.offers) >= 2 and all(c.complete for c in first.offers)


def test_lines_needs_and_inquiries_cover_the_situations_a_newcomer_meets(db):
    lines = set(db.scalars(select(m.Facility.product_key)))
    assert {"cement_clinker", "flat_glass_500_800td", "eaf_steelmaking_ge_50t",
            "aluminium_electrolysis"} <= lines
    needs = list(db.scalars(select(m.Need)).unique())
    assert {n.confidentiality for n in needs} == set(m.CONFIDENTIALITY)
    assert {"open", "in_negotiation", "closed", "draft"} <= {n.status for n in needs}
    assert {i.status for i in db.scalars(select(m.Inquiry)).unique()} == set(m.INQUIRY_STATUSES)
    contracted = db.scalars(select(m.Inquiry).where(m.Inquiry.status == "contracted")).unique().one()
    assert contracted.contracted_at and contracted.contract_value_cny == 18_000_000
    assert [e.to_status for e in contracted.events] == ["sent", "replied", "site_survey", "proposal",
                                                         "contracted"]


def test_the_esco_has_leads_that_hide_the_anonymous_enterprise(db):
    esco = db.scalar(select(m.Organisation.id).where(m.Organisation.name == "示例·两江节能服务有限公司"))
    found = leads.leads_for(db, esco)
    titles = {lead.need.title for lead in found}
    assert "2号线篦冷机升级，降低熟料烧成热耗" in titles
    assert "厂区风机水泵节电（仅主管部门可见）" not in titles
    anonymous = next(lead.need for lead in found if lead.need.anonymous)
    assert anonymous.enterprise is None and anonymous.description == ""


@pytest.fixture(scope="module")
def scale_db(make_database, tmp_path_factory):
    built = seed_database(make_database(), tmp_path_factory.mktemp("scale-index") / "search-index")
    with built["sessions"]() as db:
        built["first"] = scale.build(db, 200, seed=3)
        built["second"] = scale.build(db, 200, seed=4)
    yield built
    built["engine"].dispose()


def test_the_scale_profile_is_sized_to_the_technologies_and_replaced_on_a_second_run(scale_db):
    first, second = scale_db["first"], scale_db["second"]
    with scale_db["sessions"]() as db:
        techs = db.scalar(select(func.count()).select_from(m.Technology)
                          .where(m.Technology.status == "published"))
        assert second == first == scale.counts(db) | {"technologies": 200}
        assert first["EMC offers"] == 2 * techs and first["products"] == techs
        assert first["needs"] == 200 and first["inquiries"] == 100 and first["production lines"] == 40
        assert first["users"] == first["organisations"] == 20 + 8
        assert db.scalar(select(func.count()).select_from(m.Organisation).where(
            m.Organisation.uscc.like(f"{parties.SCALE_USCC}%"))) == first["organisations"]
        emails = list(db.scalars(select(m.User.email).where(m.User.email.like("%@scale.demo.example"))))
        assert len(emails) == first["users"] and all(e == e.lower() for e in emails)  # sign-in lower-cases
        for email in emails[:3] + emails[-3:]:  # every scale account signs in with the printed password
            assert users.authenticate(db, email.upper(), scale.SCALE_PASSWORD).email == email


def test_the_scale_profile_posts_every_status_and_complete_offers(scale_db):
    with scale_db["sessions"]() as db:
        needs = Counter(db.execute(select(m.Need.status, m.Need.confidentiality)).all())
        assert {status for status, _ in needs} == set(m.NEED_STATUSES)
        assert {conf for _, conf in needs} == set(m.CONFIDENTIALITY)
        assert {s for s in db.scalars(select(m.Inquiry.status))} == set(m.INQUIRY_STATUSES)
        rows = list(db.scalars(select(m.EmcOffer)).unique())
        assert {o.model for o in rows} == set(m.EMC_MODELS)
        by_model = {o.model: o for o in rows}
        assert_services_accept(db, rows[:60] + list(by_model.values()),
                               list(db.scalars(select(m.Product).limit(30)).unique()))
