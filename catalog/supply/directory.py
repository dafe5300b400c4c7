"""The public supplier directory (issue 22): verified suppliers with what
they publish — products, EMC offers, the technologies and service regions of
those listings — filtered, searched and paged, and one supplier's profile.

Only organisations of kind ``supplier`` with status ``verified`` appear;
only their ``published`` products and offers count (as on the public
product and offer pages, ``catalog.supply.public``). Completed projects and
the response time come from ``catalog.supply.track_record``.

Every filter is a bounded SQL condition (``IN`` subqueries over published
listings); the text search is an escaped ``LIKE`` on the name and the
listings' names; the total is counted up to ``COUNT_CAP`` rows only."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Select, Text, cast, func, or_, select
from sqlalchemy.orm import Session, selectinload

from .. import models as m
from ..errors import InvalidInput, NotFound
from ..models.accounts import organisation_sector
from . import track_record
from .fields import NATIONAL, WHOLE_CITY, clean

COUNT_CAP = 1000          # the total is counted up to here ("1000+" beyond)
MAX_QUERY = 64            # characters of the search text
PER_PAGE = 20
ORG = m.Organisation


@dataclass(frozen=True)
class DirectoryFilter:
    """The directory's query: ``emc`` True/False filters on having a
    published EMC offer, None does not; ``region`` is a Chongqing district key
    (a listing for the whole city or the whole country serves it too)."""

    q: str = ""
    sector: str | None = None
    category: str | None = None
    technology: str | None = None   # a catalogue code, e.g. CE-01
    region: str | None = None
    emc: bool | None = None
    model: str | None = None        # an EMC model key
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class SupplierRow:
    """One supplier as the list shows it (counts of its published listings)."""

    organisation: m.Organisation
    products: int = 0
    offers: int = 0
    models: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    completed_projects: int = 0


@dataclass(frozen=True)
class DirectoryPage:
    rows: list[SupplierRow]
    total: int                # at most COUNT_CAP
    capped: bool              # more than COUNT_CAP match
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Profile:
    organisation: m.Organisation
    products: list[m.Product]
    offers: list[m.EmcOffer]
    technologies: list[m.Technology]
    regions: list[str]
    projects: track_record.Projects
    response: track_record.ResponseTime


def validate(session: Session, flt: DirectoryFilter) -> None:
    """Unknown keys and codes are an error (400), not an empty page."""
    for name in ("q", "sector", "category", "technology", "region", "model"):
        value = getattr(flt, name) or ""
        if len(value) > MAX_QUERY or "\x00" in value:  # PostgreSQL refuses NUL in a parameter
            raise InvalidInput(name, value[:MAX_QUERY].replace("\x00", ""))
    for name, model in (("sector", m.Sector), ("category", m.Category), ("region", m.District)):
        value = getattr(flt, name)
        if value is not None and session.get(model, value) is None:
            raise InvalidInput(name, value)
    if flt.technology is not None and session.scalar(select(m.Technology.id).where(
            m.Technology.code == flt.technology.upper(), m.Technology.status == "published")) is None:
        raise InvalidInput("technology", flt.technology)
    if flt.model is not None and flt.model not in m.EMC_MODELS:
        raise InvalidInput("model", flt.model)
    if not 1 <= flt.page <= 10_000 or not 1 <= flt.per_page <= 100:
        raise InvalidInput("page", flt.page)


def _published(model) -> Select:
    return select(model.organisation_id).where(model.status == "published")


def _with_technology(model, link, link_column: str, condition) -> Select:
    return (_published(model).join(link, getattr(link.c, link_column) == model.id)
            .join(m.Technology, m.Technology.id == link.c.technology_id).where(condition))


def _by_technology(condition) -> list:
    """Organisation ids with a published product or offer of a technology meeting ``condition``."""
    return [ORG.id.in_(_with_technology(m.Product, m.product_technology, "product_id", condition)),
            ORG.id.in_(_with_technology(m.EmcOffer, m.offer_technology, "offer_id", condition))]


def _serves(model, district: str):
    text = cast(model.regions, Text)
    keys = (district, WHOLE_CITY, NATIONAL)
    return _published(model).where(or_(*(text.like(f'%"{_escape(k)}"%', escape="\\") for k in keys)))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(q: str):
    pattern = f"%{_escape(q)}%"
    products = _published(m.Product).where(or_(m.Product.name_zh.ilike(pattern, escape="\\"),
                                               m.Product.name_en.ilike(pattern, escape="\\")))
    offers = _published(m.EmcOffer).where(m.EmcOffer.title.ilike(pattern, escape="\\"))
    return or_(ORG.name.ilike(pattern, escape="\\"), ORG.id.in_(products), ORG.id.in_(offers))


def filtered(flt: DirectoryFilter) -> Select:
    """The ids of the verified suppliers that ``flt`` keeps, in name order."""
    stmt = select(ORG.id).where(ORG.kind == "supplier", ORG.status == "verified")
    q = clean(flt.q).strip()
    if q:
        stmt = stmt.where(_search(q))
    if flt.sector:
        stmt = stmt.where(ORG.id.in_(select(organisation_sector.c.organisation_id).where(
            organisation_sector.c.sector_key == flt.sector)))
    if flt.technology:
        stmt = stmt.where(or_(*_by_technology(m.Technology.code == flt.technology.upper())))
    if flt.category:
        stmt = stmt.where(or_(*_by_technology(m.Technology.category_key == flt.category)))
    if flt.region:
        stmt = stmt.where(or_(ORG.id.in_(_serves(m.Product, flt.region)),
                              ORG.id.in_(_serves(m.EmcOffer, flt.region))))
    if flt.emc is not None:
        has_offer = ORG.id.in_(_published(m.EmcOffer))
        stmt = stmt.where(has_offer if flt.emc else ~has_offer)
    if flt.model:
        stmt = stmt.where(ORG.id.in_(_published(m.EmcOffer).where(m.EmcOffer.model == flt.model)))
    return stmt.order_by(ORG.name, ORG.id)


def listing(session: Session, flt: DirectoryFilter) -> DirectoryPage:
    validate(session, flt)
    stmt = filtered(flt)
    found = session.scalar(select(func.count()).select_from(
        stmt.order_by(None).limit(COUNT_CAP + 1).subquery())) or 0
    ids = list(session.scalars(stmt.offset((flt.page - 1) * flt.per_page).limit(flt.per_page)))
    return DirectoryPage(rows(session, ids), min(found, COUNT_CAP), found > COUNT_CAP, flt.page, flt.per_page)


def rows(session: Session, ids: list[int]) -> list[SupplierRow]:
    """The list's rows for ``ids`` (in that order): a few queries for the whole page."""
    if not ids:
        return []
    orgs = {o.id: o for o in session.scalars(select(ORG).where(ORG.id.in_(ids))
                                             .options(selectinload(ORG.sectors))).unique()}
    out = {i: SupplierRow(orgs[i]) for i in ids if i in orgs}
    regions: dict[int, set[str]] = defaultdict(set)
    for org_id, product_regions in session.execute(
            select(m.Product.organisation_id, m.Product.regions).where(
                m.Product.organisation_id.in_(ids), m.Product.status == "published")):
        out[org_id].products += 1
        regions[org_id].update(product_regions or ())
    models: dict[int, set[str]] = defaultdict(set)
    for org_id, model, offer_regions in session.execute(
            select(m.EmcOffer.organisation_id, m.EmcOffer.model, m.EmcOffer.regions).where(
                m.EmcOffer.organisation_id.in_(ids), m.EmcOffer.status == "published")):
        out[org_id].offers += 1
        models[org_id].add(model)
        regions[org_id].update(offer_regions or ())
    codes = _technology_codes(session, ids)
    done = track_record.completed_counts(session, ids)
    for org_id, row in out.items():
        row.models = [k for k in m.EMC_MODELS if k in models[org_id]]
        row.regions = widest(regions[org_id])
        row.technologies = sorted(codes[org_id])
        row.completed_projects = done.get(org_id, 0)
    return list(out.values())


