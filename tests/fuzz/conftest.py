"""A database of its own for the fuzz (it writes through every form, so it
must not share the functional tests' data), a world with one user in every
role and a row of every kind the routes take an id of, and the app served on
127.0.0.1 by a real HTTP server in a thread."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import ACCOUNT_PASSWORD, app_factory, seed_database, valid_uscc

EMAILS = {"enterprise_member": "member-e@fuzz.test", "enterprise_admin": "admin-e@fuzz.test",
          "supplier_member": "member-s@fuzz.test", "supplier_admin": "admin-s@fuzz.test",
          "bureau_curator": "curator@fuzz.test", "bureau_admin": "admin@fuzz.test"}


@pytest.fixture(scope="session")
def fuzz_db(make_database, tmp_path_factory):
    world = seed_database(make_database(), tmp_path_factory.mktemp("fuzz-index") / "search-index")
    yield world
    world["engine"].dispose()


def _organisation(db, bureau, kind: str, name: str, body17: str, email: str) -> int:
    from catalog.accounts import organisations, registration
    from catalog.accounts.organisations import Contact

    contact = Contact(name="联系人", mobile="13912345678", email=email, district_key="jiangbei",
                      province="", sector_keys=("cement",))
    user = registration.register(db, registration.Registration(
        kind, name, valid_uscc(body17), contact, ACCOUNT_PASSWORD))
    organisations.decide(db, bureau, user.organisation_id, "approve")
    return user.organisation_id


def _member(db, admin_email: str, org_id: int, email: str, role: str) -> None:
    from catalog.accounts import members, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.tokens import TokenSigner

    signer = TokenSigner("fuzz-test-secret")
    inv = members.invite(db, Actor.of(users.by_email(db, admin_email)), org_id, email, role, signer,
                         lambda t: t)
    members.accept(db, signer, signer.dumps("invitation", inv.id, inv.nonce), "成员", ACCOUNT_PASSWORD)


@pytest.fixture(scope="session")
def fuzz_world(fuzz_db):
    """Users in the six roles; a published product and offer, a production
    line, an open need and a published announcement."""
    from catalog.accounts import users
    from catalog.accounts.audit import Actor
    from catalog.console import announcements
    from catalog.enterprise import facilities, needs
    from catalog.enterprise.facilities import FacilityInput
    from catalog.enterprise.needs import NeedInput
    from catalog.supply import offers, products
    from tests.supply_world import offer_input, product_input

    with fuzz_db["sessions"]() as db:
        admin = users.create_bureau_user(db, EMAILS["bureau_admin"], "管理员", "bureau_admin",
                                         ACCOUNT_PASSWORD)
        users.create_bureau_user(db, EMAILS["bureau_curator"], "审核员", "bureau_curator", ACCOUNT_PASSWORD)
        bureau = Actor.of(admin)
        supplier = _organisation(db, bureau, "supplier", "模糊测试节能科技有限公司", "91500105MA6000911",
                                 EMAILS["supplier_admin"])
        enterprise = _organisation(db, bureau, "enterprise", "模糊测试水泥有限公司", "91500105MA6000922",
                                   EMAILS["enterprise_admin"])
        _member(db, EMAILS["supplier_admin"], supplier, EMAILS["supplier_member"], "supplier_member")
        _member(db, EMAILS["enterprise_admin"], enterprise, EMAILS["enterprise_member"], "enterprise_member")
        s = Actor.of(users.by_email(db, EMAILS["supplier_admin"]))
        products.publish(db, s, supplier, products.create(db, s, supplier, product_input()).id)
        offers.publish(db, s, supplier, offers.create(db, s, supplier, offer_input()).id)
        e = Actor.of(users.by_email(db, EMAILS["enterprise_admin"]))
        line = facilities.create(db, enterprise, FacilityInput(
            name="一号熟料线", product_key="cement_clinker", annual_output="1500000", unit_energy="112",
            electricity_price="0.6", coal_price="900", district_key="fuling"), e)
        need = NeedInput(title="篦冷机节能改造", description="篦冷机老化，热回收效率低。",
                         facility_id=line.id)
        needs.create(db, enterprise, need, e, publish=True)
        item = announcements.create(db, bureau, announcements.AnnouncementInput(
            title_zh="低碳技术推介会", body_zh="推介会介绍篦冷机与余热发电技术。", place="重庆",
            starts_at="2027-03-01T09:00", ends_at="2027-03-01T17:00", sectors=("cement",)))
        announcements.publish(db, bureau, item.id)
    return {"emails": EMAILS, "password": ACCOUNT_PASSWORD}


@pytest.fixture(scope="session")
def fuzz_app(fuzz_db, fuzz_world, tmp_path_factory):
    """CSRF off, so random submissions reach the checks behind the token."""
    made = app_factory(fuzz_db, tmp_path_factory, "fuzz")
    make = next(made)
    yield make(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    next(made, None)


@pytest.fixture(scope="session")
def live_url(fuzz_app):
    """One serving thread, not one per request: the search keeps a Whoosh
    searcher per thread, and a thread that ends without ``release`` leaves
    its files to the garbage collector (a ResourceWarning, an error here)."""
    from catalog.search.state import release

    server = make_server("127.0.0.1", 0, fuzz_app, threaded=False)

    def serve() -> None:
        server.serve_forever()
        release()  # this thread's searchers, before the thread ends

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
