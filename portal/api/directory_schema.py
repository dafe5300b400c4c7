"""Pydantic models of the supplier directory's API (issue 22): the query
string of GET /api/v1/suppliers and the two answers. They go into the
OpenAPI document with the others (``portal.api.openapi``)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from catalog import models as m

from .answers import Num, Open
from .schema import NO_NUL, Page, PerPage, QueryText, Strict

EmcModel = Literal[m.EMC_MODELS]  # type: ignore[valid-type]


class DirectoryQuery(Strict):
    """Filters of the supplier directory (unknown keys or codes are a 400)."""

    q: Annotated[str, Field(max_length=64, pattern=NO_NUL)] | None = Field(
        None, description="Text in the supplier's name or its products' and offers' names.")
    sector: QueryText | None = Field(None, description="A sector key the supplier serves.")
    category: QueryText | None = Field(None, description="A technology category key of its listings.")
    technology: Annotated[str, Field(max_length=16, pattern=NO_NUL)] | None = Field(
        None, description="A catalogue code of its listings, e.g. CE-01.")
    region: QueryText | None = Field(
        None, description="A Chongqing district key its listings serve (the whole city or country counts).")
    emc: Literal["", "0", "1"] | None = Field(None, description="1: has a published EMC offer; 0: has none.")
    model: EmcModel | Literal[""] | None = Field(None, description="Has a published offer of this EMC model.")
    page: Page | None = None
    per_page: PerPage | None = None
    lang: Literal["zh", "en", ""] | None = None


class DirectorySupplier(Open):
    id: int
    name: str
    district: str | None
    province: str | None
    sectors: list[str]
    products: int
    offers: int
    emc_models: list[str]
    technologies: list[str]
    regions: list[str]
    completed_projects: int
    url: str


class DirectoryPage(Open):
    total: int
    total_capped: bool
    page: int
    per_page: int
    items: list[DirectorySupplier]


class DirectoryListing(Open):
    id: int
    kind: Literal["product", "offer"]
    name: str
    model: str | None
    technologies: list[str]
    regions: list[str]
    url: str
    contact_url: str


class DirectoryProject(Open):
    enterprise: str
    technology: str | None
    implemented_on: str
    achieved_saving_tce: Num | None


class DirectoryProjects(Open):
    """Completed projects: named only with the enterprise's consent, the others counted."""

    total: int
    unnamed: int
    named: list[DirectoryProject]


class ResponseTime(Open):
    """Median hours from an enterprise's inquiry to the supplier's first reply
    or step, over ``window_from``–``window_to``; null below ``minimum_answered``."""

    median_hours: Num | None
    received: int
    answered: int
    minimum_answered: int
    window_from: str
    window_to: str
    hours: list[Num]


class DirectoryProfile(Open):
    id: int
    name: str
    district: str | None
    province: str | None
    sectors: list[str]
    regions: list[str]
    technologies: list[str]
    listings: list[DirectoryListing]
    completed_projects: DirectoryProjects
    response_time: ResponseTime
    url: str
