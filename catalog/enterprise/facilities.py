"""Production lines of an enterprise, each measured against one benchmark row."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.accounts.validation import long_text, text
from catalog.errors import NotFound, RuleError
from matching.units import CARRIERS

from .energy import PRICE_LIMITS
from .values import choice, number, shares


@dataclass(frozen=True)
class FacilityInput:
    name: str = ""
    product_key: str = ""
    capacity: object = None
    annual_output: object = None
    unit_energy: object = None
    main_fuel: object = None
    fuel_shares: object = None        # {carrier: share}; blank = the product's default
    shares_in_percent: bool = False   # the form sends percentages, the API fractions
    electricity_price: object = None
    coal_price: object = None
    gas_price: object = None
    coke_price: object = None
    fuel_oil_price: object = None
    district_key: str | None = None
    installed: tuple[str, ...] = ()   # catalogue codes the line already has
    installed_note: str = ""


def _values(session: Session, data: FacilityInput) -> dict:
    check = Checker()
    products = set(session.scalars(select(m.BenchmarkProduct.key)))
    districts = set(session.scalars(select(m.District.key)))
    values = {
        "name": check(text, data.name, "name", 1, 120),
        "product_key": check(choice, data.product_key, "product_key", products),
        "capacity": check(number, data.capacity, "capacity", maximum=1e10),
        "annual_output": check(number, data.annual_output, "annual_output", maximum=1e10),
        # net-negative indicators exist (converter steelmaking, −30 kgce/t)
        "unit_energy": check(number, data.unit_energy, "unit_energy", minimum=-1e4, maximum=1e6),
        "main_fuel": check(choice, data.main_fuel, "main_fuel", CARRIERS, required=False),
        "fuel_shares": check(shares, data.fuel_shares, "fuel_shares", CARRIERS,
                             scale=100.0 if data.shares_in_percent else 1.0),
        **prices(check, data),
        "district_key": check(choice, data.district_key, "district_key", districts, required=False),
        "installed": check(installed_codes, session, data.installed),
        "installed_note": check(long_text, data.installed_note or "", "installed_note", 0, 1000) or "",
    }
    if values["capacity"] and values["annual_output"] and values["annual_output"] > values["capacity"] * 1.2:
        check.add("output.above_capacity", "annual_output")
    check.done()
    return values


def installed_codes(session: Session, raw: object) -> list[str]:
    """Catalogue codes, each known; refused as a whole otherwise."""
    codes = [raw] if isinstance(raw, str) else list(raw or ())
    if any(not isinstance(c, str) or len(c) > 16 for c in codes) or len(codes) > 75:
        raise RuleError("installed.invalid", "installed")
    known = set(session.scalars(select(m.Technology.code).where(m.Technology.code.in_(codes))))
    if set(codes) - known:
        raise RuleError("installed.invalid", "installed")
    return sorted(set(codes))


def prices(check: Checker, data) -> dict[str, float | None]:
    """The line's carrier prices (CNY/kWh, CNY/t, CNY/m³), each within a sane bound."""
    return {name: check(number, getattr(data, name), name, maximum=limit)
            for name, limit in PRICE_LIMITS.items()}


def create(session: Session, organisation_id: int, data: FacilityInput, actor: audit.Actor) -> m.Facility:
    facility = m.Facility(organisation_id=organisation_id, **_values(session, data))
    session.add(facility)
    session.flush()
    audit.record(session, actor, "facility.created", "facility", facility.id,
                 {"product": facility.product_key}, organisation_id=organisation_id)
    session.commit()
    return facility


def update(session: Session, organisation_id: int, facility_id: int, data: FacilityInput,
           actor: audit.Actor) -> m.Facility:
    facility = get(session, organisation_id, facility_id)
    for name, value in _values(session, data).items():
        setattr(facility, name, value)
    audit.record(session, actor, "facility.updated", "facility", facility.id,
                 organisation_id=organisation_id)
    session.commit()
    _refresh_leads(session, facility.id)
    return facility


def _refresh_leads(session: Session, facility_id: int) -> None:
    """The stored leads of the line's open needs use its figures: score them again."""
    from catalog.pipeline import lead_store  # imported when used: the pipeline imports this package

    for need_id in list(session.scalars(select(m.Need.id).where(
            m.Need.facility_id == facility_id, m.Need.status.in_(("open", "in_negotiation"))))):
        lead_store.refresh_after_save(session, need_id)


def get(session: Session, organisation_id: int, facility_id: int) -> m.Facility:
    facility = session.scalars(select(m.Facility).where(
        m.Facility.id == facility_id, m.Facility.organisation_id == organisation_id)).unique().one_or_none()
    if facility is None:
        raise NotFound("facility", facility_id)
    return facility


def list_for(session: Session, organisation_id: int) -> list[m.Facility]:
    return list(session.scalars(select(m.Facility).where(m.Facility.organisation_id == organisation_id)
                                .order_by(m.Facility.id)).unique())
