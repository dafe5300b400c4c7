"""The scale profile (``flask --app portal demo-data --technologies N``): N
synthetic technologies and a marketplace sized to them — N/10 enterprises
with two production lines each, N/25 suppliers/ESCOs specialised in one or
two sectors, one user per organisation, N needs in every status and
confidentiality, one product per technology and two EMC offers per
technology (complete terms, every model), N/2 inquiries at every pipeline
step. Organisations carry USCCs starting ``SCALE_USCC`` and are replaced on
the next run, like the technologies. The benches' data builders use the
same methods with their own counts."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import cached_property

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts.passwords import hash_password

from . import deals, market, parties, plants
from .base import Builder
from .technologies import generate

SCALE_PASSWORD = "scale-demo-2026"  # every scale account's (printed by the command)
NEED_STATUSES = {"draft": 5, "open": 50, "in_negotiation": 15, "contracted": 12, "closed": 12, "withdrawn": 6}
CONFIDENTIALITY = {"public": 70, "anonymous": 20, "bureau_only": 10}
PROBLEMS = ("energy_efficiency", "waste_heat", "fuel_substitution", "raw_material", "electrification",
            "process_upgrade", "digital")
FINANCING = ("any", "any", "any_emc", "shared_savings", "guaranteed_savings", "self_funded")
MODEL_WEIGHTS = {"shared_savings": 35, "guaranteed_savings": 25, "energy_cost_hosting": 15,
                 "financing_lease": 10, "hybrid": 15}
MODEL_ZH = {"shared_savings": "节能效益分享", "guaranteed_savings": "节能量保证",
            "energy_cost_hosting": "能源费用托管", "financing_lease": "融资租赁", "hybrid": "混合型"}
SECTORS = ("steel", "nonferrous", "cement", "glass", "ceramics", "wall_materials")
ROLES = {"enterprise": "enterprise_admin", "supplier": "supplier_admin"}


class Scale:
    """Builds synthetic organisations and what they post, in bulk."""

    def __init__(self, session: Session, seed: int = 1, now: datetime | None = None):
        self.b = Builder(session, seed, now)
        self.s = session
        self.serial = session.scalar(select(func.count(m.Organisation.id)).where(
            m.Organisation.uscc.like(f"{parties.SCALE_USCC}%"))) or 0
        self.keywords: dict[str, list[str]] = {}
        for stage, words in session.execute(select(m.Technology.stage_key, m.Technology.keywords_zh)
                                            .where(~m.Technology.code.like("%-D%"))):
            self.keywords.setdefault(stage, []).extend(words)

    @cached_property
    def password_hash(self) -> str:
        return hash_password(SCALE_PASSWORD)  # once: every scale account shares it

    def organisations(self, kind: str, count: int, users: bool = True) -> list[tuple[int, tuple[str, ...]]]:
        """``count`` verified (90 %) organisations of ``kind`` with one or two
        sectors and, when ``users``, one admin each; (id, sectors) pairs."""
        b, rows, sectors = self.b, [], []
        for _ in range(count):
            n, self.serial = self.serial, self.serial + 1
            label = "供应商" if kind == "supplier" else "企业"
            rows.append(parties.organisation(b, kind, f"合成{label}{n:05d}", parties.uscc(
                f"{parties.SCALE_USCC}{n:07d}"), b.rng.choice(b.ref.districts),
                status="verified" if b.rng.random() < 0.9 else "pending"))
            sectors.append(tuple(b.rng.sample(SECTORS, b.rng.choice((1, 1, 2)))))
        ids = parties.add_organisations(b, rows, sectors)
        if users:
            parties.add_users(b, [
                parties.user(org, f"{kind}-{row['uscc'][-8:]}@scale.demo.example", f"用户{row['uscc'][-8:]}",
                             ROLES[kind], self.password_hash, row["created_at"])
                for org, row in zip(ids, rows, strict=True)])
        return list(zip(ids, sectors, strict=True))

    def lines(self, enterprises: list[tuple[int, tuple[str, ...]]], count: int) -> list[tuple[int, int, str]]:
        """``count`` lines of random enterprises, in their sectors where a
        benchmark product exists; (line, enterprise, sector) triples."""
        b, rows = self.b, []
        for n in range(count):
            org, sectors = b.rng.choice(enterprises)
            levels = [lv for lv in b.ref.levels if lv.sector in sectors] or b.ref.levels
            level = b.rng.choice(levels)
            unit = plants.between(level, b.rng.uniform(-0.4, 1.6)) if b.rng.random() < 0.9 else None
            district = b.rng.choice(b.ref.districts) if b.rng.random() < 0.3 else None
            rows.append(plants.facility(b, org, f"{n % 4 + 1}号{level.key}线", level,
                                        capacity=round(b.rng.uniform(5e4, 3e6), -3),
                                        utilisation=b.rng.uniform(0.7, 1.0), unit_energy=unit,
                                        district=district))
        ids = plants.add_facilities(b, rows)
        return [(ident, row["organisation_id"], b.ref.level[row["product_key"]].sector)
                for ident, row in zip(ids, rows, strict=True)]

    def needs(self, count: int, lines: list[tuple[int, int, str]], enterprises: list[int],
              statuses: dict[str, int] = NEED_STATUSES, confidentiality: dict[str, int] = CONFIDENTIALITY,
              texts: list[tuple[str, str, str | None]] | None = None) -> list[tuple[int, int, datetime, str]]:
        """Needs on random lines (15 % without one); ``texts`` (title,
        description, stage) replace the generated ones in turn.
        (id, enterprise, created, status) of each."""
        b, rows = self.b, []
        for n in range(count):
            created = b.when()
            if b.rng.random() < 0.85 and lines:
                line, org, sector = b.rng.choice(lines)
            else:
                line, org, sector = None, b.rng.choice(enterprises), b.rng.choice(SECTORS)
            stage = b.rng.choice(b.ref.stages[sector]) if b.rng.random() < 0.8 else None
            title, text = self._text(n, stage or b.rng.choice(b.ref.stages[sector]))
            if texts:
                title, text, stage = texts[n % len(texts)]
            scored = b.rng.random() < 0.9
            rows.append(plants.need(
                org, line, title, text, stage=stage, problem=b.rng.choice(PROBLEMS),
                status=b.pick(statuses), confidentiality=b.pick(confidentiality), created_at=created,
                target_saving_pct=b.rng.choice((None, 5, 8, 10, 15)),
                budget_cny=b.rng.choice((None, 5e6, 2e7, 5e7)), financing=b.rng.choice(FINANCING),
                score=(round(b.rng.betavariate(3, 3), 3), b.rng.randint(0, 10)) if scored else None))
        ids = plants.add_needs(b, rows)
        return [(ident, r["organisation_id"], r["created_at"], r["status"])
                for ident, r in zip(ids, rows, strict=True)]

    def _text(self, n: int, stage: str) -> tuple[str, str]:
        words = self.keywords.get(stage) or ["节能", "余热回收", "电耗"]
        a, c = self.b.rng.choice(words), self.b.rng.choice(words)
        return (f"需求{n}：{a}改造"[:200],
                f"现有生产线{a}效率偏低、能耗偏高，希望通过{c}等技术改造降低单位产品能耗，可考虑合同能源管理。")

    def listings(self, suppliers: list[tuple[int, tuple[str, ...]]], codes: list[str],
                 offers_per_technology: int = 2) -> dict[int, list[tuple[int, str]]]:
        """One product and ``offers_per_technology`` offers for each code, from
        suppliers of its sector (any supplier for cross-cutting entries);
        each supplier's (product id, code) pairs."""
        b, by_sector = self.b, {}
        for org, sectors in suppliers:
            for sector in sectors:
                by_sector.setdefault(sector, []).append(org)
        everyone = [org for org, _ in suppliers]
        products, product_codes, offers, offer_codes = [], [], [], []
        for code in codes:
            tech = b.ref.by_code[code]
            makers = by_sector.get(tech.sector_key) or everyone
            low = round(b.rng.uniform(30, 2000), -1)
            prices = (low, round(low * b.rng.uniform(1.3, 3)))
            products.append(market.product(b, b.rng.choice(makers), f"{tech.name_zh[:60]}成套方案",
                                           stage=tech.stage_key, price_wan=prices,
                                           description=f"{tech.name_zh}的设计、供货、安装与调试（合成数据）。"))
            product_codes.append((code,))
            for org in self._offerers(makers, offers_per_technology):
                model = b.pick(MODEL_WEIGHTS)
                minimum = b.rng.choice((50, 100, 300, 500))
                offers.append(market.offer(b, org, f"{tech.name_zh[:60]} · {MODEL_ZH[model]}",
                                           self._terms(model), min_project_wan=minimum))
                offer_codes.append((code,))
        ids = market.add_products(b, products, product_codes)
        market.add_offers(b, offers, offer_codes)
        out: dict[int, list[tuple[int, str]]] = {}
        for ident, row, (code,) in zip(ids, products, product_codes, strict=True):
            out.setdefault(row["organisation_id"], []).append((ident, code))
        return out

    def _offerers(self, makers: list[int], count: int) -> list[int]:
        """``count`` suppliers, different ones while there are enough."""
        chosen = self.b.rng.sample(makers, min(count, len(makers)))
        return chosen + [self.b.rng.choice(makers) for _ in range(count - len(chosen))]

    def _terms(self, model: str) -> market.Terms:
        rng = self.b.rng
        return market.Terms(
            model, rng.choice((3, 5, 6, 8, 10)), share_pct=rng.choice((10, 20, 30, 40)),
            esco_pct=rng.choice((0.0, 50.0, 100.0)), guarantee=round(rng.uniform(300, 8000), -1),
            service_fee_wan=rng.choice((20, 40, 80)), shortfall=rng.choice(("full", "share", "capped")),
            discount_pct=rng.choice((5, 8, 10)), lease_rate_pct=rng.choice((4.5, 5.5, 6.5)),
            instalments=rng.choice((4, 12)), down_payment_pct=rng.choice((10, 20, 30)))

    def inquiries(self, count: int, needs: list[tuple[int, int, datetime, str]], enterprises: list[int],
                  products: dict[int, list[tuple[int, str]]]) -> None:
        """Inquiries of random enterprises to suppliers with products, 75 %
        about a posted need, at every step of the pipeline."""
        b, made = self.b, []
        posted = [n for n in needs if n[3] != "draft"]
        suppliers = sorted(products)
        for n in range(count):
            supplier = b.rng.choice(suppliers)
            product, code = b.rng.choice(products[supplier])
            if posted and b.rng.random() < 0.75:
                need, org, at, _status = b.rng.choice(posted)
                created = min(at + timedelta(days=b.rng.uniform(0.5, 40)), b.now - timedelta(hours=1))
            else:
                need, org, created = None, b.rng.choice(enterprises), b.when()
            steps = deals.path_to(b, b.pick(deals.STATUS_WEIGHTS))
            tech = b.ref.by_code[code].id
            made.append(deals.deal(b, org, supplier, f"对接{n}", steps, created, need_id=need,
                                   product_id=None if need else product, technology_id=tech))
        deals.add_deals(b, made)


