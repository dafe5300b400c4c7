"""Fixtures of the supplier workspace and curation tests (issue 5): their own
migrated, seeded database and index (so publishing offers or editions never
touches the databases other tests read), organisations in every situation,
and helpers to build valid inputs. The fixtures are available
to every test (tests/conftest.py loads this module as a plugin)."""
from __future__ import annotations

import io
import struct
import zlib
from datetime import date, timedelta

import pytest

from catalog.curation.submissions import SubmissionInput
from catalog.supply.offers import OfferInput
from catalog.supply.products import ProductInput
from tests.conftest import ACCOUNT_PASSWORD, seed_database, valid_uscc

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png_bytes() -> bytes:
    """A real 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) \
        + chunk(b"IEND", b"")


EMAILS = {
    "supplier_admin": "admin@verified-supplier.test",
    "supplier_member": "member@verified-supplier.test",
    "pending_admin": "admin@pending-supplier.test",
    "other_admin": "admin@other-supplier.test",
    "enterprise_admin": "admin@enterprise.supply.test",
    "bureau_admin": "admin@bureau.supply.test",
    "curator1": "curator1@bureau.supply.test",
    "curator2": "curator2@bureau.supply.test",
}


@pytest.fixture(scope="session")
def supply_db(make_database, tmp_path_factory):
    world = seed_database(make_database(), tmp_path_factory.mktemp("supply-index") / "search-index")
    yield world
    world["engine"].dispose()


@pytest.fixture(scope="session")
def supply_world(supply_db):
    """Supplier V (verified; admin and member), supplier P (pending), supplier
    O (verified, another organisation), enterprise E (verified), the bureau
    (one admin, two curators). Returns ids by key."""
    from catalog.accounts import members, organisations, registration, users
    from catalog.accounts.audit import Actor
    from catalog.accounts.organisations import Contact
    from catalog.accounts.tokens import TokenSigner

    out: dict = {"orgs": {}, "users": {}}
    with supply_db["sessions"]() as db:
        bureau = users.create_bureau_user(db, EMAILS["bureau_admin"], "主管部门管理员", "bureau_admin",
                                          ACCOUNT_PASSWORD)
        for key in ("curator1", "curator2"):
            users.create_bureau_user(db, EMAILS[key], f"审核员{key[-1]}", "bureau_curator", ACCOUNT_PASSWORD)

        def org(key: str, kind: str, body17: str, email: str, verify: bool):
            contact = Contact(name=f"{key} 联系人", mobile="13912345678", email=email,
                              district_key="jiangbei", province="", sector_keys=("cement",))
            user = registration.register(db, registration.Registration(
                kind, f"{key} 节能科技有限公司", valid_uscc(body17), contact, ACCOUNT_PASSWORD))
            if verify:
                organisations.decide(db, Actor.of(bureau), user.organisation_id, "approve")
            out["orgs"][key] = user.organisation_id
            return user

        admin = org("V", "supplier", "91500105MA6000011", EMAILS["supplier_admin"], True)
        org("P", "supplier", "91500105MA6000022", EMAILS["pending_admin"], False)
        org("O", "supplier", "91500105MA6000033", EMAILS["other_admin"], True)
        org("E", "enterprise", "91500105MA6000044", EMAILS["enterprise_admin"], True)
        signer = TokenSigner("supply-test-secret")
        inv = members.invite(db, Actor.of(admin), admin.organisation_id, EMAILS["supplier_member"],
                             "supplier_member", signer, lambda t: t)
        members.accept(db, signer, signer.dumps("invitation", inv.id, inv.nonce), "成员", ACCOUNT_PASSWORD)
        for key, email in EMAILS.items():
            user = users.by_email(db, email)
            out["users"][key] = {"id": user.id, "org": user.organisation_id, "email": email}
    return out


@pytest.fixture(scope="session")
def make_supply_app(supply_db, supply_world, tmp_path_factory):
    from tests.conftest import app_factory

    yield from app_factory(supply_db, tmp_path_factory, "supply")


@pytest.fixture(scope="session")
def supply_app(make_supply_app):
    """CSRF off: these tests post forms directly (the e2e tests use real forms)."""
    return make_supply_app(WTF_CSRF_ENABLED=False)


@pytest.fixture
def as_user(supply_app):
    """A test client signed in as ``EMAILS[key]`` (anonymous for None)."""
    from tests.conftest import sign_in

    def make(key: str | None):
        client = supply_app.test_client()
        if key:
            assert sign_in(client, EMAILS[key]).status_code == 302
        return client
    return make


def actor_of(db, email: str):
    from catalog.accounts import users
    from catalog.accounts.audit import Actor

    return Actor.of(users.by_email(db, email))


def product_input(**overrides) -> ProductInput:
    values = dict(
        name_zh="高效篦冷机改造成套方案", name_en="High-efficiency grate cooler retrofit",
        description="第四代步进式篦冷机改造，含液压传动和智能控制系统。", technologies=("CE-01",),
        specs=(("热回收效率", "75", "%"), ("处理能力", "5000", "t/d")), stages=("clinker_burning",),
        capacity_note="2500–10000 t/d 熟料线", price_min_wan="800", price_max_wan="1500",
        regions=("chongqing",),
        certificates=(("节能产品认证", "CQC-2024-001", "中国质量认证中心", "2027-12-31"),),
        cases=(("重庆某水泥有限公司 5000 t/d 线", "2023", "熟料热耗下降 4.2%", True),))
    values.update(overrides)
    return ProductInput(**values)


def offer_input(**overrides) -> OfferInput:
    values = dict(
        title="篦冷机改造效益分享型合同能源管理", model="shared_savings", technologies=("CE-01",),
        investor="esco", esco_investment_pct="100", enterprise_shares="20, 20, 30, 30, 40",
        term_years="5", baseline_method="以改造前 12 个月熟料热耗及产量为基准", mv_method="ipmvp_b",
        min_project_wan="300", regions=("chongqing",), financing_partner="", subsidy_note="",
        description="")
    values.update(overrides)
    return OfferInput(**values)


def submission_input(**overrides) -> SubmissionInput:
    long_ago = (date.today() - timedelta(days=800)).isoformat()
    values = dict(
        name_zh="水泥窑智能燃烧优化控制技术", name_en="Intelligent combustion optimisation for cement kilns",
        sector="cement", stage="clinker_burning", category="digital", maturity="mature", trl="8",
        summary_zh="基于窑况软测量和模型预测控制，自动调节喂煤、风量和篦速，降低熟料热耗。",
        description_zh="以多变量模型预测控制为核心，结合窑尾气体分析和热工软测量，实现分解炉温度、"
                       "二次风温和篦冷机篦速协同优化，稳定窑况，降低标准煤耗和电耗。",
        keywords_zh="模型预测控制，智能燃烧", keywords_en="MPC, kiln control",
        energy_carriers=("coal", "electricity"), applicable_to=("cement_clinker",),
        figures=(("energy_saving", "2–3", "%", "熟料标准煤耗", "两条生产线第三方测试报告"),),
        cases=(("重庆某水泥公司 4500 t/d 线", long_ago, "标准煤耗下降 2.6%", True),
               ("四川某水泥公司 5000 t/d 线", long_ago, "标准煤耗下降 2.1%", False)))
    values.update(overrides)
    return SubmissionInput(**values)


def upload(client, url: str, name: str, data: bytes):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
