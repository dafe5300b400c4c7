"""What anyone but the bureau and the owner sees of an anonymous need (issue
16): one coarsening, used by the leads page, the expression-of-interest page
and the leads API (and any later public view of anonymous needs).

An anonymous need keeps its sector, stage, problem type, benchmark product and
financing choice; its place becomes the region group of Chongqing's "一区两群"
layout (主城都市区, 渝东北三峡库区城镇群, 渝东南武陵山区城镇群) instead of the
district; its figures become bands that do not single out a plant:

- budget: 0–100, 100–500, 500–1,000, 1,000–5,000, 5,000–10,000 万元, then ≥ 1 亿元;
- target saving in %: 5-point bands (0–5 %, 5–10 % …; 50 % and above as one band);
- target saving in tce/a: a 1-2-5 series (100–200, 200–500, 500–1,000 … tce/a; < 100 as one band);
- desired start: the half year (2027 H1).

A public need passes through unchanged: each figure becomes a band whose ends
are equal, so the pages and the API have one shape for both."""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m

BUDGET_EDGES_CNY = (0.0, 1e6, 5e6, 1e7, 5e7, 1e8)
SAVING_PCT_STEP = 5.0
SAVING_PCT_TOP = 50.0
TCE_FLOOR = 100.0


@dataclass(frozen=True)
class Band:
    """A value shown as a range; ``high`` None means "and above", ``low``
    equal to ``high`` an exact figure (a public need)."""

    low: float
    high: float | None

    @property
    def exact(self) -> bool:
        return self.high == self.low

    def as_json(self) -> dict:
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class HalfYear:
    year: int
    half: int  # 1 or 2

    def label(self, lang: str) -> str:
        if lang == "zh":
            return f"{self.year} 年{'上' if self.half == 1 else '下'}半年"
        return f"{self.year} H{self.half}"


def exact(value: float | None) -> Band | None:
    return None if value is None else Band(value, value)


def budget_band(cny: float | None) -> Band | None:
    """The budget's band in CNY (edges in ``BUDGET_EDGES_CNY``)."""
    if cny is None:
        return None
    for low, high in itertools.pairwise(BUDGET_EDGES_CNY):
        if cny < high:
            return Band(low, high)
    return Band(BUDGET_EDGES_CNY[-1], None)


def saving_pct_band(pct: float | None) -> Band | None:
    if pct is None:
        return None
    if pct >= SAVING_PCT_TOP:
        return Band(SAVING_PCT_TOP, None)
    low = math.floor(max(pct, 0.0) / SAVING_PCT_STEP) * SAVING_PCT_STEP
    return Band(low, low + SAVING_PCT_STEP)


def tce_band(tce: float | None) -> Band | None:
    """The band of a 1-2-5 series holding ``tce`` (below 100 tce/a: one band)."""
    if tce is None:
        return None
    if tce < TCE_FLOOR:
        return Band(0.0, TCE_FLOOR)
    decade = 10.0 ** math.floor(math.log10(tce))
    if tce < decade:  # log10 rounds up just below a power of ten
        decade /= 10
    elif tce >= 10 * decade:
        decade *= 10
    low = 5 if tce >= 5 * decade else 2 if tce >= 2 * decade else 1
    return Band(low * decade, {1: 2, 2: 5, 5: 10}[low] * decade)


def half_year(day: date | None) -> HalfYear | None:
    return None if day is None else HalfYear(day.year, 1 if day.month <= 6 else 2)


@dataclass(frozen=True)
class Shown:
    """A need's place and figures as one party may see them."""

    place_key: str | None        # a district key (public) or a region key (anonymous)
    place_is_region: bool
    budget_cny: Band | None
    target_saving_pct: Band | None
    target_saving_tce: Band | None
    desired_start: date | None   # exact, public needs only
    start_half: HalfYear | None


@dataclass(frozen=True)
class Places:
    """Each district's region and the (zh, en) names of districts and regions."""

    region_of: dict[str, str]
    names: dict[str, tuple[str, str]]

    def name(self, key: str | None, lang: str) -> str | None:
        pair = self.names.get(key) if key else None
        return None if pair is None else pair[0 if lang == "zh" else 1]


def places(session: Session) -> Places:
    districts = session.execute(select(m.District.key, m.District.region_key, m.District.name_zh,
                                       m.District.name_en)).all()
    regions = session.execute(select(m.Region.key, m.Region.name_zh, m.Region.name_en)).all()
    return Places({d.key: d.region_key for d in districts if d.region_key},
                  {r.key: (r.name_zh, r.name_en) for r in (*districts, *regions)})


def shown(anonymous: bool, district_key: str | None, where: Places, budget_cny: float | None,
          target_saving_pct: float | None, target_saving_tce: float | None,
          desired_start: date | None) -> Shown:
    """The coarsening: exact for a public need, banded for an anonymous one.
    A district without a region (none today) is not shown for an anonymous need."""
    if not anonymous:
        return Shown(district_key, False, exact(budget_cny), exact(target_saving_pct),
                     exact(target_saving_tce), desired_start, None)
    return Shown(where.region_of.get(district_key) if district_key else None, True, budget_band(budget_cny),
                 saving_pct_band(target_saving_pct), tce_band(target_saving_tce), None,
                 half_year(desired_start))
