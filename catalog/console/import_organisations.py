"""Organisations from a workbook (单位): checking every row, then applying.

The USCC is the key (GB 32100 checked by ``accounts.uscc``): an existing code
updates the organisation's name, place, sectors and contact; a new code
creates an enterprise or supplier without users. A new organisation is
「待核验」 unless the row says 「已核验」 — the bureau vouches for what it
imports; the verification of an existing organisation (which needs a reason
and notifies its users) is changed only on the verification page, and its
kind never changes. Contact fields are optional but checked when given."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..accounts import audit, uscc, validation
from ..accounts.audit import Actor
from ..accounts.organisations import OUTSIDE
from ..errors import RuleError
from .columns import KIND_LABELS, ORGANISATIONS, OUTSIDE_ZH, PROVINCE_LABELS, STATUS_LABELS
from .problems import Problem, problem
from .rowcheck import RowCheck, as_text, labels_map, load_by
from .sheets import Rows

FIELDS = ("name", "kind", "district_key", "province", "contact_name", "contact_mobile", "contact_email")


@dataclass
class OrgRow:
    row: int
    uscc: str
    values: dict[str, Any]
    sector_keys: list[str]
    status: str | None


@dataclass
class Vocabulary:
    districts: dict[str, str]
    provinces: dict[str, str]
    sectors: dict[str, str]
    kinds: dict[str, str]
    statuses: dict[str, str]


def vocabulary(session: Session) -> Vocabulary:
    districts = labels_map([(d.key, d.name_zh, d.name_en) for d in session.scalars(select(m.District))])
    districts.update({OUTSIDE_ZH: OUTSIDE, OUTSIDE: OUTSIDE})
    return Vocabulary(districts, labels_map([(k, zh, en) for k, (zh, en) in PROVINCE_LABELS.items()]),
                      labels_map([(s.key, s.name_zh, s.name_en) for s in session.scalars(select(m.Sector))]),
                      labels_map([(k, zh, en) for k, (zh, en) in KIND_LABELS.items()]),
                      labels_map([(k, zh, en) for k, (zh, en) in STATUS_LABELS.items()]))


def load_existing(session: Session, codes: list[str]) -> dict[str, m.Organisation]:
    rows = load_by(session, m.Organisation, m.Organisation.uscc, codes, selectinload(m.Organisation.sectors))
    return {o.uscc: o for o in rows}


def _checked(row: RowCheck, key: str, fn, *args) -> str:
    raw = as_text(row.values.get(key))
    if not raw:
        return ""
    try:
        return fn(raw, *args)
    except RuleError as exc:
        row.add(key, exc.code, **exc.params)
        return raw


def check_row(number: int, raw: dict[str, Any], vocab: Vocabulary, problems: list[Problem]) -> OrgRow | None:
    row = RowCheck(ORGANISATIONS, number, raw, problems)
    before = len(problems)
    code = row.text("uscc", 40)
    if code:
        code = _checked(row, "uscc", uscc.validate)
    district = row.choice("district", vocab.districts)
    province = row.choice("province", vocab.provinces)
    if district == OUTSIDE and not as_text(raw.get("province")):
        row.add("province", "province.required")
    elif district and district != OUTSIDE and province:
        row.add("province", "province.unexpected")
    values = {"name": row.text("name", 200, 2), "kind": row.choice("kind", vocab.kinds),
              "district_key": district if district != OUTSIDE else None,
              "province": province if district == OUTSIDE else None,
              "contact_name": row.text("contact_name", 64),
              "contact_mobile": _checked(row, "contact_mobile", validation.mobile, "contact_mobile"),
              "contact_email": _checked(row, "contact_email", validation.email, "contact_email")}
    sectors = row.items("sectors", vocab.sectors)
    status = row.choice("status", vocab.statuses)
    if len(problems) > before:
        return None
    return OrgRow(number, code, values, sectors, status)


def check_all(session: Session, sheets: dict[str, Rows | None], progress=None
              ) -> tuple[list[OrgRow], list[Problem]]:
    vocab = vocabulary(session)
    problems: list[Problem] = []
    rows, seen = [], {}
    for i, (number, raw) in enumerate(sheets[ORGANISATIONS.name].items, start=1):
        org_row = check_row(number, raw, vocab, problems)
        if org_row and org_row.uscc in seen:
            problems.append(problem(number, ORGANISATIONS.columns[0].header, "duplicate",
                                    first=seen[org_row.uscc]))
        elif org_row:
            seen[org_row.uscc] = number
            rows.append(org_row)
        if progress:
            progress(i)
    existing = load_existing(session, [r.uscc for r in rows])
    for org_row in rows:
        _check_against(org_row, existing.get(org_row.uscc), problems)
    return rows, sorted(problems, key=lambda p: p.row)


def _check_against(row: OrgRow, org: m.Organisation | None, problems: list[Problem]) -> None:
    headers = {c.key: c.header for c in ORGANISATIONS.columns}
    if org is None:
        if row.status not in (None, "pending", "verified"):
            problems.append(problem(row.row, headers["status"], "status.new"))
        return
    if org.kind == "bureau":
        problems.append(problem(row.row, headers["uscc"], "kind.bureau"))
    elif org.kind != row.values["kind"]:
        problems.append(problem(row.row, headers["kind"], "kind.changed", current=KIND_LABELS[org.kind][0]))
    if row.status is not None and row.status != org.status:
        problems.append(problem(row.row, headers["status"], "status.change",
                                current=STATUS_LABELS[org.status][0]))


def apply(session: Session, actor: Actor, rows: list[OrgRow], progress=None) -> dict[str, int]:
    """Create or update every organisation (the caller commits once)."""
    existing = load_existing(session, [r.uscc for r in rows])
    sectors = {s.key: s for s in session.scalars(select(m.Sector))}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for i, row in enumerate(rows, start=1):
        org = existing.get(row.uscc)
        wanted = [sectors[k] for k in row.sector_keys]
        if org is None:
            status = row.status or "pending"
            org = m.Organisation(uscc=row.uscc, status=status, sectors=wanted, status_changed_at=m.utcnow(),
                                 **row.values)
            session.add(org)
            outcome, fields = "created", ["status"] if status == "verified" else []
        else:
            fields = [k for k, v in row.values.items() if getattr(org, k) != v]
            for key in fields:
                setattr(org, key, row.values[key])
            if sorted(s.key for s in org.sectors) != sorted(row.sector_keys):
                org.sectors = wanted
                fields.append("sectors")
            outcome = "updated" if fields else "unchanged"
        counts[outcome] += 1
        if outcome != "unchanged":
            audit.record(session, actor, "organisation.imported", "organisation", row.uscc,
                         {"outcome": outcome, "fields": fields, "name": row.values["name"]},
                         organisation_id=org.id)
        if progress:
            progress(i)
    return counts
