"""Production lines of an enterprise, each measured against one benchmark row."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts import audit
from catalog.accounts.checks import Checker
from catalog.accounts.validation import text
from catalog.errors import NotFound

from .values import choice, number


@dataclass(frozen=True)
class FacilityInput:
    name: str = ""
    product_key: str = ""
    capacity: object = None
    annual_output: object = None
    unit_energy: object = None
    electricity_share: object = None
    electricity_price: object = None
    coal_price: object = None
    gas_price: object = None
    district_key: str | None = None


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
        "electricity_share": check(number, data.electricity_share, "electricity_share", maximum=1),
        "electricity_price": check(number, data.electricity_price, "electricity_price", maximum=10),
        "coal_price": check(number, data.coal_price, "coal_price", maximum=1e5),
        "gas_price": check(number, data.gas_price, "gas_price", maximum=100),
        "district_key": check(choice, data.district_key, "district_key", districts, required=False),
    }
    if values["capacity"] and values["annual_output"] and values["annual_output"] > values["capacity"] * 1.2:
        check.add("output.above_capacity", "annual_output")
    check.done()
    return values


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
    return facility


def get(session: Session, organisation_id: int, facility_id: int) -> m.Facility:
    facility = session.scalars(select(m.Facility).where(
        m.Facility.id == facility_id, m.Facility.organisation_id == organisation_id)).unique().one_or_none()
    if facility is None:
        raise NotFound("facility", facility_id)
    return facility


def list_for(session: Session, organisation_id: int) -> list[m.Facility]:
    return list(session.scalars(select(m.Facility).where(m.Facility.organisation_id == organisation_id)
                                .order_by(m.Facility.id)).unique())
