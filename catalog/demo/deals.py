"""Inquiries (对接请求) with the pipeline events that led to their status,
their first message, the contract figures once contracted and the
enterprise's follow-up after closing; the same columns the pipeline fills
(``REACHED_AT``: when each step was first reached)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import insert

from catalog import models as m

from .base import Builder

PATH = ("sent", "replied", "site_survey", "proposal", "contracted", "implemented", "closed")
# where an inquiry is now; "lost" ones were lost after a random earlier step
STATUS_WEIGHTS = {"sent": 22, "replied": 14, "site_survey": 9, "proposal": 10, "contracted": 9,
                  "implemented": 7, "closed": 5, "lost": 24}
CONTRACT_MODELS = ("self_funded", "shared_savings", "guaranteed_savings", "energy_cost_hosting",
                   "financing_lease", "hybrid")
LOST_REASONS = ("price", "technical_fit", "financing", "timing")


@dataclass
class Deal:
    """One inquiry before insertion: its row, events, messages and follow-up."""

    row: dict
    events: list[dict] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)
    follow_up: dict | None = None


def path_to(b: Builder, status: str) -> list[str]:
    """The steps an inquiry took to ``status`` (some skip the site survey)."""
    if status != "lost":
        steps = list(PATH[:PATH.index(status) + 1])
    else:
        steps = list(PATH[:b.rng.randint(1, 5)]) + ["lost"]
    if "site_survey" in steps and b.rng.random() < 0.3 and steps[-1] != "site_survey":
        steps.remove("site_survey")  # replied → proposal directly
    return steps


def deal(b: Builder, enterprise_id: int, supplier_id: int, subject: str, steps: list[str],
         created_at: datetime, *, need_id: int | None = None, product_id: int | None = None,
         offer_id: int | None = None, technology_id: int | None = None, body: str = "",
         contract: dict | None = None) -> Deal:
    """An inquiry that went through ``steps`` (the last is its status), a step
    every 1–60 days; ``contract`` overrides the random contract figures."""
    row = {"enterprise_id": enterprise_id, "supplier_id": supplier_id, "need_id": need_id,
           "product_id": product_id, "offer_id": offer_id, "technology_id": technology_id,
           "subject": subject, "origin": "enterprise", "forward_status": None, "identity_revealed": True,
           "status": steps[-1], "created_at": created_at, "updated_at": created_at,
           "contract_model": None, "contract_value_cny": None, "expected_saving_tce": None,
           "expected_co2_t": None, "measured_saving_tce": None, "lost_reason": None,
           **dict.fromkeys(m.REACHED_AT.values())}
    out, at = Deal(row), created_at
    for before, after in zip((None, *steps), steps, strict=False):
        if before is not None:
            at = min(at + timedelta(days=b.rng.uniform(1, 60)), b.now)
        out.events.append({"side": "enterprise" if after in ("sent", "closed", "lost") else "supplier",
                           "from_status": before, "to_status": after, "detail": {}, "at": at})
        if after in m.REACHED_AT and row[m.REACHED_AT[after]] is None:  # as the pipeline does
            row[m.REACHED_AT[after]] = at
    row["updated_at"] = at
    if body:
        out.messages.append({"organisation_id": enterprise_id, "side": "enterprise", "body": body,
                             "created_at": created_at})
    _contract(b, out, steps, contract)
    return out


def _contract(b: Builder, out: Deal, steps: list[str], contract: dict | None) -> None:
    row = out.row
    if steps[-1] == "lost":
        row["lost_reason"] = (contract or {}).get("lost_reason") or b.rng.choice(LOST_REASONS)
        return
    if "contracted" not in steps:
        return
    tce = round(b.rng.uniform(200, 20000), 1)
    row.update(contract_model=b.rng.choice(CONTRACT_MODELS),
               contract_value_cny=round(tce * b.rng.uniform(800, 3000), -2),
               expected_saving_tce=tce, expected_co2_t=round(tce * 2.66, 1))
    row.update({k: v for k, v in (contract or {}).items() if k in row})
    tce = row["expected_saving_tce"]
    if "implemented" in steps and b.rng.random() < 0.7:
        row["measured_saving_tce"] = round(tce * b.rng.uniform(0.6, 1.1), 1)
    if "closed" in steps and b.rng.random() < 0.8:
        out.follow_up = {"achieved_saving_tce": round(tce * b.rng.uniform(0.5, 1.05), 1),
                         "satisfaction": b.rng.randint(2, 5), "comment": "",
                         "answered_at": b.now - timedelta(days=b.rng.uniform(1, 60)),
                         "reference_ok": False}  # not named in the supplier directory (issue 22)


def add_deals(b: Builder, deals: list[Deal]) -> list[int]:
    """Insert the inquiries, then their events, messages and follow-ups."""
    ids = b.insert(m.Inquiry, [d.row for d in deals])
    for table, key in ((m.InquiryEvent, "events"), (m.InquiryMessage, "messages")):
        rows = [{**item, "inquiry_id": ident} for d, ident in zip(deals, ids, strict=True)
                for item in getattr(d, key)]
        for start in range(0, len(rows), 5000):
            b.s.execute(insert(table), rows[start:start + 5000])
    follow = [{**d.follow_up, "inquiry_id": ident}
              for d, ident in zip(deals, ids, strict=True) if d.follow_up]
    if follow:
        b.s.execute(insert(m.FollowUp), follow)
    return ids
