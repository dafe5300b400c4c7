"""EMC offers of suppliers for candidate technologies, as the matching engine
and the cash-flow comparison need them (the supplier workspace publishes them:
``catalog.supply.offers_for_technologies``).

``compare_terms`` applies each offer's own contract terms to one project —
the line's yearly saving and the capex, never the need's budget (a budget is
a constraint the scoring checks) — with ``matching.emc``."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.supply.contract import emc_terms
from catalog.supply.offers import listing_technologies
from matching.emc import Assumption, CashFlow, Contract, Conversion, Project, contract
from matching.scoring import OfferInfo


@dataclass(frozen=True)
class OfferView:
    """One published offer: what scoring sees (``info``), its contract terms
    and who offers it."""

    id: int
    info: OfferInfo
    supplier: str
    title: str
    terms: object          # catalog.supply.contract.OfferTerms


@dataclass(frozen=True)
class Comparison:
    """One offer applied to one project. ``result`` holds the cash flows
    (``emc`` beside self-funding ``own``, year 0 = the investment), or, when
    incomplete, the offer's missing terms (「合同条款不全」) and the caller's
    missing inputs."""

    offer: OfferView
    result: Contract
    project_cny: float | None           # the capex the cash flows assume
    project_basis: str = "capex"        # always the capex (the old match table and API still read it)
    below_minimum: bool = False         # the capex is below the offer's minimum project size

    @property
    def emc(self) -> CashFlow | None:
        return self.result.emc

    @property
    def own(self) -> CashFlow | None:
        return self.result.own

    @property
    def complete(self) -> bool:
        return self.result.complete

    @property
    def missing_terms(self) -> tuple[str, ...]:
        return self.result.missing_terms

    @property
    def missing_inputs(self) -> tuple[str, ...]:
        return self.result.missing_inputs

    @property
    def assumptions(self) -> tuple[Assumption, ...]:
        return self.result.assumptions

    @property
    def conversion(self) -> Conversion | None:
        return self.result.conversion


def offers_for(session: Session, technology_ids: list[int]) -> dict[int, list[OfferView]]:
    from catalog.supply import offers_for_technologies

    return {tid: [view(t) for t in terms]
            for tid, terms in offers_for_technologies(session, technology_ids).items()}


def offer_infos(session: Session, technology_ids: list[int]) -> dict[int, list[OfferInfo]]:
    """What scoring reads of each technology's published offers, from columns
    alone (the same ``OfferInfo`` as ``view`` builds): a need's pool holds
    hundreds of candidates with thousands of offers, while only the shown
    matches need their offers' whole terms (``offers_for``)."""
    out: dict[int, list[OfferInfo]] = {tid: [] for tid in technology_ids}
    covers = listing_technologies(session, m.offer_technology, "offer_id", technology_ids)
    if not covers:
        return out
    rows = session.execute(
        select(m.EmcOffer.id, m.EmcOffer.model, m.EmcOffer.min_project_cny,
               type_coerce(m.EmcOffer.regions, Text), m.Organisation.status)
        .join(m.Organisation, m.Organisation.id == m.EmcOffer.organisation_id)
        .where(m.EmcOffer.id.in_(list(covers)), m.EmcOffer.status == "published")
        .order_by(m.EmcOffer.published_at, m.EmcOffer.id))
    for offer_id, model, minimum, regions, status in rows:
        info = OfferInfo(model, minimum, _regions(regions), status == "verified")
        for technology_id in covers[offer_id]:
            out[technology_id].append(info)
    return out


def _regions(stored: str | list | None) -> tuple[str, ...]:
    """The regions column as read raw: SQLite gives its JSON text, decoded
    once per distinct value (a few hundred among thousands of offers: the
    decoding was half of ``offer_infos``), PostgreSQL's driver a list."""
    if isinstance(stored, str):
        return _decoded(stored)
    return tuple(stored or ())


@lru_cache(maxsize=4096)
def _decoded(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text) or ())


def view(t) -> OfferView:
    """An offer's terms (``catalog.supply.contract.terms``) as scoring and the pages read them."""
    info = OfferInfo(t.model, t.min_project_cny, tuple(t.regions), t.supplier_verified)
    return OfferView(t.offer_id, info, t.supplier_name, t.title, t)


def compare_terms(offers: list[OfferView], annual_saving_cny: float | None, capex_cny: float | None, *,
                  discount_rate: float, service_life_years: int | None = None,
                  baseline_energy_cost_cny: float | None = None,
                  prices: Mapping[str, float] | None = None) -> list[Comparison]:
    """Each offer's cash flows for a project saving ``annual_saving_cny`` a
    year (net of O&M) for ``capex_cny``, at ``discount_rate`` (a fraction;
    ``catalog.curation.review.discount_rate``), over the service life when it
    is at least the offer's term. ``baseline_energy_cost_cny`` is the line's
    energy bill a year (hosting; guarantees in percent); ``prices`` {"tce":
    CNY/tce, "mwh": CNY/MWh} turn guarantees in tce or MWh into CNY — without
    them such a comparison is incomplete ("price")."""
    prices = prices or {}
    project = Project(annual_saving_cny, capex_cny, discount_rate, service_life_years,
                      baseline_energy_cost_cny, prices.get("tce"), prices.get("mwh"))
    out = []
    for view in offers:
        below = capex_cny is not None and capex_cny < (view.terms.min_project_cny or 0)
        out.append(Comparison(view, contract(emc_terms(view.terms), project), capex_cny, "capex", below))
    return out
