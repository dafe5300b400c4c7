"""EMC offers of suppliers for candidate technologies, as the matching engine
and the cash-flow comparison need them (the supplier workspace publishes them:
``catalog.supply.offers_for_technologies``)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from matching.emc import CashFlow, Offer, emc_cash_flow, self_funded
from matching.impact import Impact
from matching.scoring import OfferInfo


@dataclass(frozen=True)
class OfferView:
    """One published offer: what scoring sees (``info``), its contract terms
    and who offers it."""

    id: int
    info: OfferInfo
    supplier: str
    title: str
    terms: object          # catalog.supply.offers.OfferTerms


@dataclass(frozen=True)
class Comparison:
    """An offer's cash flow beside self-funding, with the project size it assumes."""

    offer: OfferView
    project_cny: float | None
    project_basis: str          # "budget", "minimum_project" or ""
    emc: CashFlow | None
    own: CashFlow | None


def offers_for(session: Session, technology_ids: list[int]) -> dict[int, list[OfferView]]:
    from catalog.supply import offers_for_technologies

    return {tid: [_view(t) for t in terms]
            for tid, terms in offers_for_technologies(session, technology_ids).items()}


def _view(t) -> OfferView:
    info = OfferInfo(t.model, t.min_project_cny, tuple(t.regions), t.supplier_verified)
    return OfferView(t.offer_id, info, t.supplier_name, t.title, t)


def compare(offers: list[OfferView], impact: Impact | None, budget_cny: float | None) -> list[Comparison]:
    """Cash flows per offer when the annual saving in CNY is known. The project
    size is the need's budget, else the offer's minimum project size (said so
    on the page); the ESCO's part of it follows the offer's terms."""
    out = []
    for view in offers:
        t = view.terms
        if budget_cny:
            project, basis = budget_cny, "budget"
        else:
            project, basis = t.min_project_cny or None, "minimum_project"
        if impact is None or not impact.cost_cny or not project:
            out.append(Comparison(view, project, basis if project else "", None, None))
            continue
        investment = project * t.esco_investment_share
        if t.esco_investment_max_cny:
            investment = min(investment, t.esco_investment_max_cny)
        # Only a guarantee in CNY can be set against a CNY saving here.
        in_cny = t.guarantee_unit == "cny_per_year" and t.guaranteed_saving
        guaranteed = t.guaranteed_saving if in_cny else 0.0
        offer = Offer(t.model, t.term_years, tuple(t.enterprise_share), esco_investment=investment,
                      guaranteed_saving=guaranteed)
        out.append(Comparison(view, project, basis, emc_cash_flow(offer, project, impact.cost_cny),
                              self_funded(project, impact.cost_cny, t.term_years)))
    return out
