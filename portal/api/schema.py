"""Pydantic models of what /api/v1 accepts: the JSON bodies of match and
diagnose and the query strings of the GET endpoints. They check types,
bounds and sizes (a wrong one is a 400 naming the field, see
``portal.api.validation``) and are the source of the OpenAPI document; the
domain checks in ``catalog.enterprise.requests`` run after them, on the same
payload, for what needs the database (known sectors, benchmark rows, codes).

Unknown fields are ignored, as they always were. Numbers are JSON numbers:
finite, within the bounds the domain checks use."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from catalog import models as m
from catalog.enterprise.energy import PRICE_LIMITS
from matching.units import CARRIERS

Carrier = Literal[CARRIERS]  # type: ignore[valid-type]
Goal = Literal[m.PROBLEM_TYPES]  # type: ignore[valid-type]
Financing = Literal[m.FINANCING]  # type: ignore[valid-type]
Blank = Literal[""]
# No NUL: PostgreSQL refuses it in a text parameter (a 500 before this check).
NO_NUL = r"^[^\x00]*$"
Key = Annotated[StrictStr, Field(max_length=64, pattern=NO_NUL)]
Code = Annotated[StrictStr, Field(max_length=16, pattern=NO_NUL)]


def number(low: float, high: float, description: str = ""):
    """A finite JSON number in [low, high]; strict: an integer is one, a string or a boolean is not."""
    return Annotated[float, Field(strict=True, ge=low, le=high, allow_inf_nan=False,
                                  description=description or None)]


Share = Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)] | None


class Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)


class Line(Strict):
    """A production line: its benchmark row, energy and prices."""

    benchmark_product: Key | None = Field(
        None, description="Benchmark row key (GET /api/v1/technologies/<code> lists them).")
    unit_energy: number(-1e4, 1e6, "Unit energy in the row's unit (kgce/t …).") | None = None
    annual_output: number(0, 1e10, "Annual output in the row's output unit.") | None = None
    fuel: Carrier | Blank | None = Field(None, description="Main fuel; blank is the row's default.")
    fuel_shares: dict[Carrier, Share] | None = Field(
        None, max_length=len(CARRIERS), description="{carrier: share}, adding up to 1.")
    electricity_price: number(0, PRICE_LIMITS["electricity_price"], "CNY/kWh") | None = None
    coal_price: number(0, PRICE_LIMITS["coal_price"], "CNY/t") | None = None
    gas_price: number(0, PRICE_LIMITS["gas_price"], "CNY/m³") | None = None
    coke_price: number(0, PRICE_LIMITS["coke_price"], "CNY/t") | None = None
    fuel_oil_price: number(0, PRICE_LIMITS["fuel_oil_price"], "CNY/t") | None = None


class DiagnoseRequest(Line):
    """POST /api/v1/diagnose: a line against its benchmark and baseline."""

    benchmark_product: Key = Field(description="Benchmark row key, e.g. cement_clinker.")
    unit_energy: number(-1e4, 1e6, "Unit energy in the row's unit (kgce/t …).")
    annual_output: number(0, 1e10, "Annual output in the row's output unit.")


class MatchRequest(Line):
    """POST /api/v1/match: a need in plain words, with what is known of the line."""

    text: Annotated[StrictStr, Field(min_length=2, max_length=2000, description="The need in plain words.")]
    sector: Key | None = None
    process_stage: Key | None = None
    capacity: number(0, 1e10) | None = None
    goal: Goal | Blank | None = None
    installed: list[Code] | Code | None = Field(
        None, max_length=75, description="Catalogue codes the plant already has.")
    quotes: dict[Code, number(1, 1e11)] | None = Field(
        None, max_length=100, description="{technology code: quoted capex in CNY}.")
    target_saving_pct: number(0, 100) | None = None
    budget_cny: number(0, 1e11) | None = None
    financing: Financing | Blank | None = None


# A blank query value means "not given" (the page's default), so the numeric
# ones accept "" too.
QueryText = Annotated[str, Field(max_length=64, pattern=NO_NUL)]
Page = Annotated[int, Field(ge=1, le=10_000)] | Blank
PerPage = Annotated[int, Field(ge=1, le=100)] | Blank


def query_number(high: float, description: str | None = None):
    return Annotated[float, Field(ge=0, le=high, allow_inf_nan=False, description=description)] | Blank


class Filters(Strict):
    """Filters shared by the catalogue list and the search (unknown values are a 400)."""

    q: Annotated[str, Field(max_length=2000, pattern=NO_NUL)] | None = None
    sector: QueryText | None = None
    stage: QueryText | None = None
    category: QueryText | None = None
    maturity: QueryText | None = None
    plan: QueryText | None = Field(None, description="1, true, on or yes: named in the plan only.")
    sort: QueryText | None = None
    per_page: PerPage | None = None
    lang: Literal["zh", "en", ""] | None = None


class CatalogueQuery(Filters):
    page: Page | None = None
    max_payback: query_number(100) | None = None
    max_capex: query_number(1e7, "In 万元 (10,000 CNY).") | None = None


class SearchQuery(Filters):
    """Full-text search over technologies, or products and offers with ``type``."""

    page: Annotated[int, Field(ge=1, le=1000)] | Blank | None = None
    type: Literal["technology", "product", "offer", ""] | None = None


class LeadsQuery(Strict):
    dismissed: Literal["", "0", "1", "true", "false", "on", "off", "yes", "no"] | None = Field(
        None, description="1, true, on or yes: the dismissed leads too.")
