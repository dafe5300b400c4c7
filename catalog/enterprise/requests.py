"""Plain request values (the JSON API) → checked MatchQuery / diagnosis input."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import models as m
from catalog.accounts.checks import Checker
from catalog.accounts.validation import long_text

from .values import choice, number


def _known(session: Session, model, column) -> set[str]:
    return set(session.scalars(select(column)))


def match_query(session: Session, payload: dict):
    from .matches import MatchQuery

    check = Checker()
    products = _known(session, m.BenchmarkProduct, m.BenchmarkProduct.key) | \
        _known(session, m.BenchmarkProduct, m.BenchmarkProduct.family)
    values = {
        "text": check(long_text, payload.get("text"), "text", 2, 2000),
        "sector": check(choice, payload.get("sector"), "sector",
                        _known(session, m.Sector, m.Sector.key), required=False),
        "stage": check(choice, payload.get("process_stage"), "process_stage",
                       _known(session, m.ProcessStage, m.ProcessStage.key), required=False),
        "product_key": check(choice, payload.get("benchmark_product"), "benchmark_product", products,
                             required=False),
        "unit_energy": check(number, payload.get("unit_energy"), "unit_energy", minimum=-1e4, maximum=1e6),
        "annual_output": check(number, payload.get("annual_output"), "annual_output", maximum=1e10),
        "target_saving_pct": check(number, payload.get("target_saving_pct"), "target_saving_pct",
                                   maximum=100),
        "budget_cny": check(number, payload.get("budget_cny"), "budget_cny", maximum=1e11),
        "financing": check(choice, payload.get("financing") or "any", "financing", m.FINANCING),
        "electricity_price": check(number, payload.get("electricity_price"), "electricity_price", maximum=10),
        "coal_price": check(number, payload.get("coal_price"), "coal_price", maximum=1e5),
    }
    check.done()
    return MatchQuery(**values)


def diagnose_input(session: Session, payload: dict) -> tuple[str, float, float]:
    check = Checker()
    products = _known(session, m.BenchmarkProduct, m.BenchmarkProduct.key) | \
        _known(session, m.BenchmarkProduct, m.BenchmarkProduct.family)
    key = check(choice, payload.get("benchmark_product"), "benchmark_product", products)
    unit_energy = check(number, payload.get("unit_energy"), "unit_energy", minimum=-1e4, maximum=1e6,
                        required=True)
    output = check(number, payload.get("annual_output"), "annual_output", maximum=1e10, required=True)
    check.done()
    return key, unit_energy, output
