"""Pydantic models of what /api/v1 answers (the README's response shapes).
They are the response schemas of the OpenAPI document, and tests check every
answer against them (schemathesis and tests/functional/test_api_schema.py).
Deeply nested parts that carry their own documented structure (an impact's
inputs and steps, an EMC cash flow) are objects whose named keys are listed
and whose further keys are open."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

Obj = dict[str, Any]
Num = float | int


class Open(BaseModel):
    """Further keys may be added to an answer without a new API version."""

    model_config = ConfigDict(extra="allow")


class ErrorBody(Open):
    status: int
    message: str
    fields: dict[str, str] | None = None


class Error(Open):
    """Every 4xx and 5xx under /api: a message in the caller's language, and
    for a 400 on a field the field's own message."""

    error: ErrorBody


class Source(Open):
    publisher: str | None
    title: str | None
    date: str | None
    url: str | None
    kind: str | None = None


class TechnologySummary(Open):
    code: str
    name_zh: str
    name_en: str
    sector: str
    process_stage: str | None
    category: str | None
    maturity: str | None
    trl: int | None
    plan_named: bool


class TechnologyPage(Open):
    total: int
    page: int
    per_page: int
    items: list[TechnologySummary]


class Figure(Open):
    metric: str | None
    value: Num | str | None
    unit: str | None
    source: Source | None
    evidence_level: str | None
    verified: bool


class Supplier(Open):
    id: int
    name: str
    verified: bool


class Product(Open):
    id: int
    code: str
    name_zh: str
    technologies: list[str]
    supplier: Supplier
    url: str


class Offer(Open):
    id: int
    code: str
    title: str
    model: str
    technologies: list[str]
    supplier: Supplier
    missing_terms: list[str]
    url: str


class Technology(TechnologySummary):
    summary_zh: str | None
    summary_en: str | None
    status: str
    figures: list[Figure]
    effect: Obj | None
    benchmarks: list[Obj]
    products: list[Product]
    offers: list[Offer]


class SearchHit(Open):
    type: str
    code: str
    name_zh: str | None
    name_en: str | None
    sector: str | None
    score: Num
    snippet: str | None


class SearchPage(Open):
    total: int
    page: int
    per_page: int
    items: list[SearchHit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    corrected: bool
    partial: bool


class EnergyMix(Open):
    main_fuel: str | None
    fuel_shares: dict[str, Num]
    default: bool


class Diagnosis(Open):
    benchmark_product: str
    unit: str | None
    unit_energy: Num | None
    annual_output: Num | None
    status: str
    benchmark: Num | None
    baseline: Num | None
    gap_tce: Num | None
    gap_tco2: Num | None
    energy_mix: EnergyMix
    deadline: str | None
    deadline_status: str | None
    mandatory_limit: Obj | None
    levels_verified: bool
    source: Source | None


class Factor(Open):
    name: str
    value: Num
    weight: Num
    contribution: Num


class Match(Open):
    technology: Obj
    score: Num
    factors: list[Factor]
    reasons_zh: list[str]
    reasons_en: list[str]
    impact: Obj | None
    offers: list[Obj]


class Excluded(Open):
    code: str
    reason: str
    reason_zh: str
    reason_en: str


class Understood(Open):
    goals: list[str]
    installed: list[str]
    installed_from_text: list[str]
    sector: str | None
    no_big_capital: bool


class MatchResult(Open):
    diagnosis: Diagnosis | None
    matches: list[Match]
    excluded: list[Excluded]
    short_list: bool
    understood: Understood | None


class Lead(Open):
    need: Obj
    technology: str
    score: Num
    reasons: list[str]
    products: list[int]
    offers: list[int]
    interest_url: str


class Leads(Open):
    total: int
    leads: list[Lead]


class Account(Open):
    email: str
    name: str | None
    role: str
    organisation: Obj
