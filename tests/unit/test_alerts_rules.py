"""Saved searches and the alert scan, the parts without a database: the
address a saved search opens, the page values as a catalogue filter, and the
scan's report."""
from __future__ import annotations

from catalog import models as m
from catalog.alerts.saved import url_of
from catalog.alerts.scan import ScanReport
from catalog.page_args import PAGE_ARGS, catalogue_filter


def test_a_saved_search_opens_its_page_with_the_values_in_the_page_order():
    item = m.SavedSearch(scope="search", params={"sort": "newest", "type": "offer", "q": "余热 发电&TRT",
                                                 "sector": "steel", "plan": "1"})
    assert url_of(item) == ("/search?q=%E4%BD%99%E7%83%AD+%E5%8F%91%E7%94%B5%26TRT&sector=steel&type=offer"
                            "&plan=1&sort=newest")
    assert url_of(m.SavedSearch(scope="catalogue", params={"stage": "clinker_burning", "type": "offer"})) \
        == "/catalogue?stage=clinker_burning"  # the catalogue page has no type


def test_the_catalogue_and_search_pages_know_their_own_arguments():
    assert "type" in PAGE_ARGS["search"] and "type" not in PAGE_ARGS["catalogue"]
    assert {"q", "sector", "stage", "category", "maturity", "plan", "sort"} <= set(PAGE_ARGS["catalogue"])


def test_page_values_become_a_catalogue_filter():
    flt = catalogue_filter({"q": "篦冷机", "sector": "cement", "plan": "yes"}, ("CE-01",), per_page=200)
    assert (flt.sector, flt.plan_named, flt.sort, flt.codes, flt.per_page) == \
        ("cement", True, "relevance", ("CE-01",), 200)
    plain = catalogue_filter({"maturity": "mature", "plan": "0", "sort": "newest"}, None)
    assert (plain.maturity, plain.plan_named, plain.sort, plain.codes, plain.page) == \
        ("mature", False, "newest", None, 1)
    assert catalogue_filter({}, None).sort == "code"


def test_the_scan_report_counts_per_kind():
    report = ScanReport(failures=1)
    report.checked.update(saved_search=3, need_matches=2, leads=1)
    report.first_runs["saved_search"] = 1
    report.notified.update(saved_search=2, leads=1)
    report.seconds["need_matches"] = 12.5
    assert report.lines() == [
        "saved_search: 3 saved searches checked, 1 first scans recorded silently, 2 notifications (0.0 s)",
        "need_matches: 2 open needs checked, 0 first scans recorded silently, 0 notifications (12.5 s)",
        "leads: 1 suppliers checked, 0 first scans recorded silently, 1 notifications (0.0 s)",
        "failures: 1",
    ]
