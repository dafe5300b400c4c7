"""Plain request values (the JSON API) → checked MatchQuery / diagnosis input.
Every field is checked for its type and range; a wrong one is a field error
(HTTP 400 naming the field), never a server error."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts.checks import Checker
from catalog.accounts.validation import long_text
from catalog.errors import RuleError
from matching.units import CARRIERS

from . import energy
from .diagnosis import product_row
from .facilities import installed_codes
from .values import choice, number, shares


def _known(session: Session, column) -> set[str]:
    return set(session.scalars(select(column)))


def _text(raw: object, field: str, minimum: int, maximum: int) -> str:
    if not isinstance(raw, str):
        raise RuleError("text.required" if raw is None else "text.invalid", field)
    return long_text(raw, field, minimum, maximum)


@dataclass(frozen=True)
class LineValues:
    """What a request says of a line: its benchmark row and energy."""

    row: m.BenchmarkProduct | None
    unit_energy: float | None
    annual_output: float | None
    energy_mix: energy.Mix | None
    prices: dict[str, float | None]


def line_values(session: Session, check: Checker, payload: dict, *, required: bool) -> LineValues:
    row = check(product_row, session, payload.get("benchmark_product")) if required or \
        payload.get("benchmark_product") not in (None, "") else None
    if required and row is None and "benchmark_product" not in {e.field for e in check.errors}:
        check.add("text.required", "benchmark_product")
    unit_energy = check(number, payload.get("unit_energy"), "unit_energy", minimum=-1e4, maximum=1e6,
                        required=required)
    output = check(number, payload.get("annual_output"), "annual_output", maximum=1e10, required=required)
    main = check(choice, payload.get("fuel"), "fuel", CARRIERS, required=False)
    given = check(shares, payload.get("fuel_shares"), "fuel_shares", CARRIERS)
    prices = {carrier: check(number, payload.get(name), name, maximum=energy.PRICE_LIMITS[name])
              for carrier, name in energy.PRICE_FIELDS.items()}
    mix = energy.mix(row, main, given) if row is not None else None
    return LineValues(row, unit_energy, output, mix, prices)


def quote_values(raw: object) -> dict[str, float]:
    """``quotes``: {technology code: capex in CNY}."""
    if raw in (None, {}):
        return {}
    if not isinstance(raw, dict) or len(raw) > 100:
        raise RuleError("quotes.invalid", "quotes")
    out = {}
    for code, value in raw.items():
        if not isinstance(code, str) or len(code) > 16:
            raise RuleError("quotes.invalid", "quotes")
        out[code] = number(value, "quotes", minimum=1, maximum=1e11, required=True)
    return out


def match_query(session: Session, payload: dict):
    from .matches import MatchQuery

    check = Checker()
    text = check(_text, payload.get("text"), "text", 2, 2000)
    sector = check(choice, payload.get("sector"), "sector", _known(session, m.Sector.key), required=False)
    stage = check(choice, payload.get("process_stage"), "process_stage",
                  _known(session, m.ProcessStage.key), required=False)
    line = line_values(session, check, payload, required=False)
    values = {
        "capacity": check(number, payload.get("capacity"), "capacity", maximum=1e10),
        "goal": check(choice, payload.get("goal"), "goal", m.PROBLEM_TYPES, required=False),
        "installed": tuple(check(installed_codes, session, payload.get("installed")) or ()),
        "quotes": check(quote_values, payload.get("quotes")),
        "target_saving_pct": check(number, payload.get("target_saving_pct"), "target_saving_pct",
                                   maximum=100),
        "budget_cny": check(number, payload.get("budget_cny"), "budget_cny", maximum=1e11),
        "financing": check(choice, payload.get("financing") or "any", "financing", m.FINANCING),
    }
    check.done()
    return MatchQuery(text=text, sector=sector, stage=stage,
                      product_key=line.row.key if line.row else None,
                      unit_energy=line.unit_energy, annual_output=line.annual_output,
                      energy_mix=line.energy_mix, prices=line.prices,
                      **{**values, "quotes": values["quotes"] or {}})


def diagnose_input(session: Session, payload: dict) -> LineValues:
    check = Checker()
    line = line_values(session, check, payload, required=True)
    check.done()
    return line
