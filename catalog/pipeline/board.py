"""The public needs board (issue 22): the needs their owners chose to show
to everyone, signed in or not, at ``/needs`` and ``/api/v1/needs``.

A need is on the board when all of these hold (``listed``):

- its owner confirmed the listing (``board_listed_at`` set; every need from
  before the board has NULL, so it stays hidden until its owner confirms);
- today (China time) is not after ``board_expires_on`` (inclusive);
- its status is ``open``: a need in negotiation, contracted, closed or
  withdrawn leaves the board at once (an ``in_negotiation`` need that is
  reopened comes back while its listing runs: the confirmation stays);
- it is ``public`` or ``anonymous`` (``bureau_only`` never shows);
- its owner is a verified enterprise (as for suppliers' leads).

What is shown is what a supplier sees of a lead (``leads.lead_need``, with
``anonymity.shown``); on the board an anonymous need also loses its title,
which its owner wrote and which may name the plant: the page names it by its
problem type and stage instead. Its listing date is not shown either (only
the expiry), and the text search only reads an anonymous need's sector and
stage names, so no query can probe its hidden words.

Every list is one bounded page (``PER_PAGE_MAX``) with its total; the text
query is a LIKE with escaped input over title and description of public
needs and over sector and stage names."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from catalog import clock
from catalog import models as m
from catalog.accounts import audit
from catalog.errors import InvalidInput, NotFound, RuleError
from catalog.models.accounts import organisation_sector

from . import anonymity
from .leads import LeadNeed, lead_need

LISTED_STATUSES = ("open",)
BOARD_CONFIDENTIALITY = ("public", "anonymous")
DEFAULT_DAYS = 90
PER_PAGE = 20
PER_PAGE_MAX = 100
MAX_PAGE = 10_000
QUERY_MAX = 100


@dataclass(frozen=True)
class BoardFilter:
    """What a visitor asked for; keys are checked by ``check``."""

    q: str = ""
    sector: str | None = None
    region: str | None = None
    stage: str | None = None
    problem_type: str | None = None
    financing: str | None = None
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class BoardEntry:
    """One need as the board shows it: ``need.title`` is empty and
    ``listed_on`` None for an anonymous need."""

    need: LeadNeed
    listed_on: date | None
    expires_on: date


@dataclass
class BoardPage:
    entries: list[BoardEntry]
    total: int
    page: int
    pages: int
    per_page: int
    by_sector: dict[str, int] = field(default_factory=dict)   # over the whole board, unfiltered
    by_region: dict[str, int] = field(default_factory=dict)


class _Columns:
    """The joins every board query shares: the need's sector (its stage's,
    else its line's benchmark product's, else its enterprise's first) and the
    region of its place (its line's district, else its enterprise's)."""

    def __init__(self) -> None:
        self.line = aliased(m.Facility)
        self.product = aliased(m.BenchmarkProduct)
        self.stage = aliased(m.ProcessStage)
        self.district = aliased(m.District)
        self.sector_row = aliased(m.Sector)
        org_sector = (select(func.min(organisation_sector.c.sector_key))
                      .where(organisation_sector.c.organisation_id == m.Need.organisation_id)
                      .correlate(m.Need).scalar_subquery())
        self.sector = func.coalesce(self.stage.sector_key, self.product.sector_key, org_sector)
        self.place = func.coalesce(self.line.district_key, m.Organisation.district_key)

    def select(self, *columns):
        return (select(*columns)
                .join(m.Organisation, m.Organisation.id == m.Need.organisation_id)
                .outerjoin(self.line, self.line.id == m.Need.facility_id)
                .outerjoin(self.product, self.product.key == self.line.product_key)
                .outerjoin(self.stage, self.stage.key == m.Need.stage_key)
                .outerjoin(self.district, self.district.key == self.place)
                .outerjoin(self.sector_row, self.sector_row.key == self.sector))


def listed(today: date):
    """The SQL condition of a need on the board (``m.Organisation`` joined)."""
    return and_(m.Need.board_listed_at.is_not(None), m.Need.board_expires_on >= today,
                m.Need.status.in_(LISTED_STATUSES), m.Need.confidentiality.in_(BOARD_CONFIDENTIALITY),
                m.Organisation.kind == "enterprise", m.Organisation.status == "verified")


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, its wildcards escaped (escape ``\\``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check(session: Session, f: BoardFilter) -> None:
    """InvalidInput for a key the portal does not know, a query too long or a page out of range."""
    for name in ("q", "sector", "region", "stage", "problem_type", "financing"):
        if "\x00" in (getattr(f, name) or ""):  # PostgreSQL refuses it in a text parameter
            raise InvalidInput(name, "\\0")
    known = {
        "sector": lambda: set(session.scalars(select(m.Sector.key))),
        "region": lambda: set(session.scalars(select(m.Region.key))),
        "stage": lambda: set(session.scalars(select(m.ProcessStage.key))),
        "problem_type": lambda: set(m.PROBLEM_TYPES),
        "financing": lambda: set(m.FINANCING),
    }
    for name, keys in known.items():
        value = getattr(f, name)
        if value and value not in keys():
            raise InvalidInput(name, value)
    if len(f.q) > QUERY_MAX:
        raise InvalidInput("q", f.q[:20] + "…", "too long")
    if not 1 <= f.page <= MAX_PAGE:
        raise InvalidInput("page", f.page, "out of range")
    if not 1 <= f.per_page <= PER_PAGE_MAX:
        raise InvalidInput("per_page", f.per_page, "out of range")


def _filtered(c: _Columns, f: BoardFilter, today: date):
    stmt = c.select(m.Need, c.sector.label("sector"), m.Organisation.name.label("enterprise"),
                    m.Organisation.district_key.label("org_district")).where(listed(today))
    if f.sector:
        stmt = stmt.where(c.sector == f.sector)
    if f.region:
        stmt = stmt.where(c.district.region_key == f.region)
    if f.stage:
        stmt = stmt.where(m.Need.stage_key == f.stage)
    if f.problem_type:
        stmt = stmt.where(m.Need.problem_type == f.problem_type)
    if f.financing:
        stmt = stmt.where(m.Need.financing == f.financing)
    q = " ".join(f.q.split())
    if q:
        pattern = like_pattern(q)
        public_text = and_(m.Need.confidentiality == "public", or_(
            m.Need.title.ilike(pattern, escape="\\"), m.Need.description.ilike(pattern, escape="\\")))
        names = [col.ilike(pattern, escape="\\") for col in (
            c.stage.name_zh, c.stage.name_en, c.sector_row.name_zh, c.sector_row.name_en)]
        stmt = stmt.where(or_(public_text, *names))
    return stmt


def board_page(session: Session, f: BoardFilter, today: date | None = None) -> BoardPage:
    """One page of the board, newest listing first; past the last page, the last page."""
    check(session, f)
    today = today or clock.today()
    c = _Columns()
    stmt = _filtered(c, f, today).order_by(m.Need.board_listed_at.desc(), m.Need.id.desc())
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, -(-total // f.per_page))
    page = min(f.page, pages)
    rows = session.execute(stmt.limit(f.per_page).offset((page - 1) * f.per_page)).unique().all()
    return BoardPage(_entries(session, rows), total, page, pages, f.per_page, *_counts(session, today))


def _counts(session: Session, today: date) -> tuple[dict[str, int], dict[str, int]]:
    """How many needs are on the board per sector and per region (a few rows each)."""
    c = _Columns()
    sectors = session.execute(c.select(c.sector, func.count(m.Need.id)).where(listed(today))
                              .group_by(c.sector)).all()
    c = _Columns()
    regions = session.execute(c.select(c.district.region_key, func.count(m.Need.id)).where(listed(today))
                              .group_by(c.district.region_key)).all()
    return ({k: n for k, n in sectors if k}, {k: n for k, n in regions if k})


def _entries(session: Session, rows: list) -> list[BoardEntry]:
    where = anonymity.places(session)
    return [board_entry(row.Need, row.enterprise, row.sector, row.org_district, where) for row in rows]


def board_entry(need: m.Need, enterprise: str, sector: str | None, district: str | None,
                where: anonymity.Places) -> BoardEntry:
    """A need as the board shows it: what a supplier sees of a lead
    (``leads.lead_need``, coarsened by ``anonymity.shown``), and for an
    anonymous need no title and no listing date either."""
    shown = lead_need(need, enterprise, sector, district, where)
    if shown.anonymous:
        return BoardEntry(replace(shown, title=""), None, need.board_expires_on)
    return BoardEntry(shown, china_day(need.board_listed_at), need.board_expires_on)


def china_day(moment: datetime) -> date:
    """The calendar day in China of a stored moment (SQLite hands back naive UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(clock.CHINA).date()


def entry(session: Session, need_id: int, today: date | None = None) -> BoardEntry:
    """One need on the board; NotFound for any other (unlisted, expired, bureau_only, missing)."""
    c = _Columns()
    row = session.execute(
        _filtered(c, BoardFilter(), today or clock.today()).where(m.Need.id == need_id)).unique().first()
    if row is None:
        raise NotFound("need", need_id)
    return _entries(session, [row])[0]


def default_expiry(today: date | None = None) -> date:
    return (today or clock.today()) + timedelta(days=DEFAULT_DAYS)


def latest_expiry(today: date | None = None) -> date:
    return clock.years_later(today or clock.today(), 1)


def own_need(session: Session, organisation_id: int, need_id: int) -> m.Need:
    need = session.scalars(select(m.Need).where(
        m.Need.id == need_id, m.Need.organisation_id == organisation_id)).unique().one_or_none()
    if need is None:
        raise NotFound("need", need_id)
    return need


def confirm(session: Session, organisation_id: int, need_id: int, expires_on: object, actor: audit.Actor,
            today: date | None = None) -> m.Need:
    """The owner lists the need (or changes its expiry) until ``expires_on``
    (YYYY-MM-DD, from today to one year ahead; blank: ``DEFAULT_DAYS``)."""
    need = own_need(session, organisation_id, need_id)
    today = today or clock.today()
    if need.status not in LISTED_STATUSES:
        raise RuleError("board.not_open", None)
    if need.confidentiality not in BOARD_CONFIDENTIALITY:
        raise RuleError("board.bureau_only", None)
    until = _expiry(expires_on, today)
    need.board_listed_at, need.board_expires_on = m.utcnow(), until
    audit.record(session, actor, "need.board_listed", "need", need.id, {"expires_on": until.isoformat()},
                 organisation_id=organisation_id)
    session.commit()
    return need


def _expiry(raw: object, today: date) -> date:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default_expiry(today)
    if isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw).strip())
        except ValueError:
            raise RuleError("date.invalid", "expires_on") from None
    latest = latest_expiry(today)
    if not today <= day <= latest:
        raise RuleError("board.expiry_range", "expires_on", earliest=today.isoformat(),
                        latest=latest.isoformat())
    return day


def withdraw(session: Session, organisation_id: int, need_id: int, actor: audit.Actor) -> m.Need:
    """The owner takes the need off the board (it stays a need; listing again needs a new confirmation)."""
    need = own_need(session, organisation_id, need_id)
    if need.board_listed_at is not None:
        need.board_listed_at, need.board_expires_on = None, None
        audit.record(session, actor, "need.board_withdrawn", "need", need.id, organisation_id=organisation_id)
        session.commit()
    return need


def owner_state(need: m.Need, today: date | None = None) -> str:
    """For the owner's page: ``listed``, ``expired``, ``paused`` (confirmed
    but not shown: not open or bureau_only) or ``not_listed``."""
    if need.board_listed_at is None or need.board_expires_on is None:
        return "not_listed"
    if need.board_expires_on < (today or clock.today()):
        return "expired"
    if need.status not in LISTED_STATUSES or need.confidentiality not in BOARD_CONFIDENTIALITY:
        return "paused"
    return "listed"
