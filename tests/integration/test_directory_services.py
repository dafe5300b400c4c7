"""The supplier directory's services (issue 22) on a real database: only
verified suppliers and their published listings; filters and escaped search;
completed projects name an enterprise only with its consent; the response
time equals the hand computation on the fixture (tests/directory_world.py)."""
from __future__ import annotations

import pytest

from catalog.errors import InvalidInput, NotFound
from catalog.supply import directory, track_record
from catalog.supply.directory import DirectoryFilter
from tests import directory_world
from tests.conftest import seed_database


@pytest.fixture(scope="module")
def dworld(make_database, tmp_path_factory):
    database = seed_database(make_database(), tmp_path_factory.mktemp("dir-index") / "search-index")
    ids = directory_world.build(database["sessions"])
    yield database, ids
    database["engine"].dispose()


@pytest.fixture
def session(dworld):
    with dworld[0]["sessions"]() as db:
        yield db


def names(session, **filters) -> list[str]:
    return [row.organisation.name for row in directory.listing(session, DirectoryFilter(**filters)).rows]


def test_only_verified_suppliers_are_listed(session):
    assert set(names(session)) == {"丁 100%_节能有限公司", "乙 余热发电有限公司", "甲 节能装备有限公司"}
    page = directory.listing(session, DirectoryFilter())
    assert page.total == 3 and not page.capped and page.pages == 1


def test_a_row_counts_published_listings_only(session, dworld):
    row = next(r for r in directory.listing(session, DirectoryFilter(q="甲")).rows)
    # the draft product (nationwide) counts neither as a product nor as a region
    assert (row.products, row.offers, row.models) == (1, 1, ["shared_savings"])
    assert row.regions == ["chongqing"] and row.technologies == ["CE-01"]
    assert row.completed_projects == 3


@pytest.mark.parametrize("filters, expected", [
    ({"sector": "glass"}, {"乙 余热发电有限公司"}),
    ({"technology": "ce-04"}, {"乙 余热发电有限公司"}),
    ({"category": "waste_heat_recovery"}, {"乙 余热发电有限公司"}),
    ({"category": "efficiency_equipment"}, {"甲 节能装备有限公司"}),
    ({"region": "jiangbei"}, {"甲 节能装备有限公司", "乙 余热发电有限公司"}),  # a district; nationwide
    ({"region": "wanzhou"}, {"甲 节能装备有限公司", "乙 余热发电有限公司"}),   # the offer: all Chongqing
    ({"emc": True}, {"甲 节能装备有限公司"}),
    ({"emc": False}, {"乙 余热发电有限公司", "丁 100%_节能有限公司"}),
    ({"model": "shared_savings"}, {"甲 节能装备有限公司"}),
    ({"model": "financing_lease"}, set()),
    ({"q": "余热电站"}, {"乙 余热发电有限公司"}),      # a product's name
    ({"q": "效益分享"}, {"甲 节能装备有限公司"}),        # an offer's title
    ({"q": "草稿产品"}, set()),                         # a draft is not searched
    ({"q": "丙"}, set()),                               # a pending supplier is not either
    ({"q": "%"}, {"丁 100%_节能有限公司"}),             # LIKE wildcards are plain text
    ({"q": "_"}, {"丁 100%_节能有限公司"}),
])
def test_filters_and_search(session, filters, expected):
    assert set(names(session, **filters)) == expected


@pytest.mark.parametrize("filters", [{"sector": "nope"}, {"category": "x"}, {"technology": "ZZ-99"},
                                     {"region": "atlantis"}, {"model": "free"}, {"q": "x" * 65},
                                     {"sector": "a\x00b"}, {"page": 0}])
def test_unknown_values_are_refused(session, filters):
    with pytest.raises(InvalidInput):
        directory.listing(session, DirectoryFilter(**filters))


def test_paging(session):
    first = directory.listing(session, DirectoryFilter(per_page=2))
    second = directory.listing(session, DirectoryFilter(per_page=2, page=2))
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (3, 2, 2, 1)
    assert {r.organisation.id for r in first.rows}.isdisjoint({r.organisation.id for r in second.rows})


def test_count_is_bounded(session, monkeypatch):
    monkeypatch.setattr(directory, "COUNT_CAP", 2)
    page = directory.listing(session, DirectoryFilter())
    assert (page.total, page.capped) == (2, True)


def test_profiles_of_unverified_or_unknown_organisations_are_not_found(session, dworld):
    ids = dworld[1]
    for key in ("s3", "s4"):
        with pytest.raises(NotFound):
            directory.profile(session, ids[key])
    with pytest.raises(NotFound):
        directory.profile(session, 2**31 - 1)
    enterprise = session.query(directory.ORG).filter_by(name=directory_world.NAMED).one()
    with pytest.raises(NotFound):
        directory.profile(session, enterprise.id)


def test_completed_projects_name_only_consenting_enterprises(session, dworld):
    p = directory.profile(session, dworld[1]["s1"])
    assert [x.enterprise for x in p.projects.named] == [directory_world.NAMED]
    assert p.projects.named[0].achieved_saving_tce == 1234.5
    assert p.projects.named[0].technology.code == "CE-01"
    assert (p.projects.unnamed, p.projects.total) == (2, 3)   # 己 without consent, 庚 without follow-up


def test_response_time_is_the_median_of_the_first_answers(session, dworld):
    """Hand computation: answered in the window after 2, 5.5, 26, 3 and 48
    hours (the later 30-hour steps are not first answers; the 400-day-old one
    and the supplier's own expression of interest do not count); sorted
    2, 3, 5.5, 26, 48 → median 5.5 h; received 6 (one never answered)."""
    r = track_record.response_time(session, dworld[1]["s1"])
    assert r.hours == (2.0, 3.0, 5.5, 26.0, 48.0)
    assert (r.received, r.answered, r.available, r.median_hours) == (6, 5, True, 5.5)
    assert (r.until - r.since).days == 365


def test_response_time_below_the_minimum_is_not_available(session, dworld):
    r = track_record.response_time(session, dworld[1]["s2"])
    assert (r.hours, r.received, r.available, r.median_hours) == ((1.0, 4.0), 2, False, None)
    assert r.minimum == track_record.MIN_ANSWERED == 5
