"""Which needs the public board lists (issue 22), on a real database
(SQLite, or PostgreSQL with TEST_DATABASE_URL): only confirmed, unexpired,
open, public or anonymous needs of verified enterprises; an anonymous need
coarsened; the owner's confirmation and withdrawal; bounded pages, filters
and a search that cannot probe an anonymous need's hidden words.

Every test makes its own needs (with a title token of its own) and looks
only at them, so the tests pass in any order on the shared database."""
from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from catalog import clock
from catalog import models as m
from catalog.accounts.audit import Actor
from catalog.errors import InvalidInput, NotFound, RuleError
from catalog.pipeline import board
from catalog.pipeline.board import BoardFilter
from tests.conftest import seed_database

TODAY = clock.today()
NAME = "板测隐名水泥股份有限公司"


@pytest.fixture(scope="module")
def built(make_database, tmp_path_factory):
    world = seed_database(make_database(), tmp_path_factory.mktemp("board-index") / "search-index")
    with world["sessions"]() as db:
        cement = db.get(m.Sector, "cement")
        orgs = {}
        for key, name, status, district in (("public", "板测公开水泥有限公司", "verified", "fuling"),
                                            ("anon", NAME, "verified", "fuling"),
                                            ("pending", "板测待核验水泥有限公司", "pending", "wanzhou")):
            org = m.Organisation(kind="enterprise", name=name, status=status, district_key=district,
                                 sectors=[cement])
            db.add(org)
            db.flush()
            orgs[key] = org.id
        db.commit()
    world["orgs"] = orgs
    yield world
    world["engine"].dispose()


@pytest.fixture
def db(built):
    with built["sessions"]() as session:
        yield session


def make(db, built, org: str = "public", *, listed_days: int | None = 30, **values) -> int:
    """A need (open, public, listed until today + ``listed_days`` unless told otherwise)."""
    defaults = {"status": "open", "confidentiality": "public", "title": "需求",
                "description": "篦冷机热耗高。", "stage_key": "clinker_burning",
                "problem_type": "energy_efficiency", "financing": "any"}
    need = m.Need(organisation_id=built["orgs"][org], **(defaults | values))
    if listed_days is not None:
        need.board_listed_at, need.board_expires_on = m.utcnow(), TODAY + timedelta(days=listed_days)
    db.add(need)
    db.commit()
    return need.id


def token() -> str:
    return "T" + uuid.uuid4().hex[:10]


def shown(db, tag: str, **filters) -> set[int]:
    page = board.board_page(db, BoardFilter(q=tag, per_page=100, **filters), TODAY)
    return {e.need.id for e in page.entries}


def test_only_confirmed_unexpired_open_visible_needs_of_verified_enterprises_are_listed(db, built):
    tag = token()
    ok = make(db, built, title=f"{tag} 列出")
    last_day = make(db, built, title=f"{tag} 今天到期", listed_days=0)
    hidden = [make(db, built, title=f"{tag} 未确认", listed_days=None),
              make(db, built, title=f"{tag} 已过期", listed_days=-1),
              make(db, built, title=f"{tag} 仅主管部门", confidentiality="bureau_only"),
              make(db, built, title=f"{tag} 草稿", status="draft"),
              make(db, built, title=f"{tag} 洽谈中", status="in_negotiation"),
              make(db, built, title=f"{tag} 已关闭", status="closed"),
              make(db, built, title=f"{tag} 已撤回", status="withdrawn"),
              make(db, built, "pending", title=f"{tag} 未核验企业")]
    assert shown(db, tag) == {ok, last_day}
    for need_id in hidden:
        with pytest.raises(NotFound):
            board.entry(db, need_id, TODAY)
    assert board.entry(db, last_day, TODAY).expires_on == TODAY
    with pytest.raises(NotFound):
        board.entry(db, last_day, TODAY + timedelta(days=1))  # the day after: gone


def test_a_need_leaves_the_board_as_soon_as_it_is_closed_and_comes_back_when_reopened(db, built):
    from catalog.enterprise import needs

    tag = token()
    need_id = make(db, built, title=f"{tag} 状态")
    actor = Actor(label="test")
    needs.move(db, built["orgs"]["public"], need_id, "in_negotiation", actor)
    assert shown(db, tag) == set()
    needs.move(db, built["orgs"]["public"], need_id, "open", actor)
    assert shown(db, tag) == {need_id}
    needs.move(db, built["orgs"]["public"], need_id, "withdrawn", actor)
    assert shown(db, tag) == set()


