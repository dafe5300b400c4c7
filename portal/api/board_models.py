"""Pydantic models of the needs board's API (issue 22): the query string of
``GET /api/v1/needs`` and the answers of the list and of one need. Kept apart
from ``schema``/``answers`` so the board's shapes live together; the OpenAPI
document takes them from here (``openapi.OPERATIONS``)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from catalog.pipeline import board

from .answers import Obj, Open
from .schema import NO_NUL, Page, PerPage, QueryText, Strict


class BoardQuery(Strict):
    """Filters of the public needs board; an unknown key is a 400."""

    q: Annotated[str, Field(max_length=board.QUERY_MAX, pattern=NO_NUL)] | None = Field(
        None, description="Words in a public need's title or description, or in a sector or stage name.")
    sector: QueryText | None = None
    region: QueryText | None = Field(None, description="A region group of Chongqing (一区两群).")
    stage: QueryText | None = None
    problem_type: QueryText | None = None
    financing: QueryText | None = None
    page: Page | None = None
    per_page: PerPage | None = None
    lang: Literal["zh", "en", ""] | None = None


class Band(Open):
    low: float
    high: float | None


class BoardNeed(Open):
    """One listed need. An anonymous need has no title, enterprise,
    description, district or listing date; its figures are bands and its
    place a region. A public need's bands have low == high."""

    id: int
    anonymous: bool
    title: str | None
    enterprise: str | None
    description: str | None
    sector: str | None
    process_stage: str | None
    problem_type: str
    financing: str
    district: str | None
    region: str | None
    target_saving_pct: Band | None
    target_saving_tce: Band | None
    budget_cny: Band | None
    desired_start: str | None
    listed_on: str | None
    expires_on: str
    url: str
    interest_url: str


class BoardPage(Open):
    total: int
    page: int
    pages: int
    per_page: int
    needs: list[BoardNeed]
    counts: Obj
