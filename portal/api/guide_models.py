"""Pydantic models of the guides' API (issue 22): the query of one guide
edition and the answers of the list and of one edition (``content`` is the
frozen guide the web page and the PDF show)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .answers import Open
from .schema import Blank, Strict

EditionNumber = Annotated[int, Field(ge=1, le=1_000_000,
                                     description="The edition number (the latest when absent).")]


class GuideQuery(Strict):
    edition: EditionNumber | Blank | None = None
    lang: Literal["zh", "en", ""] | None = None


class GuideLatest(Open):
    number: int
    published_at: str
    pdf_url: str | None


class GuideItem(Open):
    kind: Literal["sector", "cross", "plan"]
    subject: str
    name_zh: str
    name_en: str
    url: str
    api_url: str
    latest: GuideLatest | None


class GuideList(Open):
    items: list[GuideItem]


class GuideEdition(Open):
    kind: Literal["sector", "cross", "plan"]
    subject: str
    number: int
    published_at: str
    intro_zh: str
    intro_en: str
    url: str
    pdf_url: str | None
    editions: list[int] = Field(description="Every edition's number, newest first.")
    content: dict = Field(description="The frozen guide: position, problems, technologies with figures, "
                                      "sources, suppliers and cases, contact.")