def clear(session: Session) -> None:
    """Remove an earlier scale run's organisations (and all they own)."""
    orgs = select(m.Organisation.id).where(m.Organisation.uscc.like(f"{parties.SCALE_USCC}%"))
    users = select(m.User.id).where(m.User.organisation_id.in_(orgs))
    session.execute(update(m.AuditEvent).where(m.AuditEvent.actor_id.in_(users)).values(actor_id=None))
    session.execute(update(m.AuditEvent).where(m.AuditEvent.organisation_id.in_(orgs)).values(organisation_id=None))
    session.execute(delete(m.User).where(m.User.organisation_id.in_(orgs)))
    session.execute(delete(m.Organisation).where(m.Organisation.id.in_(orgs)))
    session.commit()


def build(session: Session, technologies: int, seed: int = 1, needs: int | None = None) -> dict[str, int]:
    """Replace the synthetic catalogue and marketplace; the rows of each kind
    it made. Rebuild the search index afterwards. ``needs`` defaults to one
    per technology (the 100k bench keeps 10,000: the leads page's load)."""
    clear(session)
    generate(session, technologies, seed)
    scale = Scale(session, seed)
    enterprises = scale.organisations("enterprise", max(10, technologies // 10))
    suppliers = scale.organisations("supplier", max(4, technologies // 25))
    lines = scale.lines(enterprises, 2 * len(enterprises))
    wanted = max(20, technologies if needs is None else needs)
    needs_made = scale.needs(wanted, lines, [org for org, _ in enterprises])
    products = scale.listings(suppliers, [t.code for t in scale.b.ref.technologies])
    scale.inquiries(max(10, wanted // 2), needs_made, [org for org, _ in enterprises], products)
    session.commit()
    return {"technologies": technologies, **counts(session)}


def counts(session: Session) -> dict[str, int]:
    """Rows of each kind owned by the scale profile's organisations."""
    scale_orgs = select(m.Organisation.id).where(m.Organisation.uscc.like(f"{parties.SCALE_USCC}%"))
    out = {}
    for label, model, column in (("organisations", m.Organisation, m.Organisation.id),
                                 ("users", m.User, m.User.organisation_id),
                                 ("production lines", m.Facility, m.Facility.organisation_id),
                                 ("needs", m.Need, m.Need.organisation_id),
                                 ("products", m.Product, m.Product.organisation_id),
                                 ("EMC offers", m.EmcOffer, m.EmcOffer.organisation_id),
                                 ("inquiries", m.Inquiry, m.Inquiry.enterprise_id)):
        stmt = select(func.count()).select_from(model).where(column.in_(scale_orgs))
        out[label] = session.scalar(stmt) or 0
    return out
