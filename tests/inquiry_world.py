"""Fixtures of the inquiry tests (issue 7), on the supply database: a
published product and offer of supplier V, a published offer of supplier O,
a need of enterprise E, and a second, unverified enterprise U."""
from __future__ import annotations

import pytest

from tests.conftest import ACCOUNT_PASSWORD, valid_uscc
from tests.supply_world import EMAILS, actor_of, offer_input, product_input

UNVERIFIED = "admin@unverified-enterprise.test"


def signed_in(app, email: str):
    """A test client of ``app`` signed in as ``email``."""
    from tests.conftest import sign_in

    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def token(client, url: str) -> str:
    """The CSRF token of the first form on the page at ``url``."""
    import re

    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


@pytest.fixture(scope="session")
def inquiry_world(supply_db, supply_world):
    from catalog.accounts import registration
    from catalog.accounts.organisations import Contact
    from catalog.enterprise import needs
    from catalog.enterprise.needs import NeedInput
    from catalog.supply import offers, products

    orgs = supply_world["orgs"]
    out: dict = {}
    with supply_db["sessions"]() as db:
        v = actor_of(db, EMAILS["supplier_admin"])
        product = products.create(db, v, orgs["V"], product_input(name_zh="对接测试篦冷机"))
        products.publish(db, v, orgs["V"], product.id)
        offer = offers.create(db, v, orgs["V"], offer_input(title="对接测试效益分享"))
        offers.publish(db, v, orgs["V"], offer.id)
        o = actor_of(db, EMAILS["other_admin"])
        other = offers.create(db, o, orgs["O"], offer_input(title="另一供应商的方案"))
        offers.publish(db, o, orgs["O"], other.id)
        need = needs.create(db, orgs["E"], NeedInput(title="篦冷机节能改造",
                                                     description="篦冷机老化，热回收效率低。"),
                            actor_of(db, EMAILS["enterprise_admin"]), publish=True)
        contact = Contact(name="U 联系人", mobile="13912345678", email=UNVERIFIED, district_key="jiangbei",
                          province="", sector_keys=("cement",))
        user = registration.register(db, registration.Registration(
            "enterprise", "U 未核验制造有限公司", valid_uscc("91500105MA6000055"), contact, ACCOUNT_PASSWORD))
        out.update(product=product.id, offer=offer.id, other_offer=other.id, need=need.id,
                   unverified_org=user.organisation_id)
    return out


LEAD_EMAILS = {
    "lead_supplier": "admin@lead-supplier.test",
    "lead_enterprise": "admin@lead-enterprise.test",
    "anon_enterprise": "admin@anon-enterprise.test",
}
ANON_NAME = "渝北隐名水泥股份有限公司"


@pytest.fixture(scope="session")
def lead_world(supply_db, supply_world):
    """Leads and expressions of interest (issue 7), on the supply database with
    organisations of their own: supplier LS (verified; a CE-01 grate-cooler
    product and a shared-savings offer), enterprise LE (verified, cement; a
    clinker line and needs in every situation) and enterprise LA (verified,
    named ``ANON_NAME``; an anonymous need). Returns ids by key."""
    from catalog.accounts import organisations, registration, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.organisations import Contact
    from catalog.enterprise import facilities, needs
    from catalog.enterprise.facilities import FacilityInput
    from catalog.enterprise.needs import NeedInput
    from catalog.pipeline import lead_store
    from catalog.supply import offers, products

    out: dict = {"orgs": {}, "needs": {}}
    with supply_db["sessions"]() as db:
        bureau = Actor.of(users.by_email(db, EMAILS["bureau_admin"]))

        def org(key: str, kind: str, name: str, body17: str, email: str) -> Actor:
            contact = Contact(name=f"{key} 联系人", mobile="13912345678", email=email,
                              district_key="yubei", province="", sector_keys=("cement",))
            user = registration.register(db, registration.Registration(
                kind, name, valid_uscc(body17), contact, ACCOUNT_PASSWORD))
            organisations.decide(db, bureau, user.organisation_id, "approve")
            out["orgs"][key] = user.organisation_id
            return Actor.of(user)

        ls = org("LS", "supplier", "LS 篦冷机供应有限公司", "91500105MA6000066", LEAD_EMAILS["lead_supplier"])
        le = org("LE", "enterprise", "LE 公开需求水泥有限公司", "91500105MA6000077",
                 LEAD_EMAILS["lead_enterprise"])
        la = org("LA", "enterprise", ANON_NAME, "91500105MA6000088", LEAD_EMAILS["anon_enterprise"])
        product = products.create(db, ls, out["orgs"]["LS"], product_input(name_zh="LS 第四代篦冷机"))
        products.publish(db, ls, out["orgs"]["LS"], product.id)
        offer = offers.create(db, ls, out["orgs"]["LS"], offer_input(title="LS 篦冷机效益分享"))
        offers.publish(db, ls, out["orgs"]["LS"], offer.id)
        out.update(product=product.id, offer=offer.id)

        def line(actor: Actor, org_key: str, name: str) -> int:
            return facilities.create(db, out["orgs"][org_key], FacilityInput(
                name=name, product_key="cement_clinker", annual_output="1500000", unit_energy="112",
                electricity_price="0.6", coal_price="900", district_key="fuling"), actor).id

        le_line, la_line = line(le, "LE", "LE 二号熟料线"), line(la, "LA", "LA 秘密熟料线")
        grate = dict(stage_key="clinker_burning", target_saving_pct="5", budget_cny="20000000",
                     financing="any_emc")
        weak = "篦冷机热回收效率低，熟料烧成热耗偏高。"
        specs = {
            "grate": ("LE", le, dict(title="第四代篦冷机改造降低熟料热耗", facility_id=le_line, description=(
                "二号线篦冷机为第三代，二次风温偏低，熟料热耗高，希望更换第四代步进式篦冷机。"), **grate)),
            "anonymous": ("LA", la, dict(title="熟料线篦冷机节能改造（匿名）", facility_id=la_line,
                                         confidentiality="anonymous", description=weak + "考虑合同能源管理。",
                                         **(grate | {"stage_key": ""}))),
            "bureau_only": ("LE", le, dict(title="篦冷机改造（仅主管部门可见）", facility_id=le_line,
                                           confidentiality="bureau_only", description=weak, **grate)),
            "closed": ("LE", le, dict(title="已结束的篦冷机改造需求", facility_id=le_line, description=weak,
                                      **grate)),
            "grinding": ("LE", le, dict(title="生料立磨节电改造", stage_key="raw_meal_grinding",
                                        facility_id=le_line, description="生料立磨电耗偏高，希望降低电耗。")),
            "glass": ("LE", le, dict(title="浮法玻璃熔窑全氧燃烧改造", stage_key="glass_melting",
                                     description="熔窑天然气消耗高，考虑全氧燃烧和余热利用。")),
            "own": ("LS", ls, dict(title="供应商自己的篦冷机需求", description=weak, **grate)),
        }
        for key, (org_key, actor, values) in specs.items():
            need = needs.create(db, out["orgs"][org_key], NeedInput(**values), actor, publish=True)
            out["needs"][key] = need.id
        needs.move(db, out["orgs"]["LE"], out["needs"]["closed"], "closed", le)
        lead_store.refresh_all(db, supply_db["index_dir"])  # as the alert scan stores them
    return out