def _technology_codes(session: Session, ids: list[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for model, link, column in ((m.Product, m.product_technology, "product_id"),
                                (m.EmcOffer, m.offer_technology, "offer_id")):
        stmt = (select(model.organisation_id, m.Technology.code)
                .join(link, getattr(link.c, column) == model.id)
                .join(m.Technology, m.Technology.id == link.c.technology_id)
                .where(model.organisation_id.in_(ids), model.status == "published"))
        for org_id, code in session.execute(stmt):
            out[org_id].add(code)
    return out


def widest(keys: set[str] | list[str]) -> list[str]:
    """Service regions as one list: the whole country or the whole city
    stands for the narrower ones; districts sorted by key."""
    keys = set(keys)
    if NATIONAL in keys:
        return [NATIONAL]
    if WHOLE_CITY in keys:
        return [WHOLE_CITY]
    return sorted(keys)


def get_verified(session: Session, org_id: int) -> m.Organisation:
    org = session.get(ORG, org_id)
    if org is None or org.kind != "supplier" or org.status != "verified":
        raise NotFound("supplier", org_id)
    return org


def profile(session: Session, org_id: int) -> Profile:
    """One verified supplier's profile; NotFound for any other organisation."""
    org = get_verified(session, org_id)
    org.sectors  # noqa: B018 - loaded here: templates never query
    products = list(session.scalars(select(m.Product).where(
        m.Product.organisation_id == org_id, m.Product.status == "published")
        .options(selectinload(m.Product.technologies))
        .order_by(m.Product.published_at.desc(), m.Product.id.desc())).unique())
    offers = list(session.scalars(select(m.EmcOffer).where(
        m.EmcOffer.organisation_id == org_id, m.EmcOffer.status == "published")
        .options(selectinload(m.EmcOffer.technologies))
        .order_by(m.EmcOffer.published_at.desc(), m.EmcOffer.id.desc())).unique())
    technologies = {t.code: t for listing in (*products, *offers) for t in listing.technologies}
    regions = widest({k for listing in (*products, *offers) for k in listing.regions or ()})
    return Profile(org, products, offers, [technologies[c] for c in sorted(technologies)], regions,
                   track_record.projects(session, org_id), track_record.response_time(session, org_id))
