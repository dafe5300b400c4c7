"""Pydantic models of the evidence and what-if API (issue 23): a technology's
Chongqing projects, the bureau's verification queue and decision, and the
plan's what-if. Requests are checked with them (a wrong field is a 400 naming
it) and the OpenAPI document shows them."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictStr

from .answers import Num, Obj, Open
from .answers import Technology as TechnologyBase
from .schema import NO_NUL, Key, Strict, number


class Spread(Open):
    n: int
    median: Num | None
    low: Num | None
    high: Num | None


class ProjectRow(Open):
    id: int
    product: str | None
    implemented_year: int | None
    annual_output: Num | None
    energy_unit: str
    unit_energy: Num | None
    fuel_share: Num | None
    claimed_saving_tce: Num | None
    measured_saving_tce: Num | None
    claimed_per_unit: Num | None
    measured_per_unit: Num | None
    evidence_level: str


class ProjectGroup(Open):
    unit: str
    claimed: Spread
    measured: Spread
    verified: Spread
    projects: list[ProjectRow]


class Revision(Open):
    at: str
    unit: str
    old_typical: Num | None
    new_typical: Num
    n: int
    project_ids: list[int]
    values: list[Num]


class Projects(Open):
    rule: Obj
    groups: list[ProjectGroup]
    revisions: list[Revision]


class Technology(TechnologyBase):
    projects: Projects


class ProjectRecord(Open):
    id: int
    inquiry_id: int
    technology: str
    enterprise: str
    evidence_level: str
    measured_saving_tce: Num | None
    verified_saving_tce: Num | None
    files: list[Obj]
    review_note: str
    submitted_at: str | None
    reviewed_at: str | None


class ProjectRecords(Open):
    total: int
    items: list[ProjectRecord]


class Decided(Open):
    record: ProjectRecord
    revision: Revision | None


class RecordsQuery(Strict):
    level: Literal["self_declared", "submitted", "verified", "rejected"] | None = Field(
        None, description="The evidence level; submitted (waiting for the bureau) when not given.")


class DecisionRequest(Strict):
    decision: Literal["verify", "reject"]
    reason: Annotated[StrictStr, Field(max_length=2000, pattern=NO_NUL)] = ""
    verified_saving_tce: number(0, 1e8, "The saving the evidence shows (tce a year); the enterprise's figure "
                                "when not given.") | None = None


class WhatIfQuery(Strict):
    sector: Key | None = None
    district: Key | None = None


class Share(Open):
    product: str
    district: str | None
    unit: str
    lines: int
    classified_capacity: Num
    benchmark_capacity_today: Num
    benchmark_capacity_after: Num
    share_today: Num | None
    share_after: Num | None


class NeedMove(Open):
    need_id: int
    title: str
    technology: str
    line: str
    product: str
    saving_tce: Num
    unit_energy_before: Num
    unit_energy_after: Num
    unit: str
    reaches_benchmark: bool
    share_points: Num


class WhatIf(Open):
    rule: str
    open_needs: int
    applied: int
    products: list[Share]
    districts: list[Share]
    needs: list[NeedMove]
    clinker_intensity: Obj | None
