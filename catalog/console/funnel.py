"""The matchmaking funnel: needs posted → matched → with an inquiry → site
survey → proposal → contracted → implemented, in two units.

- **needs** (the cohort of needs posted in the filter, draft ones excluded):
  a need is *matched* when its best match scores at least the threshold,
  and counts at an inquiry step when any of its inquiries reached that step;
- **inquiries** (inquiries created in the filter): each counts at every step
  it ever reached — its pipeline events say so, and a later status implies the
  earlier ones except the site survey, which a proposal may skip.

Median days between steps come from the first time of each step, which the
pipeline keeps on the inquiry beside its events (the sent step is the
inquiry's creation). Everything is computed by the database:
GROUP BY for the counts, window functions for the medians."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Float, case, cast, extract, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from catalog import models as m

from .filters import Filters, inquiry_scope, need_scope

INQUIRY_STEPS = ("site_survey", "proposal", "contracted", "implemented")
IMPLIED = {"site_survey": ("site_survey",), "proposal": ("proposal", "contracted", "implemented", "closed"),
           "contracted": ("contracted", "implemented", "closed"), "implemented": ("implemented", "closed")}
NEED_STEPS = ("posted", "matched", "inquiry", *INQUIRY_STEPS)
MEDIAN_PAIRS = (("posted", "sent"), ("sent", "site_survey"), ("sent", "proposal"),
                ("proposal", "contracted"), ("contracted", "implemented"))
MATCH_THRESHOLD = 0.35


@dataclass
class Funnel:
    """``needs``/``inquiries``: step → count; ``by_sector``/``by_district``:
    key → step → count of needs; ``median_days``: (from, to) → days or None."""

    needs: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NEED_STEPS, 0))
    inquiries: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("sent", *INQUIRY_STEPS), 0))
    by_sector: dict[str | None, dict[str, int]] = field(default_factory=dict)
    by_district: dict[str | None, dict[str, int]] = field(default_factory=dict)
    median_days: dict[tuple[str, str], float | None] = field(default_factory=dict)

    @staticmethod
    def rates(counts: dict[str, int]) -> dict[str, float | None]:
        """Each step's share of the step before it (None for the first or after a zero)."""
        keys, out = list(counts), {}
        for before, key in zip([None, *keys], keys, strict=False):
            out[key] = None if before is None or not counts[before] else counts[key] / counts[before]
        return out


def _first(step: str):
    """When the inquiry first reached ``step`` (kept on the inquiry by the pipeline)."""
    return getattr(m.Inquiry, m.REACHED_AT[step])


def _reached(step: str):
    return or_(_first(step).is_not(None), m.Inquiry.status.in_(IMPLIED[step]))


def compute(session: Session, flt: Filters, threshold: float = MATCH_THRESHOLD) -> Funnel:
    """Everything: the counts, their breakdown by sector and district, the medians."""
    out = breakdown(session, flt, threshold)
    out.median_days = medians(session, flt)
    return out


def totals(session: Session, flt: Filters, threshold: float = MATCH_THRESHOLD) -> Funnel:
    """The counts of both units without the breakdown (the cheaper query)."""
    out = Funnel()
    _need_counts(session, flt, threshold, out, grouped=False)
    _steps(session, flt, out)
    return out


def breakdown(session: Session, flt: Filters, threshold: float = MATCH_THRESHOLD) -> Funnel:
    """The counts with the needs unit broken down by sector and by district."""
    out = Funnel()
    _need_counts(session, flt, threshold, out, grouped=True)
    _steps(session, flt, out)
    return out


def _add(out: Funnel, sector, district, counts: dict[str, int], grouped: bool) -> None:
    for key, table in ((sector, out.by_sector), (district, out.by_district)) if grouped else ():
        row = table.setdefault(key, dict.fromkeys(NEED_STEPS, 0))
        for step, n in counts.items():
            row[step] += int(n or 0)
    for step, n in counts.items():
        out.needs[step] += int(n or 0)


def _per_need():
    """Per need with inquiries: 1/0 for each step any of its inquiries reached."""
    flags = [func.max(case((_reached(s), 1), else_=0)).label(s) for s in INQUIRY_STEPS]
    return (select(m.Inquiry.need_id.label("need_id"), *flags).where(m.Inquiry.need_id.is_not(None))
            .group_by(m.Inquiry.need_id).subquery("per_need"))


def _need_counts(session: Session, flt: Filters, threshold: float, out: Funnel, grouped: bool) -> None:
    """The needs unit in one pass over the needs posted in the filter, each
    joined to its inquiries' step flags (no COUNT DISTINCT over inquiries)."""
    scope, flags = need_scope(), _per_need()
    matched = func.sum(case((m.Need.best_score >= threshold, 1), else_=0))
    keys = (scope.sector, scope.district) if grouped else (literal(None), literal(None))
    stmt = (scope.select(*keys, func.count(), matched, func.count(flags.c.need_id),
                         *[func.sum(flags.c[s]) for s in INQUIRY_STEPS])
            .outerjoin(flags, flags.c.need_id == m.Need.id).where(m.Need.status != "draft"))
    if grouped:
        stmt = stmt.group_by(scope.sector, scope.district)
    names = ("posted", "matched", "inquiry", *INQUIRY_STEPS)
    for sector, district, *numbers in session.execute(scope.where(flt, stmt)):
        _add(out, sector, district, dict(zip(names, numbers, strict=True)), grouped)


def _steps(session: Session, flt: Filters, out: Funnel) -> None:
    """The inquiries unit: inquiries created in the filter, at each step they reached."""
    scope = inquiry_scope(flt)
    columns = [func.count(), *[func.sum(case((_reached(s), 1), else_=0)) for s in INQUIRY_STEPS]]
    numbers = session.execute(scope.where(flt, scope.select(*columns))).one()
    for step, n in zip(("sent", *INQUIRY_STEPS), numbers, strict=True):
        out.inquiries[step] += int(n or 0)


def days_between(session: Session, start, end):
    """``end - start`` in days, as the database computes it."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return cast(extract("epoch", end - start), Float) / 86400.0


def medians(session: Session, flt: Filters) -> dict[tuple[str, str], float | None]:
    """Median days for each pair in MEDIAN_PAIRS over the filtered inquiries
    that reached both steps (posted → sent: inquiries about a need). The
    database ranks the differences (window functions); only the middle rows come back."""
    scope = inquiry_scope(flt)
    at = {"posted": scope.need.created_at, "sent": m.Inquiry.created_at,
          **{s: _first(s) for s in INQUIRY_STEPS}}
    base = scope.where(flt, scope.select(m.Inquiry.id.label("inquiry_id"), *[
        days_between(session, at[a], at[b]).label(f"d{n}") for n, (a, b) in enumerate(MEDIAN_PAIRS)])
        ).cte("diffs")
    parts = [select(literal(n).label("pair"), base.c[f"d{n}"].label("d")).where(base.c[f"d{n}"].is_not(None))
             for n in range(len(MEDIAN_PAIRS))]
    values = union_all(*parts).subquery("values")
    ranked = select(values.c.pair, values.c.d,
                    func.row_number().over(partition_by=values.c.pair, order_by=values.c.d).label("rn"),
                    func.count().over(partition_by=values.c.pair).label("n")).subquery("ranked")
    middle = (select(ranked.c.pair, func.avg(ranked.c.d)).where(
        ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])).group_by(ranked.c.pair))
    found = {pair: float(v) for pair, v in session.execute(middle)}
    return {pair: (round(found[n], 1) if n in found else None) for n, pair in enumerate(MEDIAN_PAIRS)}
