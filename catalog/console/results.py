"""Results of the matchmaking: contracted and implemented annual energy
savings (tce), CO2 avoided (t) and contract value, claimed (the figures
agreed at contracting) against measured (the measured saving, and the saving
the enterprise reported at the six-month follow-up), and the split by
contract model (EMC share).

*Contracted* is an inquiry now at ``contracted``; *implemented* one at
``implemented`` or ``closed``. Measured CO2 is the measured saving at the
contract's own CO2-per-tce ratio."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func
from sqlalchemy.orm import Session

from catalog import models as m

from .filters import Filters, inquiry_scope

STAGES = {"contracted": ("contracted",), "implemented": ("implemented", "closed")}
EMC_MODELS = ("shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease", "hybrid")


@dataclass(frozen=True)
class Totals:
    stage: str
    deals: int
    value_cny: float
    claimed_tce: float
    claimed_co2_t: float
    measured_tce: float
    measured_co2_t: float
    measured_deals: int
    followed_up_tce: float
    followed_up_deals: int


@dataclass(frozen=True)
class ModelShare:
    model: str | None
    deals: int
    value_cny: float
    claimed_tce: float
    share_deals: float
    share_value: float


def _stage():
    inquiry = m.Inquiry
    return case(*[(inquiry.status.in_(v), k) for k, v in STAGES.items()])


def totals(session: Session, flt: Filters) -> list[Totals]:
    i, f = m.Inquiry, m.FollowUp
    ratio = case((i.expected_saving_tce > 0, i.expected_co2_t / i.expected_saving_tce))
    stage = _stage().label("stage")
    scope = inquiry_scope(flt)
    stmt = (scope.select(stage, func.count(), func.sum(i.contract_value_cny), func.sum(i.expected_saving_tce),
                         func.sum(i.expected_co2_t), func.sum(i.measured_saving_tce),
                         func.sum(i.measured_saving_tce * ratio), func.count(i.measured_saving_tce),
                         func.sum(f.achieved_saving_tce), func.count(f.achieved_saving_tce))
            .outerjoin(f, f.inquiry_id == i.id)
            .where(i.status.in_([s for v in STAGES.values() for s in v])).group_by(stage))
    found = {row[0]: row for row in session.execute(scope.where(flt, stmt))}
    out = []
    for key in STAGES:
        row = found.get(key, (key, 0, *([None] * 8)))
        out.append(Totals(key, row[1], *(float(v or 0) for v in row[2:7]), int(row[7] or 0),
                          float(row[8] or 0), int(row[9] or 0)))
    return out


def by_model(session: Session, flt: Filters) -> list[ModelShare]:
    """Contracted and implemented deals per contract model, with their shares."""
    i = m.Inquiry
    scope = inquiry_scope(flt)
    stmt = (scope.select(i.contract_model, func.count(), func.sum(i.contract_value_cny),
                         func.sum(i.expected_saving_tce))
            .where(i.status.in_([s for v in STAGES.values() for s in v])).group_by(i.contract_model))
    rows = [(model, n, float(v or 0), float(t or 0))
            for model, n, v, t in session.execute(scope.where(flt, stmt))]
    deals, value = sum(r[1] for r in rows), sum(r[2] for r in rows)
    order = {k: n for n, k in enumerate(m.CONTRACT_MODELS)}
    rows.sort(key=lambda r: order.get(r[0], len(order)))
    return [ModelShare(model, n, v, t, n / deals if deals else 0.0, v / value if value else 0.0)
            for model, n, v, t in rows]


def emc_share(shares: list[ModelShare]) -> float:
    """Share of the deals made under an EMC model (anything but self-funded)."""
    return sum(s.share_deals for s in shares if s.model in EMC_MODELS)
