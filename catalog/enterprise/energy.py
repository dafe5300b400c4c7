"""A line's energy as the estimates read it: the carrier coefficients in force
(with their sources), the line's main fuel and carrier shares (entered, or
the benchmark product's default, said so), and its prices."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.errors import NotFound
from matching.impact import Line
from matching.units import CARRIERS, CarrierFactor, Coefficient, Factors

# Carrier → the data/factors.yaml fuel row that defines it.
FUEL_ROWS = {"coal": "raw_coal", "natural_gas": "natural_gas", "coke": "coke", "fuel_oil": "fuel_oil"}
PRICE_FIELDS = {"electricity": "electricity_price", "coal": "coal_price", "natural_gas": "gas_price",
                "coke": "coke_price", "fuel_oil": "fuel_oil_price"}
# Upper bounds of a sane price (CNY/kWh, CNY/t, CNY/m³), for forms and the API alike.
PRICE_LIMITS = {"electricity_price": 10, "coal_price": 1e5, "gas_price": 100, "coke_price": 1e5,
                "fuel_oil_price": 1e5}


def _fuel_factor(carrier: str, row: m.Fuel) -> CarrierFactor:
    per = "t" if row.unit == "kg" else row.unit.replace("m3", "m³")
    kgce_unit, co2_unit = ("tce/t", "tCO2/t") if per == "t" else (f"kgce/{per}", f"kgCO2/{per}")
    return CarrierFactor(carrier, Coefficient(row.kgce_per_unit, kgce_unit, row.source, row.flag),
                         Coefficient(row.co2_kg_per_unit, co2_unit, row.co2_source or row.source, row.flag))


def factors(session: Session) -> Factors:
    """Electricity at the equal-value coefficient and the Chongqing grid factor
    of the latest year; each fuel from its data/factors.yaml row."""
    grid = session.scalars(select(m.GridFactor).where(m.GridFactor.default_for_chongqing.is_(True))
                           .order_by(m.GridFactor.year.desc())).first()
    equal_value = session.get(m.ConversionFactor, "electricity_equal_value")
    fuels = {f.key: f for f in session.scalars(select(m.Fuel).where(m.Fuel.key.in_(FUEL_ROWS.values())))}
    if grid is None or equal_value is None or len(fuels) < len(FUEL_ROWS):
        raise NotFound("conversion factors", "run `flask --app portal setup`")
    carriers = {c: _fuel_factor(c, fuels[key]) for c, key in FUEL_ROWS.items()}
    carriers["electricity"] = CarrierFactor(
        "electricity", Coefficient(equal_value.value, equal_value.unit, equal_value.source, equal_value.flag),
        Coefficient(grid.value, grid.unit, grid.source, grid.flag))
    return Factors(carriers)


@dataclass(frozen=True)
class Mix:
    main_fuel: str
    shares: dict[str, float]
    default: bool          # True: the benchmark product's default, not entered


def mix(product: m.BenchmarkProduct, main_fuel: str | None, shares: dict | None) -> Mix:
    """The line's carriers: what it recorded, else all energy from the
    product's default main fuel (kWh indicators are electricity only)."""
    if product.unit.startswith("kWh"):
        return Mix("electricity", {"electricity": 1.0}, not shares)
    main = main_fuel or product.default_main_fuel
    if shares:
        return Mix(main, {c: float(s) for c, s in shares.items() if c in CARRIERS and s}, False)
    return Mix(main, {main: 1.0}, True)


def line(product: m.BenchmarkProduct | None, unit_energy: float | None, output: float | None,
         energy_mix: Mix | None, prices: dict[str, float | None], gap: float | None = None) -> Line | None:
    """The line as matching.impact reads it (None without a benchmark product)."""
    if product is None:
        return None
    energy_mix = energy_mix or mix(product, None, None)
    return Line(unit=product.unit, family=product.family, unit_energy=unit_energy, annual_output=output,
                shares=tuple(sorted(energy_mix.shares.items())), shares_default=energy_mix.default,
                main_fuel=energy_mix.main_fuel,
                prices=tuple((c, p) for c, p in sorted(prices.items()) if p is not None),
                gap_to_benchmark=gap)


def facility_prices(facility: m.Facility) -> dict[str, float | None]:
    return {carrier: getattr(facility, name) for carrier, name in PRICE_FIELDS.items()}
