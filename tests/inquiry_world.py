"""Fixtures of the inquiry tests (issue 7), on the supply database: a
published product and offer of supplier V, a published offer of supplier O,
a need of enterprise E, and a second, unverified enterprise U."""
from __future__ import annotations

import pytest

from tests.conftest import ACCOUNT_PASSWORD, valid_uscc
from tests.supply_world import EMAILS, actor_of, offer_input, product_input

UNVERIFIED = "admin@unverified-enterprise.test"


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
