"""Production lines (facilities) and the needs posted for them."""
from __future__ import annotations

from datetime import date, datetime

from catalog import models as m

from .base import Builder, Level

# Prices a line in Chongqing pays (CNY/kWh, CNY/t, CNY/m³): demo values.
PRICE_RANGES = {"electricity_price": (0.52, 0.72), "coal_price": (780, 1050), "gas_price": (2.9, 3.8),
                "coke_price": (1800, 2500), "fuel_oil_price": (4200, 5200)}
# Where the power share of a fuel-fired line lies (tce shares): demo values.
POWER_SHARE = (0.08, 0.2)


def energy_mix(b: Builder, level: Level) -> tuple[str | None, dict | None]:
    """(main fuel, tce shares) as an enterprise would enter them; None, None
    for electricity-only indicators (kWh/t: the shares do not apply)."""
    if level.unit.startswith("kWh") or not level.main_fuel:
        return None, None
    power = round(b.rng.uniform(*POWER_SHARE), 2)
    if level.main_fuel == "electricity":
        return "electricity", {"electricity": 1.0}
    return level.main_fuel, {level.main_fuel: round(1 - power, 2), "electricity": power}


def prices(b: Builder) -> dict[str, float]:
    return {name: round(b.rng.uniform(low, high), 2) for name, (low, high) in PRICE_RANGES.items()}


def between(level: Level, gap: float | None) -> float | None:
    """A unit energy ``gap`` of the way from the benchmark (0) to the baseline
    (1), beyond 1 worse than the baseline; None without both levels or a gap."""
    if gap is None or level.benchmark is None or level.baseline is None:
        return None
    return round(level.benchmark + gap * (level.baseline - level.benchmark), 3)


def facility(b: Builder, org_id: int, name: str, level: Level, *, capacity: float,
             utilisation: float, unit_energy: float | None, district: str | None,
             mix: tuple[str | None, dict | None] | None = None, paid: dict[str, float] | None = None,
             installed: tuple[str, ...] = ()) -> dict:
    """A line of ``capacity`` (the product's output unit a year) running at
    ``utilisation``; ``mix`` (main fuel, tce shares) and ``paid`` (prices)
    default to plausible random ones."""
    main_fuel, shares = mix if mix is not None else energy_mix(b, level)
    return {"organisation_id": org_id, "name": name, "product_key": level.key, "capacity": capacity,
            "annual_output": round(capacity * utilisation, -2), "unit_energy": unit_energy,
            "main_fuel": main_fuel, "fuel_shares": shares, **(paid if paid is not None else prices(b)),
            "installed": list(installed), "installed_note": "", "district_key": district,
            "created_at": b.when(900, 60), "updated_at": b.now}


def need(org_id: int, facility_id: int | None, title: str, description: str, *, stage: str | None,
         problem: str, status: str, confidentiality: str, created_at: datetime,
         target_saving_pct: float | None = None, budget_cny: float | None = None,
         financing: str = "any", score: tuple[float, int] | None = None,
         board: tuple[datetime, date] | None = None) -> dict:
    """One need row; ``score`` is (best score, match count) as the bureau's scoring stores it,
    ``board`` (listed at, listed until) its listing on the public needs board (issue 22)."""
    return {"organisation_id": org_id, "facility_id": facility_id, "title": title, "description": description,
            "stage_key": stage, "problem_type": problem, "target_saving_pct": target_saving_pct,
            "target_saving_tce": None, "budget_cny": budget_cny, "financing": financing,
            "confidentiality": confidentiality, "status": status,
            "best_score": score[0] if score else None, "match_count": score[1] if score else None,
            "scored_at": created_at if score else None, "created_at": created_at, "updated_at": created_at,
            "board_listed_at": board[0] if board else None, "board_expires_on": board[1] if board else None}


def add_facilities(b: Builder, rows: list[dict]) -> list[int]:
    return b.insert(m.Facility, rows)


def add_needs(b: Builder, rows: list[dict]) -> list[int]:
    return b.insert(m.Need, rows)
