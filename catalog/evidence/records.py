"""Project records: an implemented inquiry's follow-up kept as a project of
one technology on one production line, normalised per unit of the line's
output.

Per unit of output: a saving of S tce a year on a line making Q units a year
is S × 1000 / Q kgce per unit. When the technology's effect model is stated
per unit of output (``indicator_amount``, e.g. kgce/t) the record's value is
in that unit; when it is a share (``%``) of the line's energy, or of its
fuels, or of its electricity, the value is the per-unit saving over the line's
unit energy before the project times that carrier's tce share (× 100).
Otherwise the value stays in kgce per unit of output and is never compared
with the model."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalog import clock
from catalog import models as m
from catalog.accounts import audit
from catalog.errors import NotFound, RuleError

COUNTED = ("self_declared", "submitted", "verified")   # a rejected record is shown, never counted


def output_unit(energy_unit: str) -> str:
    return energy_unit.split("/", 1)[1] if "/" in (energy_unit or "") else ""


def per_unit(saving_tce: float | None, annual_output: float | None) -> float | None:
    """kgce saved per unit of output."""
    if saving_tce is None or not annual_output:
        return None
    return saving_tce * 1000 / annual_output


def comparable_unit(effect: dict) -> str | None:
    """The unit a project's value is compared in with the effect model's typical
    value, or None when the model cannot be compared with a measured saving."""
    if effect.get("not_quantified") is not None or "typical" not in effect:
        return None
    unit = str(effect.get("unit") or "")
    if effect.get("mechanism") == "indicator_amount" and unit.startswith("kgce/"):
        return unit
    if effect.get("mechanism") in ("indicator_share", "enabling") and unit == "%" \
            and effect.get("carrier") in ("all", "fuel", "electricity"):
        return "%"
    return None


def value_of(record: m.ProjectRecord, effect: dict, saving_tce: float | None) -> tuple[float | None, str]:
    """The record's saving per unit of output in the unit it is compared in."""
    kgce = per_unit(saving_tce, record.annual_output)
    plain = f"kgce/{output_unit(record.energy_unit)}" if output_unit(record.energy_unit) else ""
    if kgce is None:
        return None, plain
    unit = comparable_unit(effect)
    if unit == "%":
        base = carrier_energy(record, effect.get("carrier"))
        return (100 * kgce / base, "%") if base else (kgce, plain)
    if unit is not None and unit == plain:
        return kgce, unit
    return kgce, plain


def carrier_energy(record: m.ProjectRecord, carrier: object) -> float | None:
    """The line's energy per unit of output in the effect's carrier (kgce):
    its unit energy times the carrier's tce share."""
    if not record.energy_unit.startswith("kgce/") or not record.unit_energy or record.unit_energy <= 0:
        return None
    fuel = 1.0 if record.fuel_share is None else record.fuel_share
    share = {"all": 1.0, "fuel": fuel, "electricity": 1.0 - fuel}.get(str(carrier))
    return record.unit_energy * share if share else None


def saving_of(record: m.ProjectRecord) -> float | None:
    """The measured saving that counts: the bureau's once verified."""
    if record.level == "verified" and record.verified_saving_tce is not None:
        return record.verified_saving_tce
    return record.measured_saving_tce


@dataclass(frozen=True)
class Spread:
    n: int
    median: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        if not values:
            return cls(0, None, None, None)
        return cls(len(values), statistics.median(values), min(values), max(values))


@dataclass(frozen=True)
class RecordRow:
    record: m.ProjectRecord
    claimed: float | None       # per unit, in ``unit``
    measured: float | None      # per unit, in ``unit`` (the verified saving once verified)
    unit: str


@dataclass
class UnitGroup:
    unit: str
    rows: list[RecordRow] = field(default_factory=list)

    def spread(self, which: str, levels: tuple[str, ...] = COUNTED) -> Spread:
        return Spread.of([getattr(r, which) for r in self.rows
                          if getattr(r, which) is not None and r.record.level in levels])


@dataclass
class Evidence:
    """A technology's Chongqing projects, grouped by the unit of their values."""

    groups: list[UnitGroup]
    revisions: list[m.EffectRevision]
    compared_in: str | None     # the unit the effect model is compared in, if any

    @property
    def count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def row_of(record: m.ProjectRecord, effect: dict) -> RecordRow:
    measured, unit = value_of(record, effect, saving_of(record))
    claimed, _unit = value_of(record, effect, record.claimed_saving_tce)
    return RecordRow(record, claimed, measured, unit)


def rows_for(session: Session, tech: m.Technology) -> list[RecordRow]:
    effect = tech.effect or {}
    found = session.scalars(select(m.ProjectRecord).where(m.ProjectRecord.technology_id == tech.id)
                            .order_by(m.ProjectRecord.id)).all()
    return [row_of(record, effect) for record in found]


