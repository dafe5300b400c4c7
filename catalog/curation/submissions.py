"""Technology submissions: a supplier's proposed catalogue entry, or a change
to a published one, with figures, application cases and evidence files.

Saving checks the form of every value (a draft may still be incomplete);
submitting also checks completeness: the classification, texts, at least one
figure, at least two application cases each in use for a year or more (the
Chongqing green-technology call's rule) and at least one evidence file."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import clock
from .. import models as m
from ..accounts import audit
from ..accounts.audit import Actor
from ..accounts.checks import Checker
from ..errors import RuleError
from ..supply import fields, listing

FIGURE_METRICS = ("energy_saving", "co2_reduction", "power_generation", "efficiency", "specific_energy",
                  "heat_recovery", "emission_reduction", "cost_saving", "capex", "payback_years")
ENERGY_CARRIERS = ("coal", "coke", "natural_gas", "electricity", "heat", "hydrogen", "biomass", "waste_fuel")
MIN_CASES = 2
CASE_MIN_DAYS = 365
EDITABLE = ("draft", "returned")


@dataclass(frozen=True)
class SubmissionInput:
    name_zh: str
    name_en: str = ""
    sector: str = ""
    stage: str = ""
    category: str = ""
    maturity: str = ""
    trl: str = ""
    summary_zh: str = ""
    summary_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    keywords_zh: str = ""
    keywords_en: str = ""
    energy_carriers: tuple[str, ...] = ()
    applicable_to: tuple[str, ...] = ()
    figures: tuple[tuple[str, ...], ...] = ()   # (metric, value, unit, basis, source)
    cases: tuple[tuple, ...] = ()               # (site, in use since, results, contact permitted)


def _key(session: Session, model: type, raw: str, field: str) -> str | None:
    value = fields.clean(raw).strip()
    if value and session.get(model, value) is None:
        raise RuleError(f"{field}.invalid", field)
    return value or None


def _figures(check: Checker, rows) -> list[dict]:
    out = []
    for n, row in enumerate(rows):
        metric, value, unit, basis, source = (tuple(fields.clean(v) for v in row) + ("",) * 5)[:5]
        if not any(str(v).strip() for v in (value, unit, basis, source)):
            continue
        field = f"figures.{n}"
        if metric not in FIGURE_METRICS or not value.strip() or not source.strip():
            check.add("figure.incomplete", field, row=n + 1)
            continue
        out.append({"metric": metric, "value": check(fields.text, value, field, 1, 60) or "",
                    "unit": check(fields.optional_text, unit, field, 60) or "",
                    "basis": check(fields.optional_text, basis, field, 300) or "",
                    "source": check(fields.text, source, field, 2, 300) or ""})
    return out


def _cases(check: Checker, rows, today: date) -> list[dict]:
    out = []
    for n, row in enumerate(rows):
        site, since, results, contact_ok = (tuple(row) + ("", "", "", False))[:4]
        if not any(str(v).strip() for v in (site, since, results)):
            continue
        field = f"cases.{n}"
        if not str(site).strip() or not str(results).strip() or not str(since).strip():
            check.add("case.incomplete", field, row=n + 1)
            continue
        start = check(fields.when, since, field)
        if start is not None and start > today:
            check.add("case.future", field, row=n + 1)
        out.append({"site": check(fields.text, site, field, 2, 120) or "",
                    "in_use_since": start.isoformat() if start else "",
                    "results": check(fields.long_text, results, field, 2, 1000) or "",
                    "contact_ok": bool(contact_ok)})
    return out


def validate(session: Session, data: SubmissionInput, today: date | None = None) -> dict:
    """Model attributes from the input; the form of every value, not completeness."""
    today = today or clock.today()
    check = Checker()
    values = {
        "name_zh": check(fields.text, data.name_zh, "name_zh", 2, 200),
        "name_en": check(fields.optional_text, data.name_en, "name_en", 300) or "",
        "sector_key": check(_key, session, m.Sector, data.sector, "sector"),
        "stage_key": check(_key, session, m.ProcessStage, data.stage, "stage"),
        "category_key": check(_key, session, m.Category, data.category, "category"),
        "maturity_key": check(_key, session, m.MaturityLevel, data.maturity, "maturity"),
        "trl": check(fields.integer, data.trl, "trl", 1, 9) if str(data.trl).strip() else None,
        "summary_zh": check(fields.long_text, data.summary_zh, "summary_zh", 0, 500) or "",
        "summary_en": check(fields.long_text, data.summary_en, "summary_en", 0, 800) or "",
        "description_zh": check(fields.long_text, data.description_zh, "description_zh", 0, 5000) or "",
        "description_en": check(fields.long_text, data.description_en, "description_en", 0, 8000) or "",
        "keywords_zh": fields.split_list(data.keywords_zh, 20, 30, phrases=True),
        "keywords_en": fields.split_list(data.keywords_en, 20, 60, phrases=True),
        "energy_carriers": [fields.clean(c) for c in data.energy_carriers if c],
        "applicable_to": list(dict.fromkeys(fields.clean(a) for a in data.applicable_to if a)),
        "figures": _figures(check, data.figures),
        "cases": _cases(check, data.cases, today),
    }
    if set(values["energy_carriers"]) - set(ENERGY_CARRIERS):
        check.add("energy_carriers.invalid", "energy_carriers")
    families = set(session.scalars(select(m.BenchmarkProduct.family)))
    if set(values["applicable_to"]) - families:
        check.add("applicable_to.invalid", "applicable_to")
    stage = session.get(m.ProcessStage, values["stage_key"]) if values["stage_key"] else None
    if stage is not None and values["sector_key"] \
            and stage.sector_key not in (values["sector_key"], "cross_cutting"):
        check.add("stage.sector", "stage")
    check.done()
    return values


def completeness(submission: m.Submission, today: date) -> None:
    """Raise InvalidFields unless everything a submission needs is there."""
    check = Checker()
    for field, key in (("sector", "sector_key"), ("stage", "stage_key"), ("category", "category_key"),
                       ("maturity", "maturity_key"), ("trl", "trl")):
        if getattr(submission, key) in (None, ""):
            check.add("text.required", field)
    if len(submission.summary_zh) < 10:
        check.add("text.too_short", "summary_zh", minimum=10)
    if len(submission.description_zh) < 30:
        check.add("text.too_short", "description_zh", minimum=30)
    if not submission.figures:
        check.add("figures.required", "figures")
    if len(submission.cases) < MIN_CASES:
        check.add("cases.too_few", "cases", minimum=MIN_CASES, given=len(submission.cases))
    for n, case in enumerate(submission.cases):
        if date.fromisoformat(case["in_use_since"]) > today - timedelta(days=CASE_MIN_DAYS):
            check.add("case.too_recent", f"cases.{n}", row=n + 1, site=case["site"])
    if not submission.evidence:
        check.add("evidence.required", "evidence")
    check.done()


def from_technology(tech: m.Technology) -> dict:
    """A change submission starts from the entry as it is."""
    keys = ("name_zh", "name_en", "sector_key", "stage_key", "category_key", "maturity_key", "trl",
            "summary_zh", "summary_en", "description_zh", "description_en", "keywords_zh",
            "keywords_en", "energy_carriers", "applicable_to")
    values = {k: getattr(tech, k) for k in keys}
    values["figures"] = [{"metric": f.metric, "value": f.value_text, "unit": f.unit, "basis": f.basis,
                          "source": f.source} for f in tech.figures if f.metric in FIGURE_METRICS]
    return values


def create(session: Session, actor: Actor, org_id: int, data: SubmissionInput | None,
           technology_code: str | None = None) -> m.Submission:
    """A new draft; with ``technology_code`` a change to that published entry
    (``data`` None: start from the entry's current fields)."""
    tech = None
    if technology_code:
        tech = session.scalars(select(m.Technology).where(
            m.Technology.code == technology_code, m.Technology.status == "published")).unique().first()
        if tech is None:
            raise RuleError("technology.invalid", "technology")
    values = validate(session, data) if data is not None else from_technology(tech) if tech else None
    if values is None:
        raise RuleError("text.required", "name_zh")
    submission = m.Submission(organisation_id=org_id, created_by_id=actor.user_id,
                              kind="change" if tech else "new", technology=tech, status="draft", **values)
    session.add(submission)
    session.flush()
    session.add(m.SubmissionEvent(submission=submission, actor_id=actor.user_id, actor_label=actor.label,
                                  action="created", to_status="draft"))
    audit.record(session, actor, "submission.created", "submission", submission.id,
                 {"kind": submission.kind, "technology": technology_code or ""})
    session.commit()
    return submission


def update(session: Session, actor: Actor, org_id: int, submission_id: int,
           data: SubmissionInput) -> m.Submission:
    submission = get_own(session, org_id, submission_id)
    if submission.status not in EDITABLE:
        raise RuleError("submission.locked", status=submission.status)
    values = validate(session, data)
    changed = listing.assign(submission, values)
    audit.record(session, actor, "submission.updated", "submission", submission.id, {"fields": changed})
    session.commit()
    return submission


def get(session: Session, submission_id: int) -> m.Submission:
    return listing.get(session, m.Submission, submission_id)


def get_own(session: Session, org_id: int, submission_id: int) -> m.Submission:
    return listing.get(session, m.Submission, submission_id, org_id)


def list_own(session: Session, org_id: int) -> list[m.Submission]:
    return listing.own(session, m.Submission, org_id)
