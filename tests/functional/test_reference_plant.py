"""Issue 13: the catalogue speaks the national catalogues' language — typical
saving, investment and payback at each entry's reference project, sortable
and filterable; the payback follows the bureau's reference prices at once."""
from __future__ import annotations

import re

import pytest

from tests.conftest import sign_in
from tests.functional.test_enterprise import csrf

SETTINGS = {"publish_min_total": "14", "reject_below_total": "10", "min_per_criterion": "2",
            "min_reviewers": "2", "notice_days": "7", "review_years": "3", "discount_rate_pct": "8"}


@pytest.fixture
def bureau(make_accounts_app, world):
    client = make_accounts_app().test_client()
    sign_in(client, "admin@bureau.test")
    return client


def set_prices(client, **prices) -> int:
    data = {**SETTINGS, **prices, "csrf_token": csrf(client, "/bureau/settings")}
    return client.post("/bureau/settings", data=data).status_code


def card(html: str, code: str) -> str:
    start = html.index(f'reference-figures" data-code="{code}"')
    return html[start:html.index("</dl>", start)]


def test_without_reference_prices_there_is_no_payback(bureau):
    # the database is shared: whatever ran before, the prices are blank now (issue 17: random order)
    assert set_prices(bureau) == 302
    html = bureau.get("/technologies/CE-04?lang=en").get_data(as_text=True)
    plant = html[html.index('id="reference-plant"'):]
    assert "the bureau has not set reference energy prices" in plant
    catalogue = bureau.get("/catalogue?sector=cement&lang=en").get_data(as_text=True)
    assert "—" in card(catalogue, "CE-04").split("Payback")[1]


def test_reference_prices_give_each_entry_its_payback(bureau):
    assert set_prices(bureau, ref_electricity_price="0.6", ref_coal_price="900") == 302
    html = bureau.get("/technologies/CE-04?lang=en").get_data(as_text=True)
    # CE-04: 25 kWh/t × 1,550,000 t = 38,750,000 kWh × 0.6 CNY/kWh = 23,250,000 CNY a year;
    # 50,000,000 CNY ÷ 23,250,000 = 2.2 years
    plant = html[html.index('id="reference-plant"'):]
    assert "38,750,000 kWh" in plant and "23,250,000" in plant and "= 2.2 years" in plant
    catalogue = bureau.get("/catalogue?sector=cement&lang=en").get_data(as_text=True)
    assert "2.2 years" in card(catalogue, "CE-04")
    sorted_page = bureau.get("/catalogue?sort=payback&lang=en").get_data(as_text=True)
    codes = re.findall(r'reference-figures" data-code="([A-Z]{2}-\d{2})"', sorted_page)
    # the entries with a reference project come first
    assert codes[0] in ("CE-01", "CE-04", "ST-14", "ST-15", "ST-16", "NF-01", "NF-09")
    cheap = bureau.get("/catalogue?max_payback=3&lang=en").get_data(as_text=True)
    assert "CE-04" in re.findall(r'data-code="([A-Z]{2}-\d{2})"', cheap)
    assert all(re.search(r"(\d+\.\d) years", card(cheap, c)) and float(
        re.search(r"(\d+\.\d) years", card(cheap, c)).group(1)) <= 3
        for c in re.findall(r'reference-figures" data-code="([A-Z]{2}-\d{2})"', cheap))
    # a doubled electricity price halves the payback, on the very next request
    assert set_prices(bureau, ref_electricity_price="1.2", ref_coal_price="900") == 302
    html = bureau.get("/technologies/CE-04?lang=en").get_data(as_text=True)
    assert "= 1.1 years" in html[html.index('id="reference-plant"'):]
    assert set_prices(bureau) == 302  # blank again for the tests that follow on this database


@pytest.mark.parametrize("query", ["max_payback=abc", "max_payback=-1", "max_capex=1e99", "sort=cheapest"])
def test_bad_economics_filters_are_400s(client, query):
    assert client.get(f"/catalogue?{query}").status_code == 400


def test_bad_reference_prices_are_refused(bureau):
    assert set_prices(bureau, ref_electricity_price="-1") == 400
    assert set_prices(bureau, ref_gas_price="cheap") == 400