def evidence_for(session: Session, tech: m.Technology) -> Evidence:
    groups: dict[str, UnitGroup] = {}
    for row in rows_for(session, tech):
        groups.setdefault(row.unit, UnitGroup(row.unit)).rows.append(row)
    revisions = session.scalars(select(m.EffectRevision).where(m.EffectRevision.technology_id == tech.id)
                                .order_by(m.EffectRevision.id)).all()
    return Evidence(list(groups.values()), list(revisions), comparable_unit(tech.effect or {}))


def technologies_of(inquiry: m.Inquiry) -> list[m.Technology]:
    """The technologies the inquiry may be a project of: its own, else its
    offer's or product's (the enterprise names one when there are several)."""
    if inquiry.technology is not None:
        return [inquiry.technology]
    for listing in (inquiry.offer, inquiry.product):
        if listing is not None and listing.technologies:
            return list(listing.technologies)
    return []


def record_of(session: Session, inquiry_id: int) -> m.ProjectRecord | None:
    return session.scalar(select(m.ProjectRecord).where(m.ProjectRecord.inquiry_id == inquiry_id))


def fuel_share(line: m.Facility | None) -> float | None:
    if line is None or line.product is None or line.product.unit.startswith("kWh"):
        return None
    from catalog.enterprise.diagnosis import facility_mix

    return 1.0 - facility_mix(line).shares.get("electricity", 0.0)


def make(session: Session, inquiry: m.Inquiry, technology: m.Technology,
         line: m.Facility | None) -> m.ProjectRecord:
    """The record of an implemented inquiry with a follow-up (unsaved fields
    copied from the inquiry, the follow-up and the line as they are now)."""
    follow = inquiry.follow_up
    measured = follow.achieved_saving_tce if follow is not None and follow.achieved_saving_tce is not None \
        else inquiry.measured_saving_tce
    implemented = clock.day_of(inquiry.implemented_at) if inquiry.implemented_at else None
    record = m.ProjectRecord(
        inquiry_id=inquiry.id, technology_id=technology.id, enterprise_id=inquiry.enterprise_id,
        facility_id=line.id if line else None, product_key=line.product_key if line else None,
        district_key=line.district_key if line else None,
        energy_unit=line.product.unit if line is not None and line.product is not None else "",
        unit_energy=line.unit_energy if line else None, fuel_share=fuel_share(line),
        annual_output=line.annual_output if line and line.annual_output else None,
        claimed_saving_tce=inquiry.expected_saving_tce, measured_saving_tce=measured,
        implemented_on=implemented, level="self_declared", review_note="")
    session.add(record)
    return record


def after_follow_up(session: Session, inquiry: m.Inquiry, actor: audit.Actor) -> m.ProjectRecord | None:
    """Called when the follow-up is answered (in its transaction): the record,
    when the inquiry names one technology; otherwise the enterprise names it
    on the project page (``create``)."""
    techs = technologies_of(inquiry)
    if inquiry.implemented_at is None or len(techs) != 1 or record_of(session, inquiry.id) is not None:
        return None
    record = make(session, inquiry, techs[0], inquiry.need.facility if inquiry.need else None)
    session.flush()
    audit.record(session, actor, "project_record.created", "project_record", record.id,
                 {"inquiry": inquiry.id, "technology": techs[0].code})
    return record


def own_inquiry(session: Session, org_id: int, inquiry_id: int) -> m.Inquiry:
    inquiry = session.get(m.Inquiry, inquiry_id)
    if inquiry is None or inquiry.enterprise_id != org_id or inquiry.follow_up is None:
        raise NotFound("inquiry", inquiry_id)
    return inquiry


def create(session: Session, org_id: int, inquiry_id: int, technology_code: str, facility_id: object,
           actor: audit.Actor) -> m.ProjectRecord:
    """The enterprise names the technology (and the line, when the inquiry has
    none) of an answered follow-up that has no record yet."""
    inquiry = own_inquiry(session, org_id, inquiry_id)
    if record_of(session, inquiry.id) is not None:
        raise RuleError("project.exists", None)
    techs = {t.code: t for t in technologies_of(inquiry)}
    if technology_code not in techs:
        raise RuleError("choice.invalid", "technology")
    line = inquiry.need.facility if inquiry.need and inquiry.need.facility else None
    if line is None and facility_id not in (None, ""):
        try:
            line = session.get(m.Facility, int(str(facility_id)))
        except ValueError:
            line = None
        if line is None or line.organisation_id != org_id:
            raise RuleError("choice.invalid", "facility")
    record = make(session, inquiry, techs[technology_code], line)
    session.flush()
    audit.record(session, actor, "project_record.created", "project_record", record.id,
                 {"inquiry": inquiry.id, "technology": technology_code})
    session.commit()
    return record
