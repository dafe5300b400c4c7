"""The vocabulary of EMC contracts (``matching.emc`` does the arithmetic):
an offer's terms, the project they are applied to, what is missing, and the
cash flows and assumptions that come out. Standard library only."""
from __future__ import annotations

from dataclasses import dataclass

from . import finance

MODELS = ("shared_savings", "guaranteed_savings", "energy_cost_hosting", "financing_lease", "hybrid")
SHORTFALL_KINDS = ("full", "share", "capped")
# percent: of the line's energy cost (old offers; new ones state CNY, tce or MWh)
GUARANTEE_UNITS = ("cny_per_year", "tce_per_year", "mwh_per_year", "percent")
INSTALMENTS = (1, 2, 4, 12)
SHARED = ("shared_savings", "hybrid")
GUARANTEED = ("guaranteed_savings", "hybrid")
# The terms each model cannot do without (``missing_terms`` names the absent ones).
NEEDS = {
    "shared_savings": ("enterprise_share",),
    "guaranteed_savings": ("guarantee", "service_fee", "shortfall_kind"),
    "energy_cost_hosting": ("hosting_discount",),
    "financing_lease": ("lease_rate", "instalments_per_year", "down_payment"),
    "hybrid": ("enterprise_share", "guarantee", "shortfall_kind"),
}
# How a guarantee becomes CNY a year: the Project attribute that prices it,
# that price's unit, and what is missing without it.
PRICED_BY = {"tce_per_year": ("tce_price", "cny_per_tce", "price"),
             "mwh_per_year": ("mwh_price", "cny_per_mwh", "price"),
             "percent": ("baseline_energy_cost", "cny_per_year", "baseline_energy_cost")}


def _fraction(value: float | None, name: str) -> None:
    if value is not None and not 0 <= value <= 1:
        raise ValueError(f"{name} must lie between 0 and 1")


@dataclass(frozen=True)
class Shortfall:
    """How the ESCO compensates a saving below the guarantee."""

    kind: str                       # full | share | capped
    share: float | None = None      # kind "share": the fraction of the shortfall paid, 0–1
    cap: float | None = None        # kind "capped": CNY a year at most

    def __post_init__(self):
        if self.kind not in SHORTFALL_KINDS:
            raise ValueError(f"unknown shortfall rule {self.kind!r}")
        _fraction(self.share, "share")
        if self.cap is not None and self.cap < 0:
            raise ValueError("cap must not be negative")

    @property
    def missing(self) -> tuple[str, ...]:
        if self.kind == "share" and self.share is None:
            return ("shortfall_share",)
        if self.kind == "capped" and self.cap is None:
            return ("shortfall_cap",)
        return ()

    def compensation(self, shortfall: float) -> float:
        if self.kind == "share":
            return shortfall * self.share
        if self.kind == "capped":
            return min(shortfall, self.cap)
        return shortfall


@dataclass(frozen=True)
class Terms:
    """An offer's contract terms; None where the offer does not state one.
    Shares and rates are fractions (0.2 = 20 %), money CNY."""

    model: str
    term_years: int
    enterprise_share: tuple[float, ...] = ()    # per contract year; the last one repeats
    esco_investment_share: float = 1.0          # of the capex
    esco_investment_max: float | None = None    # CNY; the enterprise pays what is above it
    service_fee: float | None = None            # CNY a year, enterprise → ESCO
    guarantee: float | None = None              # in guarantee_unit
    guarantee_unit: str = ""
    shortfall: Shortfall | None = None
    hosting_baseline: float | None = None       # CNY a year; else the line's energy cost
    hosting_discount: float | None = None
    lease_rate: float | None = None             # a year
    instalments_per_year: int | None = None
    down_payment_share: float | None = None     # of the capex

    def __post_init__(self):
        if self.model not in MODELS:
            raise ValueError(f"unknown EMC model {self.model!r}")
        if self.term_years < 1:
            raise ValueError("term_years must be at least 1")
        if any(not 0 <= s <= 1 for s in self.enterprise_share):
            raise ValueError("enterprise_share values must lie between 0 and 1")
        for name in ("esco_investment_share", "hosting_discount", "down_payment_share"):
            _fraction(getattr(self, name), name)
        if self.instalments_per_year is not None and self.instalments_per_year not in INSTALMENTS:
            raise ValueError("instalments_per_year must be 1, 2, 4 or 12")
        if self.guarantee is not None and self.guarantee_unit not in GUARANTEE_UNITS:
            raise ValueError(f"unknown guarantee unit {self.guarantee_unit!r}")

    def share(self, year: int) -> float:
        return self.enterprise_share[min(year, len(self.enterprise_share)) - 1]


