"""Suppliers' products (with price ranges) and EMC offers with complete
contract terms: every term the model needs (``matching.emc_terms.NEEDS``)
and none it has no use for, as ``catalog.supply.offers.validate`` requires.
Amounts are demo values."""
from __future__ import annotations

from dataclasses import dataclass

from catalog import models as m

from .base import Builder

MV_BY_MODEL = {"shared_savings": "ipmvp_b", "guaranteed_savings": "ipmvp_c", "energy_cost_hosting": "ipmvp_c",
               "financing_lease": "gbt_28750", "hybrid": "ipmvp_b"}
BASELINE_METHOD = "以改造前连续 12 个月的单位产品能耗和产量为基准，按产量和原料条件修正"
LEASE_PARTNER = "示例融资租赁有限公司"
REVISION_FIELDS = ("name_zh", "name_en", "description", "specs", "stage_keys", "capacity_note",
                   "price_min_cny", "price_max_cny", "regions", "certificates", "cases")


@dataclass(frozen=True)
class Terms:
    """The few numbers that set an offer's terms; ``terms`` derives the rest."""

    model: str
    term_years: int
    share_pct: float = 30.0            # the enterprise's share of the savings (shared, hybrid)
    esco_pct: float = 100.0            # the ESCO's part of the investment
    guarantee: float = 0.0             # tce a year (guaranteed, hybrid)
    service_fee_wan: float = 0.0       # a year (guaranteed)
    shortfall: str = "full"            # full | share | capped
    cap_wan: float = 50.0              # capped: at most this a year
    discount_pct: float = 8.0          # hosting: off the baseline energy bill
    lease_rate_pct: float = 6.5
    instalments: int = 4
    down_payment_pct: float = 20.0


def terms(t: Terms) -> dict:
    """The contract columns of an offer with terms ``t`` (money in CNY)."""
    lease, guaranteed = t.model == "financing_lease", t.model in ("guaranteed_savings", "hybrid")
    esco = 0.0 if lease else (100.0 if t.model in ("shared_savings", "energy_cost_hosting") else t.esco_pct)
    investor = "financier" if lease else {100.0: "esco", 0.0: "enterprise"}.get(esco, "shared")
    values = dict.fromkeys(("guaranteed_saving", "service_fee_cny", "shortfall_kind", "shortfall_share_pct",
                            "shortfall_cap_cny", "hosting_baseline_cny", "hosting_discount_pct",
                            "lease_rate_pct", "lease_instalments_per_year", "down_payment_pct"))
    values.update(model=t.model, term_years=t.term_years, investor=investor, esco_investment_pct=esco,
                  enterprise_investment_pct=None if lease else 100.0 - esco, guarantee_unit="",
                  enterprise_shares=[t.share_pct] * t.term_years if t.model in ("shared_savings", "hybrid")
                  else [], financing_partner=LEASE_PARTNER if lease else "", shortfall_rule="")
    if guaranteed:
        values.update(guaranteed_saving=t.guarantee, guarantee_unit="tce_per_year",
                      shortfall_kind=t.shortfall,
                      shortfall_share_pct=80.0 if t.shortfall == "share" else None,
                      shortfall_cap_cny=t.cap_wan * 10_000 if t.shortfall == "capped" else None)
        if t.model == "guaranteed_savings":
            values["service_fee_cny"] = t.service_fee_wan * 10_000
    if t.model == "energy_cost_hosting":
        values["hosting_discount_pct"] = t.discount_pct
    if lease:
        values.update(lease_rate_pct=t.lease_rate_pct, lease_instalments_per_year=t.instalments,
                      down_payment_pct=t.down_payment_pct)
    return values


def offer(b: Builder, org_id: int, title: str, t: Terms, *, min_project_wan: float,
          max_investment_wan: float | None = None, regions: tuple[str, ...] = ("chongqing",),
          description: str = "", status: str = "published") -> dict:
    published = b.when(600, 5) if status == "published" else None
    return {"organisation_id": org_id, "status": status, "title": title, **terms(t),
            "max_investment_cny": None if max_investment_wan is None else max_investment_wan * 10_000,
            "baseline_method": BASELINE_METHOD, "mv_method": MV_BY_MODEL[t.model],
            "min_project_cny": min_project_wan * 10_000, "regions": list(regions), "subsidy_note": "",
            "description": description, "created_at": published or b.now, "updated_at": published or b.now,
            "published_at": published}


def product(b: Builder, org_id: int, name_zh: str, *, stage: str, price_wan: tuple[float, float],
            name_en: str = "", description: str = "", specs: tuple[tuple[str, str, str], ...] = (),
            capacity_note: str = "", regions: tuple[str, ...] = ("chongqing",),
            cases: tuple[tuple[str, str, str], ...] = (), status: str = "published") -> dict:
    """A product row; ``price_wan`` is its price range in 万元, ``cases`` (site, year, results)."""
    published = b.when(600, 5) if status == "published" else None
    return {"organisation_id": org_id, "status": status, "name_zh": name_zh, "name_en": name_en,
            "description": description, "specs": [{"name": n, "value": v, "unit": u} for n, v, u in specs],
            "stage_keys": [stage], "capacity_note": capacity_note,
            "price_min_cny": price_wan[0] * 10_000, "price_max_cny": price_wan[1] * 10_000,
            "regions": list(regions), "certificates": [],
            "cases": [{"site": s, "year": y, "results": r, "contact_ok": False} for s, y, r in cases],
            "version": 1 if published else 0, "created_at": published or b.now,
            "updated_at": published or b.now, "published_at": published}


def add_products(b: Builder, rows: list[dict], codes: list[tuple[str, ...]]) -> list[int]:
    """Insert products, their technologies (codes per row) and, for the
    published ones, the first revision the history shows."""
    ids = b.insert(m.Product, rows)
    b.link(m.product_technology, [{"product_id": pid, "technology_id": b.ref.by_code[c].id}
                                  for pid, cs in zip(ids, codes, strict=True) for c in cs])
    b.insert(m.ProductRevision, [
        {"product_id": row["id"], "version": 1, "at": row["published_at"], "actor_id": None,
         "actor_label": "", "changed": ["status"],
         "snapshot": {**{k: row[k] for k in REVISION_FIELDS}, "technologies": list(cs),
                      "status": "published"}}
        for row, cs in zip(rows, codes, strict=True) if row["published_at"] is not None])
    return ids


def add_offers(b: Builder, rows: list[dict], codes: list[tuple[str, ...]],
               products: list[tuple[int, ...]] | None = None) -> list[int]:
    """Insert offers with their technologies (codes per row) and products (ids per row)."""
    ids = b.insert(m.EmcOffer, rows)
    b.link(m.offer_technology, [{"offer_id": oid, "technology_id": b.ref.by_code[c].id}
                                for oid, cs in zip(ids, codes, strict=True) for c in cs])
    if products:
        b.link(m.offer_product, [{"offer_id": oid, "product_id": pid}
                                 for oid, pids in zip(ids, products, strict=True) for pid in pids])
    return ids
