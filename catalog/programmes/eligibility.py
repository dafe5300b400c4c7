"""Which published programmes one match option qualifies for, and its
payback and NPV with each (``matching.support``), beside the figures without.

The rules, each checked and shown: the line's sector is one of the
programme's sectors; the entry's catalogue category is one of its categories;
the entry's code is one of its technologies (an empty list does not
restrict); the typical saving on this line is at least the minimum saving
(tce a year; without an estimate the option does not qualify); today (China
time, ``catalog.clock``) is not after the deadline. A programme whose money
rule lacks a published figure, or that pays someone other than the
enterprise (``recognition``), is listed without a recomputed payback."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from matching import support as rules
from matching.support import Supported

from .. import clock
from .. import models as m
from . import service


@dataclass(frozen=True)
class Check:
    rule: str                 # sector | category | technology | min_saving | deadline
    ok: bool
    wanted: object = None     # the programme's value
    found: object = None      # the option's value


@dataclass
class Offered:
    programme: m.Programme
    checks: list[Check] = field(default_factory=list)
    supported: Supported | None = None
    note: str = ""            # recognition | missing_figures | no_appraisal | ""

    @property
    def qualifies(self) -> bool:
        return all(c.ok for c in self.checks)


def checks(programme: m.Programme, sector: str | None, category: str | None, code: str,
           saving_tce: float | None, today: date) -> list[Check]:
    """Every eligibility rule of ``programme`` for one option."""
    out = []
    if programme.sectors:
        out.append(Check("sector", sector in programme.sectors, list(programme.sectors), sector))
    if programme.categories:
        out.append(Check("category", category in programme.categories, list(programme.categories), category))
    if programme.technologies:
        out.append(Check("technology", code in programme.technologies, list(programme.technologies), code))
    if programme.min_saving_tce is not None:
        out.append(Check("min_saving", saving_tce is not None and saving_tce >= programme.min_saving_tce,
                         programme.min_saving_tce, saving_tce))
    if programme.deadline is not None:
        out.append(Check("deadline", today <= programme.deadline, programme.deadline, today))
    return out


def rule_of(programme: m.Programme) -> rules.Rule:
    return rules.Rule(programme.kind, programme.share, programme.cap_cny, programme.rate, programme.years)


def offered(programme: m.Programme, view, sector: str | None, today: date) -> Offered:
    """One programme for one match view (``catalog.enterprise.matches.MatchView``)."""
    tech, impact, a = view.technology, view.impact, view.appraisal
    saving_tce = impact.energy_tce.typical if impact is not None and impact.status == "ok" \
        and impact.energy_tce is not None else None
    out = Offered(programme, checks(programme, sector or tech.sector_key, tech.category_key, tech.code,
                                    saving_tce, today))
    if programme.kind == "recognition":
        out.note = "recognition"
    elif rules.missing_figures(rule_of(programme)):
        out.note = "missing_figures"
    elif a is None or a.capex is None or impact is None or impact.cost_cny is None:
        out.note = "no_appraisal"
    else:
        net = impact.cost_cny.typical - (a.om_cny or 0.0)
        base_npv = a.npv_cny.typical if a.npv_cny is not None else None
        out.supported = rules.apply(rule_of(programme), a.capex.value.typical, net, a.discount_rate, base_npv)
    return out


def attach(session: Session, views: list, sector: str | None, today: date | None = None) -> None:
    """Sets ``view.support`` on each view: the published programmes it qualifies for."""
    programmes = service.published(session)
    day = today or clock.today()
    for view in views:
        found = [offered(p, view, sector, day) for p in programmes]
        view.support = [o for o in found if o.qualifies]