def missing_terms(terms: Terms) -> tuple[str, ...]:
    """The terms ``terms.model`` needs that the offer does not state."""
    stated = {
        "enterprise_share": bool(terms.enterprise_share), "guarantee": terms.guarantee is not None,
        "service_fee": terms.service_fee is not None, "shortfall_kind": terms.shortfall is not None,
        "hosting_discount": terms.hosting_discount is not None, "lease_rate": terms.lease_rate is not None,
        "instalments_per_year": terms.instalments_per_year is not None,
        "down_payment": terms.down_payment_share is not None,
    }
    out = [name for name in NEEDS[terms.model] if not stated[name]]
    if terms.model in GUARANTEED and terms.shortfall is not None:
        out.extend(terms.shortfall.missing)
    return tuple(out)


@dataclass(frozen=True)
class Project:
    """What the caller knows of the project; None where it does not."""

    annual_saving: float | None                 # CNY a year, net of O&M
    capex: float | None                         # CNY
    discount_rate: float                        # a fraction a year
    service_life: int | None = None             # years
    baseline_energy_cost: float | None = None   # the line's energy bill a year before, CNY
    tce_price: float | None = None              # CNY per tce (guarantees in tce)
    mwh_price: float | None = None              # CNY per MWh (guarantees in MWh)

    def horizon(self, term: int) -> int:
        return self.service_life if self.service_life and self.service_life >= term else term


@dataclass(frozen=True)
class Assumption:
    name: str
    value: float | str
    unit: str = ""        # cny | cny_per_year | percent | years | per_year | cny_per_tce | cny_per_mwh
    source: str = ""      # offer | project | bureau | computed


@dataclass(frozen=True)
class Conversion:
    """A guarantee as CNY a year: ``amount`` ``unit`` × ``price`` = ``cny``
    (``price`` None when the guarantee is stated in CNY)."""

    amount: float
    unit: str
    price: float | None
    price_unit: str
    cny: float


@dataclass(frozen=True)
class Year:
    year: int
    saving: float
    enterprise: float
    esco: float = 0.0
    lessor: float = 0.0


@dataclass(frozen=True)
class CashFlow:
    model: str                   # an EMC model or "self_funded"
    years: tuple[Year, ...]
    discount_rate: float = 0.0

    def total(self, party: str) -> float:
        return sum(getattr(y, party) for y in self.years)

    def npv(self, party: str) -> float:
        return finance.npv(self.discount_rate, [getattr(y, party) for y in self.years])

    saving_total = property(lambda self: self.total("saving"))
    enterprise_total = property(lambda self: self.total("enterprise"))
    esco_total = property(lambda self: self.total("esco"))
    lessor_total = property(lambda self: self.total("lessor"))
    enterprise_npv = property(lambda self: self.npv("enterprise"))
    esco_npv = property(lambda self: self.npv("esco"))
    lessor_npv = property(lambda self: self.npv("lessor"))

    @property
    def has_lessor(self) -> bool:
        return any(y.lessor for y in self.years)


@dataclass(frozen=True)
class Contract:
    """An offer's cash flow for one project, or what is missing for it."""

    model: str
    emc: CashFlow | None
    own: CashFlow | None                       # self-funding over the same years
    assumptions: tuple[Assumption, ...] = ()
    missing_terms: tuple[str, ...] = ()        # the offer lacks them: 「合同条款不全」
    missing_inputs: tuple[str, ...] = ()       # the caller lacks them: annual_saving, capex, price …
    conversion: Conversion | None = None
    horizon_years: int = 0

    @property
    def complete(self) -> bool:
        return self.emc is not None


def guarantee_cny(terms: Terms, project: Project) -> tuple[Conversion | None, str | None]:
    """The guarantee in CNY a year with its conversion, or the missing input
    (``price``, ``baseline_energy_cost``) that would price it."""
    if terms.guarantee is None:
        return None, None
    if terms.guarantee_unit == "cny_per_year":
        return Conversion(terms.guarantee, "cny_per_year", None, "", terms.guarantee), None
    attribute, price_unit, lacking = PRICED_BY[terms.guarantee_unit]
    price = getattr(project, attribute)
    if price is None:
        return None, lacking
    factor = price / 100 if terms.guarantee_unit == "percent" else price
    cny = terms.guarantee * factor
    return Conversion(terms.guarantee, terms.guarantee_unit, price, price_unit, cny), None


def missing_inputs(terms: Terms, project: Project) -> tuple[str, ...]:
    out = [name for name in ("annual_saving", "capex") if getattr(project, name) is None]
    if terms.model in GUARANTEED:
        lacking = guarantee_cny(terms, project)[1]
        out += [lacking] if lacking else []
    if terms.model == "energy_cost_hosting" and terms.hosting_baseline is None \
            and project.baseline_energy_cost is None:
        out.append("baseline_energy_cost")
    return tuple(out)
