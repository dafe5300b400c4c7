"""Pydantic models of the programme answers (issue 23): the OpenAPI response
schemas of /api/v1/programmes and /api/v1/programmes/<slug>."""
from __future__ import annotations

from .answers import Num, Open, Source


class Programme(Open):
    slug: str
    kind: str
    status: str
    name_zh: str
    name_en: str
    administrator_zh: str
    administrator_en: str
    summary_zh: str
    summary_en: str
    sectors: list[str]
    categories: list[str]
    technologies: list[str]
    min_saving_tce: Num | None
    deadline: str | None
    share: Num | None
    cap_cny: Num | None
    rate: Num | None
    years: int | None
    source: Source | None
    basis_zh: str
    basis_en: str
    retired_reason: str
    url: str


class ProgrammeList(Open):
    items: list[Programme]
