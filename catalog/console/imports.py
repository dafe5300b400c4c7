"""Bulk import of catalogue entries and organisations from Excel.

``parse`` reads an upload (FileError for a bad file), ``run`` checks every
row and, only when no row has a problem, applies them all in one transaction
with one audit event for the import (and one per changed entry or
organisation). A rejected import changes nothing but is audited too.
``progress(done, total)`` is called while checking (the first half) and while
applying (the second half). ``template`` is the workbook to fill in."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..errors import InvalidInput
from . import import_organisations, import_technologies, sheets
from .columns import (
    CARRIER_LABELS,
    FIGURES,
    KIND_LABELS,
    METRICS,
    ORGANISATIONS,
    OUTSIDE_ZH,
    PROVINCE_LABELS,
    STATUS_LABELS,
    TECHNOLOGIES,
    Sheet,
    figure_rows,
    organisation_row,
    technology_row,
)
from .problems import FileError

Progress = Callable[..., None]


@dataclass(frozen=True)
class Kind:
    name: str          # in URLs and commands
    job_kind: str      # ConsoleJob.kind
    main: Sheet
    extra: tuple[Sheet, ...]
    module: Any
    file_name: str     # the template's download name


KINDS = {
    "technologies": Kind("technologies", "import_technologies", TECHNOLOGIES, (FIGURES,),
                         import_technologies, "技术目录导入模板.xlsx"),
    "organisations": Kind("organisations", "import_organisations", ORGANISATIONS, (),
                          import_organisations, "单位导入模板.xlsx"),
}


@dataclass
class Outcome:
    imported: bool
    summary: dict[str, int]
    problems: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        s = self.summary
        if self.imported:
            zh = f"导入完成：新建 {s['created']} 条，更新 {s['updated']} 条，未变 {s['unchanged']} 条。"
            en = f"Imported: {s['created']} created, {s['updated']} updated, {s['unchanged']} unchanged."
        else:
            zh = f"发现 {len(self.problems)} 个问题，未导入任何数据。请修改后重新上传。"
            en = (f"{len(self.problems)} problems found; nothing has been imported. "
                  "Correct them and upload again.")
        return {"imported": self.imported, "summary": s, "problems": self.problems,
                "message_zh": zh, "message_en": en}


def kind_of(name: str) -> Kind:
    if name not in KINDS:
        raise InvalidInput("kind", name)
    return KINDS[name]


def parse(kind: Kind, data: bytes, max_rows: int = sheets.MAX_ROWS,
          max_bytes: int = sheets.MAX_BYTES) -> dict[str, sheets.Rows | None]:
    return sheets.read(data, kind.main, kind.extra, max_rows, max_bytes)


def row_count(kind: Kind, parsed: dict[str, sheets.Rows | None]) -> int:
    return len(parsed[kind.main.name].items)


def run(session: Session, actor: Actor, kind: Kind, parsed: dict[str, sheets.Rows | None],
        source_name: str = "", progress: Progress | None = None) -> Outcome:
    n = row_count(kind, parsed)
    tick = progress or (lambda done, total=None: None)
    tick(0, 2 * n)
    items, problems = kind.module.check_all(session, parsed, progress=lambda i: tick(i))
    detail = {"rows": n, "file": source_name[:200]}
    if problems:
        session.rollback()
        outcome = Outcome(False, {"rows": n, "problems": len(problems)}, [p.as_dict() for p in problems])
        audit.record(session, actor, f"console.{kind.job_kind}", "import", kind.name,
                     {**detail, "outcome": "rejected", "problems": len(problems)})
        session.commit()
        return outcome
    with session.no_autoflush:
        counts = kind.module.apply(session, actor, items, progress=lambda i: tick(n + i))
    audit.record(session, actor, f"console.{kind.job_kind}", "import", kind.name,
                 {**detail, "outcome": "imported", **counts})
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent change took a code or USCC meanwhile
        session.rollback()
        raise FileError("file.conflict") from exc
    tick(2 * n)
    return Outcome(True, {"rows": n, **counts})


def template(session: Session, kind: Kind) -> bytes:
    """The workbook to fill in: the sheet(s) with headers and a hint row, and
    a 说明 sheet explaining each column with the allowed values."""
    book = Workbook()
    for sheet in (kind.main, *kind.extra):
        sheets.add_sheet(book, sheet, [], hints=True)
    sheets.add_notes(book, (kind.main, *kind.extra), _vocabulary(session, kind))
    return sheets.workbook_bytes(book)


def current(session: Session, kind: Kind) -> bytes:
    """Everything now in the database as a workbook in the import layout
    (re-importing it changes nothing)."""
    book = Workbook()
    if kind.name == "technologies":
        techs = list(session.scalars(select(m.Technology).order_by(m.Technology.code)
                                     .options(selectinload(m.Technology.figures))).unique())
        sheets.add_sheet(book, TECHNOLOGIES, [technology_row(t) for t in techs])
        sheets.add_sheet(book, FIGURES, [row for t in techs for row in figure_rows(t)])
    else:
        orgs = session.scalars(select(m.Organisation).where(m.Organisation.kind != "bureau")
                               .order_by(m.Organisation.id).options(selectinload(m.Organisation.sectors)))
        sheets.add_sheet(book, ORGANISATIONS, [organisation_row(o) for o in orgs.unique()])
    return sheets.workbook_bytes(book)


def _vocabulary(session: Session, kind: Kind) -> list[tuple[str, list[tuple]]]:
    def named(model, order) -> list[tuple]:
        return [(r.name_zh, r.name_en, r.key) for r in session.scalars(select(model).order_by(order))]

    sectors = ("行业 / Sectors", named(m.Sector, m.Sector.position))
    if kind.name == "organisations":
        return [("单位类型 / Kinds", [(zh, en, k) for k, (zh, en) in KIND_LABELS.items()]),
                ("核验状态 / Verification", [(zh, en, k) for k, (zh, en) in STATUS_LABELS.items()]),
                ("所在区县 / Districts", [*named(m.District, m.District.position),
                                       (OUTSIDE_ZH, "Outside Chongqing", "outside")]),
                ("省份 / Provinces", [(zh, en, k) for k, (zh, en) in PROVINCE_LABELS.items()]), sectors]
    families = session.execute(select(m.BenchmarkProduct.family, m.BenchmarkProduct.name_zh,
                                      m.BenchmarkProduct.name_en).order_by(m.BenchmarkProduct.family))
    seen: dict[str, tuple] = {}
    for family, zh, en in families:
        seen.setdefault(family, (family, zh, en))
    flags = session.execute(select(m.ReferenceFlag.flag, m.ReferenceFlag.evidence_key)
                            .order_by(m.ReferenceFlag.flag))
    return [sectors,
            ("工艺环节 / Process stages", named(m.ProcessStage, m.ProcessStage.position)),
            ("技术类别 / Categories", named(m.Category, m.Category.position)),
            ("成熟度 / Maturity", named(m.MaturityLevel, m.MaturityLevel.position)),
            ("能源品种 / Energy carriers", [(zh, en, k) for k, (zh, en) in CARRIER_LABELS.items()]),
            ("适用对标产品 / Benchmark products", list(seen.values())),
            ("指标 / Metrics", [(k,) for k in METRICS]),
            ("可信度标记 / Reliability flags", [(f, e) for f, e in flags])]
