"""The demo world (``flask --app portal demo-data --profile demo``): the
fictional organisations, users, lines, needs, products, EMC offers and
inquiries of ``data/demo/world.yaml`` on the real seed catalogue, built with
the same builders as the scale profile. Every organisation's name starts
with 示例 and its USCC with ``WORLD_USCC``; every figure is a demo value.

Idempotent: when the world's organisations exist, nothing is changed (the
accounts are listed again). All accounts share ``DEMO_PASSWORD``: a demo
database must never face the internet (the command refuses production)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import clock
from catalog import models as m
from catalog.accounts import users as accounts
from catalog.accounts.passwords import hash_password

from . import deals, events, market, parties, plants
from .base import Builder

WORLD = Path(__file__).resolve().parents[2] / "data" / "demo" / "world.yaml"
WORLD_USCC = "91500000DW"
DEMO_PASSWORD = "demo-world-2026"
SEED = 20


@dataclass
class WorldReport:
    created: bool
    accounts: list[tuple[str, str, str]]            # (e-mail, role, organisation)
    counts: dict[str, int] = field(default_factory=dict)


def load() -> dict:
    return yaml.safe_load(WORLD.read_text("utf-8"))


def accounts_of(spec: dict) -> list[tuple[str, str, str]]:
    out = [(email, role, org["name"]) for kind in ("enterprises", "suppliers") for org in spec[kind]
           for email, _name, role in org["users"]]
    return out + [(email, role, accounts.BUREAU_NAME) for email, _name, role in spec["bureau"]]


def present(session: Session) -> bool:
    return session.scalar(select(m.Organisation.id).where(
        m.Organisation.uscc.like(f"{WORLD_USCC}%")).limit(1)) is not None


def build(session: Session) -> WorldReport:
    """Create the world, or whatever part of it is missing; commits. The
    organisations and everything on them are built in one transaction; the
    bureau accounts, the submission in review, the event and the draft
    edition each go through the services (which commit) and are made only
    when they are not there, so a run cut short is finished by the next."""
    spec = load()
    counts: dict[str, int] = {}
    if not present(session):
        w = _World(Builder(session, SEED), spec)
        w.organisations()
        w.lines_and_needs()
        w.listings()
        w.inquiries()
        session.commit()
        counts.update(w.counts)
    counts.update(_finish(session, spec))
    return WorldReport(bool(counts), accounts_of(spec), counts)


def _finish(session: Session, spec: dict) -> dict[str, int]:
    made: dict[str, int] = {}
    for email, name, role in spec["bureau"]:
        if session.scalar(select(m.User.id).where(m.User.email == email)) is None:
            accounts.create_bureau_user(session, email, name, role, DEMO_PASSWORD)
            made["bureau accounts"] = made.get("bureau accounts", 0) + 1
    if "submission" in spec and not events.submission_exists(session, spec["submission"]):
        events.submission_in_review(session, spec["submission"])
        made["change submission in review"] = 1
    if "event" in spec and not events.event_exists(session, spec["event"]):
        events.event_with_registrations(session, spec["event"], spec["bureau"][0][0])
        made["event with registrations"] = 1
    if "draft_edition" in spec and events.draft_edition(session, spec["draft_edition"], spec["bureau"][0][0]):
        made["draft edition"] = 1
    return made


class _World:
    """Ids by the keys of the YAML file, filled as the parts are built."""

    def __init__(self, b: Builder, spec: dict):
        self.b, self.spec = b, spec
        self.orgs: dict[str, int] = {}
        self.lines: dict[str, int] = {}
        self.needs: dict[str, int] = {}
        self.products: dict[str, int] = {}
        self.offers: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def organisations(self) -> None:
        b, rows, sectors, keys, people = self.b, [], [], [], []
        for kind in ("enterprise", "supplier"):
            for org in self.spec[f"{kind}s"]:
                n = len(rows) + 1
                contact = (*org["contact"], org["users"][0][0])
                rows.append(parties.organisation(b, kind, org["name"], parties.uscc(f"{WORLD_USCC}{n:07d}"),
                                                 org["district"], contact=contact, created_days_ago=400 - n))
                sectors.append(tuple(org["sectors"]))
                keys.append(org["key"])
                people.append(org["users"])
        ids = parties.add_organisations(b, rows, sectors)
        self.orgs = dict(zip(keys, ids, strict=True))
        password = hash_password(DEMO_PASSWORD)
        made = [parties.user(org_id, email, name, role, password, row["created_at"])
                for org_id, row, users in zip(ids, rows, people, strict=True) for email, name, role in users]
        parties.add_users(b, made)
        self.counts.update(organisations=len(ids), users=len(made))

    def lines_and_needs(self) -> None:
        b, rows, keys = self.b, [], []
        for org in self.spec["enterprises"]:
            for line in org["lines"]:
                level = b.ref.level[line["product"]]
                paid = dict.fromkeys(plants.PRICE_RANGES) | line["prices"]
                mix = tuple(line["mix"]) if "mix" in line else (None, None)
                rows.append(plants.facility(b, self.orgs[org["key"]], line["name"], level,
                                            capacity=line["capacity"], utilisation=line["utilisation"],
                                            unit_energy=line["unit_energy"], district=org["district"],
                                            mix=mix, paid=paid))
                keys.append(line["key"])
        self.lines = dict(zip(keys, plants.add_facilities(b, rows), strict=True))
        needs = [plants.need(
            self.orgs[n["enterprise"]], self.lines.get(n.get("line")), n["title"], n["description"],
            stage=n.get("stage"), problem=n["problem"], status=n.get("status", "open"),
            confidentiality=n.get("confidentiality", "public"), created_at=b.when(90, 20),
            target_saving_pct=n.get("target_saving_pct"),
            budget_cny=n["budget"] * 10_000 if n.get("budget") else None, financing=n.get("financing", "any"),
            board=self.board(n.get("board_days")))
            for n in self.spec["needs"]]
        ids = plants.add_needs(b, needs)
        self.needs = dict(zip((n["key"] for n in self.spec["needs"]), ids, strict=True))
        self.counts.update({"production lines": len(rows), "needs": len(ids)})

    def board(self, days: int | None) -> tuple[datetime, date] | None:
        """A need listed on the public board some days ago, until ``days`` from today (issue 22)."""
        if days is None:
            return None
        return self.b.when(20, 1), clock.today() + timedelta(days=days)

    def listings(self) -> None:
        b, products, product_codes, offers, offer_codes, offer_products = self.b, [], [], [], [], []
        for org in self.spec["suppliers"]:
            for p in org["products"]:
                specs = tuple(tuple(row) for row in p.get("specs", ()))
                stage = b.ref.by_code[p["technology"]].stage_key
                products.append(market.product(b, self.orgs[org["key"]], p["name"], stage=stage, specs=specs,
                                               price_wan=tuple(p["price"]), description=p["description"],
                                               capacity_note=p.get("capacity", "")))
                product_codes.append((p["technology"],))
        keys = [p["key"] for org in self.spec["suppliers"] for p in org["products"]]
        self.products = dict(zip(keys, market.add_products(b, products, product_codes), strict=True))
        for org in self.spec["suppliers"]:
            for o in org["offers"]:
                offers.append(market.offer(b, self.orgs[org["key"]], o["title"], market.Terms(**o["terms"]),
                                           min_project_wan=o["min_project"],
                                           max_investment_wan=o.get("max_investment")))
                offer_codes.append(tuple(o["technologies"]))
                offer_products.append(tuple(self.products[k] for k in o["products"]))
        keys = [o["key"] for org in self.spec["suppliers"] for o in org["offers"]]
        self.offers = dict(zip(keys, market.add_offers(b, offers, offer_codes, offer_products), strict=True))
        self.counts.update(products=len(products), **{"EMC offers": len(offers)})

    def inquiries(self) -> None:
        b, made = self.b, []
        for i in self.spec["inquiries"]:
            steps = i["steps"]
            created = b.when(40 + 30 * len(steps), 30 * len(steps))
            made.append(deals.deal(
                b, self.orgs[i["enterprise"]], self.orgs[i["supplier"]], i["subject"], steps, created,
                need_id=self.needs.get(i.get("need")), product_id=self.products.get(i.get("product")),
                offer_id=self.offers.get(i.get("offer")), technology_id=b.ref.by_code[i["technology"]].id,
                body=f"您好，{i['subject']}，请联系。（示例对接）", contract=i.get("contract")))
            if "follow_up" in i:  # the YAML's own follow-up, e.g. consent to be named (issue 22)
                made[-1].follow_up = {"achieved_saving_tce": None, "comment": "", **i["follow_up"],
                                      "answered_at": b.now - timedelta(days=10)}
        self.counts["inquiries"] = len(deals.add_deals(b, made))
