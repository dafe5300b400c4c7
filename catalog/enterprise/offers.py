"""EMC offers of suppliers for candidate technologies, as the matching engine
and the cash-flow comparison need them."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from matching.emc import CashFlow, Offer, emc_cash_flow, self_funded
from matching.impact import Impact
from matching.scoring import OfferInfo


@dataclass(frozen=True)
class OfferView:
    """One published offer: what scoring sees (``info``), the cash-flow terms
    (``terms``) and who offers it."""

    id: int
    info: OfferInfo
    terms: Offer
    supplier: str
    title: str


def offers_for(session: Session, technology_ids: list[int]) -> dict[int, list[OfferView]]:
    """Published offers per technology id (none until suppliers publish any)."""
    try:
        from catalog.supply import offers_for_technologies
    except ImportError:  # the supplier workspace (issue 5) provides offers
        return {}
    return offers_for_technologies(session, technology_ids)


def cash_flows(offers: list[OfferView], impact: Impact | None) -> list[tuple[OfferView, CashFlow | None,
                                                                              CashFlow | None]]:
    """For each offer: its cash flow and self-funding over the same term, when
    the annual saving in CNY is known (else both None and the page says why)."""
    out = []
    for offer in offers:
        if impact is None or not impact.cost_cny:
            out.append((offer, None, None))
            continue
        capex = offer.terms.esco_investment or 0.0
        out.append((offer, emc_cash_flow(offer.terms, capex, impact.cost_cny),
                    self_funded(capex, impact.cost_cny, offer.terms.term_years)))
    return out