def test_an_anonymous_need_is_coarsened_and_its_hidden_words_cannot_be_searched(db, built):
    """Budget 2,000 万元 → 1,000–5,000 万元, 12 % → 10–15 %, 涪陵区 → 主城都市区."""
    tag = token()
    need_id = make(db, built, "anon", title=f"{tag} 隐名窑线", description=f"{tag} 秘密描述",
                   confidentiality="anonymous", budget_cny=2e7, target_saving_pct=12.0)
    assert shown(db, tag) == set()  # its title and description are not searched
    entry = board.entry(db, need_id, TODAY)
    need, f = entry.need, entry.need.figures
    assert (need.title, need.enterprise, need.description, entry.listed_on) == ("", None, "", None)
    assert (f.budget_cny.low, f.budget_cny.high) == (1e7, 5e7)
    assert (f.target_saving_pct.low, f.target_saving_pct.high) == (10, 15)
    assert need.place_key == "main_metro" and need.place_zh == "主城都市区"
    assert NAME not in repr(entry) and tag not in repr(entry) and "fuling" not in repr(entry)
    found = board.board_page(db, BoardFilter(q="熟料烧成", per_page=100), TODAY)   # its stage's name
    assert need_id in {e.need.id for e in found.entries}


def test_filters_narrow_the_list(db, built):
    tag = token()
    kiln = make(db, built, title=f"{tag} 窑", financing="financing_lease")
    glass = make(db, built, title=f"{tag} 玻璃", stage_key="glass_melting")
    bare = make(db, built, title=f"{tag} 无工序", stage_key=None)  # its sector: its enterprise's
    assert shown(db, tag, sector="glass") == {glass}
    assert shown(db, tag, sector="cement") == {kiln, bare}
    assert shown(db, tag, stage="clinker_burning") == {kiln}
    assert shown(db, tag, financing="financing_lease") == {kiln}
    assert shown(db, tag, region="main_metro") == {kiln, glass, bare}
    assert shown(db, tag, region="northeast") == set()
    assert shown(db, tag, problem_type="waste_heat") == set()
    percent = make(db, built, title=f"{tag} 100%_节能")
    assert shown(db, f"{tag} 100%_") == {percent} and shown(db, f"{tag} 100%x") == set()


@pytest.mark.parametrize("values", [{"sector": "nope"}, {"region": "fuling"}, {"stage": "x"},
                                    {"problem_type": "x"}, {"financing": "x"}, {"q": "x" * 101},
                                    {"q": "a\x00b"}, {"page": 0}, {"per_page": 101}])
def test_unknown_filters_are_refused_before_any_query(db, values):
    with pytest.raises(InvalidInput):
        board.board_page(db, BoardFilter(**values), TODAY)


def test_pages_are_bounded_and_a_page_past_the_end_is_the_last(db, built):
    tag = token()
    ids = [make(db, built, title=f"{tag} 第{n}条") for n in range(45)]
    first = board.board_page(db, BoardFilter(q=tag, per_page=20), TODAY)
    assert (first.total, first.pages, len(first.entries)) == (45, 3, 20)
    assert [e.need.id for e in first.entries] == sorted(ids, reverse=True)[:20]  # newest listing first
    past = board.board_page(db, BoardFilter(q=tag, per_page=20, page=99), TODAY)
    assert past.page == 3 and len(past.entries) == 5
    assert first.by_sector.get("cement", 0) >= 45 and first.by_region.get("main_metro", 0) >= 45


def test_the_owner_confirms_changes_and_withdraws_with_an_audit_trail(db, built):
    tag = token()
    owner = built["orgs"]["public"]
    need_id = make(db, built, title=f"{tag} 确认", listed_days=None)
    actor = Actor(label="test")
    item = board.confirm(db, owner, need_id, "", actor)
    assert item.board_expires_on == clock.today() + timedelta(days=90) and shown(db, tag) == {need_id}
    until = clock.today() + timedelta(days=10)
    assert board.confirm(db, owner, need_id, until.isoformat(), actor).board_expires_on == until
    board.withdraw(db, owner, need_id, actor)
    assert shown(db, tag) == set()
    actions = db.scalars(select(m.AuditEvent.action).where(m.AuditEvent.object_id == str(need_id),
                                                           m.AuditEvent.action.like("need.board%"))).all()
    assert sorted(actions) == ["need.board_listed", "need.board_listed", "need.board_withdrawn"]


def test_the_owner_cannot_list_what_is_not_open_visible_or_its_own(db, built):
    owner = built["orgs"]["public"]
    actor = Actor(label="test")
    for status, code in (("draft", "board.not_open"), ("closed", "board.not_open")):
        with pytest.raises(RuleError) as caught:
            board.confirm(db, owner, make(db, built, status=status, listed_days=None), "", actor)
        assert caught.value.code == code
    with pytest.raises(RuleError) as caught:
        board.confirm(db, owner, make(db, built, confidentiality="bureau_only", listed_days=None), "", actor)
    assert caught.value.code == "board.bureau_only"
    other = make(db, built, "anon", listed_days=None)
    with pytest.raises(NotFound):
        board.confirm(db, owner, other, "", actor)
    with pytest.raises(NotFound):
        board.withdraw(db, owner, other, actor)
    before = db.scalar(select(func.count()).select_from(m.Need).where(m.Need.board_listed_at.is_not(None),
                                                                      m.Need.id == other))
    assert before == 0
    with pytest.raises(RuleError):
        board.confirm(db, owner, make(db, built, listed_days=None), "2099-01-01", actor)
