"""The supplier directory's test world (issue 22), written row by row so
every time and consent is known:

- S1 甲 (verified, 江北区, cement): product CE-01 serving jiangbei, a draft
  product, a shared-savings offer CE-01 for all of Chongqing. Inquiries from
  enterprises in the window answered after 2, 3, 5.5, 26 and 48 hours, one
  never answered, one answered after 1 hour but 400 days ago, one expression
  of interest (origin supplier): response time = median(2, 3, 5.5, 26, 48)
  = 5.5 h over 5 answered of 6 received. Completed projects: with consent
  (戊, CE-01, 1234.5 tce), without consent (己), without follow-up (庚).
- S2 乙 (verified, 江苏省, glass): a nationwide product CE-04; 2 answered
  inquiries: response time "not available" (fewer than 5).
- S3 (pending) and S4 (revoked) with published products: never listed.
- S5 丁 100%_节能 (verified, no listings): a name with LIKE wildcards, and a
  completed project of enterprise 辛 whose follow-up is due (辛 signs in as
  ``CONSENT_EMAIL``: the consent checkbox test).
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from catalog import clock
from catalog import models as m
from catalog.accounts.passwords import hash_password
from tests.conftest import ACCOUNT_PASSWORD

CONSENT_EMAIL = "xin@directory.test"
HIDDEN_NAMES = ("己 玻璃不公开有限公司", "庚 陶瓷无回访有限公司")
NAMED = "戊 水泥公开有限公司"
CONSENTING = "辛 墙材回访有限公司"


def _org(db, kind: str, name: str, status: str = "verified", district: str | None = "jiangbei",
         province: str | None = None, sectors: tuple[str, ...] = ()) -> m.Organisation:
    org = m.Organisation(kind=kind, name=name, status=status, district_key=district, province=province,
                         contact_name="不应公开的联系人", contact_mobile="13900000000",
                         contact_email=f"secret-{abs(hash(name)) % 10**8}@directory.test")
    org.sectors = [db.get(m.Sector, key) for key in sectors]
    db.add(org)
    db.flush()
    return org


def _product(db, org, name: str, code: str, regions: list[str], status: str = "published") -> m.Product:
    tech = db.query(m.Technology).filter_by(code=code).one()
    row = m.Product(organisation_id=org.id, status=status, name_zh=name, name_en="", regions=regions,
                    published_at=datetime.now(UTC) if status == "published" else None)
    row.technologies = [tech]
    db.add(row)
    db.flush()
    return row


def _offer(db, org, title: str, model: str, regions: list[str]) -> m.EmcOffer:
    tech = db.query(m.Technology).filter_by(code="CE-01").one()
    row = m.EmcOffer(organisation_id=org.id, status="published", title=title, model=model, investor="esco",
                     term_years=5, mv_method="ipmvp_b", regions=regions, enterprise_shares=[20, 30],
                     published_at=datetime.now(UTC))
    row.technologies = [tech]
    db.add(row)
    db.flush()
    return row


def _inquiry(db, enterprise, supplier, product, created: datetime, answered_after_h: float | None,
             origin: str = "enterprise", **columns) -> m.Inquiry:
    row = m.Inquiry(enterprise_id=enterprise.id, supplier_id=supplier.id, product_id=product.id,
                    subject="目录测试询问", origin=origin, status=columns.pop("status", "sent"),
                    created_at=created, updated_at=created, **columns)
    row.events.append(m.InquiryEvent(side=origin, to_status="sent", at=created))
    if answered_after_h is not None:
        first = created + timedelta(hours=answered_after_h)
        row.events.append(m.InquiryEvent(side="supplier", from_status="sent", to_status="replied", at=first))
        row.events.append(m.InquiryEvent(side="supplier", from_status="replied", to_status="proposal",
                                         at=first + timedelta(hours=30)))
    db.add(row)
    db.flush()
    return row


def build(sessions) -> dict:
    now = datetime.now(UTC)
    with sessions() as db:
        s1 = _org(db, "supplier", "甲 节能装备有限公司", sectors=("cement",))
        s2 = _org(db, "supplier", "乙 余热发电有限公司", district=None, province="jiangsu",
                  sectors=("glass",))
        s3 = _org(db, "supplier", "丙 待核验供应商", status="pending")
        s4 = _org(db, "supplier", "壬 已撤销供应商", status="revoked")
        s5 = _org(db, "supplier", "丁 100%_节能有限公司", sectors=("wall_materials",))
        named = _org(db, "enterprise", NAMED)
        hidden = [_org(db, "enterprise", name) for name in HIDDEN_NAMES]
        consenting = _org(db, "enterprise", CONSENTING)
        p1 = _product(db, s1, "甲 篦冷机改造", "CE-01", ["jiangbei"])
        _product(db, s1, "甲 草稿产品", "CE-01", ["national"], status="draft")
        o1 = _offer(db, s1, "甲 效益分享方案", "shared_savings", ["chongqing"])
        p2 = _product(db, s2, "乙 余热电站", "CE-04", ["national"])
        _product(db, s3, "丙 产品", "CE-01", ["national"])
        _product(db, s4, "壬 产品", "CE-01", ["national"])
        for days, hours in ((100, 2), (90, 5.5), (80, 26), (70, 3), (60, 48), (50, None), (400, 1)):
            _inquiry(db, named, s1, p1, now - timedelta(days=days), hours)
        _inquiry(db, named, s1, p1, now - timedelta(days=30), 0.5, origin="supplier")
        for days, hours in ((20, 1), (10, 4)):
            _inquiry(db, named, s2, p2, now - timedelta(days=days), hours)
        done = {"status": "closed", "implemented_at": now - timedelta(days=300)}
        old = now - timedelta(days=500)
        a = _inquiry(db, named, s1, p1, old, None, **done, technology_id=p1.technologies[0].id)
        a.follow_up = m.FollowUp(achieved_saving_tce=1234.5, satisfaction=5, reference_ok=True)
        b = _inquiry(db, hidden[0], s1, p1, old, None, **done)
        b.follow_up = m.FollowUp(achieved_saving_tce=99.0, satisfaction=4, reference_ok=False)
        _inquiry(db, hidden[1], s1, p1, old, None, **done)
        due = _inquiry(db, consenting, s5, p2, old, None, status="implemented",
                       implemented_at=now - timedelta(days=200),
                       follow_up_due=clock.today() - timedelta(days=1))
        db.add(m.User(organisation_id=consenting.id, email=CONSENT_EMAIL, name="辛 管理员",
                      role="enterprise_admin", password_hash=hash_password(ACCOUNT_PASSWORD),
                      login_token="directory-test-token"))
        db.commit()
        return {"s1": s1.id, "s2": s2.id, "s3": s3.id, "s4": s4.id, "s5": s5.id, "p1": p1.id, "o1": o1.id,
                "p2": p2.id, "due": due.id, "now": now, "named_inquiry": a.id}
